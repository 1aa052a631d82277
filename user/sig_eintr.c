/*
 * sig_eintr.c - blocking system calls that a signal interrupts, as on
 * Linux (signal(7) "Interruption of system calls and library functions"):
 *
 *   - a read from an empty pipe, interrupted by alarm(1)'s SIGALRM, fails
 *     with EINTR when the handler has no SA_RESTART, and is run again
 *     with it (the restarted read returns what a child writes later);
 *   - waitpid: EINTR without SA_RESTART, restarted with it;
 *   - nanosleep: EINTR with the time left in rem, with or without
 *     SA_RESTART (it is never restarted after a handler);
 *   - pause: EINTR once a handler has run;
 *   - rt_sigsuspend: EINTR, the handler runs under the mask given to it,
 *     and the old mask is back afterwards.
 *
 * Apart from the alarms, the signals come from a child ("pester") that
 * sends SIGUSR1 to the parent every 50 ms until it is killed, so that the
 * call is interrupted however late the parent gets to it: a signal that
 * comes before the call only runs the handler, and the next one
 * interrupts.  No time is printed, only whether nanosleep's rem is
 * within bounds.
 */
#include "lib/vmtest.h"
#include "lib/usignal.h"

static volatile int handled;
static volatile sigset64_t mask_in_handler, uc_mask;
static int go_fd = -1;                  /* the SIGALRM handler writes a byte here */

/* The handlers take the rt frame (SA_SIGINFO): sa_set's restorer
 * returns through rt_sigreturn, which would not understand the old one. */
static void on_signal(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)sig;
    (void)si;
    (void)uc;
    handled++;
}

static void on_alarm(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)sig;
    (void)si;
    (void)uc;
    handled++;
    if (go_fd >= 0)
        write(go_fd, "x", 1);           /* the writer may go on: the read has been interrupted */
}

static void on_usr1_info(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)sig;
    (void)si;
    handled++;
    mask_in_handler = sig_blocked();
    uc_mask = uc->uc_sigmask;
}

static const char *err_text(int r)
{
    return r == -EINTR ? "-EINTR" : r >= 0 ? "no error" : "another error";
}

/* A child that sends SIGUSR1 to its parent every 50 ms, until killed. */
static int start_pester(void)
{
    int parent = getpid(), pid = fork();

    if (pid == 0) {
        while (getppid() == parent) {
            msleep(50);
            kill(parent, SIGUSR1);
        }
        exit(0);
    }
    return pid;
}

static void stop_pester(int pid)
{
    int status;

    kill(pid, SIGKILL);
    waitpid_retry(pid, &status);
}

int main(void)
{
    int p[2], go[2], pid, pester, r, status;
    char buf[24];

    /* read, interrupted by SIGALRM without SA_RESTART */
    pipe(p);
    sa_set(SIGALRM, on_alarm, SA_SIGINFO, 0);
    handled = 0;
    alarm(1);
    r = read(p[0], buf, sizeof(buf) - 1);
    uprintf(1, "read from an empty pipe, SIGALRM without SA_RESTART: %s, the handler ran: %s\n",
            err_text(r), yes(handled == 1));

    /* read, interrupted by SIGALRM with SA_RESTART: the handler lets the
     * child write, and the read that is run again returns its bytes */
    pipe(go);
    pid = fork();
    if (pid == 0) {
        wait_for(go[0]);
        write(p[1], "late", 4);
        exit(0);
    }
    go_fd = go[1];
    sa_set(SIGALRM, on_alarm, SA_SIGINFO | SA_RESTART, 0);
    handled = 0;
    alarm(1);
    r = read(p[0], buf, sizeof(buf) - 1);
    buf[r > 0 ? r : 0] = 0;
    uprintf(1, "read with SA_RESTART: returned %d \"%s\", the handler ran: %s\n", r, buf, yes(handled == 1));
    go_fd = -1;
    waitpid_retry(pid, &status);
    close(go[0]);
    close(go[1]);
    close(p[0]);
    close(p[1]);

    /* waitpid, interrupted by SIGUSR1 without SA_RESTART: the pester is
     * the child waited for, and it never exits by itself */
    sa_set(SIGUSR1, on_signal, SA_SIGINFO, 0);
    pester = start_pester();
    r = waitpid(pester, &status, 0);
    uprintf(1, "waitpid, SIGUSR1 without SA_RESTART: %s\n", err_text(r));
    stop_pester(pester);

    /* waitpid with SA_RESTART: a child that sends SIGUSR1 three times
     * and then exits; the waitpid the signals interrupt is run again */
    sa_set(SIGUSR1, on_signal, SA_SIGINFO | SA_RESTART, 0);
    handled = 0;
    int parent = getpid();
    pid = fork();
    if (pid == 0) {
        for (int i = 0; i < 3; i++) {
            msleep(50);
            kill(parent, SIGUSR1);
        }
        msleep(50);
        exit(4);
    }
    r = waitpid(pid, &status, 0);
    uprintf(1, "waitpid, SIGUSR1 with SA_RESTART: returned the child: %s, %s, the handler ran: %s\n",
            yes(r == pid), status_text(status, buf), yes(handled > 0));

    /* nanosleep: -EINTR and the time left, with SA_RESTART or without */
    for (int restart = 0; restart <= 1; restart++) {
        struct timespec req = { 2, 0 }, rem = { -1, -1 };
        sa_set(SIGUSR1, on_signal, SA_SIGINFO | (restart ? SA_RESTART : 0), 0);
        pester = start_pester();
        r = nanosleep(&req, &rem);
        stop_pester(pester);
        long long left = rem.tv_sec * 1000000000ll + rem.tv_nsec;
        uprintf(1, "nanosleep(2 s), SIGUSR1 %s SA_RESTART: %s, rem > 0: %s, rem < 2 s: %s\n",
                restart ? "with" : "without", err_text(r), yes(left > 0),
                yes(left < 2000000000ll && rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000));
    }

    /* pause: -EINTR after the handler, SA_RESTART or not */
    sa_set(SIGUSR1, on_signal, SA_SIGINFO | SA_RESTART, 0);
    handled = 0;
    pester = start_pester();
    r = pause();
    int ran = handled;
    stop_pester(pester);
    uprintf(1, "pause, SIGUSR1 with SA_RESTART: %s, the handler ran: %s\n", err_text(r), yes(ran > 0));

    /* rt_sigsuspend: SIGUSR1 and SIGUSR2 blocked; suspended with nothing
     * blocked, the handler runs with its own signal blocked only, and its
     * frame keeps the old mask, which is back when rt_sigsuspend returns */
    sigset64_t both = SIGBIT(SIGUSR1) | SIGBIT(SIGUSR2), none = 0;
    sa_set(SIGUSR1, on_usr1_info, SA_SIGINFO, 0);
    sigprocmask64(SIG_SETMASK, &both, NULL);
    handled = 0;
    pester = start_pester();
    r = sigsuspend64(&none);
    ran = handled;
    sigset64_t after = sig_blocked();
    stop_pester(pester);
    uprintf(1, "rt_sigsuspend: %s, the handler ran: %s\n", err_text(r), yes(ran == 1));
    uprintf(1, "  blocked in the handler 0x%x, the frame's uc_sigmask 0x%x, blocked after 0x%x\n",
            (unsigned)mask_in_handler, (unsigned)uc_mask, (unsigned)after);
    uprintf(1, "  high words: 0x%x 0x%x 0x%x\n", (unsigned)(mask_in_handler >> 32),
            (unsigned)(uc_mask >> 32), (unsigned)(after >> 32));
    /* the pester's last SIGUSR1 may be pending: ignore it, then unblock */
    struct ksigaction ign = { (void *)SIG_IGN, 0, 0, 0 };
    rt_sigaction(SIGUSR1, &ign, NULL);
    sigprocmask64(SIG_SETMASK, &none, NULL);
    uprintf(1, "done\n");
    return 0;
}

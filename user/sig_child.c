/*
 * sig_child.c - SIGCHLD, and a child that stops and continues, as on
 * Linux (signal(7), sigaction(2), wait4(2)):
 *
 *   - a SA_SIGINFO handler for SIGCHLD learns how a child ended: si_code
 *     CLD_EXITED with the child's pid and its exit code in si_status, or
 *     CLD_KILLED with the signal that killed it;
 *   - SIGSTOP stops a child: wait4(WUNTRACED) reports it (WIFSTOPPED,
 *     WSTOPSIG 19) and SIGCHLD comes with CLD_STOPPED; SIGCONT lets it go
 *     on: wait4(WCONTINUED) reports status 0xffff and SIGCHLD comes with
 *     CLD_CONTINUED;
 *   - a SIGTERM sent to a stopped child waits, pending, and kills it
 *     only once SIGCONT lets it run;
 *   - with SA_NOCLDSTOP no SIGCHLD comes for a stop or a continue;
 *   - SIGCHLD's default action is to ignore it: the parent lives on;
 *   - "cmd & ; wait": a parent asleep in waitpid(-1) returns when its
 *     child exits, with or without a SIGCHLD handler.
 *
 * SIGCHLD is blocked but while the parent waits for it in rt_sigsuspend,
 * so each event is taken before the next one happens: a standard signal
 * does not queue, and a second SIGCHLD sent while one is pending is lost.
 * No pid is printed, only whether si_pid is the child's.
 */
#include "lib/vmtest.h"
#include "lib/usignal.h"

static volatile int got, got_code, got_pid, got_status;

static void on_sigchld(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)uc;
    if (sig != SIGCHLD || si->si_signo != SIGCHLD)
        return;
    got++;
    got_code = si->si_code;
    got_pid = si->chld.pid;
    got_status = si->chld.status;
}

static const char *cld_name(int code)
{
    switch (code) {
    case CLD_EXITED: return "CLD_EXITED";
    case CLD_KILLED: return "CLD_KILLED";
    case CLD_STOPPED: return "CLD_STOPPED";
    case CLD_CONTINUED: return "CLD_CONTINUED";
    default: return "something else";
    }
}

/* Waits in rt_sigsuspend, SIGCHLD unblocked, for the next SIGCHLD (it
 * may be pending already) and prints what its siginfo says. */
static void take_sigchld(const char *what, int pid)
{
    sigset64_t none = 0;

    got = 0;
    while (!got)
        sigsuspend64(&none);
    uprintf(1, "%s: SIGCHLD %s, si_pid is the child's: %s, si_status %d\n", what,
            cld_name(got_code), yes(got_pid == pid), got_status);
}

static int sigchld_pending(void)
{
    return (sig_pending() & SIGBIT(SIGCHLD)) != 0;
}

/* A child that does nothing but wait for signals. */
static int child_that_pauses(void)
{
    int pid = fork();

    if (pid == 0)
        for (;;)
            pause();
    return pid;
}

static void print_wait(const char *what, int r, int pid, int status)
{
    char buf[24];

    uprintf(1, "%s: returned the child: %s, %s\n", what, yes(r == pid), status_text(status, buf));
}

int main(void)
{
    sigset64_t chld = SIGBIT(SIGCHLD);
    int pid, r, status;

    sa_set(SIGCHLD, on_sigchld, SA_SIGINFO, 0);
    sigprocmask64(SIG_BLOCK, &chld, NULL);

    /* a child that exits 7 */
    pid = fork();
    if (pid == 0)
        exit(7);
    take_sigchld("child exits 7", pid);
    r = wait4_status(pid, &status, 0);
    print_wait("wait4", r, pid, status);

    /* a child killed by SIGTERM */
    pid = child_that_pauses();
    kill(pid, SIGTERM);
    take_sigchld("child killed by SIGTERM", pid);
    r = wait4_status(pid, &status, 0);
    print_wait("wait4", r, pid, status);

    /* a child stopped by SIGSTOP, then continued by SIGCONT */
    pid = child_that_pauses();
    kill(pid, SIGSTOP);
    status = 0;
    r = wait4_status(pid, &status, WUNTRACED);
    uprintf(1, "wait4(WUNTRACED) after SIGSTOP: returned the child: %s, WIFSTOPPED %s, WSTOPSIG %d\n",
            yes(r == pid), yes(WIFSTOPPED(status)), WSTOPSIG(status));
    take_sigchld("child stopped", pid);
    kill(pid, SIGCONT);
    status = 0;
    r = wait4_status(pid, &status, WCONTINUED);
    uprintf(1, "wait4(WCONTINUED) after SIGCONT: returned the child: %s, status 0x%x, WIFCONTINUED %s\n",
            yes(r == pid), status, yes(WIFCONTINUED(status)));
    take_sigchld("child continued", pid);

    /* the same child stopped again: a SIGTERM waits for the SIGCONT */
    kill(pid, SIGSTOP);
    r = wait4_status(pid, &status, WUNTRACED);
    uprintf(1, "stopped again: %s\n", yes(r == pid && WIFSTOPPED(status)));
    take_sigchld("child stopped", pid);
    kill(pid, SIGTERM);
    r = wait4_status(pid, &status, WNOHANG);
    uprintf(1, "SIGTERM to the stopped child: wait4(WNOHANG) returns %d: it lives on, stopped\n", r);
    kill(pid, SIGCONT);
    r = wait4_status(pid, &status, 0);
    print_wait("after SIGCONT, wait4", r, pid, status);
    /* two SIGCHLDs were sent, continued then killed: the second one
     * found the first pending and was lost */
    take_sigchld("continued, then killed", pid);
    uprintf(1, "another SIGCHLD pending: %s\n", yes(sigchld_pending()));

    /* SA_NOCLDSTOP: no SIGCHLD for the stop or the continue */
    sa_set(SIGCHLD, on_sigchld, SA_SIGINFO | SA_NOCLDSTOP, 0);
    pid = child_that_pauses();
    kill(pid, SIGSTOP);
    r = wait4_status(pid, &status, WUNTRACED);
    uprintf(1, "SA_NOCLDSTOP: wait4(WUNTRACED): stopped: %s, SIGCHLD pending: %s\n",
            yes(r == pid && WIFSTOPPED(status)), yes(sigchld_pending()));
    kill(pid, SIGCONT);
    r = wait4_status(pid, &status, WCONTINUED);
    uprintf(1, "SA_NOCLDSTOP: wait4(WCONTINUED): continued: %s\n", yes(r == pid && WIFCONTINUED(status)));
    kill(pid, SIGKILL);
    r = wait4_status(pid, &status, 0);
    print_wait("SA_NOCLDSTOP: after SIGKILL, wait4", r, pid, status);
    take_sigchld("SA_NOCLDSTOP: the first SIGCHLD", pid);

    /* SIGCHLD at its default action, unblocked: ignored */
    struct ksigaction dfl = { (void *)SIG_DFL, 0, 0, 0 };
    rt_sigaction(SIGCHLD, &dfl, NULL);
    sigprocmask64(SIG_UNBLOCK, &chld, NULL);
    pid = fork();
    if (pid == 0)
        exit(3);
    r = wait4_status(pid, &status, 0);
    print_wait("SIGCHLD at SIG_DFL: wait4", r, pid, status);
    uprintf(1, "SIGCHLD at SIG_DFL: the parent lives on\n");

    /* "cmd & ; wait": the parent sleeps in waitpid(-1) until the child exits */
    pid = fork();
    if (pid == 0) {
        msleep(100);
        exit(5);
    }
    r = waitpid(-1, &status, 0);
    print_wait("waitpid(-1) for a child that exits later", r, pid, status);

    /* the same with a SIGCHLD handler (no SA_RESTART): the child is
     * reaped first, so waitpid returns it, and then the handler runs */
    sa_set(SIGCHLD, on_sigchld, SA_SIGINFO, 0);
    got = 0;
    pid = fork();
    if (pid == 0) {
        msleep(100);
        exit(6);
    }
    r = waitpid(-1, &status, 0);
    print_wait("waitpid(-1) with a SIGCHLD handler", r, pid, status);
    uprintf(1, "the handler ran: %s, %s, si_status %d\n", yes(got == 1), cld_name(got_code), got_status);
    return 0;
}

/*
 * sig_glibc.c - signals as an ordinary C program uses them, through
 * glibc: signal() (BSD semantics: the handler stays, SA_RESTART),
 * sigaction() with SA_SIGINFO and a mask, raise() (tgkill, so si_code
 * SI_TKILL), alarm() and pause(), a NULL dereference caught with SIGSEGV
 * and left with siglongjmp, and strsignal/psignal.
 *
 * sigsetjmp(env, 1) saves the signal mask and siglongjmp puts it back: the
 * SIGSEGV that the kernel blocked for the handler is unblocked again, so
 * a second fault is caught too.  With sigsetjmp(env, 0) the mask is not
 * saved, and after the jump SIGSEGV stays blocked.
 *
 * stdout is unbuffered so that its lines and psignal's on stderr come out
 * in program order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_calls, alarm_calls;

static void on_usr1(int sig)
{
    (void)sig;
    usr1_calls++;
}

static void on_alarm(int sig)
{
    (void)sig;
    alarm_calls++;
}

/* What the SA_SIGINFO handlers saw. */
static int seen_signo, seen_code, seen_pid_is_us, seen_usr1_blocked, seen_usr2_blocked;
static void *seen_addr;

static void on_usr2_info(int sig, siginfo_t *si, void *uc)
{
    sigset_t now;

    (void)sig;
    (void)uc;
    sigprocmask(SIG_BLOCK, NULL, &now);
    seen_signo = si->si_signo;
    seen_code = si->si_code;
    seen_pid_is_us = si->si_pid == getpid();
    seen_usr1_blocked = sigismember(&now, SIGUSR1);
    seen_usr2_blocked = sigismember(&now, SIGUSR2);
}

static sigjmp_buf env;
static int segv_calls;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    segv_calls++;
    seen_code = si->si_code;
    seen_addr = si->si_addr;
    siglongjmp(env, 1);
}

static int *volatile null_pointer;      /* volatile: gcc cannot see it is NULL */

static const char *blocked(int sig)
{
    sigset_t now;

    sigprocmask(SIG_BLOCK, NULL, &now);
    return sigismember(&now, sig) ? "blocked" : "not blocked";
}

/* Writes through the NULL pointer under sigsetjmp(env, savemask). */
static void fault_and_jump(int savemask)
{
    if (sigsetjmp(env, savemask) == 0) {
        *null_pointer = 1;
        printf("  the store to NULL did not fault\n");
        return;
    }
    printf("  back by siglongjmp: si_code %s, si_addr %p; SIGSEGV %s, SIGUSR2 %s\n",
           seen_code == SEGV_MAPERR ? "SEGV_MAPERR" : "other", seen_addr, blocked(SIGSEGV), blocked(SIGUSR2));
}

int main(void)
{
    struct sigaction sa, old;
    sigset_t set;

    setvbuf(stdout, NULL, _IONBF, 0);

    printf("signal():\n");
    printf("  signal(SIGUSR1, on_usr1) returns SIG_DFL: %s\n", signal(SIGUSR1, on_usr1) == SIG_DFL ? "yes" : "no");
    int r = raise(SIGUSR1);
    r |= raise(SIGUSR1);
    printf("  raise(SIGUSR1) twice returns %d, handler calls %d\n", r, (int)usr1_calls);
    sigaction(SIGUSR1, NULL, &old);
    printf("  as sigaction has it: handler on_usr1 %s, SA_RESTART %s, SA_RESETHAND %s\n",
           old.sa_handler == on_usr1 ? "yes" : "no", old.sa_flags & SA_RESTART ? "yes" : "no",
           old.sa_flags & SA_RESETHAND ? "yes" : "no");

    printf("sigaction() with SA_SIGINFO and SIGUSR1 in sa_mask:\n");
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_usr2_info;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR1);
    printf("  sigaction returns %d\n", sigaction(SIGUSR2, &sa, NULL));
    printf("  raise(SIGUSR2) returns %d\n", raise(SIGUSR2));
    printf("  si_signo %d, si_code %s, si_pid is ours: %s\n", seen_signo,
           seen_code == SI_TKILL ? "SI_TKILL" : seen_code == SI_USER ? "SI_USER" : "other",
           seen_pid_is_us ? "yes" : "no");
    printf("  in the handler SIGUSR1 %s, SIGUSR2 %s; after it SIGUSR1 %s, SIGUSR2 %s\n",
           seen_usr1_blocked ? "blocked" : "not blocked", seen_usr2_blocked ? "blocked" : "not blocked",
           blocked(SIGUSR1), blocked(SIGUSR2));
    errno = 0;
    r = sigaction(SIGKILL, &sa, NULL);
    printf("  sigaction(SIGKILL) returns %d, errno %s\n", r, errno == EINVAL ? "EINVAL" : "other");

    printf("alarm() and pause():\n");
    signal(SIGALRM, on_alarm);
    printf("  alarm(5) returns %u\n", alarm(5));
    printf("  alarm(1) returns %u\n", alarm(1));
    errno = 0;
    r = pause();
    printf("  pause returns %d, errno %s, SIGALRM handled %d time\n", r, errno == EINTR ? "EINTR" : "other",
           (int)alarm_calls);
    printf("  alarm(0) returns %u\n", alarm(0));

    printf("SIGSEGV from a NULL store, sigsetjmp(env, 1), SIGUSR2 blocked:\n");
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    fault_and_jump(1);
    printf("again:\n");
    fault_and_jump(1);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("the same with sigsetjmp(env, 0), SIGUSR2 not blocked:\n");
    fault_and_jump(0);
    sigemptyset(&set);
    sigaddset(&set, SIGSEGV);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("  SIGSEGV unblocked by hand: %s; handler calls %d\n", blocked(SIGSEGV), segv_calls);

    printf("names:\n");
    printf("  strsignal: %s / %s / %s / %s\n", strsignal(SIGSEGV), strsignal(SIGUSR1), strsignal(SIGALRM),
           strsignal(SIGRTMIN + 2));
    psignal(SIGINT, "  psignal");
    return 0;
}

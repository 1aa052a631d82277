/*
 * sig_exec.c - what fork and execve do to a process's signals, as on
 * Linux (fork(2), execve(2), signal(7)):
 *
 *   fork    the child has the parent's actions and blocked mask (it
 *           raises SIGUSR1 and the parent's handler runs in it), but not
 *           the parent's pending signals;
 *   execve  a handled signal goes back to SIG_DFL, an ignored one stays
 *           SIG_IGN, every action loses its flags and mask; the blocked
 *           mask and the pending signals are kept.
 *
 * The program runs twice: as started, it sets up its signals, forks, and
 * execs itself (argv[0], at the root of the ramdisk) with the argument
 * "after-exec"; the new image reads the actions back with rt_sigaction
 * (sig, NULL, &old), the mask with rt_sigprocmask, and prints the
 * SigBlk, SigIgn and SigCgt lines of /proc/self/status.
 */
#include "lib/vmtest.h"
#include "lib/usignal.h"

static volatile int handled;

/* An rt-frame handler (SA_SIGINFO), as sa_set's restorer wants. */
static void on_signal(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)sig;
    (void)si;
    (void)uc;
    handled++;
}

/* Prints the SigBlk, SigIgn and SigCgt lines of /proc/self/status. */
static void print_proc_sigsets(const char *who)
{
    static char text[4096];

    read_all(open("/proc/self/status", O_RDONLY, 0), text, sizeof(text));
    for (char *line = text; *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = 0;
        if (!strncmp(line, "SigBlk:", 7) || !strncmp(line, "SigIgn:", 7) || !strncmp(line, "SigCgt:", 7))
            uprintf(1, "%s: %s\n", who, line);
        line = end ? end + 1 : line + strlen(line);
    }
}

static void print_action(const char *who, const char *name, int sig)
{
    struct ksigaction old;

    memset(&old, 0xee, sizeof(old));
    int r = rt_sigaction(sig, NULL, &old);
    const char *handler = old.handler == (void *)SIG_DFL ? "SIG_DFL" :
                          old.handler == (void *)SIG_IGN ? "SIG_IGN" :
                          old.handler == (void *)on_signal ? "on_signal" : "another handler";
    uprintf(1, "%s: %s: rt_sigaction %d, %s, flags 0x%x, restorer is NULL: %s, mask 0x%x\n", who, name, r,
            handler, (unsigned)old.flags, yes(old.restorer == NULL), (unsigned)old.mask);
}

static void print_sets(const char *who)
{
    sigset64_t blocked = sig_blocked(), pending = sig_pending();

    uprintf(1, "%s: blocked 0x%x, pending 0x%x\n", who, (unsigned)blocked, (unsigned)pending);
}

/* The image execve started: what it has of the old one's signals. */
static int after_exec(int argc, char **argv)
{
    int pid, status;
    char buf[24];

    uprintf(1, "after execve: argc %d, argv[0] %s, argv[1] %s\n", argc, argv[0], argv[1]);
    print_action("after execve", "SIGUSR1", SIGUSR1);
    print_action("after execve", "SIGTERM", SIGTERM);
    print_action("after execve", "SIGHUP", SIGHUP);
    print_sets("after execve");
    print_proc_sigsets("after execve");

    /* SIGHUP is still ignored: raising it does nothing */
    raise(SIGHUP);
    uprintf(1, "after execve: raise(SIGHUP): still here\n");
    /* SIGUSR1 has its default action again: it kills */
    pid = fork();
    if (pid == 0) {
        raise(SIGUSR1);
        exit(0);
    }
    waitpid_retry(pid, &status);
    uprintf(1, "after execve: a child raising SIGUSR1: %s\n", status_text(status, buf));
    return 0;
}

int main(int argc, char **argv)
{
    int pid, status;
    char buf[24];

    if (argc > 1 && !strcmp(argv[1], "after-exec"))
        return after_exec(argc, argv);

    /* a clean slate, whatever the program was started with */
    struct ksigaction dfl = { (void *)SIG_DFL, 0, 0, 0 }, ign = { (void *)SIG_IGN, 0, 0, 0 };
    sigset64_t none = 0;
    for (int sig = 1; sig <= 64; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            rt_sigaction(sig, &dfl, NULL);
    sigprocmask64(SIG_SETMASK, &none, NULL);

    /* SIGUSR1 and SIGTERM handled, SIGHUP ignored; SIGINT and SIGUSR2
     * blocked, and a SIGUSR2 pending */
    sa_set(SIGUSR1, on_signal, SA_SIGINFO | SA_RESTART, SIGBIT(SIGUSR2));
    sa_set(SIGTERM, on_signal, SA_SIGINFO, 0);
    rt_sigaction(SIGHUP, &ign, NULL);
    sigset64_t block = SIGBIT(SIGINT) | SIGBIT(SIGUSR2);
    sigprocmask64(SIG_BLOCK, &block, NULL);
    raise(SIGUSR2);
    print_action("parent", "SIGUSR1", SIGUSR1);
    print_sets("parent");
    print_proc_sigsets("parent");

    /* fork: the child has the actions and the mask, not the pending SIGUSR2 */
    pid = fork();
    if (pid == 0) {
        print_action("child", "SIGUSR1", SIGUSR1);
        print_sets("child");
        handled = 0;
        raise(SIGUSR1);
        uprintf(1, "child: raise(SIGUSR1) ran the parent's handler: %s\n", yes(handled == 1));
        exit(0);
    }
    waitpid_retry(pid, &status);
    uprintf(1, "child: %s\n", status_text(status, buf));
    print_sets("parent after the fork");

    /* execve of this program, which goes on in after_exec */
    char *args[] = { argv[0], "after-exec", NULL };
    char *envp[] = { NULL };
    int r = execve(argv[0], args, envp);
    uprintf(1, "execve %s failed: %d\n", argv[0], r);
    return 1;
}

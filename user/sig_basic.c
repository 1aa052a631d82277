/*
 * sig_basic.c - sending, catching, ignoring and blocking signals (raw).
 *
 *   kill, tkill and tgkill to self: the handler runs before the call
 *   returns, with si_code SI_USER or SI_TKILL and si_pid the sender;
 *   SIG_IGN, and the defaults that ignore (SIGCHLD, SIGURG, SIGWINCH);
 *   rt_sigaction's errors: SIGKILL and SIGSTOP cannot be caught, bad
 *   numbers, a sigsetsize other than 8; SIGKILL cannot be blocked;
 *   a blocked signal is pending (rt_sigpending) and runs once when
 *   unblocked, however often it was sent; several pending signals run
 *   in Linux's order (the frame of the lowest is built first, so its
 *   handler runs last);
 *   SA_RESETHAND (the handler runs once), SA_NODEFER (the same signal
 *   nests), sa_mask (another signal waits for the handler to return);
 *   rt_sigsuspend; /proc/self/status's signal lines;
 *   kill between processes, and SIGKILL, which a process that blocks
 *   and catches everything still dies of.
 */
#include "lib/usignal.h"
#include "lib/vmtest.h"

static volatile int runs, depth, max_depth, last_code, last_pid_ok;
static char order[16];
static volatile int norder;

static void record(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)uc;
    runs++;
    last_code = si->si_code;
    last_pid_ok = si->chld.pid == getpid();
    if (norder < (int)sizeof(order) - 1)
        order[norder++] = (char)('A' + sig - 1);
}

static void nest(int sig, struct siginfo *si, struct ucontext *uc)
{
    record(sig, si, uc);
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    if (runs == 1)
        raise(sig);                     /* runs now with SA_NODEFER, else after we return */
    depth--;
}

static sigset64_t mask_in_handler;

static void usr1_raises_usr2(int sig, struct siginfo *si, struct ucontext *uc)
{
    record(sig, si, uc);
    mask_in_handler = sig_blocked();
    raise(SIGUSR2);                     /* in sa_mask: waits */
    if (norder < (int)sizeof(order) - 1)
        order[norder++] = '.';          /* the handler's end */
}

static void reset(void)
{
    runs = depth = max_depth = norder = 0;
    memset(order, 0, sizeof(order));
}

static unsigned handler_of(int sig)
{
    struct ksigaction old;
    rt_sigaction(sig, NULL, &old);
    return (unsigned)old.handler;
}

static void print_status_sig_lines(void)
{
    char text[2048];
    int fd = open("/proc/self/status", O_RDONLY, 0);
    read_all(fd, text, sizeof(text));
    close(fd);
    for (char *line = text; *line;) {
        char *end = strchr(line, '\n');
        if (!end)
            break;
        *end = 0;
        /* the masks; not SigQ, whose limit depends on the machine */
        if ((!strncmp(line, "Sig", 3) && strncmp(line, "SigQ", 4)) || !strncmp(line, "ShdPnd", 6))
            uprintf(1, "  %s\n", line);
        line = end + 1;
    }
}

static void blocks_everything(void *arg)
{
    sigset64_t all = ~0ull;
    int *ready = arg;

    for (int sig = 1; sig <= 31; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            sa_set(sig, record, SA_SIGINFO, 0);
    sigprocmask64(SIG_SETMASK, &all, NULL);
    signal_other(ready[1]);
    for (;;)
        pause();
}

int main(void)
{
    char buf[24];
    struct ksigaction ka = { (void *)record, SA_SIGINFO | SA_RESTORER, sig_restorer, 0 };
    sigset64_t set, old;

    sa_set(SIGUSR1, record, SA_SIGINFO, 0);
    reset();
    int r = kill(getpid(), SIGUSR1);
    uprintf(1, "kill to self: %d, handler runs %d, si_code %d, si_pid is ours: %s\n", r, runs, last_code,
            yes(last_pid_ok));
    reset();
    r = tkill(getpid(), SIGUSR1);
    uprintf(1, "tkill to self: %d, handler runs %d, si_code %d, si_pid is ours: %s\n", r, runs, last_code,
            yes(last_pid_ok));
    reset();
    r = tgkill(getpid(), getpid(), SIGUSR1);
    uprintf(1, "tgkill to self: %d, handler runs %d, si_code %d\n", r, runs, last_code);
    uprintf(1, "tkill(0): %d, tkill(99999): %d, tgkill(0, self): %d, tgkill(other tgid): %d, "
               "tkill(self, 65): %d\n", tkill(0, SIGUSR1), tkill(99999, SIGUSR1),
            tgkill(0, getpid(), SIGUSR1), tgkill(getpid() + 1000, getpid(), SIGUSR1), tkill(getpid(), 65));

    /* ignoring */
    reset();
    sa_set(SIGUSR1, (void *)SIG_IGN, 0, 0);
    raise(SIGUSR1);
    uprintf(1, "SIG_IGN: still here, pending %x\n", (unsigned)sig_pending());
    raise(SIGCHLD);
    raise(SIGURG);
    raise(SIGWINCH);
    uprintf(1, "SIGCHLD, SIGURG, SIGWINCH by default: still here\n");

    /* what cannot be */
    uprintf(1, "catch SIGKILL: %d, SIGSTOP: %d; ignore SIGKILL: %d; read SIGKILL's action: %d\n",
            rt_sigaction(SIGKILL, &ka, NULL), rt_sigaction(SIGSTOP, &ka, NULL),
            sa_set(SIGKILL, (void *)SIG_IGN, 0, 0), rt_sigaction(SIGKILL, NULL, &ka));
    ka.handler = (void *)record;
    uprintf(1, "signal 0: %d, 65: %d, sigsetsize 4: %d, bad act: %d, bad oact: %d\n",
            rt_sigaction(0, &ka, NULL), rt_sigaction(65, &ka, NULL),
            (int)syscall4(SYS_rt_sigaction, SIGUSR1, (long)&ka, 0, 4),
            rt_sigaction(SIGUSR1, (struct ksigaction *)16, NULL), rt_sigaction(SIGUSR1, NULL, (void *)16));
    set = SIGBIT(SIGKILL) | SIGBIT(SIGSTOP) | SIGBIT(SIGUSR2);
    sigprocmask64(SIG_BLOCK, &set, &old);
    uprintf(1, "block SIGKILL, SIGSTOP, SIGUSR2: blocked %x; how 3: %d; sigsetsize 4: %d\n",
            (unsigned)sig_blocked(), sigprocmask64(3, &set, NULL),
            (int)syscall4(SYS_rt_sigprocmask, SIG_BLOCK, (long)&set, 0, 4));
    sigprocmask64(SIG_SETMASK, &old, NULL);

    /* blocked, then pending, then delivered once */
    sa_set(SIGUSR1, record, SA_SIGINFO, 0);
    reset();
    set = SIGBIT(SIGUSR1);
    sigprocmask64(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    raise(SIGUSR1);
    uprintf(1, "blocked and sent twice: runs %d, pending %x\n", runs, (unsigned)sig_pending());
    sigprocmask64(SIG_UNBLOCK, &set, NULL);
    uprintf(1, "unblocked: runs %d, pending %x\n", runs, (unsigned)sig_pending());

    /* several at once */
    sa_set(SIGHUP, record, SA_SIGINFO, 0);
    sa_set(SIGUSR2, record, SA_SIGINFO, 0);
    reset();
    set = SIGBIT(SIGHUP) | SIGBIT(SIGUSR1) | SIGBIT(SIGUSR2);
    sigprocmask64(SIG_BLOCK, &set, NULL);
    raise(SIGUSR2);
    raise(SIGHUP);
    raise(SIGUSR1);
    sigprocmask64(SIG_UNBLOCK, &set, NULL);
    uprintf(1, "SIGUSR2, SIGHUP, SIGUSR1 held, then let go: handlers ran in the order %s "
               "(A is 1, J 10, L 12)\n", order);

    /* SA_RESETHAND */
    sa_set(SIGUSR1, record, SA_SIGINFO | SA_RESETHAND, 0);
    reset();
    raise(SIGUSR1);
    uprintf(1, "SA_RESETHAND: runs %d, then the action is SIG_DFL: %s\n", runs, yes(handler_of(SIGUSR1) == SIG_DFL));

    /* SA_NODEFER and its absence */
    sa_set(SIGUSR1, nest, SA_SIGINFO | SA_NODEFER, 0);
    reset();
    raise(SIGUSR1);
    uprintf(1, "SA_NODEFER: runs %d, deepest nesting %d\n", runs, max_depth);
    sa_set(SIGUSR1, nest, SA_SIGINFO, 0);
    reset();
    raise(SIGUSR1);
    uprintf(1, "without it: runs %d, deepest nesting %d\n", runs, max_depth);

    /* sa_mask */
    sa_set(SIGUSR1, usr1_raises_usr2, SA_SIGINFO, SIGBIT(SIGUSR2));
    reset();
    raise(SIGUSR1);
    uprintf(1, "sa_mask SIGUSR2: mask in the handler %x, order %s, mask after %x\n",
            (unsigned)mask_in_handler, order, (unsigned)sig_blocked());

    /* rt_sigsuspend: wait with SIGUSR1 let through, then the old mask is back */
    sa_set(SIGUSR1, record, SA_SIGINFO, 0);
    reset();
    set = SIGBIT(SIGUSR1);
    sigprocmask64(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    sigset64_t none = 0;
    r = sigsuspend64(&none);
    uprintf(1, "rt_sigsuspend: %d, runs %d, mask after %x; sigsetsize 4: %d\n", r, runs,
            (unsigned)sig_blocked(), (int)syscall2(SYS_rt_sigsuspend, (long)&none, 4));
    raise(SIGUSR1);
    sa_set(SIGUSR2, (void *)SIG_IGN, 0, 0);
    uprintf(1, "/proc/self/status with SIGUSR1 caught, blocked and pending, SIGUSR2 ignored, "
               "SIGHUP caught:\n");
    print_status_sig_lines();
    set = SIGBIT(SIGUSR1);
    sigprocmask64(SIG_UNBLOCK, &set, NULL);

    /* between processes */
    int ready[2];
    pipe(ready);
    reset();
    int pid = fork();
    if (pid == 0) {
        sa_set(SIGUSR1, record, SA_SIGINFO, 0);
        signal_other(ready[1]);
        while (!runs)
            pause();
        uprintf(1, "child: SIGUSR1 from the parent: si_code %d\n", last_code);
        exit(0);
    }
    wait_for(ready[0]);
    kill(pid, SIGUSR1);
    int status;
    waitpid_retry(pid, &status);
    uprintf(1, "child that waited for SIGUSR1: %s\n", status_text(status, buf));

    pid = fork();
    if (pid == 0)
        blocks_everything(ready);
    wait_for(ready[0]);
    kill(pid, SIGTERM);
    kill(pid, SIGKILL);
    waitpid_retry(pid, &status);
    uprintf(1, "child that blocks and catches everything, sent SIGKILL: %s\n", status_text(status, buf));
    return 0;
}

/*
 * signal.c - sending signals, and deciding on the way back to user mode
 * what each pending one does (see signal.h).  The frames a handler runs
 * on are built in arch/x86/sigframe.c; the system calls are in
 * kernel/sys_signal.c.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/trap.h"
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "kernel/task.h"
#include "kernel/trace.h"

enum sig_default { SIG_TERMINATE, SIG_IGNORE, SIG_STOP, SIG_CONTINUE };

/* The default action of each signal, as Linux's (signal(7)). */
static enum sig_default default_action(int sig)
{
    switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH:
        return SIG_IGNORE;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return SIG_STOP;
    case SIGCONT:
        return SIG_CONTINUE;
    default:
        return SIG_TERMINATE;
    }
}

#define STOP_SIGNALS (sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))

/* t would throw sig away: ignored, or a default that does nothing (a
 * blocked signal stays pending, as on Linux, since the action may
 * change before it is unblocked). */
static int sig_discarded(const struct task *t, int sig)
{
    const struct k_sigaction *ka = &t->sig.action[sig - 1];

    if (t->sig.blocked & sigmask(sig))
        return 0;
    if (ka->handler == SIG_IGN)
        return 1;
    /* SIGCONT's default, to continue, is done when it is sent */
    return ka->handler == SIG_DFL && (default_action(sig) == SIG_IGNORE ||
                                      default_action(sig) == SIG_CONTINUE);
}

int signal_pending(const struct task *t)
{
    return (t->sig.pending & ~t->sig.blocked) != 0 || t->sig.fatal;
}

int fatal_signal_pending(const struct task *t)
{
    return t->sig.fatal || (t->sig.pending & sigmask(SIGKILL));
}

int signal_work(const struct task *t)
{
    return signal_pending(t) || t->sig.restore_blocked || t->sig.syscall_nr >= 0;
}

/* SIGCONT and the stop signals cancel each other when sent, as on Linux. */
static void stop_or_continue_sent(struct task *t, int sig)
{
    if (sig == SIGCONT || sig == SIGKILL) {
        t->sig.pending &= ~STOP_SIGNALS;
        if (t->state == TASK_STOPPED) {
            task_wake(t);
            if (sig == SIGCONT) {
                t->wait_report = 0xFFFF;    /* WCONTINUED */
                signal_notify_parent(t, CLD_CONTINUED, SIGCONT);
            }
        }
    } else if (sigmask(sig) & STOP_SIGNALS) {
        t->sig.pending &= ~sigmask(SIGCONT);
    }
}

int send_signal(struct task *t, int sig, const struct ksiginfo *info)
{
    struct ksiginfo user = { .code = SI_USER, .pid = current->pid };

    if (!sig_valid(sig))
        return -EINVAL;
    if (t->state == TASK_ZOMBIE || t->state == TASK_UNUSED || t->kthread)
        return 0;                       /* past any signal; kernel threads take none */
    stop_or_continue_sent(t, sig);
    if (sig_discarded(t, sig))
        return 0;
    if (!(t->sig.pending & sigmask(sig))) {
        t->sig.info[sig - 1] = info ? *info : user;     /* standard signals do not queue */
        t->sig.shared &= ~sigmask(sig);     /* a bit of shared is only read with pending's */
        if (!t->sig.info[sig - 1].thread)
            t->sig.shared |= sigmask(sig);
    }
    t->sig.pending |= sigmask(sig);
    const struct k_sigaction *ka = &t->sig.action[sig - 1];
    /* a stopped task takes only SIGKILL now; the rest wait for SIGCONT
     * (Linux's wants_signal) */
    if (sig == SIGKILL || (ka->handler == SIG_DFL && default_action(sig) == SIG_TERMINATE &&
                           !(t->sig.blocked & sigmask(sig)) && t->pid != 1 && t->state != TASK_STOPPED))
        t->sig.fatal = t->sig.fatal ? t->sig.fatal : sig;
    if ((t->state == TASK_SLEEPING && signal_pending(t)) || (t->state == TASK_STOPPED && sig == SIGKILL))
        task_wake(t);                   /* its sleep ends with -EINTR or a restart */
    return 0;
}

uint32_t force_sig_fault(int sig, int code, uint32_t addr)
{
    struct k_sigaction *ka = &current->sig.action[sig - 1];
    struct ksiginfo info = { .code = code, .addr = addr, .thread = 1 };

    if ((current->sig.blocked & sigmask(sig)) || ka->handler == SIG_IGN) {
        ka->handler = SIG_DFL;          /* a fault cannot be ignored or held: it kills */
        current->sig.blocked &= ~sigmask(sig);
    }
    current->sig.pending &= ~sigmask(sig);  /* this fault's siginfo, not an older kill's */
    send_signal(current, sig, &info);
    if (ka->handler == SIG_DFL && !current->sig.fatal)
        current->sig.fatal = sig;       /* even init dies of a fault it does not
                                           catch (a panic), as on Linux */
    return ka->handler;
}

void signal_notify_parent(struct task *child, int why, int status)
{
    struct task *parent = child->parent;
    struct ksiginfo info = { .code = why, .pid = child->pid, .status = status };

    if (!parent)
        return;
    if (why == CLD_STOPPED || why == CLD_CONTINUED) {
        wakeup(parent);                 /* a waitpid with WUNTRACED or WCONTINUED */
        if (parent->sig.action[SIGCHLD - 1].flags & SA_NOCLDSTOP)
            return;
    }
    send_signal(parent, SIGCHLD, &info);
}

/* The next signal to act on: SIGKILL, then a fault's signal (which must
 * be taken before the faulting instruction runs again), then the lowest
 * number, as Linux's dequeue order.  0 if none. */
static int next_signal(const struct task *t)
{
    sigset_t ready = t->sig.pending & ~t->sig.blocked;
    const sigset_t synchronous = sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) |
                                 sigmask(SIGFPE) | sigmask(SIGTRAP);

    if (!ready)
        return 0;
    if (ready & sigmask(SIGKILL))
        return SIGKILL;
    if (ready & synchronous)
        ready &= synchronous;
    for (int sig = 1; sig <= NSIG; sig++)
        if (ready & sigmask(sig))
            return sig;
    return 0;
}

/* Stop current until SIGCONT or SIGKILL; its parent is told. */
static void do_signal_stop(int sig)
{
    current->wait_report = (sig << 8) | 0x7F;      /* WUNTRACED */
    current->state = TASK_STOPPED;
    signal_notify_parent(current, CLD_STOPPED, sig);
    schedule();
}

/* The system call that a signal interrupted (tf->eax is its result):
 * -EINTR or run it again, as Linux's handle_signal (a handler runs) and
 * the end of arch_do_signal_or_restart (none does). */
static void restart_syscall_if(struct trap_frame *tf, const struct k_sigaction *ka)
{
    int nr = current->sig.syscall_nr;
    int err = -(int)tf->eax;
    int again;

    current->sig.syscall_nr = -1;
    if (nr < 0 || tf->vector != T_SYSCALL)
        return;
    if (!ka && err == ERESTART_RESTARTBLOCK) {
        nr = 0;                         /* restart_syscall: the rest of the sleep */
        again = 1;
    } else if (!ka) {
        again = err == ERESTARTSYS || err == ERESTARTNOINTR || err == ERESTARTNOHAND;
    } else {
        again = err == ERESTARTNOINTR || (err == ERESTARTSYS && (ka->flags & SA_RESTART));
        if (!again && (err == ERESTARTSYS || err == ERESTARTNOHAND || err == ERESTART_RESTARTBLOCK))
            tf->eax = (uint32_t)-EINTR;
    }
    if (again) {
        tf->eax = (uint32_t)nr;
        tf->eip -= 2;                   /* int $0x80 is two bytes: run it again */
    }
}

/* A handler runs: build its frame, then block what it asks.  A frame
 * that cannot be written (a bad or full stack) kills with SIGSEGV. */
static void handle_signal(struct trap_frame *tf, int sig, const struct ksiginfo *info)
{
    struct k_sigaction ka = current->sig.action[sig - 1];
    sigset_t saved = current->sig.restore_blocked ? current->sig.saved_blocked : current->sig.blocked;

    restart_syscall_if(tf, &ka);
    if (ka.flags & SA_RESETHAND)
        current->sig.action[sig - 1].handler = SIG_DFL;
    if (trace_signals_on)
        printk("signal: pid %d (%s) signal %d code %d addr 0x%08x: handler 0x%08x%s\n", current->pid,
               current->name, sig, info->code, info->addr, ka.handler,
               ka.flags & SA_SIGINFO ? " (rt frame)" : " (old frame)");
    if (setup_signal_frame(tf, sig, &ka, info, saved)) {
        printk("signal: pid %d (%s) cannot write the frame for signal %d at esp 0x%08x: SIGSEGV\n",
               current->pid, current->name, sig, tf->user_esp);
        if (sig == SIGSEGV)
            current->sig.action[SIGSEGV - 1].handler = SIG_DFL;
        force_sig_fault(SIGSEGV, SI_KERNEL, 0);
        return;
    }
    current->sig.restore_blocked = 0;
    current->sig.blocked |= (ka.mask | (ka.flags & SA_NODEFER ? 0 : sigmask(sig))) & ~SIG_UNBLOCKABLE;
}

void do_signal(struct trap_frame *tf)
{
    int sig;

    while ((sig = next_signal(current)) != 0 || current->sig.fatal) {
        if (current->sig.fatal)
            do_exit(W_SIGNALED(current->sig.fatal));
        struct ksiginfo info = current->sig.info[sig - 1];
        const struct k_sigaction *ka = &current->sig.action[sig - 1];
        current->sig.pending &= ~sigmask(sig);
        if (ka->handler == SIG_IGN)
            continue;
        if (ka->handler != SIG_DFL) {
            handle_signal(tf, sig, &info);
            continue;                   /* more may be pending: their frames go on top */
        }
        enum sig_default what = default_action(sig);
        if (what == SIG_STOP && current->pid != 1)
            do_signal_stop(sig);
        else if (what == SIG_TERMINATE && current->pid != 1)
            do_exit(W_SIGNALED(sig));
    }
    restart_syscall_if(tf, 0);
    if (current->sig.restore_blocked) {
        current->sig.blocked = current->sig.saved_blocked;
        current->sig.restore_blocked = 0;
    }
}

void signal_fork(struct task *child, const struct task *parent)
{
    child->sig = parent->sig;
    child->sig.pending = 0;             /* a fork child starts with nothing pending */
    child->sig.fatal = 0;
    child->sig.restore_blocked = 0;
    child->sig.syscall_nr = -1;
    child->sig.alarm_at = 0;            /* nor an alarm */
    child->sig.caught_log.count = 0;
}

void signal_exec(struct task *t)
{
    for (int i = 0; i < NSIG; i++) {
        struct k_sigaction *ka = &t->sig.action[i];
        if (ka->handler != SIG_IGN)
            ka->handler = SIG_DFL;      /* the handler's code is gone */
        ka->flags = 0;
        ka->restorer = 0;
        ka->mask = 0;
    }
    t->sig.altstack_sp = t->sig.altstack_size = t->sig.altstack_flags = 0;   /* its memory is gone */
    t->sig.caught_log.count = 0;        /* a new program: its first caught faults are logged */
}

void signal_tick(struct task *t, uint32_t now)
{
    static const struct ksiginfo info = { .code = SI_KERNEL };

    if (t->sig.alarm_at && t->sig.alarm_at <= now) {
        t->sig.alarm_at = 0;
        send_signal(t, SIGALRM, &info);
    }
}

sigset_t signal_ignored(const struct task *t)
{
    sigset_t set = 0;

    for (int sig = 1; sig <= NSIG; sig++)
        if (t->sig.action[sig - 1].handler == SIG_IGN)
            set |= sigmask(sig);
    return set;
}

sigset_t signal_caught(const struct task *t)
{
    sigset_t set = 0;

    for (int sig = 1; sig <= NSIG; sig++)
        if (t->sig.action[sig - 1].handler > SIG_IGN)
            set |= sigmask(sig);
    return set;
}

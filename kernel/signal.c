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
#include "mm/kmalloc.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "kernel/task.h"
#include "kernel/thread.h"
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
    const struct k_sigaction *ka = &t->sighand->action[sig - 1];

    if ((t->sig.blocked | t->sig.real_blocked) & sigmask(sig))
        return 0;
    if (ka->handler == SIG_IGN)
        return 1;
    /* SIGCONT's default, to continue, is done when it is sent */
    return ka->handler == SIG_DFL && (default_action(sig) == SIG_IGNORE ||
                                      default_action(sig) == SIG_CONTINUE);
}

/* What t may take: its own pending signals and its process's. */
static sigset_t pending_for(const struct task *t)
{
    return t->sig.pending | t->group->pending;
}

int signal_pending(const struct task *t)
{
    sigset_t pending = pending_for(t);

    return (t->sig.fatal | t->sig.group_stop) || (pending && (pending & ~t->sig.blocked));
}

int fatal_signal_pending(const struct task *t)
{
    return t->sig.fatal || (t->sig.pending & sigmask(SIGKILL));
}

/* (Every return to user mode asks: the words first, then the sets.) */
int signal_work(const struct task *t)
{
    return (t->sig.restore_blocked | (t->sig.syscall_nr >= 0)) || signal_pending(t);
}

/* SIGCONT and the stop signals cancel each other when sent, for the
 * whole process, as on Linux; SIGCONT (and SIGKILL) wake its stopped
 * threads. */
static void stop_or_continue_sent(struct task *t, int sig)
{
    struct thread_group *g = t->group;

    if (sig == SIGCONT || sig == SIGKILL) {
        int continued = 0;
        g->pending &= ~STOP_SIGNALS;
        for_each_thread(t, u) {
            u->sig.pending &= ~STOP_SIGNALS;
            u->sig.group_stop = 0;
            if (u->state == TASK_STOPPED) {
                task_wake(u);
                continued = 1;
            }
        }
        if (continued && sig == SIGCONT) {
            g->leader->wait_report = 0xFFFF;    /* WCONTINUED */
            signal_notify_parent(g->leader, CLD_CONTINUED, SIGCONT);
        }
    } else if (sigmask(sig) & STOP_SIGNALS) {
        g->pending &= ~sigmask(SIGCONT);
        for_each_thread(t, u)
            u->sig.pending &= ~sigmask(SIGCONT);
    }
}

/* Whether thread u may take sig now (Linux's wants_signal). */
static int wants_signal(const struct task *u, int sig)
{
    if (u->state == TASK_ZOMBIE || u->sig.fatal)
        return 0;
    if (sig == SIGKILL)
        return 1;
    return !(u->sig.blocked & sigmask(sig)) && u->state != TASK_STOPPED;
}

/* A thread of t's group that may take process-directed signal sig (does
 * not block it, is not exiting): t itself if it can; NULL if none. */
static struct task *thread_group_pick(struct task *t, int sig)
{
    if (wants_signal(t, sig))
        return t;
    for_each_thread(t, u)
        if (wants_signal(u, sig))
            return u;
    return 0;
}

/* A signal is pending for t (to_thread: for t alone): find the thread to
 * take it and wake it, or, if its default action kills, end the whole
 * process with it now (Linux's complete_signal). */
static void complete_signal(struct task *t, int sig, int to_thread)
{
    struct task *u = to_thread ? (wants_signal(t, sig) ? t : 0) : thread_group_pick(t, sig);

    if (!u)
        return;                         /* blocked everywhere: it waits */
    const struct k_sigaction *ka = &u->sighand->action[sig - 1];
    if (sig == SIGKILL || (ka->handler == SIG_DFL && default_action(sig) == SIG_TERMINATE &&
                           !(u->sig.real_blocked & sigmask(sig)) && u->tgid != 1)) {
        thread_group_kill(u, W_SIGNALED(sig));
        return;
    }
    if (u->state == TASK_SLEEPING)
        task_wake(u);                   /* its sleep ends with -EINTR or a restart */
}

int send_signal(struct task *t, int sig, const struct ksiginfo *info)
{
    struct ksiginfo user = { .code = SI_USER, .pid = current->tgid };

    if (!sig_valid(sig))
        return -EINVAL;
    if (t->state == TASK_UNUSED || t->state == TASK_DEAD || t->kthread || !t->group->nr_threads)
        return 0;                       /* past any signal; kernel threads take none */
    int to_thread = info && info->thread;
    if (t->state == TASK_ZOMBIE) {      /* a leader that ended before its threads */
        if (to_thread)
            return 0;                   /* that thread is gone */
        t = thread_group_live(t, 0);    /* a live thread speaks for the process */
        KASSERT(t);                     /* nr_threads counts it */
    }
    stop_or_continue_sent(t, sig);
    if (sig_discarded(t, sig))
        return 0;
    sigset_t *pending = to_thread ? &t->sig.pending : &t->group->pending;
    struct ksiginfo *slot = to_thread ? &t->sig.info[sig - 1] : &t->group->info[sig - 1];
    if (!(*pending & sigmask(sig)))
        *slot = info ? *info : user;    /* standard signals do not queue */
    *pending |= sigmask(sig);
    complete_signal(t, sig, to_thread);
    return 0;
}

uint32_t force_sig_fault(int sig, int code, uint32_t addr)
{
    struct k_sigaction *ka = &current->sighand->action[sig - 1];
    struct ksiginfo info = { .code = code, .addr = addr, .thread = 1 };

    if ((current->sig.blocked & sigmask(sig)) || ka->handler == SIG_IGN) {
        ka->handler = SIG_DFL;          /* a fault cannot be ignored or held: it kills */
        current->sig.blocked &= ~sigmask(sig);
    }
    current->sig.pending &= ~sigmask(sig);  /* this fault's siginfo, not an older kill's */
    send_signal(current, sig, &info);
    if (ka->handler == SIG_DFL)
        thread_group_kill(current, W_SIGNALED(sig));    /* even init dies of a fault it
                                                           does not catch (a panic), as
                                                           on Linux */
    return ka->handler;
}

void signal_notify_parent(struct task *child, int why, int status)
{
    struct task *parent = child->parent;
    struct ksiginfo info = { .code = why, .pid = child->tgid, .status = status };

    if (!parent)
        return;
    if (why == CLD_STOPPED || why == CLD_CONTINUED) {
        wakeup(parent->group);          /* a waitpid with WUNTRACED or WCONTINUED */
        if (parent->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP)
            return;
        send_signal(parent, SIGCHLD, &info);
    } else if (child->exit_signal > 0) {
        send_signal(parent, child->exit_signal, &info);
    }
}

/* The lowest-numbered signal of set, 0 if none. */
static int lowest_signal(sigset_t set)
{
    uint32_t low = (uint32_t)set, high = (uint32_t)(set >> 32);

    if (low)
        return __builtin_ctz(low) + 1;
    return high ? __builtin_ctz(high) + 33 : 0;
}

/* The next signal for t to act on: SIGKILL, then a fault's signal (which
 * must be taken before the faulting instruction runs again), then the
 * lowest number, as Linux's dequeue order.  0 if none. */
static int next_signal(const struct task *t)
{
    sigset_t ready = pending_for(t) & ~t->sig.blocked;
    const sigset_t synchronous = sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) |
                                 sigmask(SIGFPE) | sigmask(SIGTRAP);

    if (!ready)
        return 0;
    if (ready & sigmask(SIGKILL))
        return SIGKILL;
    if (ready & synchronous)
        ready &= synchronous;
    return lowest_signal(ready);
}

/* Take sig off current's pending sets, its own first (Linux's
 * dequeue_signal), and return its siginfo. */
static struct ksiginfo dequeue_signal(int sig)
{
    struct thread_group *g = current->group;

    if (current->sig.pending & sigmask(sig)) {
        current->sig.pending &= ~sigmask(sig);
        return current->sig.info[sig - 1];
    }
    g->pending &= ~sigmask(sig);
    return g->info[sig - 1];
}

int signal_dequeue(sigset_t set, struct ksiginfo *info)
{
    int sig = lowest_signal(pending_for(current) & set);

    if (sig)
        *info = dequeue_signal(sig);
    return sig;
}

/* Stop current's whole process until SIGCONT or SIGKILL: the other
 * threads stop on their way back to user mode (group_stop); the parent
 * is told once, about the leader. */
static void do_signal_stop(int sig)
{
    struct task *leader = current->group->leader;

    for_each_thread(current, u)
        if (u != current && u->state != TASK_ZOMBIE) {
            u->sig.group_stop = 1;
            if (u->state == TASK_SLEEPING)
                task_wake(u);
        }
    leader->wait_report = (sig << 8) | 0x7F;       /* WUNTRACED */
    current->state = TASK_STOPPED;
    signal_notify_parent(leader, CLD_STOPPED, sig);
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
    struct k_sigaction ka = current->sighand->action[sig - 1];
    sigset_t saved = current->sig.restore_blocked ? current->sig.saved_blocked : current->sig.blocked;

    restart_syscall_if(tf, &ka);
    if (ka.flags & SA_RESETHAND)
        current->sighand->action[sig - 1].handler = SIG_DFL;
    if (trace_signals_on)
        printk("signal: pid %d (%s) signal %d code %d addr 0x%08x: handler 0x%08x%s\n", current->pid,
               current->name, sig, info->code, info->addr, ka.handler,
               ka.flags & SA_SIGINFO ? " (rt frame)" : " (old frame)");
    if (setup_signal_frame(tf, sig, &ka, info, saved)) {
        printk("signal: pid %d (%s) cannot write the frame for signal %d at esp 0x%08x: SIGSEGV\n",
               current->pid, current->name, sig, tf->user_esp);
        if (sig == SIGSEGV)
            current->sighand->action[SIGSEGV - 1].handler = SIG_DFL;
        force_sig_fault(SIGSEGV, SI_KERNEL, 0);
        return;
    }
    current->sig.restore_blocked = 0;
    current->sig.blocked |= (ka.mask | (ka.flags & SA_NODEFER ? 0 : sigmask(sig))) & ~SIG_UNBLOCKABLE;
}

void do_signal(struct trap_frame *tf)
{
    int sig;

    while ((sig = next_signal(current)) != 0 || current->sig.fatal || current->sig.group_stop) {
        if (current->sig.fatal && current->group->exec_waiting && !current->group->exiting)
            do_exit(W_SIGNALED(SIGKILL));       /* another thread's execve ends this one */
        if (current->sig.fatal)
            do_group_exit(W_SIGNALED(current->sig.fatal));
        if (current->sig.group_stop) {  /* another thread took a stop signal */
            current->sig.group_stop = 0;
            current->state = TASK_STOPPED;
            schedule();
            continue;
        }
        struct ksiginfo info = dequeue_signal(sig);
        const struct k_sigaction *ka = &current->sighand->action[sig - 1];
        if (ka->handler == SIG_IGN)
            continue;
        if (ka->handler != SIG_DFL) {
            handle_signal(tf, sig, &info);
            continue;                   /* more may be pending: their frames go on top */
        }
        enum sig_default what = default_action(sig);
        if (what == SIG_STOP && current->tgid != 1)
            do_signal_stop(sig);
        else if (what == SIG_TERMINATE && current->tgid != 1)
            do_group_exit(W_SIGNALED(sig));
    }
    restart_syscall_if(tf, 0);
    if (current->sig.restore_blocked) {
        current->sig.blocked = current->sig.saved_blocked;
        current->sig.restore_blocked = 0;
    }
}

/* A new task's signal state: child's mask and alternate stack are
 * parent's; nothing is pending. */
void signal_fork(struct task *child, const struct task *parent)
{
    child->sig = parent->sig;
    child->sig.pending = 0;             /* a new task starts with nothing pending */
    child->sig.fatal = 0;
    child->sig.group_stop = 0;
    child->sig.restore_blocked = 0;
    child->sig.syscall_nr = -1;
    child->sig.caught_log.count = 0;
}

struct sighand *sighand_copy(const struct sighand *from)
{
    struct sighand *sh = kmalloc(sizeof(*sh));

    if (!sh)
        return 0;
    *sh = *from;
    sh->refs = 1;
    return sh;
}

void sighand_put(struct sighand *sh)
{
    KASSERT(sh->refs > 0);
    if (--sh->refs == 0)
        kfree(sh);
}

/* execve: handlers go back to the default (their code is gone), ignored
 * signals stay ignored.  current's actions are its own by now (execve
 * unshares them first). */
void signal_exec(struct task *t)
{
    KASSERT(t->sighand->refs == 1);
    for (int i = 0; i < NSIG; i++) {
        struct k_sigaction *ka = &t->sighand->action[i];
        if (ka->handler != SIG_IGN)
            ka->handler = SIG_DFL;      /* the handler's code is gone */
        ka->flags = 0;
        ka->restorer = 0;
        ka->mask = 0;
    }
    t->sig.altstack_sp = t->sig.altstack_size = t->sig.altstack_flags = 0;   /* its memory is gone */
    t->sig.caught_log.count = 0;        /* a new program: its first caught faults are logged */
}

/* The timer, for each process: SIGALRM if its alarm is due. */
void signal_tick(struct task *t, uint32_t now)
{
    static const struct ksiginfo info = { .code = SI_KERNEL };
    struct thread_group *g = t->group;

    if (g && g->leader == t && g->alarm_at && g->alarm_at <= now) {
        g->alarm_at = 0;
        send_signal(t, SIGALRM, &info);
    }
}

sigset_t signal_ignored(const struct task *t)
{
    sigset_t set = 0;

    if (!t->sighand)
        return 0;                       /* a zombie's are gone */
    for (int sig = 1; sig <= NSIG; sig++)
        if (t->sighand->action[sig - 1].handler == SIG_IGN)
            set |= sigmask(sig);
    return set;
}

sigset_t signal_caught(const struct task *t)
{
    sigset_t set = 0;

    if (!t->sighand)
        return 0;
    for (int sig = 1; sig <= NSIG; sig++)
        if (t->sighand->action[sig - 1].handler > SIG_IGN)
            set |= sigmask(sig);
    return set;
}

/*
 * sys_signal.c - the signal system calls of the Linux i386 ABI, with
 * Linux's argument checks in Linux's order (so that a bad call gets the
 * same errno here as there).  What they change is described in
 * kernel/signal.h; the frames are arch/x86/sigframe.c's.
 */
#include "arch/x86/pic.h"
#include "arch/x86/trap.h"
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/time.h"
#include "kernel/thread.h"
#include "kernel/uaccess.h"

/* The sa_flags Linux keeps (UAPI_SA_FLAGS): the rest are dropped. */
#define SA_EXPOSE_TAGBITS 0x00000800u
#define SA_FLAGS_KEPT (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_EXPOSE_TAGBITS | SA_RESTORER | \
                       SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND)

/* Linux's sig_handler_ignored: sig is thrown away when it comes. */
static int handler_ignores(uint32_t handler, int sig)
{
    return handler == SIG_IGN ||
           (handler == SIG_DFL && (sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT));
}

/* Linux's do_sigaction: set (act) and/or read (oact) sig's action. */
static int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact)
{
    if (!sig_valid(sig) || (act && (sigmask(sig) & SIG_UNBLOCKABLE)))
        return -EINVAL;
    struct k_sigaction *k = &current->sighand->action[sig - 1];
    if (oact)
        *oact = *k;
    if (act) {
        *k = *act;
        k->flags &= SA_FLAGS_KEPT;
        k->mask &= ~SIG_UNBLOCKABLE;
        if (handler_ignores(k->handler, sig)) {     /* a pending one is discarded */
            current->group->pending &= ~sigmask(sig);
            for_each_thread(current, u)
                u->sig.pending &= ~sigmask(sig);
        }
    }
    return 0;
}

/* rt_sigaction(sig, act, oact, sigsetsize) */
SYSCALL(sys_rt_sigaction)
{
    UNUSED_ARGS6;
    struct k_sigaction act, oact;

    if (a4 != sizeof(sigset_t))
        return -EINVAL;
    if (a2 && copy_from_user(&act, a2, sizeof(act)))
        return -EFAULT;
    int err = do_sigaction((int)a1, a2 ? &act : 0, a3 ? &oact : 0);
    if (!err && a3 && copy_to_user(a3, &oact, sizeof(oact)))
        return -EFAULT;
    return err;
}

/* The old sigaction(sig, act, oact) of i386: a 32-bit mask, in the
 * order handler, mask, flags, restorer. */
struct old_sigaction {
    uint32_t handler, mask, flags, restorer;
};

SYSCALL(sys_sigaction)
{
    UNUSED_ARGS6;
    struct old_sigaction old;
    struct k_sigaction act, oact;

    if (a2) {
        if (copy_from_user(&old, a2, sizeof(old)))
            return -EFAULT;
        act = (struct k_sigaction){ .handler = old.handler, .flags = old.flags,
                                    .restorer = old.restorer, .mask = old.mask };
    }
    int err = do_sigaction((int)a1, a2 ? &act : 0, a3 ? &oact : 0);
    if (!err && a3) {
        old = (struct old_sigaction){ .handler = oact.handler, .mask = (uint32_t)oact.mask,
                                      .flags = oact.flags, .restorer = oact.restorer };
        if (copy_to_user(a3, &old, sizeof(old)))
            return -EFAULT;
    }
    return err;
}

/* signal(sig, handler): the System V one-shot handler, as Linux's
 * sys_signal; returns the old handler. */
SYSCALL(sys_signal)
{
    UNUSED_ARGS6;
    struct k_sigaction act = { .handler = a2, .flags = SA_RESETHAND | SA_NODEFER }, oact;

    int err = do_sigaction((int)a1, &act, &oact);
    return err ? err : (int)oact.handler;
}

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* rt_sigprocmask(how, set, oset, sigsetsize) */
SYSCALL(sys_rt_sigprocmask)
{
    UNUSED_ARGS6;
    sigset_t old = current->sig.blocked, set;

    if (a4 != sizeof(sigset_t))
        return -EINVAL;
    if (a2) {
        if (copy_from_user(&set, a2, sizeof(set)))
            return -EFAULT;
        set &= ~SIG_UNBLOCKABLE;
        if (a1 == SIG_BLOCK)
            current->sig.blocked |= set;
        else if (a1 == SIG_UNBLOCK)
            current->sig.blocked &= ~set;
        else if (a1 == SIG_SETMASK)
            current->sig.blocked = set;
        else
            return -EINVAL;
    }
    if (a3 && copy_to_user(a3, &old, sizeof(old)))
        return -EFAULT;
    return 0;
}

/* rt_sigpending(set, sigsetsize): the pending signals that are blocked. */
SYSCALL(sys_rt_sigpending)
{
    UNUSED_ARGS6;
    sigset_t set = (current->sig.pending | current->group->pending) & current->sig.blocked;

    if (a2 > sizeof(sigset_t))
        return -EINVAL;
    return copy_to_user(a1, &set, a2) ? -EFAULT : 0;
}

/* Sleep until a signal the task does not block is pending (pause,
 * rt_sigsuspend).  Always interrupted: -ERESTARTNOHAND, which a handler
 * turns into -EINTR. */
static int sleep_for_signal(void)
{
    while (!signal_pending(current))
        sleep_on(&current->sig);
    return -ERESTARTNOHAND;
}

SYSCALL(sys_pause) { UNUSED_ARGS6; return sleep_for_signal(); }

/* rt_sigsuspend(mask, sigsetsize): wait with mask in force; the old mask
 * comes back after the handler (its frame saves the old one). */
SYSCALL(sys_rt_sigsuspend)
{
    UNUSED_ARGS6;
    sigset_t set;

    if (a2 != sizeof(sigset_t))
        return -EINVAL;
    if (copy_from_user(&set, a1, sizeof(set)))
        return -EFAULT;
    current->sig.saved_blocked = current->sig.blocked;
    current->sig.restore_blocked = 1;
    current->sig.blocked = set & ~SIG_UNBLOCKABLE;
    return sleep_for_signal();
}

/*
 * rt_sigtimedwait(set, info, timeout, sigsetsize): take a pending signal
 * of set (blocked ones included: sigwait's signals are blocked) without
 * running its action, waiting for one up to timeout (NULL: for ever,
 * zero: not at all: -EAGAIN).  The signals of set are unblocked while it
 * waits, so that sending one wakes it; another signal interrupts
 * (-EINTR after its handler).  sigwait in glibc comes here.
 */
static int sigtimedwait(uint32_t uset, uint32_t uinfo, uint32_t utimeout, uint32_t setsize, int wide)
{
    sigset_t set;
    struct ktimespec timeout;
    struct ksiginfo info;

    if (setsize != sizeof(sigset_t))
        return -EINVAL;
    if (copy_from_user(&set, uset, sizeof(set)))
        return -EFAULT;
    set &= ~SIG_UNBLOCKABLE;
    if (utimeout) {
        int err = get_user_timespec(utimeout, &timeout, wide);
        if (err)
            return err;
    }
    uint32_t deadline = utimeout ? clock_deadline(CLOCK_MONOTONIC, 0, &timeout) : 0;
    int sig = signal_dequeue(set, &info);
    if (!sig && (!utimeout || (int32_t)(deadline - jiffies) > 0)) {
        sigset_t blocked = current->sig.blocked;
        current->sig.real_blocked = blocked;
        current->sig.blocked &= ~set;
        while (!signal_pending(current) && (!utimeout || (int32_t)(jiffies - deadline) < 0))
            sleep_on_timeout(&current->sig, utimeout != 0, deadline);
        current->sig.blocked = blocked;
        current->sig.real_blocked = 0;
        sig = signal_dequeue(set, &info);
    }
    if (!sig)
        return signal_pending(current) ? -EINTR : -EAGAIN;
    if (uinfo && put_user_siginfo(uinfo, sig, &info))
        return -EFAULT;
    return sig;
}

SYSCALL(sys_rt_sigtimedwait) { UNUSED_ARGS6; return sigtimedwait(a1, a2, a3, a4, 0); }
SYSCALL(sys_rt_sigtimedwait_time64) { UNUSED_ARGS6; return sigtimedwait(a1, a2, a3, a4, 1); }

/* sigreturn and rt_sigreturn: back from a handler to the registers its
 * frame saved.  A frame that cannot be read gets SIGSEGV (Linux's
 * badframe); one whose cs or ss is not user mode's gets SIGILL with
 * ILL_BADSTK, which is what Linux i386's iret to it ends in (iret_error).
 * Either kills unless a handler takes it. */
static int sigreturn(int rt)
{
    struct trap_frame *tf = current->tf;
    uint32_t esp = tf->user_esp;
    int err = restore_sigreturn_frame(tf, rt);

    if (err) {
        int sig = err == -EINVAL ? SIGILL : SIGSEGV;
        printk("signal: pid %d (%s) bad %s frame at esp 0x%08x eip 0x%08x: %s\n", current->pid,
               current->name, rt ? "rt_sigreturn" : "sigreturn", esp, tf->eip,
               sig == SIGILL ? "a cs or ss not of user mode: SIGILL" : "SIGSEGV");
        force_sig_fault(sig, sig == SIGILL ? ILL_BADSTK : SI_KERNEL, 0);
        return 0;
    }
    current->sig.restart_wake_at = 0;   /* a sleep the handler interrupted is over */
    return (int)tf->eax;                /* the dispatcher puts it back in eax */
}

SYSCALL(sys_sigreturn) { UNUSED_ARGS6; return sigreturn(0); }
SYSCALL(sys_rt_sigreturn) { UNUSED_ARGS6; return sigreturn(1); }

/* Linux's on_sig_stack: sp is on the alternate stack (never, with
 * SS_AUTODISARM, whose stack is given up while a handler runs on it). */
int signal_on_altstack(uint32_t sp)
{
    const struct signal_state *s = &current->sig;

    if (s->altstack_flags & SS_AUTODISARM)
        return 0;
    return sp > s->altstack_sp && sp - s->altstack_sp <= s->altstack_size;
}

int signal_set_altstack(uint32_t ss_sp, uint32_t ss_flags, uint32_t ss_size, uint32_t sp)
{
    struct signal_state *s = &current->sig;
    uint32_t mode = ss_flags & ~SS_AUTODISARM;

    if (signal_on_altstack(sp))
        return -EPERM;
    if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE)
        return -EINVAL;
    if (mode == SS_DISABLE) {
        ss_sp = ss_size = 0;
    } else if (ss_size < MINSIGSTKSZ) {
        return -ENOMEM;
    }
    s->altstack_sp = ss_sp;
    s->altstack_size = ss_size;
    s->altstack_flags = ss_flags;
    return 0;
}

/* i386's stack_t */
struct user_stack {
    uint32_t ss_sp, ss_flags, ss_size;
};

/* sigaltstack(ss, oss) */
SYSCALL(sys_sigaltstack)
{
    UNUSED_ARGS6;
    const struct signal_state *s = &current->sig;
    uint32_t sp = current->tf->user_esp;
    struct user_stack ss, oss = {
        .ss_sp = s->altstack_sp,
        .ss_size = s->altstack_size,
        .ss_flags = (!s->altstack_size ? SS_DISABLE : signal_on_altstack(sp) ? SS_ONSTACK : 0) |
                    (s->altstack_flags & SS_AUTODISARM),
    };

    if (a1 && copy_from_user(&ss, a1, sizeof(ss)))
        return -EFAULT;
    int err = a1 ? signal_set_altstack(ss.ss_sp, ss.ss_flags, ss.ss_size, sp) : 0;
    if (!err && a2 && copy_to_user(a2, &oss, sizeof(oss)))
        return -EFAULT;
    return err;
}

/* tkill(tid, sig) and tgkill(tgid, tid, sig): one thread (of process
 * tgid). */
static int send_to_thread(int tgid, int tid, int sig)
{
    struct task *t = task_by_pid(tid);
    struct ksiginfo info = { .code = SI_TKILL, .pid = current->tgid, .thread = 1 };

    if (!t || (tgid > 0 && t->tgid != tgid))
        return -ESRCH;
    return task_send_signal(t, sig, &info);
}

SYSCALL(sys_tkill)
{
    UNUSED_ARGS6;
    return (int)a1 <= 0 ? -EINVAL : send_to_thread(0, (int)a1, (int)a2);
}

SYSCALL(sys_tgkill)
{
    UNUSED_ARGS6;
    return (int)a1 <= 0 || (int)a2 <= 0 ? -EINVAL : send_to_thread((int)a1, (int)a2, (int)a3);
}

/* alarm(seconds): SIGALRM after that long (0 cancels); returns the
 * seconds the previous alarm had left, rounded as Linux does (a
 * remainder under a second counts as one, half a second or more rounds
 * up). */
SYSCALL(sys_alarm)
{
    UNUSED_ARGS6;
    uint32_t at = current->group->alarm_at;
    uint32_t left = at && at > jiffies ? at - jiffies : 0;
    uint32_t secs = left / TIMER_HZ, frac = left % TIMER_HZ;

    if ((!secs && frac) || frac >= TIMER_HZ / 2)
        secs++;
    current->group->alarm_at = a1 ? jiffies + MIN(a1, 0x7FFFFFFFu / TIMER_HZ) * TIMER_HZ : 0;
    return (int)secs;
}

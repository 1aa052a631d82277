/*
 * signal.h - signals as Linux i386 has them: 64 of them, each with an
 * action (default, ignore, or a user handler with flags and a mask), a
 * pending set and a blocked mask per task.
 *
 * The life of a signal:
 *   sent       send_signal() (kill, a fault, a pipe, the timer, a child's
 *              death) marks it pending with its siginfo, unless the task
 *              ignores it; a sleeping task that does not block it wakes.
 *              A default action that kills is decided at once (the task
 *              gets SIGKILL too), as Linux's complete_signal does.
 *   delivered  do_signal(), on every return to user mode with something
 *              pending: the lowest unblocked pending signal (SIGKILL and
 *              a fault's signal first) is taken and its action runs: the
 *              task dies, stops, or goes on; or a signal frame is built on
 *              the user stack (arch/x86/sigframe.c) and the handler runs
 *              with the signal and its sa_mask blocked.
 *   returned   the handler returns through rt_sigreturn (or sigreturn),
 *              which restores the saved registers and mask.
 * A system call that a signal interrupts returns one of the ERESTART
 * codes below; do_signal turns it into -EINTR or runs the call again, as
 * Linux does (SA_RESTART).
 *
 * Threads.  The actions are the process's (struct sighand, shared by
 * its threads); the blocked mask, alternate stack and the pending set
 * of signals sent to one thread are each thread's own.  A signal sent
 * to the process waits in the process's pending set until a thread
 * that does not block it takes it; a signal whose default action kills
 * ends every thread (kernel/thread.h).
 *
 * Who changes what: a task's blocked mask and alternate stack are its
 * own (its system calls, its deliveries; clone copies them into the new
 * task before it runs, exec resets them); the actions are changed by
 * the system calls and deliveries of the threads that share them; the
 * pending sets and siginfo are changed by any sender, from a task or an
 * interrupt (the timer's SIGALRM, the console's Ctrl-C), and by the
 * deliveries of the thread that takes them.
 * The kernel is not preempted and interrupts only add to pending, with
 * interrupts off, so each change is one step.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <stdint.h>
#include "kernel/printk.h"

#define NSIG 64

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGBUS    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGUSR1  10
#define SIGSEGV  11
#define SIGUSR2  12
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define SIGSTKFLT 16
#define SIGCHLD  17
#define SIGCONT  18
#define SIGSTOP  19
#define SIGTSTP  20
#define SIGTTIN  21
#define SIGTTOU  22
#define SIGURG   23
#define SIGXCPU  24
#define SIGXFSZ  25
#define SIGVTALRM 26
#define SIGPROF  27
#define SIGWINCH 28
#define SIGIO    29
#define SIGPWR   30
#define SIGSYS   31

#define SIG_DFL 0u
#define SIG_IGN 1u

#define SA_NOCLDSTOP 0x00000001u
#define SA_NOCLDWAIT 0x00000002u
#define SA_SIGINFO   0x00000004u
#define SA_RESTORER  0x04000000u
#define SA_ONSTACK   0x08000000u
#define SA_RESTART   0x10000000u
#define SA_NODEFER   0x40000000u
#define SA_RESETHAND 0x80000000u

#define SS_ONSTACK   1
#define SS_DISABLE   2
#define SS_AUTODISARM (1u << 31)
#define MINSIGSTKSZ  2048

/* si_code values */
#define SI_USER    0
#define SI_KERNEL  0x80
#define SI_TKILL   (-6)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define ILL_ILLOPN 2
#define ILL_BADSTK 8
#define FPE_INTDIV 1
#define FPE_FLTINV 7
#define TRAP_BRKPT 1
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* What a system call returns when a signal interrupts it (never seen by
 * user mode): do_signal makes it -EINTR or restarts the call. */
#define ERESTARTSYS           512     /* restart if the handler has SA_RESTART */
#define ERESTARTNOINTR        513     /* always restart */
#define ERESTARTNOHAND        514     /* restart only if no handler ran */
#define ERESTART_RESTARTBLOCK 516     /* as NOHAND, through restart_syscall */

typedef uint64_t sigset_t;              /* bit sig - 1 */
#define sigmask(sig) (1ull << ((sig) - 1))
#define SIG_UNBLOCKABLE (sigmask(SIGKILL) | sigmask(SIGSTOP))

/* One signal's action: Linux's i386 struct sigaction, as rt_sigaction
 * passes it (handler, flags, restorer, mask). */
struct k_sigaction {
    uint32_t handler;                   /* SIG_DFL, SIG_IGN or an address */
    uint32_t flags;                     /* SA_* */
    uint32_t restorer;                  /* SA_RESTORER: where the handler returns */
    sigset_t mask;                      /* blocked while the handler runs */
} __attribute__((packed));

/* What a pending signal carries into its siginfo. */
struct ksiginfo {
    int code;                           /* si_code */
    int pid;                            /* SI_USER, SI_TKILL, SIGCHLD: the sender */
    uint32_t addr;                      /* faults: si_addr */
    int status;                         /* SIGCHLD: exit code or signal */
    int thread;                         /* sent to this thread (tkill, a fault,
                                           SIGPIPE), not to the whole process */
};

struct signal_state {
    sigset_t pending;                   /* sent to this thread (tkill, a fault, SIGPIPE);
                                           those sent to its process are in its
                                           thread_group (kernel/thread.h) */
    sigset_t blocked;
    sigset_t saved_blocked;             /* rt_sigsuspend's mask to go back to */
    sigset_t real_blocked;              /* while rt_sigtimedwait has unblocked the
                                           signals it waits for: the mask before (they
                                           neither kill nor are discarded then) */
    int restore_blocked;                /* saved_blocked is to be restored */
    struct ksiginfo info[NSIG];         /* of each pending signal (the first sent) */
    int fatal;                          /* its process is ending (a signal whose default
                                           action kills, or exit_group): the signal,
                                           SIGKILL for exit_group */
    int group_stop;                     /* another thread took a stop signal: stop too */
    uint32_t altstack_sp, altstack_size, altstack_flags;    /* sigaltstack */
    uint32_t trap_nr, trap_err, trap_cr2;   /* the last fault's, for the sigcontext */
    int syscall_nr;                     /* the call in progress (restart), -1: none */
    uint32_t restart_wake_at;           /* a relative sleep's end (jiffies), for
                                           restart_syscall (kernel/sys_time.c) */
    uint32_t restart_rem;               /* and where its remaining time goes */
    int restart_rem_wide;               /* as a timespec64 (clock_nanosleep_time64) */
    struct printk_limit caught_log;     /* the log lines of faults its handlers
                                           take: a pager takes thousands */
};

struct task;
struct trap_frame;

/* Send sig to t with info (NULL: SI_USER from current).  0 or -EINVAL. */
int send_signal(struct task *t, int sig, const struct ksiginfo *info);
/* A fault or trap of current: deliver sig now even if it is blocked or
 * ignored (then it kills, as Linux's force_sig_fault).  Returns the
 * handler that will take it, 0 if it kills. */
uint32_t force_sig_fault(int sig, int code, uint32_t addr);
/* current has an unblocked signal to take: a sleep should end (-EINTR
 * or an ERESTART code). */
int signal_pending(const struct task *t);
/* t is to die (SIGKILL, or a signal whose default action kills). */
int fatal_signal_pending(const struct task *t);
/* Take the lowest pending signal of set off current's pending sets
 * (its own first), with its siginfo, without acting on it; 0 if none
 * (rt_sigtimedwait). */
int signal_dequeue(sigset_t set, struct ksiginfo *info);
/* Store sig's siginfo at a user address (arch/x86/sigframe.c): 0 or -EFAULT. */
int put_user_siginfo(uint32_t uptr, int sig, const struct ksiginfo *info);
/* On the way back to user mode: act on pending signals, restart or
 * interrupt the system call that was in progress. */
void do_signal(struct trap_frame *tf);
/* Whether do_signal has work (return_to_user_pending). */
int signal_work(const struct task *t);
void signal_fork(struct task *child, const struct task *parent);
struct sighand;
/* A copy of a process's actions (fork, and exec of a thread that shared
 * them); NULL if no memory.  sighand_put drops a task's use of one. */
struct sighand *sighand_copy(const struct sighand *from);
void sighand_put(struct sighand *sh);
void signal_exec(struct task *t);
/* A child of current's parent exited, stopped or continued: SIGCHLD. */
void signal_notify_parent(struct task *child, int why, int status);
/* The timer, for each task: SIGALRM to its process if the alarm is due
 * (looked at through the process's leader). */
void signal_tick(struct task *t, uint32_t now);
/* The signals t ignores and those it catches (/proc/PID/status). */
sigset_t signal_ignored(const struct task *t);
sigset_t signal_caught(const struct task *t);
/* A signal number: 1 to 64. */
static inline int sig_valid(int sig)
{
    return sig >= 1 && sig <= NSIG;
}

/* sigaltstack's change, as Linux's do_sigaltstack at user esp sp: 0,
 * -EPERM (sp is on the alternate stack), -EINVAL or -ENOMEM. */
int signal_set_altstack(uint32_t ss_sp, uint32_t ss_flags, uint32_t ss_size, uint32_t sp);
int signal_on_altstack(uint32_t sp);

/* arch/x86/sigframe.c: the frames of the i386 ABI. */
int setup_signal_frame(struct trap_frame *tf, int sig, const struct k_sigaction *ka,
                       const struct ksiginfo *info, sigset_t saved_mask);
int restore_sigreturn_frame(struct trap_frame *tf, int rt);

#endif

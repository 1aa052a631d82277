/*
 * usignal.h - signals for raw user programs: the Linux i386 kernel ABI
 * as it is, with no C library in between.
 *
 * rt_sigaction takes the kernel's struct (handler, flags, restorer, a
 * 64-bit mask) and sigsetsize 8.  A handler installed with sa_set() gets
 * SA_RESTORER with the stub that returns from its frame: sig_restorer,
 * which calls rt_sigreturn, as glibc's __restore_rt does, for SA_SIGINFO's
 * rt frame; sig_restorer_old, calling sigreturn, for the old frame of a
 * handler without SA_SIGINFO.  With SA_SIGINFO the
 * handler is void h(int sig, struct siginfo *si, struct ucontext *uc);
 * the registers it may change are in uc->mc.
 */
#ifndef USER_USIGNAL_H
#define USER_USIGNAL_H

#include "ulib.h"

#define SYS_restart_syscall  0
#define SYS_alarm           27
#define SYS_pause           29
#define SYS_signal          48
#define SYS_sigaction       67
#define SYS_sigreturn      119
#define SYS_rt_sigreturn   173
#define SYS_rt_sigaction   174
#define SYS_rt_sigprocmask 175
#define SYS_rt_sigpending  176
#define SYS_rt_sigsuspend  179
#define SYS_sigaltstack    186
#define SYS_tkill          238
#define SYS_tgkill         270

#define SIGHUP   1
#define SIGQUIT  3
#define SIGILL   4
#define SIGTRAP  5
#define SIGABRT  6
#define SIGFPE   8
#define SIGUSR1 10
#define SIGUSR2 12
#define SIGALRM 14
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGURG  23
#define SIGWINCH 28

#define SIG_DFL 0
#define SIG_IGN 1

#define SA_NOCLDSTOP 0x00000001u
#define SA_SIGINFO   0x00000004u
#define SA_RESTORER  0x04000000u
#define SA_ONSTACK   0x08000000u
#define SA_RESTART   0x10000000u
#define SA_NODEFER   0x40000000u
#define SA_RESETHAND 0x80000000u

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SS_ONSTACK  1
#define SS_DISABLE  2

#define SI_USER     0
#define SI_KERNEL   0x80
#define SI_TKILL    (-6)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRERR  2
#define ILL_ILLOPN  2
#define FPE_INTDIV  1
#define CLD_EXITED  1
#define CLD_KILLED  2
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

#define WUNTRACED  2
#define WCONTINUED 8
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)
#define WSTOPSIG(s)     WEXITSTATUS(s)
#define WIFCONTINUED(s) ((s) == 0xffff)

typedef unsigned long long sigset64_t;
#define SIGBIT(sig) (1ull << ((sig) - 1))

struct ksigaction {
    void *handler;
    unsigned long flags;
    void (*restorer)(void);
    sigset64_t mask;
} __attribute__((packed));

struct siginfo {
    int si_signo, si_errno, si_code;
    union {
        struct { int pid; unsigned uid; int status; } chld;     /* also kill's pid, uid */
        void *addr;                                             /* faults */
        int pad[29];
    };
};

struct sigcontext {
    unsigned short gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
    unsigned long edi, esi, ebp, esp, ebx, edx, ecx, eax;
    unsigned long trapno, err, eip;
    unsigned short cs, __csh;
    unsigned long eflags, esp_at_signal;
    unsigned short ss, __ssh;
    unsigned long fpstate, oldmask, cr2;
};

typedef struct {
    void *ss_sp;
    int ss_flags;
    unsigned long ss_size;
} stack_t;

struct ucontext {
    unsigned long uc_flags;
    struct ucontext *uc_link;
    stack_t uc_stack;
    struct sigcontext mc;
    sigset64_t uc_sigmask;
};

/* The restorers (lib/crt0.S): rt_sigreturn or sigreturn, with esp where
 * the handler's ret left it. */
void sig_restorer(void);
void sig_restorer_old(void);

static inline int rt_sigaction(int sig, const struct ksigaction *act, struct ksigaction *oact)
{
    return syscall4(SYS_rt_sigaction, sig, (long)act, (long)oact, 8);
}

/* Install handler for sig with flags (SA_RESTORER is added) and mask. */
static inline int sa_set(int sig, void *handler, unsigned long flags, sigset64_t mask)
{
    struct ksigaction ka = { handler, flags | SA_RESTORER,
                             flags & SA_SIGINFO ? sig_restorer : sig_restorer_old, mask };
    return rt_sigaction(sig, &ka, NULL);
}

static inline int sigprocmask64(int how, const sigset64_t *set, sigset64_t *old)
{
    return syscall4(SYS_rt_sigprocmask, how, (long)set, (long)old, 8);
}

static inline sigset64_t sig_blocked(void)
{
    sigset64_t old;
    sigprocmask64(SIG_BLOCK, NULL, &old);
    return old;
}

static inline sigset64_t sig_pending(void)
{
    sigset64_t set = 0;
    syscall2(SYS_rt_sigpending, (long)&set, 8);
    return set;
}

static inline int sigsuspend64(const sigset64_t *mask)
{
    return syscall2(SYS_rt_sigsuspend, (long)mask, 8);
}

static inline int sigaltstack(const stack_t *ss, stack_t *oss)
{
    return syscall2(SYS_sigaltstack, (long)ss, (long)oss);
}

static inline int pause(void) { return syscall0(SYS_pause); }
static inline unsigned alarm(unsigned s) { return syscall1(SYS_alarm, s); }
static inline int tkill(int tid, int sig) { return syscall2(SYS_tkill, tid, sig); }
static inline int tgkill(int tgid, int tid, int sig) { return syscall3(SYS_tgkill, tgid, tid, sig); }
static inline int raise(int sig) { return kill(getpid(), sig); }

static inline int wait4_status(int pid, int *status, int options)
{
    return syscall4(SYS_wait4, pid, (long)status, options, 0);
}

#endif

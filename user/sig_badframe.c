/*
 * sig_badframe.c - sigreturn must not trust the frame: the handler can
 * write anything there.  Each case runs in a forked child and the parent
 * prints how the child ended.
 *
 *   - cs or ss changed to a kernel selector (0x08, 0x10): Linux's
 *     restore_sigcontext forces RPL 3 (cs | 3, ss | 3), and the IRET back
 *     to user mode then faults on the bogus selector; a 32-bit kernel
 *     reports a failed IRET as SIGILL (traps.c, iret_error).
 *   - cs and ss with RPL 0 but the user segments: forced to RPL 3, they
 *     are the program's own again, and it goes on.
 *   - EFLAGS with IOPL 3, NT set and IF clear: sigreturn takes only the
 *     arithmetic flags, DF, TF, AC and RF (FIX_EFLAGS); the program goes
 *     on with IOPL 0 (so cli still faults), NT clear and IF set.
 *   - rt_sigreturn and sigreturn called directly with esp in unmapped
 *     memory: no frame to read, SIGSEGV.
 *   - a signal to a task whose esp is in unmapped memory: the frame
 *     cannot be written, SIGSEGV (also when SIGSEGV itself has a handler:
 *     its frame cannot be written either).
 */
#include "lib/usignal.h"
#include "lib/vmtest.h"

#define EFLAGS_IF   0x0200
#define EFLAGS_IOPL 0x3000
#define EFLAGS_NT   0x4000

/* Below the program's text at 0x08048000 nothing is mapped, and what is
 * above it is not a stack that could grow down over it. */
#define BAD_ESP 0x00800000

enum { SET_CS, SET_SS, USER_RPL0, EFLAGS };
static int corrupt;                     /* what the handler does to the frame */
static unsigned cs_was, ss_was;

static void handler(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)sig;
    (void)si;
    cs_was = uc->mc.cs;
    ss_was = uc->mc.ss;
    if (corrupt == SET_CS)
        uc->mc.cs = 0x08;
    else if (corrupt == SET_SS)
        uc->mc.ss = 0x10;
    else if (corrupt == USER_RPL0) {
        uc->mc.cs &= ~3;
        uc->mc.ss &= ~3;
    } else if (corrupt == EFLAGS) {
        uc->mc.eflags |= EFLAGS_IOPL | EFLAGS_NT;
        uc->mc.eflags &= ~EFLAGS_IF;
    }
}

static unsigned eflags(void)
{
    unsigned f;

    __asm__ volatile("pushfl\n\tpopl %0" : "=r"(f));
    return f;
}

static void corrupt_and_return(void *arg)
{
    corrupt = (int)(long)arg;
    sa_set(SIGUSR1, handler, SA_SIGINFO, 0);
    raise(SIGUSR1);
    uprintf(1, "  the child went on\n");
    if (corrupt == USER_RPL0) {
        unsigned short cs, ss;
        __asm__ volatile("movw %%cs, %0\n\tmovw %%ss, %1" : "=r"(cs), "=r"(ss));
        uprintf(1, "  cs and ss are the ones the frame had: %s\n",
                cs == cs_was && ss == ss_was ? "yes" : "no");
    }
    if (corrupt == EFLAGS) {
        unsigned f = eflags();
        uprintf(1, "  IOPL %u, NT %s, IF %s\n", (f & EFLAGS_IOPL) >> 12, f & EFLAGS_NT ? "set" : "clear",
                f & EFLAGS_IF ? "set" : "clear");
        uprintf(1, "  cli at IOPL 0 faults:\n");
        __asm__ volatile("cli");
        uprintf(1, "  cli did not fault\n");
    }
}

/* rt_sigreturn (173) or sigreturn (119) with esp at BAD_ESP; exit 42 if
 * the call comes back at all. */
static void sigreturn_bad_esp(void *nr)
{
    __asm__ volatile("movl %0, %%esp\n\t"
                     "int $0x80\n\t"
                     "movl $252, %%eax\n\t"
                     "movl $42, %%ebx\n\t"
                     "int $0x80"
                     : : "i"(BAD_ESP), "a"(nr) : "memory");
    __builtin_unreachable();
}

/* kill(self, SIGUSR1) with esp at BAD_ESP, SIGUSR1 caught (and SIGSEGV
 * too, if segv_handler); exit 42 if the kill comes back. */
static void signal_bad_esp(void *segv_handler)
{
    int pid = getpid();

    sa_set(SIGUSR1, handler, SA_SIGINFO, 0);
    if (segv_handler)
        sa_set(SIGSEGV, handler, SA_SIGINFO, 0);
    __asm__ volatile("movl %0, %%esp\n\t"
                     "int $0x80\n\t"
                     "movl $252, %%eax\n\t"
                     "movl $42, %%ebx\n\t"
                     "int $0x80"
                     : : "i"(BAD_ESP), "a"(SYS_kill), "b"(pid), "c"(SIGUSR1) : "memory");
    __builtin_unreachable();
}

static void run(const char *what, void (*fn)(void *), long arg)
{
    char buf[24];

    uprintf(1, "%s:\n", what);
    uprintf(1, "  child: %s\n", status_text(status_of_child(fn, (void *)arg), buf));
}

int main(void)
{
    run("handler sets cs to 0x08", corrupt_and_return, SET_CS);
    run("handler sets ss to 0x10", corrupt_and_return, SET_SS);
    run("handler clears the RPL bits of cs and ss", corrupt_and_return, USER_RPL0);
    run("handler sets IOPL 3 and NT, clears IF", corrupt_and_return, EFLAGS);
    run("rt_sigreturn with esp in unmapped memory", sigreturn_bad_esp, SYS_rt_sigreturn);
    run("sigreturn with esp in unmapped memory", sigreturn_bad_esp, SYS_sigreturn);
    run("SIGUSR1 caught, esp in unmapped memory", signal_bad_esp, 0);
    run("SIGUSR1 and SIGSEGV caught, esp in unmapped memory", signal_bad_esp, 1);
    uprintf(1, "the parent is fine\n");
    return 0;
}

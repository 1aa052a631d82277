/*
 * sig_oldframe.c - the old i386 signal frame, and the old calls that
 * install handlers.
 *
 * A handler without SA_SIGINFO gets Linux's struct sigframe: pretcode
 * (where it returns), sig (its argument), a struct sigcontext right after
 * it, 624 unused bytes, extramask (mask bits 33..64) and retcode, the
 * bytes of "popl %eax; movl $119,%eax; int $0x80" (sigreturn), kept for
 * debuggers.  Without SA_RESTORER the handler returns to code with those
 * bytes: Linux points pretcode at its vDSO's __kernel_sigreturn (where a
 * kernel has no vDSO, at retcode itself); with SA_RESTORER, at the
 * program's restorer.  The handler reads the frame through the address of
 * its argument.
 *
 * Then the old system calls: signal (48), a one-shot handler
 * (SA_RESETHAND | SA_NODEFER) that returns the previous one, and
 * sigaction (67), whose struct old_sigaction has a 32-bit mask.
 */
#include "lib/usignal.h"
#include "lib/vmtest.h"

#define SIGRT40 40                      /* a signal of the mask's upper half */

struct old_sigaction {
    void *handler;
    unsigned long mask;
    unsigned long flags;
    void (*restorer)(void);
};

static int old_sigaction(int sig, const struct old_sigaction *act, struct old_sigaction *oact)
{
    return syscall3(SYS_sigaction, sig, (long)act, (long)oact);
}

static long old_signal(int sig, void *handler)
{
    return syscall2(SYS_signal, sig, (long)handler);
}

/* kill_self(pid, sig): kill by int $0x80, noting esp there; the signal
 * comes on the way out, so the frame's eip is kill_resume. */
int kill_self(int pid, int sig);
__asm__(
    "    .text\n"
    "kill_self:\n"
    "    pushl   %ebx\n"
    "    movl    8(%esp), %ebx\n"
    "    movl    12(%esp), %ecx\n"
    "    movl    $37, %eax\n"
    "    movl    %esp, kill_esp\n"
    "    int     $0x80\n"
    "kill_resume:\n"
    "    popl    %ebx\n"
    "    ret\n");
extern char kill_resume[];
unsigned kill_esp;

/* A restorer for the old frame, as glibc's __restore: the handler's ret
 * popped pretcode, popl takes sig, then sigreturn. */
void old_restorer(void);
__asm__(
    "    .text\n"
    "old_restorer:\n"
    "    incl    restorer_calls\n"
    "    popl    %eax\n"
    "    movl    $119, %eax\n"
    "    int     $0x80\n"
    "    hlt\n");
unsigned restorer_calls;

static const unsigned char sigreturn_code[8] = { 0x58, 0xB8, 0x77, 0, 0, 0, 0xCD, 0x80 };

static void print_bytes(const char *what, const unsigned char *p)
{
    uprintf(1, "  %s: %x %x %x %x %x %x %x %x (popl %%eax; movl $119,%%eax; int $0x80: %s)\n", what, p[0],
            p[1], p[2], p[3], p[4], p[5], p[6], p[7], memcmp(p, sigreturn_code, 8) ? "no" : "yes");
}

static void print_mask(const char *what)
{
    sigset64_t m = sig_blocked();
    uprintf(1, "  %s: 0x%x 0x%x\n", what, (unsigned)m, (unsigned)(m >> 32));
}

static int pid;
static int handler_calls;
static int with_restorer;               /* frame_handler was installed with SA_RESTORER */

/* The same address, which gcc can no longer tie to one small object (the
 * frame around a handler's argument is bigger than the argument). */
static void *frame_around(void *p)
{
    __asm__("" : "+r"(p));
    return p;
}

/*
 * The handler of the old frame: sig is the frame's second word, so the
 * frame starts just below it and the sigcontext just above.
 */
static void frame_handler(int sig)
{
    unsigned *frame = (unsigned *)frame_around(&sig) - 1;
    const struct sigcontext *sc = (const struct sigcontext *)(frame + 2);
    const unsigned char *bytes = (const unsigned char *)frame;
    unsigned extramask;

    handler_calls++;
    memcpy(&extramask, bytes + 720, 4);
    uprintf(1, "  sig %d, &sig %% 16 = %u\n", sig, (unsigned)&sig % 16);
    uprintf(1, "  sc.eip is kill's return: %s, sc.esp is kill's esp: %s\n",
            sc->eip == (unsigned long)kill_resume ? "yes" : "no", sc->esp == kill_esp ? "yes" : "no");
    uprintf(1, "  sc.eax %u (kill's result), sc.ebx is the pid: %s, sc.ecx %u\n", (unsigned)sc->eax,
            yes(sc->ebx == (unsigned)pid), (unsigned)sc->ecx);
    uprintf(1, "  sc.cs and sc.ss have RPL 3: %s\n", yes((sc->cs & 3) == 3 && (sc->ss & 3) == 3));
    uprintf(1, "  sc.fpstate above the frame, its fxsave image 64-byte aligned: %s\n",
            yes(sc->fpstate >= (unsigned long)frame + 732 && (sc->fpstate + 112) % 64 == 0));
    uprintf(1, "  sc.oldmask 0x%x, extramask 0x%x\n", (unsigned)sc->oldmask, extramask);
    print_mask("mask in the handler");
    print_bytes("retcode", bytes + 724);
    if (with_restorer)
        uprintf(1, "  pretcode is old_restorer: %s\n", yes(frame[0] == (unsigned)old_restorer));
    else
        print_bytes("the code at pretcode", (const unsigned char *)frame[0]);
}

static void oneshot(int sig)
{
    handler_calls++;
    uprintf(1, "  oneshot: sig %d, SIGUSR1 blocked in the handler: %s\n", sig,
            yes(sig_blocked() & SIGBIT(SIGUSR1)));
}

static void old_sa_handler(int sig)
{
    handler_calls++;
    uprintf(1, "  old_sa_handler: sig %d\n", sig);
    print_mask("mask in the handler");
}

static void old_sa_siginfo(int sig, struct siginfo *si, struct ucontext *uc)
{
    handler_calls++;
    uprintf(1, "  old_sa_siginfo: sig %d, si_signo %d, si_code %d, uc_sigmask 0x%x\n", sig, si->si_signo,
            si->si_code, (unsigned)uc->uc_sigmask);
}

static void raise_twice(void *arg)
{
    (void)arg;
    old_signal(SIGUSR1, oneshot);
    raise(SIGUSR1);
    uprintf(1, "  the first SIGUSR1 was handled\n");
    raise(SIGUSR1);
    uprintf(1, "  the second SIGUSR1 was handled too\n");
}

int main(void)
{
    struct ksigaction ka, old;
    struct old_sigaction osa, oosa;
    sigset64_t mask = SIGBIT(SIGUSR2) | SIGBIT(SIGRT40);
    char buf[24];

    pid = getpid();
    sigprocmask64(SIG_BLOCK, &mask, NULL);

    uprintf(1, "old frame, no SA_RESTORER (SIGUSR2 and signal 40 blocked):\n");
    ka = (struct ksigaction){ frame_handler, 0, 0, 0 };
    rt_sigaction(SIGUSR1, &ka, NULL);
    kill_self(pid, SIGUSR1);
    uprintf(1, "  back from the handler (%d call)\n", handler_calls);
    print_mask("mask after");

    uprintf(1, "old frame, SA_RESTORER old_restorer:\n");
    ka = (struct ksigaction){ frame_handler, SA_RESTORER, old_restorer, 0 };
    with_restorer = 1;
    rt_sigaction(SIGUSR1, &ka, NULL);
    kill_self(pid, SIGUSR1);
    uprintf(1, "  back from the handler through old_restorer: %u call\n", restorer_calls);
    print_mask("mask after");
    sigprocmask64(SIG_UNBLOCK, &mask, NULL);

    uprintf(1, "signal():\n");
    handler_calls = 0;
    uprintf(1, "  signal(SIGUSR1, oneshot) returns the old handler: %s\n",
            yes(old_signal(SIGUSR1, oneshot) == (long)frame_handler));
    raise(SIGUSR1);
    rt_sigaction(SIGUSR1, NULL, &old);
    uprintf(1, "  after one signal: handler calls %d, handler %s, flags 0x%x\n", handler_calls,
            old.handler == SIG_DFL ? "SIG_DFL" : "still set", (unsigned)old.flags);
    uprintf(1, "  a child raising SIGUSR1 twice under signal():\n");
    uprintf(1, "  child: %s\n", status_text(status_of_child(raise_twice, 0), buf));
    uprintf(1, "  signal(SIGUSR1, SIG_IGN) returns %d\n", (int)old_signal(SIGUSR1, (void *)SIG_IGN));
    uprintf(1, "  signal(SIGKILL, oneshot) returns %d\n", (int)old_signal(SIGKILL, oneshot));

    uprintf(1, "sigaction():\n");
    handler_calls = 0;
    osa = (struct old_sigaction){ old_sa_handler, SIGBIT(SIGUSR2), 0, 0 };
    memset(&oosa, 0x55, sizeof(oosa));
    int r = old_sigaction(SIGUSR1, &osa, &oosa);
    uprintf(1, "  sigaction(SIGUSR1) returns %d, old handler %s\n", r,
            oosa.handler == (void *)SIG_IGN ? "SIG_IGN" : "other");
    raise(SIGUSR1);
    memset(&oosa, 0x55, sizeof(oosa));
    old_sigaction(SIGUSR1, NULL, &oosa);
    uprintf(1, "  read back: handler is old_sa_handler: %s, mask 0x%x, flags 0x%x\n",
            yes(oosa.handler == old_sa_handler), (unsigned)oosa.mask, (unsigned)oosa.flags);
    rt_sigaction(SIGUSR1, NULL, &old);
    uprintf(1, "  as rt_sigaction has it: mask 0x%x 0x%x\n", (unsigned)old.mask, (unsigned)(old.mask >> 32));
    ka = (struct ksigaction){ old_sa_handler, SA_RESTORER, sig_restorer, SIGBIT(SIGUSR2) | SIGBIT(SIGRT40) };
    rt_sigaction(SIGUSR1, &ka, NULL);
    old_sigaction(SIGUSR1, NULL, &oosa);
    uprintf(1, "  a 64-bit mask through the old call: 0x%x, flags 0x%x, restorer is sig_restorer: %s\n",
            (unsigned)oosa.mask, (unsigned)oosa.flags, yes(oosa.restorer == sig_restorer));
    osa = (struct old_sigaction){ old_sa_siginfo, 0, SA_SIGINFO, 0 };
    old_sigaction(SIGUSR1, &osa, NULL);
    raise(SIGUSR1);
    uprintf(1, "  sigaction(SIGKILL) returns %d, sigaction(SIGSTOP) %d, sigaction(65) %d\n",
            old_sigaction(SIGKILL, &osa, NULL), old_sigaction(SIGSTOP, &osa, NULL), old_sigaction(65, &osa, NULL));
    uprintf(1, "  handler calls %d\n", handler_calls);
    return 0;
}

/*
 * sig_regs.c - a signal handler may use every register, and the code it
 * interrupted gets all of its own back when the handler returns through
 * rt_sigreturn: eax..ebp and esp, EFLAGS' DF and CF, the x87 stack and
 * control word, MXCSR and xmm0.  The handler itself starts as the ABI
 * says: DF clear, a clean FPU (control word 0x37f, MXCSR 0x1f80, xmm0
 * zero) and (esp + 4) % 16 == 0, which is where Linux's get_sigframe puts
 * the frame.  Its frame's ucontext holds the interrupted registers.
 *
 * Two ways in: a kill() of ourselves by int $0x80 (the signal comes on
 * the way out of the system call, so eax holds kill's result, 0), and
 * SIGALRM while spinning in user mode (it comes with a timer interrupt:
 * eax too is the program's).  The code that sets the registers and the
 * handler are in assembly, since C would save and restore them itself.
 */
#include "lib/usignal.h"

#define EFLAGS_CF 0x001
#define EFLAGS_DF 0x400

struct regs {
    unsigned eax, ebx, ecx, edx, esi, edi, ebp, esp, eflags;
};

/* Filled by the assembly below (so not static). */
struct regs set_regs, got_regs;         /* before and after the signal */
unsigned short got_fcw;
unsigned got_mxcsr, got_xmm0[4];
unsigned char got_st0[10];              /* 80-bit, as fstpt stores it */
unsigned char want_st0[10];

/* What the probe puts in the FPU and SSE registers. */
double probe_st0 = 1234.5;
unsigned short probe_fcw = 0x0F7F;      /* round toward zero, all exceptions masked */
unsigned probe_mxcsr = 0x7F80;          /* the same for SSE */
unsigned probe_xmm0[4] __attribute__((aligned(16))) = { 0x01234567, 0x89ABCDEF, 0xDEADBEEF, 0x55AA55AA };
unsigned default_mxcsr = 0x1F80;

/* What the handler found at its entry, and what it clobbers with. */
unsigned h_esp, h_eflags, h_mxcsr, h_xmm0[4], h_calls;
unsigned short h_fcw;
struct ucontext h_uc;
unsigned char h_fp[624];                /* its struct _fpstate_32: fsave part, fxsave image */
unsigned short junk_fcw = 0x0B7F;
unsigned junk_mxcsr = 0x3F80;
unsigned junk_xmm0[4] = { 0xBAD0BAD0, 0xBAD1BAD1, 0xBAD2BAD2, 0xBAD3BAD3 };

/* Called by the handler before it clobbers anything. */
void __attribute__((used)) save_uc(const struct ucontext *uc)
{
    memcpy(&h_uc, uc, sizeof(h_uc));
    memcpy(h_fp, (const void *)uc->mc.fpstate, sizeof(h_fp));
}

/*
 * handler(sig, info, uc): note the state at entry, copy the ucontext,
 * then change every register it can and return with DF set; the
 * restorer (sig_restorer, rt_sigreturn) must undo all of that.
 */
void handler(int sig, struct siginfo *si, struct ucontext *uc);
__asm__(
    "    .text\n"
    "handler:\n"
    "    movl    %esp, h_esp\n"            /* the very first instruction */
    "    pushfl\n"
    "    popl    h_eflags\n"
    "    fnstcw  h_fcw\n"
    "    stmxcsr h_mxcsr\n"
    "    movups  %xmm0, h_xmm0\n"
    "    incl    h_calls\n"
    "    subl    $8, %esp\n"
    "    pushl   20(%esp)\n"               /* uc */
    "    call    save_uc\n"
    "    addl    $12, %esp\n"
    "    movl    $0xBAD00001, %eax\n"
    "    movl    $0xBAD00002, %ebx\n"
    "    movl    $0xBAD00003, %ecx\n"
    "    movl    $0xBAD00004, %edx\n"
    "    movl    $0xBAD00005, %esi\n"
    "    movl    $0xBAD00006, %edi\n"
    "    movl    $0xBAD00007, %ebp\n"
    "    fninit\n"
    "    fldcw   junk_fcw\n"
    "    fldz\n"
    "    fld1\n"
    "    ldmxcsr junk_mxcsr\n"
    "    movups  junk_xmm0, %xmm0\n"
    "    clc\n"
    "    std\n"
    "    ret\n");

/* Loads the probe's FPU and SSE values (st0 pushed on the x87 stack). */
#define LOAD_FPU                                                              \
    "    fninit\n"                                                            \
    "    fldcw   probe_fcw\n"                                                 \
    "    fldl    probe_st0\n"                                                 \
    "    ldmxcsr probe_mxcsr\n"                                               \
    "    movups  probe_xmm0, %xmm0\n"

/* Records in set_regs the registers ebx to esp as they are set. */
#define RECORD_SET_REGS                                                       \
    "    movl    %ebx, set_regs+4\n"                                          \
    "    movl    %ecx, set_regs+8\n"                                          \
    "    movl    %edx, set_regs+12\n"                                         \
    "    movl    %esi, set_regs+16\n"                                         \
    "    movl    %edi, set_regs+20\n"                                         \
    "    movl    %ebp, set_regs+24\n"                                         \
    "    movl    %esp, set_regs+28\n"

/* Stores the registers (eflags last pushed) and the FPU state into got_*,
 * then gives C a clean FPU again. */
#define SAVE_ALL                                                              \
    "    pushfl\n"                                                            \
    "    cld\n"                                                               \
    "    movl    %eax, got_regs+0\n"                                          \
    "    movl    %ebx, got_regs+4\n"                                          \
    "    movl    %ecx, got_regs+8\n"                                          \
    "    movl    %edx, got_regs+12\n"                                         \
    "    movl    %esi, got_regs+16\n"                                         \
    "    movl    %edi, got_regs+20\n"                                         \
    "    movl    %ebp, got_regs+24\n"                                         \
    "    popl    got_regs+32\n"                                               \
    "    movl    %esp, got_regs+28\n"                                         \
    "    fnstcw  got_fcw\n"                                                   \
    "    stmxcsr got_mxcsr\n"                                                 \
    "    movups  %xmm0, got_xmm0\n"                                           \
    "    fstpt   got_st0\n"                                                   \
    "    fninit\n"                                                            \
    "    ldmxcsr default_mxcsr\n"

/* A probe's start: the callee-saved registers pushed, the FPU loaded;
 * and its end: everything recorded, the registers popped, return. */
#define PROBE_ENTER                                                           \
    "    pushl   %ebp\n"                                                      \
    "    pushl   %ebx\n"                                                      \
    "    pushl   %esi\n"                                                      \
    "    pushl   %edi\n"                                                      \
    LOAD_FPU
#define PROBE_RETURN                                                          \
    SAVE_ALL                                                                  \
    "    popl    %edi\n"                                                      \
    "    popl    %esi\n"                                                      \
    "    popl    %ebx\n"                                                      \
    "    popl    %ebp\n"                                                      \
    "    ret\n"

/*
 * kill_probe(pid): every register set to a known value (ebx and ecx are
 * kill's arguments), DF and CF set, then kill(pid, SIGUSR1) by int $0x80.
 */
void kill_probe(int pid);
__asm__(
    "    .text\n"
    "kill_probe:\n"
    PROBE_ENTER
    "    movl    20(%esp), %ebx\n"         /* pid */
    "    movl    $10, %ecx\n"              /* SIGUSR1 */
    "    movl    $0x11111111, %edx\n"
    "    movl    $0x22222222, %esi\n"
    "    movl    $0x33333333, %edi\n"
    "    movl    $0x44444444, %ebp\n"
    "    movl    $37, %eax\n"              /* kill */
    RECORD_SET_REGS
    "    movl    $0, set_regs+0\n"         /* eax comes back as kill's result */
    "    std\n"
    "    stc\n"
    "    int     $0x80\n"
    ".globl kill_probe_resume\n"
    "kill_probe_resume:\n"
    PROBE_RETURN);
extern char kill_probe_resume[];

/*
 * spin_probe(): every register set, DF set, then spin until the handler
 * has run (h_calls, which the caller zeroes, is no longer 0).
 */
void spin_probe(void);
__asm__(
    "    .text\n"
    "spin_probe:\n"
    PROBE_ENTER
    "    movl    $0x55555555, %eax\n"
    "    movl    $0x66666666, %ebx\n"
    "    movl    $0x77777777, %ecx\n"
    "    movl    $0x88888888, %edx\n"
    "    movl    $0x99999999, %esi\n"
    "    movl    $0xAAAAAAAA, %edi\n"
    "    movl    $0xBBBBBBBB, %ebp\n"
    "    movl    %eax, set_regs+0\n"
    RECORD_SET_REGS
    "    std\n"
    "1:  cmpl    $0, h_calls\n"
    "    je      1b\n"
    PROBE_RETURN);

static const char *const reg_names[] = { "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp" };

/* One line for the general registers: "kept" or what changed. */
static void print_regs(const char *what)
{
    const unsigned *set = &set_regs.eax, *got = &got_regs.eax;
    int bad = 0;

    for (int i = 0; i < 8; i++)
        if (set[i] != got[i]) {
            uprintf(1, "%s: %s was 0x%x, is 0x%x\n", what, reg_names[i], set[i], got[i]);
            bad = 1;
        }
    if (!bad)
        uprintf(1, "%s: eax ebx ecx edx esi edi ebp esp all kept\n", what);
}

static void print_fpu(const char *what)
{
    uprintf(1, "%s: FPU control word 0x%x, MXCSR 0x%x, xmm0 %s, st0 %s\n", what, got_fcw, got_mxcsr,
            memcmp(got_xmm0, probe_xmm0, 16) ? "changed" : "kept",
            memcmp(got_st0, want_st0, 10) ? "changed" : "kept");
}

static void print_handler_entry(void)
{
    static const unsigned zero[4];

    uprintf(1, "  handler entry: (esp + 4) %% 16 = %u, DF %s, FPU control word 0x%x, MXCSR 0x%x, xmm0 %s\n",
            (h_esp + 4) % 16, h_eflags & EFLAGS_DF ? "set" : "clear", h_fcw, h_mxcsr,
            memcmp(h_xmm0, zero, 16) ? "not zero" : "zero");
}

/* The interrupted state as the frame's ucontext has it. */
static void print_frame(void)
{
    const struct sigcontext *mc = &h_uc.mc;
    const unsigned char *fp = h_fp;
    unsigned cw, mxcsr;

    memcpy(&cw, fp, 4);                 /* the fsave part's control word */
    memcpy(&mxcsr, fp + 112 + 24, 4);   /* the fxsave image follows at 112 */
    uprintf(1, "  frame: eax 0x%x ebx %s ecx %s edx 0x%x esi 0x%x edi 0x%x ebp 0x%x, esp %s\n", mc->eax,
            mc->ebx == set_regs.ebx ? "kept" : "wrong", mc->ecx == set_regs.ecx ? "kept" : "wrong",
            mc->edx, mc->esi, mc->edi, mc->ebp, mc->esp == set_regs.esp ? "kept" : "wrong");
    uprintf(1, "  frame: EFLAGS DF %s CF %s; FPU control word 0x%x, MXCSR 0x%x, st0 %s, xmm0 %s\n",
            mc->eflags & EFLAGS_DF ? "set" : "clear", mc->eflags & EFLAGS_CF ? "set" : "clear",
            cw & 0xFFFF, mxcsr, memcmp(fp + 28, want_st0, 10) ? "wrong" : "kept",
            memcmp(fp + 112 + 160, probe_xmm0, 16) ? "wrong" : "kept");
}

int main(void)
{
    /* st0 as the 80-bit value the FPU holds */
    __asm__ volatile("fldl probe_st0\n\tfstpt want_st0" ::: "memory");

    sa_set(SIGUSR1, handler, SA_SIGINFO, 0);
    sa_set(SIGALRM, handler, SA_SIGINFO, 0);

    uprintf(1, "kill(self, SIGUSR1) by int $0x80 with DF and CF set:\n");
    kill_probe(getpid());
    print_handler_entry();
    print_frame();
    uprintf(1, "  frame: eip is just after int $0x80: %s\n",
            h_uc.mc.eip == (unsigned long)kill_probe_resume ? "yes" : "no");
    uprintf(1, "  handler calls %u\n", h_calls);
    print_regs("  after");
    uprintf(1, "  after: DF %s, CF %s\n", got_regs.eflags & EFLAGS_DF ? "set" : "clear",
            got_regs.eflags & EFLAGS_CF ? "set" : "clear");
    print_fpu("  after");

    uprintf(1, "SIGALRM while spinning in user mode with DF set:\n");
    h_calls = 0;
    alarm(1);
    spin_probe();
    print_handler_entry();
    uprintf(1, "  frame: eax 0x%x edi 0x%x, DF %s\n", h_uc.mc.eax, h_uc.mc.edi,
            h_uc.mc.eflags & EFLAGS_DF ? "set" : "clear");
    uprintf(1, "  handler calls %u\n", h_calls);
    print_regs("  after");
    uprintf(1, "  after: DF %s\n", got_regs.eflags & EFLAGS_DF ? "set" : "clear");
    print_fpu("  after");
    return 0;
}

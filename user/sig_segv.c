/*
 * sig_segv.c - catching the signals of faults (raw).  A SA_SIGINFO
 * handler learns which signal, why (si_code) and where (si_addr, and
 * the sigcontext's trapno, err and eip), then either fixes the cause and
 * returns, so that the faulting instruction runs again and succeeds, or
 * moves the saved eip past the instruction, so that it is skipped:
 *
 *   a read of an unmapped page      SIGSEGV SEGV_MAPERR  err 4 (user read)
 *   a write to a read-only page     SIGSEGV SEGV_ACCERR  err 6 (write, user)
 *   a read of the kernel half       SIGSEGV SEGV_MAPERR  err 5 (present, user)
 *   a read past the end of a file   SIGBUS  BUS_ADRERR
 *   a division by zero              SIGFPE  FPE_INTDIV   si_addr = the instruction
 *   ud2                             SIGILL  ILL_ILLOPN   si_addr = the instruction
 *   int3                            SIGTRAP SI_KERNEL    eip after it
 *
 * Last, a SIGSEGV inside the SIGSEGV handler (which blocks SIGSEGV, as
 * SA_NODEFER is not set) cannot be delivered: it kills, with signal 11.
 * Addresses are printed relative to where they should be, so the output
 * is the same on Linux.
 */
#include "lib/usignal.h"
#include "lib/vmtest.h"

static volatile int got_sig, got_code;
static volatile unsigned got_addr, got_trapno, got_err, got_eip;
/* what the handler does (volatile: the compiler must not move these
 * stores past the faulting access, which it does not know can trap) */
static void *volatile fix_page;         /* mprotect or map this page read-write */
static volatile int fix_by_mapping;     /*   by mapping a fresh anonymous page there */
static volatile unsigned skip_from, skip_to;    /* or skip the instruction at skip_from */

static void handler(int sig, struct siginfo *si, struct ucontext *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (unsigned)si->addr;
    got_trapno = uc->mc.trapno;
    got_err = uc->mc.err;
    got_eip = uc->mc.eip;
    if (skip_from && uc->mc.eip == skip_from) {
        uc->mc.eip = skip_to;           /* rt_sigreturn resumes there */
    } else if (fix_page && fix_by_mapping) {
        mmap2(fix_page, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    } else if (fix_page) {
        mprotect(fix_page, PAGE, PROT_READ | PROT_WRITE);
    } else {
        uprintf(1, "handler: nothing to fix at eip 0x%x\n", uc->mc.eip);
        exit(3);
    }
}

static void report(const char *what, int sig, int code, unsigned addr)
{
    uprintf(1, "%s: signal %d code %d, expected signal %d code %d: %s; si_addr right: %s\n", what,
            got_sig, got_code, sig, code, yes(got_sig == sig && got_code == code), yes(got_addr == addr));
    got_sig = got_code = 0;
    got_addr = 0;
}

/* The instructions to skip, each between two labels. */
extern char kread_insn[], kread_resume[], div_insn[], div_resume[], ud2_insn[], ud2_resume[],
    int3_insn[], int3_resume[];

static unsigned __attribute__((noinline)) read_kernel(unsigned addr)
{
    unsigned v = 0x5a5a5a5a;
    __asm__ volatile("kread_insn: movl (%1), %0\nkread_resume:" : "+r"(v) : "r"(addr) : "memory");
    return v;
}

static void __attribute__((noinline)) divide_by_zero(void)
{
    __asm__ volatile("movl $1, %%eax\n\tcltd\n\txorl %%ecx, %%ecx\n"
                     "div_insn: idivl %%ecx\ndiv_resume:" : : : "eax", "ecx", "edx");
}

static void __attribute__((noinline)) undefined_opcode(void)
{
    __asm__ volatile("ud2_insn: ud2\nud2_resume:");
}

static void __attribute__((noinline)) breakpoint(void)
{
    __asm__ volatile("int3_insn: int3\nint3_resume:");
}

/* In a child: a fault inside the handler of a fault. */
static void nested_handler(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)sig, (void)si, (void)uc;
    uprintf(1, "nested: first SIGSEGV caught; the handler faults in turn\n");
    *(volatile int *)0 = 1;
    uprintf(1, "nested: the second fault was survived\n");
}

static void fault_in_handler(void *arg)
{
    (void)arg;
    sa_set(SIGSEGV, nested_handler, SA_SIGINFO, 0);
    *(volatile int *)0 = 1;
    uprintf(1, "nested: back in main\n");
}

int main(void)
{
    char buf[24];

    sa_set(SIGSEGV, handler, SA_SIGINFO, 0);
    sa_set(SIGBUS, handler, SA_SIGINFO, 0);
    sa_set(SIGFPE, handler, SA_SIGINFO, 0);
    sa_set(SIGILL, handler, SA_SIGINFO, 0);
    sa_set(SIGTRAP, handler, SA_SIGINFO, 0);

    /* an unmapped page: the handler maps one there, the read then gives 0 */
    char *area = map_anon(2);
    munmap(area + PAGE, PAGE);
    fix_page = area + PAGE;
    fix_by_mapping = 1;
    int v = *(volatile char *)(area + PAGE + 0x123);
    report("read of an unmapped page", SIGSEGV, SEGV_MAPERR, (unsigned)area + PAGE + 0x123);
    uprintf(1, "  trapno %u err %u; the read, run again, gave %d\n", got_trapno, got_err, v);

    /* a read-only page: the handler makes it writable, the write then lands */
    char *ro = (char *)mmap2(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fix_page = ro;
    fix_by_mapping = 0;
    got_eip = 0;
    *(volatile char *)(ro + 0x456) = 42;
    report("write to a read-only page", SIGSEGV, SEGV_ACCERR, (unsigned)ro + 0x456);
    uprintf(1, "  trapno %u err %u; the write, run again, stored %d\n", got_trapno, got_err, ro[0x456]);

    /* the kernel half: nothing to fix, so the handler skips the load */
    fix_page = NULL;
    skip_from = (unsigned)kread_insn;
    skip_to = (unsigned)kread_resume;
    unsigned k = read_kernel(0xC0001234);
    report("read of the kernel half", SIGSEGV, SEGV_MAPERR, 0xC0001234);
    /* err's user bit (4) only: i386 Linux maps its kernel there (err 5,
     * a protection fault), a 64-bit kernel running us maps nothing (4) */
    uprintf(1, "  trapno %u err & 4 = %u; saved eip at the load: %s; the load was skipped: %s\n",
            got_trapno, got_err & 4, yes(got_eip == (unsigned)kread_insn), yes(k == 0x5a5a5a5a));

    /* past the end of a file: 10000 bytes, so the fourth page has none */
    int fd = open("pattern10000", O_RDONLY, 0);
    char *file = (char *)mmap2(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    fix_page = file + 3 * PAGE;
    fix_by_mapping = 1;
    skip_from = 0;
    v = *(volatile char *)(file + 3 * PAGE + 8);
    report("read past the end of a file", SIGBUS, BUS_ADRERR, (unsigned)file + 3 * PAGE + 8);
    uprintf(1, "  the read, run again on the page mapped in its place, gave %d\n", v);

    fix_page = NULL;
    skip_from = (unsigned)div_insn;
    skip_to = (unsigned)div_resume;
    divide_by_zero();
    report("division by zero", SIGFPE, FPE_INTDIV, (unsigned)div_insn);
    uprintf(1, "  trapno %u\n", got_trapno);

    skip_from = (unsigned)ud2_insn;
    skip_to = (unsigned)ud2_resume;
    undefined_opcode();
    report("ud2", SIGILL, ILL_ILLOPN, (unsigned)ud2_insn);
    uprintf(1, "  trapno %u\n", got_trapno);

    /* int3 traps after the instruction: the saved eip is already past it */
    skip_from = (unsigned)int3_resume;
    skip_to = (unsigned)int3_resume;
    breakpoint();
    report("int3", SIGTRAP, SI_KERNEL, 0);
    uprintf(1, "  trapno %u; saved eip after the int3: %s\n", got_trapno, yes(got_eip == (unsigned)int3_resume));

    uprintf(1, "a fault in a SIGSEGV handler: %s\n", status_text(status_of_child(fault_in_handler, 0), buf));
    return 0;
}

/*
 * fault_entry.c - the thin arch side of a page fault: decode CR2 and the
 * error code into a struct fault and hand it to mm/fault.c.  Then:
 *   - resolved: return and retry the instruction;
 *   - invalid in user mode: log one line and send SIGSEGV or SIGBUS with
 *     the address and why (a handler may take it, else it kills);
 *   - out of memory: the OOM killer has chosen this task, which dies;
 *   - invalid during a user copy in the kernel: resume at the fixup, which
 *     ends the copy short (see arch/x86/uaccess.S);
 *   - anything else in kernel mode: a kernel bug, oops.
 */
#include "arch/x86/mmu.h"
#include "arch/x86/trap.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "kernel/trace.h"
#include "mm/buddy.h"
#include "kernel/trap_handlers.h"
#include "kernel/uaccess.h"
#include "mm/fault.h"
#include "mm/memlayout.h"
#include "mm/vma.h"

void page_fault_entry(struct trap_frame *tf, uint32_t cr2)
{
    struct fault f;
    int major;

    f.addr = cr2;
    f.eip = tf->eip;
    f.write = !!(tf->error_code & PF_WRITE);
    f.user = !!(tf->error_code & PF_USER);
    f.reason = 0;
    f.regs = tf;
    if (!f.user && (cr2 >= USER_END || !current->mm))
        oops("page fault in kernel mode", tf);
    int tracing = trace_faults_on(current->tgid, current->pid);
    uint32_t free_before = tracing ? nr_free_pages() : 0;
    mmap_read_lock(current->mm);        /* the VMAs stay while the fault sleeps */
    enum fault_result r = handle_mm_fault(current->mm, &f, &major);
    mmap_read_unlock(current->mm);
    if (tracing)
        trace_fault(current->tgid, current->pid, &f, r, (int32_t)(free_before - nr_free_pages()));
    if (r == FAULT_HANDLED) {
        if (major)
            current->usage.maj_flt++;
        else
            current->usage.min_flt++;
        return;
    }
    if (!f.user) {
        uint32_t fixup = search_exception_table(tf->eip);
        if (!fixup)
            oops("page fault on a user address outside uaccess", tf);
        tf->eip = fixup;
        return;
    }
    if (r == FAULT_OOM)
        return;                         /* the OOM killer chose current (mm/oom_kill.h) */
    int sig = r == FAULT_SIGBUS ? SIGBUS : SIGSEGV;
    int code = r == FAULT_SIGBUS ? BUS_ADRERR : f.access_error ? SEGV_ACCERR : SEGV_MAPERR;
    /* the sigcontext's trapno, err and cr2, as Linux gives them: a user
     * access to the kernel half always reads as a protection fault */
    current->sig.trap_nr = T_PAGE_FAULT;
    current->sig.trap_err = tf->error_code | PF_USER | (cr2 >= USER_END ? PF_PRESENT : 0);
    current->sig.trap_cr2 = cr2;
    uint32_t handler = force_sig_fault(sig, code, cr2);
    const char *reason = f.reason ? f.reason : "invalid access";
    if (handler)                        /* the first PRINTK_LIMIT of each program */
        printk_limited(&current->sig.caught_log, "segfault: pid %d (%s) address 0x%08x eip 0x%08x: %s: "
                       "caught by the handler at 0x%08x\n", current->pid, current->name, cr2, tf->eip,
                       reason, handler);
    else
        printk("segfault: pid %d (%s) address 0x%08x eip 0x%08x: %s\n", current->pid, current->name, cr2,
               tf->eip, reason);
}

uint32_t fault_regs_digest(const struct fault *f)
{
    const struct trap_frame *tf = f->regs;

    if (!tf)
        return 0;
    uint32_t d = tf->eip ^ tf->eflags ^ (trap_from_user(tf) ? tf->user_esp : tf->esp_at_pusha);
    d = d * 31 + tf->eax;
    d = d * 31 + tf->ebx;
    d = d * 31 + tf->ecx;
    d = d * 31 + tf->edx;
    d = d * 31 + tf->esi;
    d = d * 31 + tf->edi;
    return d * 31 + tf->ebp;
}

/* Any other exception from user mode: its signal, as Linux sends it. */
void user_exception(struct trap_frame *tf)
{
    int sig = SIGSEGV, code = SI_KERNEL;
    uint32_t addr = 0;

    switch (tf->vector) {
    case T_DIVIDE:
        sig = SIGFPE, code = FPE_INTDIV, addr = tf->eip;
        break;
    case T_INVALID_OPCODE:
        sig = SIGILL, code = ILL_ILLOPN, addr = tf->eip;
        break;
    case T_BREAKPOINT:
        sig = SIGTRAP, code = SI_KERNEL;
        break;
    case T_X87_FPU:
    case T_SIMD_FP:
        sig = SIGFPE, code = 0, addr = tf->eip;
        break;
    case T_ALIGNMENT:
        sig = SIGBUS, code = BUS_ADRALN;
        break;
    }
    current->sig.trap_nr = tf->vector;
    current->sig.trap_err = tf->error_code;
    current->sig.trap_cr2 = 0;
    if (force_sig_fault(sig, code, addr))
        printk_limited(&current->sig.caught_log, "trap: pid %d (%s) %s at eip 0x%08x: signal %d, caught\n",
                       current->pid, current->name, trap_name(tf->vector), tf->eip, sig);
    else
        printk("trap: pid %d (%s) %s at eip 0x%08x: signal %d\n", current->pid, current->name,
               trap_name(tf->vector), tf->eip, sig);
}

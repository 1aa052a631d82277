/*
 * trap.c - where every interrupt, exception and system call arrives
 * (from isr.S), and the oops report for exceptions the kernel did not
 * expect.  The dispatcher only decides who handles a vector; the
 * handlers live with their subsystems (mm/fault.c, kernel/syscall.c...).
 */
#include "arch/x86/cpu.h"
#include "arch/x86/ide.h"
#include "arch/x86/pic.h"
#include "arch/x86/qemu.h"
#include "arch/x86/trap.h"
#include "kernel/console.h"
#include "kernel/ksyms.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "kernel/trap_handlers.h"

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow",
    "bound range exceeded", "invalid opcode", "device not available",
    "double fault", "coprocessor segment overrun", "invalid TSS",
    "segment not present", "stack-segment fault", "general protection fault",
    "page fault", "reserved", "x87 floating-point error", "alignment check",
    "machine check", "SIMD floating-point error", "virtualization exception",
    "control protection exception",
};

const char *trap_name(uint32_t vector)
{
    if (vector < 32)
        return exception_names[vector] ? exception_names[vector] : "reserved";
    if (vector < 48)
        return "IRQ";
    return vector == T_SYSCALL ? "syscall" : "unknown";
}

/*
 * oops - an exception the kernel cannot explain: print the vector's name,
 * the error code, CR2, every register and a symbolic backtrace, then stop
 * (QEMU exits at once with QEMU_EXIT_PANIC).
 */
__attribute__((noreturn)) void oops(const char *why, struct trap_frame *tf)
{
    cli();
    printk("\nOOPS: %s: %s (vector %u) error 0x%x\n", why, trap_name(tf->vector),
           tf->vector, tf->error_code);
    printk("CR2: %08x  CR3: %08x\n", read_cr2(), read_cr3());
    printk("EIP: %04x:%08x EFLAGS: %08x\n", tf->cs, tf->eip, tf->eflags);
    printk("EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
    printk("ESI: %08x EDI: %08x EBP: %08x ESP: %08x\n", tf->esi, tf->edi, tf->ebp,
           (uint32_t)&tf->user_esp);
    printk("DS: %04x ES: %04x FS: %04x GS: %04x\n", tf->ds, tf->es, tf->fs, tf->gs);
    printk("EIP is at:\n");
    print_symbol_line(tf->eip);
    backtrace(tf->ebp);
    printk("KERNEL PANIC: oops in kernel mode\n");
    panic_halt();
}

/* Not inlined: inside trap_dispatch its code would blur the line numbers
 * gdb gives for trap_dispatch's frame in a backtrace (tests/gdb/bt-trap.gdb). */
static void __attribute__((noinline)) handle_irq(struct trap_frame *tf)
{
    int irq = tf->vector - T_IRQ0;
    uint64_t start = rdtsc();

    pic_eoi(irq);
    if (irq == IRQ_TIMER)
        timer_interrupt(tf);
    else if (irq == IRQ_COM1)
        console_rx_interrupt();
    else if (irq == IRQ_IDE_PRIMARY)
        ide_interrupt();
    sched_exclude_irq(rdtsc() - start);
}

void trap_dispatch(struct trap_frame *tf)
{
    if (tf->vector == T_PAGE_FAULT)
        page_fault_entry(tf, read_cr2());
    else if (tf->vector == T_SYSCALL)
        syscall_dispatch(tf);
    else if (tf->vector >= T_IRQ0 && tf->vector < T_IRQ0 + 16)
        handle_irq(tf);
    else if (trap_from_user(tf))
        user_exception(tf);
    else
        oops("unexpected exception in kernel mode", tf);
    if (trap_from_user(tf)) {
        irq_window();                   /* a tick that came meanwhile is system time */
        if (return_to_user_pending())
            return_to_user_check(tf);
    }
}

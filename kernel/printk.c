/*
 * printk.c - formatted kernel log output and panic().
 */
#include "arch/x86/cpu.h"
#include "arch/x86/qemu.h"
#include "kernel/console.h"
#include "kernel/ksyms.h"
#include "kernel/lib.h"
#include "kernel/printk.h"

static void vprintk(const char *fmt, va_list ap)
{
    char buf[512];
    int n = kvsnprintf(buf, sizeof(buf), fmt, ap);

    klog_write(buf, MIN((size_t)n, sizeof(buf) - 1));
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void printk_limited(struct printk_limit *limit, const char *fmt, ...)
{
    va_list ap;

    if (limit->count++ >= PRINTK_LIMIT) {
        if (limit->count == PRINTK_LIMIT + 1)
            printk("%s: more messages like the last are not shown\n", limit->who);
        return;
    }
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

static int panicking;

/* Stop the machine for good: leave QEMU with QEMU_EXIT_PANIC, or halt. */
void panic_halt(void)
{
    cli();
    qemu_exit(QEMU_EXIT_PANIC);
    for (;;)
        hlt();
}

/*
 * panic - report corrupted kernel state and stop: the message, a
 * backtrace with function names, then QEMU exits with QEMU_EXIT_PANIC
 * (or the CPU halts forever outside QEMU).
 */
void panic(const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    cli();
    va_start(ap, fmt);
    kvsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    printk("\nKERNEL PANIC: %s\n", buf);
    if (!panicking++)
        backtrace(read_ebp());
    panic_halt();
}

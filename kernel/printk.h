/*
 * printk.h - the kernel log, panics and loud assertions.
 *
 * printk writes to the kernel log: COM1 normally, or COM2 when the
 * kernel command line says klog=com2 (the test runner does this, so COM1
 * carries nothing but what user programs write).
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A message that may repeat without bound, such as one per failed disk
 * request: the first PRINTK_LIMIT of a kind are printed, then one line
 * from `who` saying that the rest are not.  Counted, not timed, so a run
 * logs the same lines every time. */
#define PRINTK_LIMIT 10
struct printk_limit {
    const char *who;            /* e.g. "ide: hda" */
    unsigned count;             /* messages asked for so far */
};
void printk_limited(struct printk_limit *limit, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void panic_halt(void) __attribute__((noreturn));

/* KASSERT(cond): panic naming the expression, file and line when false. */
#define KASSERT(cond)                                                       \
    do {                                                                    \
        if (!(cond))                                                        \
            panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); \
    } while (0)

#endif

/*
 * ktest.h - in-kernel self tests, chosen with ktest=NAME on the command
 * line.  Each prints "ktest NAME: PASS" or "ktest NAME: FAIL: why" and
 * leaves QEMU with QEMU_EXIT_PASS or QEMU_EXIT_FAIL.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

void ktest_run(const char *name) __attribute__((noreturn));

#endif

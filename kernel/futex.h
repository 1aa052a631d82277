/* futex.h - futex(2) (kernel/futex.c). */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include <stdint.h>

/* Wake up to nr waiters on the word at uaddr of current's address space,
 * as a FUTEX_WAKE without FUTEX_PRIVATE_FLAG does (a thread's exit, for
 * CLONE_CHILD_CLEARTID). */
void futex_wake_address(uint32_t uaddr, int nr);

#endif

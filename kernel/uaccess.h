/*
 * uaccess.h - the only way the kernel touches user memory.  Each call
 * checks that the range lies wholly in user space (no wrap, below
 * USER_END), then copies; a fault on an unmapped or read-only page is
 * resolved by the fault handler or turned into -EFAULT through the
 * exception table (see arch/x86/uaccess.S).  Never half-silent: the
 * whole-range calls return 0 or -EFAULT, the _partial ones a count.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <stdint.h>

int copy_from_user(void *dst, uint32_t user_src, uint32_t len);
int copy_to_user(uint32_t user_dst, const void *src, uint32_t len);
int clear_user(uint32_t user_dst, uint32_t len);
/* Copy as much of len as is mapped, from the start: the bytes copied.
 * read() and write() return such a short count, as Linux does, and
 * -EFAULT only when it is 0.  A range outside user space copies 0. */
uint32_t copy_from_user_partial(void *dst, uint32_t user_src, uint32_t len);
uint32_t copy_to_user_partial(uint32_t user_dst, const void *src, uint32_t len);
/* Copy a NUL-terminated string of at most size-1 chars; returns its length,
 * -EFAULT, or -ENAMETOOLONG. */
int strncpy_from_user(char *dst, uint32_t user_src, uint32_t size);
int user_range_ok(uint32_t addr, uint32_t len);
/* The fixup for a faulting kernel EIP, or 0 (see __ex_table). */
uint32_t search_exception_table(uint32_t eip);

#endif

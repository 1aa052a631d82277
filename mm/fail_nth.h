/*
 * fail_nth.h - deterministic allocation-failure injection, as Linux's
 * /proc/self/fail-nth: writing N to it makes the Nth failable
 * allocation of this task, from then on, fail; reading it gives what is
 * left of the count, so 0 once the failure has been injected (and 0
 * when nothing is armed).  Writing 0 disarms it.
 *
 * It is how the rollback paths get run on purpose: a fork that fails
 * halfway, an exec out of memory, a COW copy with no frame.  Run an
 * operation with N = 1, 2, 3, ... until it completes without reaching
 * N: every allocation it makes has failed once (user/failnth.c).
 *
 * Which allocations can fail, the one place that says so:
 *   failable  every kmalloc and kzalloc, and every alloc_pages with
 *             GFP_MAYFAIL, made while a user process is in the kernel
 *             (a system call or a fault): address spaces, VMAs, page
 *             tables, anon_vmas, page-cache tree nodes, shmem objects,
 *             open files, pipes, /proc texts, exec's argument copies (the
 *             strings, and argv kept for /proc/PID/cmdline),
 *             fork's kernel stack, the swap area's tables at swapon,
 *             ramdisk blocks, and user pages (faults, read and write,
 *             swap-in).  A user page that fails is retried at once
 *             (reclaim_or_oom), so what a fault tests is that it backs
 *             out cleanly.
 *   never     allocations at boot and in kernel threads (kswapd,
 *             kagescan: current is no user process); GFP_KERNEL ones,
 *             which panic instead and are made at boot only; and
 *             kmalloc's own slab and large-block frames (GFP_NOINJECT):
 *             the kmalloc call is the one failure point, so a count does
 *             not depend on which slabs happen to have room.
 *
 * Who changes what: a task's fail_nth is set by a write to its
 * /proc/PID/fail-nth (its own, usually; any task may, as root may on
 * Linux 6.1, and the kernel is not preempted, so a write is one step)
 * and counted down by the task's own allocations.
 */
#ifndef MM_FAIL_NTH_H
#define MM_FAIL_NTH_H

#include <stdint.h>

/* Called by each failable allocation, with the address it was called
 * from: 1 if it is the one to fail (logged, naming that function), else
 * it is counted down. */
int fail_nth_should_fail(uint32_t caller);

#endif

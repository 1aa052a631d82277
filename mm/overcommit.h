/*
 * overcommit.h - commit accounting and Linux's three overcommit
 * policies (vm.overcommit_memory).
 *
 * Lazy allocation lets a process map more memory than exists: frames
 * come only at the first touch.  What the kernel has promised is counted
 * as "committed" (Committed_AS in /proc/meminfo): every private writable
 * mapping (anonymous memory, the heap, the stack, the data and bss of a
 * program, a private writable file mapping) and every shared anonymous
 * object, for its whole size, from the moment it is mapped.  Shared file
 * mappings (the file is their backing store) and read-only ones are not
 * counted.  A VMA that is counted carries VM_ACCOUNT.
 *
 * The policy decides whether a new promise may be made:
 *   0 (heuristic, the default): refuse one request larger than RAM +
 *     swap, allow anything else;
 *   1 (always): allow everything, and let the OOM killer sort it out;
 *   2 (strict): refuse when Committed_AS would reach CommitLimit, which
 *     is RAM x overcommit_ratio / 100 + swap, less a reserve of
 *     min(total_vm / 32, user_reserve) pages for the asking process so
 *     that it can still recover (Linux's user_reserve_kbytes, set at boot
 *     to min(free / 32, 128 MiB)).  This makes the OOM killer rare, not
 *     impossible: page tables, kernel memory and the page cache are not
 *     counted, and a ratio near or above 100 promises RAM they need.
 * Boot: overcommit=0|1|2 and overcommit_ratio=N (default 50); later,
 * write() to /proc/sys/vm/overcommit_memory and overcommit_ratio.  All
 * tasks here are root, so Linux's admin reserve never applies.
 *
 * Who changes what: vm_committed_pages changes with the VMAs of any mm
 * and with shmem objects, in the task that maps or unmaps (the kernel is
 * not preempted, so a check and its charge are one step); the policy
 * and ratio change by boot option or /proc write only.
 */
#ifndef MM_OVERCOMMIT_H
#define MM_OVERCOMMIT_H

#include <stdint.h>

struct mm;

enum overcommit_mode { OVERCOMMIT_GUESS = 0, OVERCOMMIT_ALWAYS = 1, OVERCOMMIT_NEVER = 2 };

extern int overcommit_mode;             /* enum overcommit_mode */
extern uint32_t overcommit_ratio;       /* percent of RAM in CommitLimit */
extern uint32_t vm_committed_pages;     /* Committed_AS, in pages */

void overcommit_init(const char *cmdline);
/* Promise pages more for mm (NULL: no process, e.g. a shmem object made
 * by the kernel): 0 and counted, or -ENOMEM and nothing changed. */
int vm_enough_memory(struct mm *mm, uint32_t pages);
/* A promise is given back (unmap, exit, a failed step undone). */
void vm_unacct_memory(uint32_t pages);
/* CommitLimit, in pages. */
uint32_t vm_commit_limit(void);

#endif

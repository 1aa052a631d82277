/*
 * mlock.h - pages locked in memory (mlock, mlockall).
 *
 * A VMA with VM_LOCKED keeps its pages in memory.  Every page such a VMA
 * maps carries PG_mlocked: reclaim never takes it and the frame budget
 * (userframes=, mm/policy.h) does not count it, so an experiment can
 * lock its own code, data and stack and leave the budget to the pages it
 * studies.  The flag is derived state: a page has it exactly while some
 * VM_LOCKED VMA maps it, which the reverse map can check whenever a
 * mapping of it goes (munlock_page).
 *
 * Who changes what: VM_LOCKED changes in the owning task's mlock,
 * munlock, mlockall and munlockall (and mmap under MCL_FUTURE);
 * PG_mlocked and nr_mlocked_pages in faults and in those calls, never in
 * an interrupt.
 */
#ifndef MM_MLOCK_H
#define MM_MLOCK_H

#include <stdint.h>

struct mm;
struct page;

extern uint32_t nr_mlocked_pages;       /* pages with PG_mlocked (Mlocked: in meminfo) */

/* A PTE of a VM_LOCKED VMA now maps page: lock it (if not yet). */
void mlock_page(struct page *page);
/* A mapping of a locked page went: unlock it unless another VM_LOCKED
 * VMA still maps it.  page_remove_rmap calls it. */
void munlock_page(struct page *page);

enum mlock_how {
    MUNLOCK,                    /* clear VM_LOCKED, unlock the pages */
    MLOCK_POPULATE,             /* set it, bring every page in and lock it */
    MLOCK_ONFAULT,              /* set it, lock the pages there (MCL_ONFAULT):
                                   the rest are locked as faults bring them */
};
/* Change VM_LOCKED on [start, end) of mm as how says, splitting VMAs at
 * the edges.  0, or -ENOMEM for a hole in the range (the part before it
 * is done) or for a page that could not be had, as Linux's mlock and
 * munlock. */
int mm_lock_range(struct mm *mm, uint32_t start, uint32_t end, enum mlock_how how);

#endif

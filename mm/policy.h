/*
 * policy.h - page replacement: which user page reclaim takes next.
 *
 * A user page is a frame that holds a process's data: an anonymous page
 * (private memory, a copy-on-write copy, a page read back from swap) or
 * a page-cache page (of a file or of shared anonymous memory).
 * Every one is allocated by alloc_user_page, carries PG_user, and sits
 * on the list user_pages, in the order the frames were loaded, until it
 * is freed.  Reclaim (mm/vmscan.c) asks the policy chosen at boot
 * (reclaim=NAME, default age) for a victim, then takes it by its kind:
 * to swap, dropped, or written back and dropped.
 *
 * A policy is one struct reclaim_policy in a file of its own
 * (mm/policy_*.c), listed in reclaim_policies[] in mm/policy.c.  To add
 * one, see docs/policies.md.
 *
 * Who changes what: user_pages, the counts and each page's age change
 * in faults, syscalls and reclaim (never in an interrupt, and the kernel
 * is not preempted), so each change is whole.  A policy's next_victim
 * runs to its end without sleeping.
 */
#ifndef MM_POLICY_H
#define MM_POLICY_H

#include <stdint.h>
#include "kernel/list.h"

struct fault;
struct mm;
struct page;

struct reclaim_policy {
    const char *name;                   /* reclaim=NAME */
    /* Optional (reclaim=age): its own kernel command-line options, at
     * boot, once it is chosen. */
    void (*init)(const char *cmdline);
    /* The next page to reclaim, one that reclaim_can_take() accepts, or
     * NULL when there is none.  It may test and clear accessed bits and
     * change ages; it never frees or sleeps. */
    struct page *(*next_victim)(void);
    /* Optional (reclaim=lru): fault f in mm touched page, which it has
     * just mapped or shown (mm/fault.c). */
    void (*page_touched)(struct mm *mm, const struct fault *f, struct page *page);
    /* Optional (reclaim=lru): mm is going away. */
    void (*mm_destroyed)(struct mm *mm);
};

extern const struct reclaim_policy policy_age, policy_clock, policy_fifo, policy_random, policy_lru;
extern const struct reclaim_policy *reclaim_policy;    /* the one chosen at boot */

/* The age a new user page starts at (reclaim=age: mm/policy_age.c). */
enum { AGE_INITIAL = 3 };

/* The clock policies' hand (age, clock): the pfn it looks at next.
 * Returns that frame and moves the hand on, round mem_map, past the
 * whole block if the frame heads a free one. */
extern uint32_t clock_hand;
struct page *clock_hand_advance(void);

/* Every user page, oldest loaded first (page->list). */
extern struct list_head user_pages;
extern uint32_t nr_user_pages;          /* pages on user_pages */
extern uint32_t userframes;             /* the budget (userframes=N), 0 for none:
                                           at most this many user pages that are
                                           not locked (mm/mlock.h) */

/* Pick the policy from reclaim= and the budget from userframes= at boot. */
void reclaim_policy_init(const char *cmdline);

/* A frame for a user page, on user_pages, with PG_user; NULL when the
 * budget is used up or memory is out (the caller reclaims and retries). */
struct page *alloc_user_page(unsigned gfp);
/* free_pages calls this for a PG_user frame on its way back. */
void user_page_freed(struct page *page);
/* The budget is what stops allocation (reclaim one page, not a batch). */
int user_budget_full(void);

/* For policies: test and clear the accessed bit of every PTE that maps
 * page (flushing the TLB entry of a live address space); returns how
 * many had it set. */
uint32_t page_referenced(struct page *page);
/* For policies: can reclaim take this page now (mm/vmscan.c)? */
int reclaim_can_take(const struct page *page);
/* For policies: the first page on user_pages that reclaim can take. */
struct page *first_takeable_user_page(void);

#endif

/*
 * policy_age.c - reclaim=age, the default: page aging, as Linux 2.0 did
 * it and as the seed texts describe it.  Every user page has an age.
 * The clock hand sweeps mem_map; at each user page it tests and clears
 * the accessed bit of every PTE that maps it (through the reverse map).
 * A page used since the hand last passed gets younger, one that was not
 * gets older, and the first page whose age reaches 0 is the victim.
 *
 * The steps are the ones Linux 2.0 aged pages by, all but the first:
 *   AGE_INITIAL 6  where a new page starts (alloc_user_page): two
 *                  advances, as if used twice, so that a working set that
 *                  has just moved in outlives the stale one it replaces.
 *                  make bench-reclaim (64 frames) measured the shifting
 *                  working set at 242 faults starting from 0, 197 from 3
 *                  (Linux 2.0's initial age), 188 from 6, and exact LRU
 *                  at 178; the hot-and-cold pattern goes the other way,
 *                  564, 583, 620 against LRU's 603, all within the goals;
 *   AGE_ADVANCE 3  each sweep that finds it used adds 3: one use buys
 *                  three idle sweeps, so pages in use stay ahead of idle ones;
 *   AGE_DECLINE 1  each sweep that finds it idle takes 1;
 *   AGE_MAX    20  the most a page can save up, so a page that was busy
 *                  long ago and idle since goes after at most 20 idle sweeps.
 */
#include "kernel/lib.h"
#include "mm/page.h"
#include "mm/policy.h"

enum { AGE_ADVANCE = 3, AGE_DECLINE = 1, AGE_MAX = 20 };    /* AGE_INITIAL: mm/policy.h */

/* An idle page loses AGE_DECLINE per sweep and nothing sets an accessed
 * bit while reclaim runs, so AGE_MAX + 2 sweeps bring any page that can
 * be taken to 0. */
static struct page *age_next_victim(void)
{
    for (uint32_t n = 0; n < (AGE_MAX + 2) * max_pfn; n++) {
        struct page *page = clock_hand_advance();
        if (!reclaim_can_take(page))
            continue;
        if (page_referenced(page))
            page->age = MIN(page->age + AGE_ADVANCE, AGE_MAX);
        else if (page->age >= AGE_DECLINE)
            page->age -= AGE_DECLINE;
        if (page->age == 0)
            return page;
    }
    return 0;
}

const struct reclaim_policy policy_age = {
    .name = "age",
    .next_victim = age_next_victim,
};

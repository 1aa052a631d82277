/*
 * policy_age.c - reclaim=age, the default: page aging, as Linux 2.0 did
 * it and as the seed texts describe it.  Every user page has an age.
 * The clock hand sweeps mem_map; at each user page it tests and clears
 * the accessed bit of every PTE that maps it (through the reverse map).
 * A page used since the hand last passed gets younger, one that was not
 * gets older, and the first page whose age reaches 0 is the victim.
 *
 * The steps are the ones Linux 2.0 aged pages by:
 *   age 0 at first a page starts with nothing saved (alloc_user_page):
 *                  the access that loaded it set its accessed bit, so the hand's first
 *                  visit gives it AGE_ADVANCE (starting higher only made
 *                  every page outlive more idle sweeps: make bench
 *                  measured 6,533 instructions per page written to swap
 *                  with 3, 5,963 with 0);
 *   AGE_ADVANCE 3  each sweep that finds it used adds 3: one use buys
 *                  three idle sweeps, so pages in use stay ahead of idle ones;
 *   AGE_DECLINE 1  each sweep that finds it idle takes 1;
 *   AGE_MAX    20  the most a page can save up, so a page that was busy
 *                  long ago and idle since goes after at most 20 idle sweeps.
 */
#include "kernel/lib.h"
#include "mm/page.h"
#include "mm/policy.h"

enum { AGE_ADVANCE = 3, AGE_DECLINE = 1, AGE_MAX = 20 };

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

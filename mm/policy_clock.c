/*
 * policy_clock.c - reclaim=clock: second chance.  The clock hand sweeps
 * mem_map; a user page whose accessed bit is set (in any PTE that maps
 * it) loses the bit and is passed over once; the first page found
 * without it is the victim.  Aging with the age kept to one bit.
 */
#include "mm/page.h"
#include "mm/policy.h"

/* One sweep clears every accessed bit, so the second finds a victim if
 * any page can be taken. */
static struct page *clock_next_victim(void)
{
    for (uint32_t n = 0; n < 2 * max_pfn; n++) {
        struct page *page = clock_hand_advance();
        if (reclaim_can_take(page) && !page_referenced(page))
            return page;
    }
    return 0;
}

const struct reclaim_policy policy_clock = {
    .name = "clock",
    .next_victim = clock_next_victim,
};

/*
 * policy_random.c - reclaim=random: any user page, chosen by a
 * pseudo-random generator with a fixed seed, so that a run repeats
 * exactly.  The baseline every policy with any sense must beat on a
 * workload with locality, and the best any online policy can do on one
 * without.
 */
#include "kernel/list.h"
#include "mm/page.h"
#include "mm/policy.h"

/* Marsaglia's xorshift32, from his seed. */
static uint32_t random_state = 2463534242u;

static uint32_t next_random(void)
{
    random_state ^= random_state << 13;
    random_state ^= random_state >> 17;
    random_state ^= random_state << 5;
    return random_state;
}

/* The user page that is k-th in load order. */
static struct list_head *nth_user_page(uint32_t k)
{
    struct list_head *pos = user_pages.next;

    while (k--)
        pos = pos->next;
    return pos;
}

/* A random user page, or the next one after it that can be taken. */
static struct page *random_next_victim(void)
{
    if (!nr_user_pages)
        return 0;
    struct list_head *start = nth_user_page(next_random() % nr_user_pages), *pos = start;
    do {
        if (pos != &user_pages) {
            struct page *page = container_of(pos, struct page, list);
            if (reclaim_can_take(page))
                return page;
        }
        pos = pos->next;
    } while (pos != start);
    return 0;
}

const struct reclaim_policy policy_random = {
    .name = "random",
    .next_victim = random_next_victim,
};

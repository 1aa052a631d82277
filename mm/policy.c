/*
 * policy.c - what every replacement policy shares (see policy.h): the
 * list of user pages, the frame budget, the accessed-bit test, and the
 * choice of policy at boot.
 */
#include "kernel/cmdline.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/kswapd.h"
#include "mm/mlock.h"
#include "mm/policy.h"
#include "mm/rmap.h"
#include "mm/vma.h"

struct list_head user_pages = LIST_HEAD_INIT(user_pages);
uint32_t nr_user_pages;
uint32_t userframes;
uint32_t clock_hand;

static const struct reclaim_policy *const reclaim_policies[] = {
    &policy_age, &policy_clock, &policy_fifo, &policy_random, &policy_lru,
};
const struct reclaim_policy *reclaim_policy = &policy_age;

void reclaim_policy_init(const char *cmdline)
{
    char name[16], frames[16];

    if (cmdline_get(cmdline, "reclaim", name, sizeof(name))) {
        const struct reclaim_policy *chosen = 0;
        for (uint32_t i = 0; i < ARRAY_SIZE(reclaim_policies); i++)
            if (!strcmp(name, reclaim_policies[i]->name))
                chosen = reclaim_policies[i];
        if (chosen)
            reclaim_policy = chosen;
        else
            printk("reclaim: reclaim=%s: no such policy, using %s\n", name, reclaim_policy->name);
    }
    if (cmdline_get(cmdline, "userframes", frames, sizeof(frames))) {
        const char *end;
        uint32_t n = parse_uint(frames, &end, 10);
        if (*end || n == 0)
            printk("reclaim: userframes=%s: not a positive number of frames, no budget\n", frames);
        else
            userframes = n;
    }
    if (reclaim_policy->init)
        reclaim_policy->init(cmdline);
    if (userframes)
        printk("reclaim: policy %s, user pages may hold %u frames (userframes)\n",
               reclaim_policy->name, userframes);
    else
        printk("reclaim: policy %s\n", reclaim_policy->name);
}

struct page *clock_hand_advance(void)
{
    struct page *page = pfn_to_page(clock_hand);
    /* a free block holds no victim: the hand passes it in one step (at
     * 3 GiB most of mem_map is free blocks of 1024 frames) */
    uint32_t step = page->flags & PG_buddy ? 1u << page->order : 1;

    clock_hand = clock_hand + step < max_pfn ? clock_hand + step : 0;
    return page;
}

int user_budget_full(void)
{
    return userframes && nr_user_pages - nr_mlocked_pages >= userframes;
}

struct page *alloc_user_page(unsigned gfp)
{
    if (user_budget_full() || below_min_watermark())
        return 0;                       /* the caller reclaims directly and retries */
    struct page *page = alloc_page(gfp | GFP_HIGHUSER | GFP_MAYFAIL);
    if (!page)
        return 0;
    kswapd_check();
    page->flags |= PG_user;
    page->age = AGE_INITIAL;
    list_add_tail(&page->list, &user_pages);
    nr_user_pages++;
    return page;
}

void user_page_freed(struct page *page)
{
    KASSERT(page->flags & PG_user);
    if (page->flags & PG_mlocked)
        panic("user_page_freed: pfn 0x%x is freed while still locked (mlock)", page_to_pfn(page));
    list_del(&page->list);
    nr_user_pages--;
}

struct page *first_takeable_user_page(void)
{
    struct list_head *pos;

    list_for_each(pos, &user_pages) {
        struct page *page = container_of(pos, struct page, list);
        if (reclaim_can_take(page))
            return page;
    }
    return 0;
}

/* rmap_walk callback: count and clear one PTE's accessed bit. */
static int test_clear_young(struct page *page, struct vma *vma, uint32_t addr, pte_t *ptep, void *arg)
{
    (void)page;
    *(uint32_t *)arg += pgtable_test_and_clear_young(vma->mm->pgdir, addr, ptep);
    return 0;
}

uint32_t page_referenced(struct page *page)
{
    uint32_t young = 0;

    rmap_walk(page, test_clear_young, &young);
    return young;
}

/*
 * policy_fifo.c - reclaim=fifo: the page loaded longest ago goes first,
 * used or not.  user_pages is already in load order (a page read back
 * from swap is loaded anew, at the end), so the victim is the first
 * page on it that reclaim can take.  FIFO shows Belady's anomaly: with
 * more frames, some reference strings fault more.
 */
#include "kernel/list.h"
#include "mm/page.h"
#include "mm/policy.h"

static struct page *fifo_next_victim(void)
{
    struct list_head *pos;

    list_for_each(pos, &user_pages) {
        struct page *page = container_of(pos, struct page, list);
        if (reclaim_can_take(page))
            return page;
    }
    return 0;
}

const struct reclaim_policy policy_fifo = {
    .name = "fifo",
    .next_victim = fifo_next_victim,
};

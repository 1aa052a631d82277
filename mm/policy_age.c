/*
 * policy_age.c - reclaim=age, the default: page aging, as Linux 2.0 did
 * it and as the seed texts describe it.  Every user page has an age.
 * The clock hand sweeps mem_map; at each user page it tests and clears
 * the accessed bit of every PTE that maps it (through the reverse map).
 * A page used since the hand last passed gets younger, one that was not
 * gets older, and the first page whose age reaches 0 is the victim.
 *
 * The steps are the ones Linux 2.0 aged pages by:
 *   AGE_INITIAL 3  where a new page starts (alloc_user_page): one
 *                  advance, as if used once, so that a working set that
 *                  has just moved in outlives the stale one it replaces.
 *                  make bench-reclaim (64 frames) measured the shifting
 *                  working set at 242 faults starting from 0, 197 from 3,
 *                  188 from 6, and exact LRU at 178; the hot-and-cold
 *                  pattern goes the other way, 564, 583, 620 against
 *                  LRU's 603.  3 and 6 both meet the lab's goals, but
 *                  each step of the start is one more visit of the hand,
 *                  one reverse-map walk, before a page can go: make bench
 *                  writes a region twice the RAM at 5,980 instructions a
 *                  page from 0, 6,584 from 3 and 7,188 from 6;
 *   AGE_ADVANCE 3  each sweep that finds it used adds 3: one use buys
 *                  three idle sweeps, so pages in use stay ahead of idle ones;
 *   AGE_DECLINE 1  each sweep that finds it idle takes 1;
 *   AGE_MAX    20  the most a page can save up, so a page that was busy
 *                  long ago and idle since goes after at most 20 idle sweeps.
 */
#include "arch/x86/pic.h"
#include "kernel/cmdline.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "mm/page.h"
#include "mm/policy.h"

enum { AGE_ADVANCE = 3, AGE_DECLINE = 1, AGE_MAX = 20 };    /* AGE_INITIAL: mm/policy.h */

/* One visit of the sweep: younger if used since the last visit, else
 * older.  Returns its new age. */
static uint32_t age_page(struct page *page)
{
    if (page_referenced(page))
        page->age = MIN(page->age + AGE_ADVANCE, AGE_MAX);
    else if (page->age >= AGE_DECLINE)
        page->age -= AGE_DECLINE;
    return page->age;
}

/* An idle page loses AGE_DECLINE per sweep and nothing sets an accessed
 * bit while reclaim runs, so AGE_MAX + 2 sweeps bring any page that can
 * be taken to 0. */
static struct page *age_next_victim(void)
{
    for (uint32_t n = 0; n < (AGE_MAX + 2) * max_pfn; n++) {
        struct page *page = clock_hand_advance();
        if (reclaim_can_take(page) && age_page(page) == 0)
            return page;
    }
    return 0;
}

/*
 * Background aging, agescan=MS (off by default): the thread kagescan
 * visits every user page once each MS milliseconds, whether or not
 * memory is short, as Linux 2.4's kswapd aged pages in the background.
 * Without it pages age only when reclaim wants a victim, so two pages
 * used once and twice since the last reclaim look the same: on Belady's
 * string all four pages are alike at the fault that needs a frame, and
 * the hand takes them in FIFO's order, anomaly included.  (Nor can the
 * hand tell a page used again after the fault that brought it in: the
 * faulting access set the one accessed bit already.  Ignoring that bit
 * at a page's first visit was tried: 10 faults with 3 frames and 10
 * with 4.)  With it the ages say how recently a page was used, to
 * within MS.  It is off by default because it makes fault counts depend
 * on time.  The thread
 * never sleeps in the middle of a visit, so user_pages cannot change
 * under it (the kernel is not preempted).
 */
static uint32_t agescan_ticks;

static void agescan(void)
{
    struct list_head *pos;

    for (;;) {
        sleep_until(jiffies + agescan_ticks, 1);    /* a kernel thread takes no signal */
        list_for_each(pos, &user_pages) {
            struct page *page = container_of(pos, struct page, list);
            if (reclaim_can_take(page))
                age_page(page);
        }
    }
}

static void age_init(const char *cmdline)
{
    char value[16];
    const char *end;

    if (!cmdline_get(cmdline, "agescan", value, sizeof(value)))
        return;
    uint32_t ms = parse_uint(value, &end, 10);
    if (*end || ms < 1000 / TIMER_HZ || ms > 60000) {
        printk("reclaim: agescan=%s: not a number of milliseconds in %u..60000, no background aging\n",
               value, 1000 / TIMER_HZ);
        return;
    }
    agescan_ticks = ms / (1000 / TIMER_HZ);
    printk("reclaim: background aging every %u ms (agescan)\n", agescan_ticks * (1000 / TIMER_HZ));
    kthread_start("kagescan", agescan);
}

const struct reclaim_policy policy_age = {
    .name = "age",
    .init = age_init,
    .next_victim = age_next_victim,
};

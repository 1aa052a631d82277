/*
 * kswapd.c - watermarks and the kswapd thread (see kswapd.h).
 */
#include "kernel/cmdline.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "mm/buddy.h"
#include "mm/kswapd.h"
#include "mm/vmscan.h"

struct zone_watermarks watermarks[NR_ZONES];
uint32_t kswapd_runs;

static uint32_t sum_min, sum_low, sum_high;
static int kswapd_started;
static int kswapd_sleeping;
static int kswapd_gave_up;              /* its last run freed nothing */
static const int kswapd_wait;           /* the channel kswapd sleeps on */
static const int kswapd_idle;           /* the channel kswapd_wait_idle sleeps on */

static uint32_t isqrt(uint32_t n)
{
    uint32_t r = 0;

    while ((r + 1) * (r + 1) <= n)
        r++;
    return r;
}

/* Linux's min_free_kbytes, clamped to [128, 65536] KiB as there, spread
 * over the zones by managed size, then the steps up to low and high. */
static void set_watermarks(void)
{
    uint32_t managed = nr_managed_pages();
    uint32_t min_kb = MIN(MAX(isqrt(managed * (PAGE_SIZE / 1024) * 16), 128u), 65536u);
    uint32_t min_pages = min_kb / (PAGE_SIZE / 1024);

    for (int z = 0; z < NR_ZONES; z++) {
        struct zone_watermarks *w = &watermarks[z];
        if (!zones[z].managed_pages)
            continue;
        /* min_pages * zone / managed, in 16-frame units so that it fits 32 bits */
        w->min = min_pages * (zones[z].managed_pages / 16) / MAX(managed / 16, 1u);
        uint32_t step = MAX(w->min / 4, zones[z].managed_pages / 1000);
        w->low = w->min + step;
        w->high = w->min + 2 * step;
        sum_min += w->min;
        sum_low += w->low;
        sum_high += w->high;
    }
}

/* The free frames a user page may come from: the lowmem reserve is not
 * theirs, so it does not keep kswapd asleep. */
static uint32_t user_free_pages(void)
{
    return nr_free_pages_for(ZONE_HIGHMEM);
}

int below_min_watermark(void)
{
    return user_free_pages() < sum_min;
}

void kswapd_retry(void)
{
    kswapd_gave_up = 0;
}

void kswapd_check(void)
{
    uint32_t free = user_free_pages();

    if (free >= sum_high)
        kswapd_gave_up = 0;
    if (kswapd_sleeping && !kswapd_gave_up && free < sum_low) {
        kswapd_sleeping = 0;
        wakeup(&kswapd_wait);
    }
}

/* Reclaim until free frames reach the high watermark (or nothing more
 * can be taken), then sleep until an allocation goes below low again.
 * Reclaim sleeps for the disk, and other tasks run meanwhile, so it
 * takes one page at a time and looks at the watermark after each: once
 * a process exits or unmaps enough, kswapd takes nothing more (it took
 * pages a task had just touched when it went on with a batch). */
static void kswapd(void)
{
    for (;;) {
        kswapd_sleeping = 1;
        wakeup(&kswapd_idle);
        sleep_on(&kswapd_wait);
        kswapd_runs++;
        while (user_free_pages() < sum_high) {
            if (!reclaim_pages(1)) {
                kswapd_gave_up = 1;     /* until direct reclaim or exits free frames */
                break;
            }
        }
    }
}

void kswapd_init(const char *cmdline)
{
    set_watermarks();
    if (cmdline_has(cmdline, "kswapd", "off")) {
        printk("kswapd: off (kswapd=off): allocating tasks do all the reclaim\n");
        return;                         /* kswapd_sleeping stays 0: nobody to wake */
    }
    kswapd_started = 1;
    kthread_start("kswapd0", kswapd);
}

void kswapd_wait_idle(void)
{
    while (kswapd_started && !kswapd_sleeping)
        sleep_on(&kswapd_idle);
}

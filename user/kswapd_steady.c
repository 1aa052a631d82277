/*
 * kswapd_steady.c - kswapd keeps free memory above the low watermark.
 * With 16 MiB of RAM and a swap disk (kswapd_steady.mem, .swap), one
 * process writes a region one and a half times the RAM and then sweeps
 * it again, twice.  kswapd wakes whenever free frames fall below the low
 * watermark and reclaims up to the high one.  At the end, once it has
 * finished its last run (the test waits for that, up to 10 s), free
 * frames (summed over the zones of /proc/zoneinfo) are at least the sum
 * of the low watermarks, kswapd did reclaim pages, and every page is
 * intact.
 * Linux's zoneinfo and counters differ (kswapd_steady.linux-differs).
 */
#include "lib/vmtest.h"

#define PAGES 6144u                     /* 24 MiB */

int main(void)
{
    struct vmstat before, after;
    unsigned *region = (unsigned *)map_anon(PAGES);

    vmstat_read(&before);
    for (unsigned pass = 0; pass < 3; pass++)
        for (unsigned i = 0; i < PAGES; i++)
            region[i * (PAGE / 4)] = i + pass;
    unsigned wrong = 0;
    for (unsigned i = 0; i < PAGES; i++)
        wrong += region[i * (PAGE / 4)] != i + 2;
    /* kswapd's last run writes pages to the disk, which takes as long as
     * the host makes it: wait for it (up to 10 s, in 100 ms steps) */
    const char *z = "/proc/zoneinfo", *v = "/proc/vmstat";
    struct timespec pause = { 0, 100000000 };
    unsigned free = 0, low = 0;
    for (int i = 0; i < 100 && (free = proc_sum(z, "pages free")) < (low = proc_sum(z, "low")); i++)
        nanosleep(&pause, 0);
    vmstat_read(&after);
    unsigned min = proc_sum(z, "min");
    uprintf(1, "pages wrong: %u\n", wrong);
    uprintf(1, "zoneinfo has free, min, low, high, managed: %s\n",
            yes(free && min && low > min && proc_sum(z, "high") > low && proc_sum(z, "managed")));
    uprintf(1, "free frames at the end >= low watermark: %s\n", yes(free >= low));
    uprintf(1, "kswapd woke and freed pages: %s\n",
            yes(proc_sum(v, "pageoutrun") > 0 && proc_sum(v, "pgsteal_kswapd") > 0));
    uprintf(1, "pages went out and came back: %s\n",
            yes(after.v[VS_PSWPOUT] > before.v[VS_PSWPOUT] && after.v[VS_PSWPIN] > before.v[VS_PSWPIN]));
    return 0;
}

/*
 * swap_count.c - page-outs, counted exactly (raw; 16 MiB of RAM and a
 * swap disk: swap_count.mem, swap_count.swap).
 *
 * One process writes N pages, half as many again as the RAM.  Each
 * write maps a new anonymous frame (nr_anon_pages counts mapped ones,
 * as on Linux); each page-out (pswpout) unmaps one, just before it is
 * written; each swap-in (pswpin: one of its own older pages read back,
 * its stack or data) or swap-cache hit (a page found while kswapd still
 * writes it) maps one again.  Nothing else maps or unmaps an anonymous
 * page meanwhile, so, with the counters of /proc/vmstat taken before and
 * after (one read each, so the figures agree), even with kswapd in the
 * middle of a write:
 *
 *     page-outs = N + swap-ins + swap-cache hits - growth of nr_anon_pages
 *
 * And the RAM could hold at most the frames that were free plus the
 * file pages that could be dropped, so at least N - free - cached pages
 * went out.  At the end every page is checked.
 * On Linux, with RAM to spare, nothing goes to swap
 * (swap_count.linux-differs).
 */
#include "lib/vmtest.h"

#define PAGES 6144u                     /* 24 MiB */

int main(void)
{
    struct vmstat before, after;
    char *region = map_anon(PAGES);

    if (!region) {
        uprintf(1, "swap_count: cannot map %u pages\n", PAGES);
        return 1;
    }
    touch_image(1);
    warm_stack();
    vmstat_read(&before);
    for (unsigned i = 0; i < PAGES; i++)
        *(volatile unsigned *)(region + i * PAGE) = i;
    vmstat_read(&after);

    long outs = after.v[VS_PSWPOUT] - before.v[VS_PSWPOUT];
    long ins = after.v[VS_PSWPIN] - before.v[VS_PSWPIN];
    long hits = after.v[VS_SWAP_CACHE_HIT] - before.v[VS_SWAP_CACHE_HIT];
    long growth = after.v[VS_ANON_PAGES] - before.v[VS_ANON_PAGES];
    long room = before.v[VS_FREE_PAGES] + before.v[VS_FILE_PAGES];
    uprintf(1, "pages written: %u, some went to swap: %s\n", PAGES, yes(outs > 0));
    uprintf(1, "page-outs = pages written + swap-ins + swap-cache hits - growth of anonymous memory: %s\n",
            yes(outs == (long)PAGES + ins + hits - growth));
    uprintf(1, "page-outs >= pages written - frames free - file pages cached: %s\n",
            yes(outs >= (long)PAGES - room));
    unsigned wrong = 0;
    for (unsigned i = 0; i < PAGES; i++)
        wrong += *(volatile unsigned *)(region + i * PAGE) != i;
    uprintf(1, "pages wrong: %u\n", wrong);
    return 0;
}

/*
 * kswapd.h - the free-memory watermarks and kswapd, the kernel thread
 * that keeps free frames above them in the background.
 *
 * Each zone has three watermarks, computed at boot as Linux does (its
 * mm/page_alloc.c): min from min_free_kbytes = sqrt(16 x lowmem in KiB),
 * shared among the zones by size, then low and high a step of
 * max(min / 4, managed / 1000) above it.  Summed over the zones, and
 * compared with the free frames a user page may take (those above each
 * zone's lowmem reserve for HighMem, mm/buddy.h):
 *   - below low, the allocation of a user page wakes kswapd, which
 *     reclaims until free frames reach high, so most allocations never
 *     wait for reclaim;
 *   - below min, a user page is not handed out at all: the allocating
 *     task reclaims directly (mm/vmscan.h) and tries again, and the
 *     frames under min stay for the kernel (page tables, kmalloc).
 *
 * Who changes what: the watermarks are set once at boot; kswapd_wait is
 * the channel kswapd sleeps on, kswapd_idle the one power-off waits on.
 */
#ifndef MM_KSWAPD_H
#define MM_KSWAPD_H

#include <stdint.h>

struct zone_watermarks {
    uint32_t min, low, high;
};
extern struct zone_watermarks watermarks[];     /* per zone (enum zone_type) */

/* Compute the watermarks (after mem_init) and start kswapd, unless the
 * command line says kswapd=off (then every reclaim is direct, and a
 * task's busy cycles do not depend on how the host timed the disk:
 * make bench measures swapping so). */
void kswapd_init(const char *cmdline);
/* Free frames are below the sum of the zones' min (or low) watermark. */
int below_min_watermark(void);
/* Called after a user page is allocated: wake kswapd below low. */
void kswapd_check(void);

/* Direct reclaim freed frames: kswapd may try again (after a run that
 * freed nothing it waits for this, or for free frames above high). */
void kswapd_retry(void);

/* Power-off: sleep until kswapd has finished the page it is reclaiming
 * (a page under its write is locked, and the leak check would count its
 * frame and slot) and sleeps again. */
void kswapd_wait_idle(void);

/* kswapd's wake-ups, for /proc/vmstat (Linux's pageoutrun). */
extern uint32_t kswapd_runs;

#endif

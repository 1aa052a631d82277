/*
 * vmscan.h - reclaim: free frames when none is left, by dropping file
 * pages and swapping anonymous pages out.  Which page goes is the
 * replacement policy's choice (mm/policy.h); how it goes is decided
 * here, by its kind.
 */
#ifndef MM_VMSCAN_H
#define MM_VMSCAN_H

#include <stdint.h>

struct mm;
struct page;

#define RECLAIM_BATCH 32        /* frames a failed allocation tries to free */

/* Free up to want frames; returns how many were freed (0: nothing could
 * be).  May sleep for the disk, so call it with nothing half-done. */
uint32_t reclaim_pages(uint32_t want);
/* What an allocation that found no frame reclaims before it tries again:
 * one page when the frame budget (userframes=) is what stopped it, so
 * that experiments count exactly, else a batch. */
uint32_t reclaim_for_alloc(void);
/* For /proc/vmstat, with Linux's names: the victims the policy offered
 * and the pages freed, by kswapd and by allocating tasks, and the times
 * an allocating task had to reclaim. */
extern uint32_t pgscan_kswapd, pgscan_direct, pgsteal_kswapd, pgsteal_direct, allocstall;
/* Take an anonymous page from every PTE that maps it (global removal),
 * write it to swap if its copy there is not up to date, and free it if
 * nobody took it back meanwhile.  Returns 1 if the frame was freed. */
int swap_out_page(struct page *page);
/* Reclaim one page by its kind (swap out, drop, or write back and drop)
 * if it can be taken; 1 if its frame was freed. */
int reclaim_page(struct page *page);
/* madvise(MADV_PAGEOUT) of [start, end): reclaim the pages only mm maps. */
void mm_pageout(struct mm *mm, uint32_t start, uint32_t end);

#endif

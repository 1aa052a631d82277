/*
 * buddy.h - the zoned buddy allocator over mem_map.
 *
 * Free memory is kept as naturally aligned blocks of 2^order frames,
 * order 0..MAX_ORDER, on one free list per order (free_area) per zone.
 */
#ifndef MM_BUDDY_H
#define MM_BUDDY_H

#include <stddef.h>
#include <stdint.h>
#include "mm/page.h"

#define MAX_ORDER 10            /* largest block: 2^10 frames = 4 MiB */

/*
 * The zones of 32-bit Linux: DMA below 16 MiB (the ISA DMA limit),
 * Normal up to the end of the direct map (896 MiB), HighMem above it
 * (reached only through kmap, mm/highmem.h).
 */
enum zone_type { ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM, NR_ZONES };

/* Allocation flags (gfp = "get free pages", as in Linux). */
#define GFP_KERNEL  0x0         /* may not fail: panic when memory is out */
#define GFP_ZERO    0x1         /* clear the block before returning it */
#define GFP_MAYFAIL 0x2         /* return NULL instead of panicking */
#define GFP_DMA     0x4         /* only from ZONE_DMA (below 16 MiB) */
#define GFP_NOINJECT 0x8        /* not failable by fail-nth (mm/fail_nth.h) */
#define GFP_HIGHMEM 0x10        /* HighMem first: the kernel needs no pointer to it */
#define GFP_HIGHUSER GFP_HIGHMEM /* user and page-cache pages (mm/policy.c) */

struct free_area {
    struct list_head free_list; /* heads of free blocks of this order */
    uint32_t nr_free;           /* blocks on free_list */
};

struct zone {
    const char *name;
    uint32_t start_pfn, end_pfn;        /* frames [start_pfn, end_pfn) */
    uint32_t managed_pages;             /* frames ever given to this zone */
    uint32_t free_pages;                /* frames now free in this zone */
    uint32_t lowmem_reserve[NR_ZONES];  /* frames an allocation that may use
                                           zone c keeps free here (c above
                                           this zone; 0 for the zone itself) */
    struct free_area free_area[MAX_ORDER + 1];
};

extern struct zone zones[NR_ZONES];

/* The free frames of zone z that an allocation whose highest allowed
 * zone is class may take: those above z's reserve for class. */
static inline uint32_t zone_free_for(int z, int class)
{
    const struct zone *zone = &zones[z];
    return zone->free_pages > zone->lowmem_reserve[class]
               ? zone->free_pages - zone->lowmem_reserve[class] : 0;
}

/* The same summed over the zones such an allocation may use.  Inline:
 * every user page's allocation asks twice. */
static inline uint32_t nr_free_pages_for(int class)
{
    uint32_t free = 0;

    for (int z = 0; z <= class; z++)
        free += zone_free_for(z, class);
    return free;
}

/* Set up mem_map (all frames reserved) and empty zones for nr_frames frames. */
void buddy_init(struct page *map, uint32_t nr_frames);
/* Hand the frames [start_pfn, end_pfn) to the allocator as free memory. */
void buddy_add_free_range(uint32_t start_pfn, uint32_t end_pfn);
/*
 * Linux's lowmem_reserve (its /proc/zoneinfo "protection"), set once the
 * zones have their frames: an allocation that could have used a higher
 * zone (a user page, GFP_HIGHUSER) and falls back to a lower one must
 * leave that zone the managed frames of the zones above it divided by
 * the lower zone's ratio, Linux's sysctl_lowmem_reserve_ratio (DMA 256,
 * Normal 32).  So user pages that fill HighMem cannot also take the last
 * lowmem frames, which only the kernel can use (page tables, kmalloc).
 */
void buddy_set_lowmem_reserve(void);

struct page *alloc_pages(unsigned order, unsigned gfp);
void free_pages(struct page *page, unsigned order);
static inline struct page *alloc_page(unsigned gfp)
{
    return alloc_pages(0, gfp);
}
void free_page(struct page *page);
void get_page(struct page *page);
void put_page(struct page *page);

/* Walk every free list and mem_map and panic at the first inconsistency. */
void buddy_check(void);
uint32_t nr_free_pages(void);
uint32_t nr_managed_pages(void);

/* Linux /proc/buddyinfo and /proc/meminfo style text; return the length. */
int buddy_format_buddyinfo(char *buf, size_t size);
int buddy_format_meminfo_totals(char *buf, size_t size);

/* Debug switch: check the allocator and poison frames on every operation. */
extern int buddy_debug;

#endif

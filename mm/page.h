/*
 * page.h - mem_map: one struct page for every physical frame.
 *
 * mem_map[pfn] describes the 4 KiB frame at physical address pfn << 12.
 * It covers every frame from 0 up to max_pfn (the top of RAM below 4 GiB,
 * HighMem included: mm/highmem.h), holes included; frames that are not
 * usable RAM stay PG_reserved forever.
 *
 * A frame is in exactly one of these states:
 *   reserved   PG_reserved: firmware, holes, the kernel image, modules,
 *              mem_map itself.  Never allocated, never freed.
 *   free       refcount 0.  If it heads a free block, PG_buddy is set,
 *              `order` is the block's order and `list` links it into
 *              zone->free_area[order].  The block's other frames carry
 *              nothing (flags 0, refcount 0).
 *   allocated  refcount >= 1.  The head of the allocation has `order` set
 *              to the allocation order, so free_pages can check it.  The
 *              owner's purpose flag (PG_kernel, PG_pagetable, PG_slab...)
 *              says what it is used for.
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#include <stdint.h>
#include "kernel/list.h"
#include "kernel/printk.h"
#include "mm/memlayout.h"

enum page_flag {
    PG_buddy        = 1u << 0,  /* heads a free block in a free_area list */
    PG_reserved     = 1u << 1,  /* not RAM we manage: never allocated */
    PG_kernel       = 1u << 2,  /* kernel data (task stacks, tables...) */
    PG_pagetable    = 1u << 3,  /* a page directory or page table */
    PG_anon         = 1u << 4,  /* anonymous user memory */
    PG_pagecache    = 1u << 5,  /* in the page cache: owner/index valid */
    PG_slab         = 1u << 6,  /* heads a kmalloc slab */
    PG_kmalloc_large= 1u << 7,  /* a kmalloc block bigger than a slab object */
    PG_dirty        = 1u << 8,  /* page-cache page newer than the file */
    PG_zero_page    = 1u << 9,  /* the one shared zero page */
    PG_swapcache    = 1u << 10, /* in the swap cache: swap_slot valid (mm/swap.h) */
    PG_locked       = 1u << 11, /* under I/O (read in, or written to swap): not
                                   mapped until read, never reclaimed meanwhile;
                                   set and cleared by the task doing the I/O */
    PG_waiters      = 1u << 12, /* PG_locked and someone sleeps until it ends */
    PG_user         = 1u << 13, /* a user page: on user_pages (mm/policy.h) */
    PG_mlocked      = 1u << 14, /* mapped by a VM_LOCKED VMA (mm/mlock.h) */
};

struct page {
    uint16_t flags;             /* enum page_flag bits */
    uint8_t  order;             /* free: block order; allocated: allocation order */
    uint8_t  age;               /* user page: its age (reclaim=age, mm/policy_age.c) */
    int32_t  refcount;          /* holders of the frame; 0 = free */
    int32_t  mapcount;          /* user PTEs mapping the frame */
    struct list_head list;      /* free: its free_area list; a user page: its
                                   place on user_pages; else its owner's list */
    union {
        void    *owner;         /* page cache: the file it caches */
        uint32_t swap_slot;     /* PG_swapcache: the slot that holds its data */
    };
    uint32_t index;             /* page cache: page index within the file;
                                   anonymous: its linear page number (rmap.h) */
    void    *rmap;              /* anonymous: its struct anon_vma while mapped */
};

/*
 * The reverse map (mm/rmap.h) finds every PTE that maps a frame, so that
 * reclaim can take it from every process at once ("global removal" in
 * the seed texts).  `mapcount` counts those PTEs exactly; only the
 * page_*_rmap calls change it.  A page-cache page is found through its
 * file (`owner`) and `index`; an anonymous page through `rmap`, its
 * anon_vma, and `index`, its linear page number, both set while it is
 * mapped.  free_pages clears them.  `age` is for the aging that picks
 * which frames to reclaim (mm/policy.h).
 */

#ifdef __i386__
_Static_assert(sizeof(struct page) == 32, "struct page must stay 32 bytes");
#endif

extern struct page *mem_map;
extern uint32_t max_pfn;        /* mem_map has max_pfn entries */
extern uint32_t max_low_pfn;    /* frames below it are in the direct map */

static inline struct page *pfn_to_page(uint32_t pfn)
{
    return &mem_map[pfn];
}

static inline uint32_t page_to_pfn(const struct page *page)
{
    return (uint32_t)(page - mem_map);
}

static inline phys_addr_t page_to_phys(const struct page *page)
{
    return (phys_addr_t)page_to_pfn(page) << PAGE_SHIFT;
}

/* A frame above the direct map (ZONE_HIGHMEM) has no kernel address. */
static inline int page_is_highmem(const struct page *page)
{
    return page_to_pfn(page) >= LOWMEM_PFN;
}

/* The kernel virtual address of a lowmem frame, through the direct map.
 * A HighMem frame must be reached through kmap (mm/highmem.h). */
static inline void *page_address(const struct page *page)
{
    if (page_is_highmem(page))
        panic("page_address: pfn 0x%x is in HighMem, above the direct map: use kmap (caller %p)",
              page_to_pfn(page), __builtin_return_address(0));
    return phys_to_virt(page_to_phys(page));
}

static inline struct page *virt_to_page(const void *va)
{
    return pfn_to_page(virt_to_phys(va) >> PAGE_SHIFT);
}

static inline struct page *phys_to_page(phys_addr_t pa)
{
    return pfn_to_page(pa >> PAGE_SHIFT);
}

#endif

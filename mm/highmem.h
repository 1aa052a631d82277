/*
 * highmem.h - reaching frames that the direct map does not cover.
 *
 * The kernel's 1 GiB window holds the direct map of the first 896 MiB
 * of RAM (LOWMEM_LIMIT, mm/memlayout.h) and, above it, room for
 * temporary mappings.  A frame above 896 MiB is in ZONE_HIGHMEM: it has
 * no kernel address of its own, so page_address() of it panics.  The
 * kernel touches such a frame only through one of two kinds of
 * temporary mapping, both in one kernel page table at KMAP_BASE that
 * every page directory shares:
 *
 *   kmap_atomic(page)  one of KMAP_ATOMIC_SLOTS slots, taken and given
 *                      back in stack order (the last one taken is the
 *                      first given back), each given back with invlpg.
 *                      The holder must not sleep: schedule() panics if
 *                      a slot is held.  For zeroing, copying a COW page,
 *                      a PIO burst of the disk, a memcpy in the kernel.
 *   kmap(page)         one of PKMAP_SLOTS slots that stays mapped while
 *                      its holder sleeps (copy_to_user may fault and
 *                      read from swap).  When every slot is taken, kmap
 *                      sleeps until kunmap gives one back.  A task holds
 *                      at most one such slot at a time (asserted), so
 *                      waiting for a slot can never deadlock.
 *
 * Both return page_address() for a lowmem frame at no cost, so callers
 * use them for every page that may be a user page.
 */
#ifndef MM_HIGHMEM_H
#define MM_HIGHMEM_H

#include "mm/page.h"

#define KMAP_BASE           0xFFC00000u     /* the last page table of the window */
#define KMAP_ATOMIC_SLOTS   8               /* nesting depth of kmap_atomic (one CPU) */
#define PKMAP_SLOTS         64              /* sleeping kmap slots, after the atomic ones */
#define KMAP_ATOMIC_BASE    KMAP_BASE
#define PKMAP_BASE          (KMAP_BASE + KMAP_ATOMIC_SLOTS * PAGE_SIZE)

/* Install the kmap page table in the kernel half of the boot directory
 * (before any other directory is made, so all of them share it). */
void kmap_init(void);

void *kmap_atomic_high(struct page *page);
void kunmap_atomic_high(void *addr);
void *kmap_high(struct page *page);
void kunmap_high(struct page *page);
/* Panic unless no kmap_atomic slot is held: called by schedule(). */
void kmap_assert_none_atomic(void);

static inline void *kmap_atomic(struct page *page)
{
    return page_is_highmem(page) ? kmap_atomic_high(page) : page_address(page);
}

/* Give back the mapping kmap_atomic returned (any address inside it). */
static inline void kunmap_atomic(void *addr)
{
    if ((uintptr_t)addr >= KMAP_BASE)
        kunmap_atomic_high(addr);
}

static inline void *kmap(struct page *page)
{
    return page_is_highmem(page) ? kmap_high(page) : page_address(page);
}

static inline void kunmap(struct page *page)
{
    if (page_is_highmem(page))
        kunmap_high(page);
}

/* Copy one frame to another (a COW copy). */
void copy_highpage(struct page *to, struct page *from);

#endif

/*
 * vmscan.c - reclaim (see vmscan.h).  A frame can be taken when it is a
 * user page that only its PTEs and its cache hold: an anonymous page
 * goes to swap, a backed file page (a boot-archive file's) is written
 * back if dirty and dropped (the file keeps its data), any other cache
 * page (shared anonymous memory, a file made since boot: shmem) goes to
 * swap and its object remembers the slot.  Never taken:
 * kernel memory, page tables, the zero page, pages under I/O (PG_locked),
 * pages whose swap slot failed, and any page the kernel holds for a
 * moment (an extra reference).
 */
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/trace.h"
#include "kernel/task.h"
#include "mm/buddy.h"
#include "mm/kswapd.h"
#include "mm/pagecache.h"
#include "mm/policy.h"
#include "mm/rmap.h"
#include "mm/shm.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/vma.h"
#include "mm/vmscan.h"

static struct printk_limit write_errors = { "swap", 0 };
uint32_t pgscan_kswapd, pgscan_direct, pgsteal_kswapd, pgsteal_direct, allocstall;

/* rmap_walk callback: replace one PTE of an anonymous page by its swap
 * entry, folding its dirty bit into the page first. */
static int unmap_to_swap(struct page *page, struct vma *vma, uint32_t addr, pte_t *ptep, void *arg)
{
    uint32_t slot = *(uint32_t *)arg;

    if (pte_dirty(*ptep))
        page->flags |= PG_dirty;
    pgtable_set(vma->mm->pgdir, addr, ptep, swp_entry_pte(slot));
    swap_dup(slot);
    page_remove_rmap(page);
    return 0;
}

/* trace=reclaim: the page has left its mappings for swap slot slot. */
static void trace_to_slot(const struct page *page, uint32_t slot)
{
    char to[24];

    ksnprintf(to, sizeof(to), "swap slot %u", slot);
    trace_reclaim_done(page, to);
}

int swap_out_page(struct page *page)
{
    int fresh = !(page->flags & PG_swapcache);

    if (!swap_writeok())
        return 0;                       /* swap is off, or swapoff is bringing pages back */
    if (fresh) {
        uint32_t slot = swap_alloc();
        if (!slot)
            return 0;                   /* swap is off or full */
        swap_cache_add(page, slot);
    }
    uint32_t slot = page->swap_slot;
    if (trace_reclaim_on)
        trace_reclaim_start(page);
    rmap_walk(page, unmap_to_swap, &slot);
    if (page->mapcount != 0)
        panic("swap_out_page: pfn 0x%x still has mapcount %d after global removal",
              page_to_pfn(page), page->mapcount);
    if (trace_reclaim_on)
        trace_to_slot(page, slot);
    if (fresh || (page->flags & PG_dirty)) {
        page->flags = (page->flags & ~PG_dirty) | PG_locked;
        int err = swap_write_page(slot, page);  /* sleeps; faults on it wait */
        swap_end_io(page);
        if (err) {
            printk_limited(&write_errors, "swap: slot %u could not be written: its page stays in memory\n",
                           slot);
            page->flags |= PG_dirty;
            swap_mark_bad(slot);        /* reclaim skips it while it holds that slot */
            return 0;
        }
    }
    if (page->refcount != 1 || page->mapcount != 0)
        return 0;                       /* faulted back in while it was written */
    swap_cache_delete(page);            /* the last reference: the frame is free */
    return 1;
}

/* Drop a backed file page from every mapping and from the cache
 * (pcache_evict writes it back first if it is dirty). */
static int drop_file_page(struct page *page)
{
    if (trace_reclaim_on)
        trace_reclaim_start(page);
    rmap_unmap_cache_page(page);
    if (page->mapcount != 0 || page->refcount != 1)
        panic("drop_file_page: pfn 0x%x has mapcount %d refcount %d after global removal",
              page_to_pfn(page), page->mapcount, page->refcount);
    if (trace_reclaim_on)
        trace_reclaim_done(page, page->flags & PG_dirty ? "written back, dropped" : "dropped");
    pcache_evict(page);
    return 1;
}

/*
 * Send a shmem page to swap: remove it from every mapping (the PTEs
 * become 0: a fault finds the page again through the object), write it
 * to a new slot, and drop it from the page cache unless someone took it
 * while it was written.  The object holds the slot's count.
 */
static int swap_out_shmem_page(struct page *page)
{
    struct address_space *as = page->owner;
    uint32_t slot = swap_alloc();

    if (!slot)
        return 0;
    shmem_set_swap_slot(as, page->index, slot);             /* read only on a cache miss */
    if (trace_reclaim_on)
        trace_reclaim_start(page);
    rmap_unmap_cache_page(page);
    if (trace_reclaim_on)
        trace_to_slot(page, slot);
    page->flags |= PG_locked;
    int err = swap_write_page(slot, page);
    swap_end_io(page);
    /* the write slept: a fault may have mapped the page again, or a
     * SHM_LOCK locked its segment; then it stays */
    if (err || page->refcount != 1 || page->mapcount != 0 || shm_pages_locked(as)) {
        if (err)
            swap_mark_bad(slot);
        shmem_set_swap_slot(as, page->index, 0);            /* frees the slot */
        return 0;
    }
    pcache_evict(page);
    return 1;
}

/* Which kind of reclaimable page this is: 'a' anonymous, 'f' a backed
 * file page, 's' a shmem page, 0 none. */
static int reclaim_kind(const struct page *page)
{
    if (page->refcount <= 0 || !(page->flags & PG_user) || (page->flags & (PG_locked | PG_mlocked)))
        return 0;
    if ((page->flags & PG_swapcache) && swap_slot_bad(page->swap_slot))
        return 0;                       /* its slot could not be written: it stays */
    if (page->flags & PG_pagecache) {
        if (page->refcount != page->mapcount + 1 || shm_pages_locked(page->owner))
            return 0;
        return pcache_page_backed(page) ? 'f' : swap_writeok() && swap_free_pages() ? 's' : 0;
    }
    if (!(page->flags & PG_anon) || !swap_writeok())
        return 0;
    if (!(page->flags & PG_swapcache) && !swap_free_pages())
        return 0;                       /* it would need a slot, and none is free */
    return page->refcount == page->mapcount + !!(page->flags & PG_swapcache) ? 'a' : 0;
}

int reclaim_can_take(const struct page *page)
{
    return reclaim_kind(page) != 0;
}

int reclaim_page(struct page *page)
{
    switch (reclaim_kind(page)) {
    case 'f': return drop_file_page(page);
    case 'a': return swap_out_page(page);
    case 's': return swap_out_shmem_page(page);
    default:  return 0;
    }
}

/* A victim can fail to go (it was faulted back in while it was written,
 * or its slot could not be written); give up after this many in a row. */
#define RECLAIM_MAX_FAILURES 64

uint32_t reclaim_pages(uint32_t want)
{
    uint32_t freed = 0;

    for (uint32_t failed = 0; freed < want && failed < RECLAIM_MAX_FAILURES;) {
        struct page *page = reclaim_policy->next_victim();
        if (!page)
            break;
        if (current->kthread)
            pgscan_kswapd++;
        else
            pgscan_direct++;
        if (reclaim_page(page)) {
            freed++;
            failed = 0;
        } else {
            failed++;
        }
    }
    if (current->kthread)
        pgsteal_kswapd += freed;
    else
        pgsteal_direct += freed;
    return freed;
}

uint32_t reclaim_for_alloc(void)
{
    allocstall++;
    uint32_t freed = reclaim_pages(user_budget_full() ? 1 : RECLAIM_BATCH);
    if (freed)
        kswapd_retry();
    return freed;
}

/*
 * madvise(MADV_PAGEOUT): reclaim now every page of [start, end) that
 * only this mm maps, as Linux does ("do not interfere with other
 * mappings of this page"): a page shared after fork stays.  Each PTE is
 * looked up afresh, because writing a page to swap sleeps and other
 * tasks' reclaim may change this mm's PTEs meanwhile (never its VMAs:
 * only this task changes those).
 */
void mm_pageout(struct mm *mm, uint32_t start, uint32_t end)
{
    for (uint32_t va = start; va < end; va += PAGE_SIZE) {
        pte_t *ptep = pgtable_walk(mm->pgdir, va, 0);
        if (!ptep || !pte_maps_frame(*ptep))
            continue;
        struct page *page = pte_page(*ptep);
        if (page->mapcount == 1)
            reclaim_page(page);
    }
}

/*
 * mm_stats.c - walk page tables and mem_map for the statistics /proc
 * shows.  Read-only but for mm_clear_refs, which changes accessed bits
 * only (as the clock hand does).
 */
#include "kernel/lib.h"
#include "mm/buddy.h"
#include "mm/fault.h"
#include "mm/mm_stats.h"
#include "mm/pagecache.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/vma.h"

/* A PTE holding a swap entry: its page is in swap, and its share of the
 * slot goes to swap_pss (a slot held by N entries, in any processes,
 * counts 1/N to each, as in Linux's smaps_pte_entry). */
static void count_swap_entry(pte_t pte, struct vma_stats *st)
{
    uint32_t holders = swap_entry_count(pte_swap_slot(pte));

    st->swap += PAGE_SIZE;
    st->swap_ptes += PAGE_SIZE;
    st->swap_pss += (PAGE_SIZE << PSS_SHIFT) / (holders > 1 ? holders : 1);
}

/*
 * The bytes of a shmem VMA's range that its object has in swap.  Their
 * PTEs are 0 (the object remembers the slots, mm/shmem.h), so the page
 * walk does not see them.  Linux's smaps adds them to Swap the same way
 * (shmem_swap_usage), and gives them no SwapPss.
 */
static uint32_t shmem_swapped(const struct vma *vma)
{
    uint32_t first = vma_page_index(vma, vma->start);
    uint32_t end = first + (vma->end - vma->start) / PAGE_SIZE;
    uint32_t object_pages = PAGE_ALIGN_UP(vma->mapping->size) / PAGE_SIZE, bytes = 0;

    if (end > object_pages)
        end = object_pages;
    for (uint32_t index = first; index < end; index++)
        if (shmem_swap_slot(vma->mapping, index))
            bytes += PAGE_SIZE;
    return bytes;
}

void vma_stats(struct mm *mm, struct vma *vma, struct vma_stats *st)
{
    memset(st, 0, sizeof(*st));
    for (uint32_t va = vma->start; va < vma->end;) {
        pte_t *ptep = pgtable_walk(mm->pgdir, va, 0);
        if (!ptep) {
            va = pgtable_next_table(va);
            continue;
        }
        if (pte_maps_frame(*ptep)) {
            struct page *page = pte_page(*ptep);
            int dirty = pte_dirty(*ptep) || (page->flags & PG_dirty);
            if (page == zero_page) {
                st->zero_pages += PAGE_SIZE;
            } else {
                int mappers = page->mapcount > 0 ? page->mapcount : 1;
                st->rss += PAGE_SIZE;
                st->pss += PAGE_SIZE / mappers;
                if (mappers > 1)
                    *(dirty ? &st->shared_dirty : &st->shared_clean) += PAGE_SIZE;
                else
                    *(dirty ? &st->private_dirty : &st->private_clean) += PAGE_SIZE;
                if (!(page->flags & PG_pagecache))
                    st->anonymous += PAGE_SIZE;
                if (pte_young(*ptep))
                    st->referenced += PAGE_SIZE;
            }
        } else if (pte_is_swap_entry(*ptep)) {
            count_swap_entry(*ptep, st);
        }
        va += PAGE_SIZE;
    }
    if (shmem_is_shmem(vma->mapping))
        st->swap += shmem_swapped(vma);
}

void mm_totals(struct mm *mm, struct mm_totals *tot)
{
    struct list_head *pos;

    memset(tot, 0, sizeof(*tot));
    list_for_each(pos, &mm->vmas) {
        struct vma *vma = container_of(pos, struct vma, list);
        struct vma_stats st;
        vma_stats(mm, vma, &st);
        tot->total_vm += vma->end - vma->start;
        if (vma->flags & VM_LOCKED)
            tot->locked += vma->end - vma->start;
        if (vma->flags & VM_GROWSDOWN)
            tot->stack += vma->end - vma->start;
        else if ((vma->prot & (VM_EXEC | VM_WRITE)) == VM_EXEC)
            tot->exec += vma->end - vma->start;
        else if ((vma->prot & VM_WRITE) && !(vma->flags & VM_SHARED))
            tot->data += vma->end - vma->start;
        tot->anon_rss += st.anonymous;
        *(shmem_is_shmem(vma->mapping) && !shmem_is_seeded(vma->mapping) ? &tot->shmem_rss
                                                                 : &tot->file_rss) += st.rss - st.anonymous;
        tot->swapents += st.swap_ptes;
        tot->referenced += st.referenced;
    }
    for (uint32_t va = USER_MIN; va < USER_END; va = pgtable_next_table(va))
        if (pgtable_walk(mm->pgdir, va, 0))
            tot->pgtables += PAGE_SIZE;
}

void mm_clear_refs(struct mm *mm, enum clear_refs_type which)
{
    struct list_head *pos;

    list_for_each(pos, &mm->vmas) {
        struct vma *vma = container_of(pos, struct vma, list);
        int file = vma->mapping != 0;   /* shmem too: Linux gives it a file */
        if ((which == CLEAR_REFS_ANON && file) || (which == CLEAR_REFS_MAPPED && !file))
            continue;
        for (uint32_t va = vma->start; va < vma->end;) {
            pte_t *ptep = pgtable_walk(mm->pgdir, va, 0);
            if (!ptep) {
                va = pgtable_next_table(va);
                continue;
            }
            if (pte_maps_frame(*ptep))
                pgtable_test_and_clear_young(mm->pgdir, va, ptep);
            va += PAGE_SIZE;
        }
    }
}

void count_frames(struct frame_counts *fc)
{
    memset(fc, 0, sizeof(*fc));
    for (uint32_t pfn = 0; pfn < max_pfn; pfn++) {
        const struct page *page = pfn_to_page(pfn);
        if (page->refcount <= 0)
            continue;
        if ((page->flags & PG_anon) && page->mapcount > 0)
            fc->anon++;                 /* mapped, as Linux's NR_ANON_MAPPED */
        if (page->flags & PG_pagecache)
            fc->pagecache++;
        if (page->flags & PG_pagetable)
            fc->pagetable++;
        if (page->flags & PG_kernel)
            fc->kernel++;
        if (page->flags & PG_slab)
            fc->slab += 1u << page->order;
    }
}

void mem_figures(struct mem_figures *m)
{
    m->total = nr_managed_pages();
    m->free = nr_free_pages();
    m->buffers = 0;
    m->shared = shmem_nr_pages();      /* shared anonymous memory and files made since boot */
    m->swap_total = swap_total_pages();
    m->swap_free = swap_free_pages();
}

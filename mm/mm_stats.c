/*
 * mm_stats.c - walk page tables and mem_map for the statistics /proc
 * shows.  Read-only; nothing here changes a mapping.
 */
#include "kernel/lib.h"
#include "mm/buddy.h"
#include "mm/fault.h"
#include "mm/mm_stats.h"
#include "mm/vma.h"

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
            }
        }
        va += PAGE_SIZE;
    }
}

void count_frames(struct frame_counts *fc)
{
    memset(fc, 0, sizeof(*fc));
    for (uint32_t pfn = 0; pfn < max_pfn; pfn++) {
        const struct page *page = pfn_to_page(pfn);
        if (page->refcount <= 0)
            continue;
        if (page->flags & PG_anon)
            fc->anon++;
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

/* rmap.c - the reverse map; see rmap.h for the design. */
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/kmalloc.h"
#include "mm/mlock.h"
#include "mm/pagecache.h"
#include "mm/rmap.h"
#include "mm/vma.h"

int anon_vma_prepare(struct vma *vma)
{
    if (vma->anon_vma)
        return 0;
    struct anon_vma *av = kmalloc(sizeof(*av));
    if (!av)
        return -ENOMEM;
    list_init(&av->vmas);
    vma->anon_vma = av;
    list_add_tail(&vma->anon_link, &av->vmas);
    return 0;
}

void rmap_link_vma(struct vma *vma)
{
    if (vma->mapping)
        list_add_tail(&vma->mapping_link, &vma->mapping->mappings);
    if (vma->anon_vma)
        list_add_tail(&vma->anon_link, &vma->anon_vma->vmas);
}

void rmap_unlink_vma(struct vma *vma)
{
    if (vma->mapping)
        list_del(&vma->mapping_link);
    if (vma->anon_vma) {
        list_del(&vma->anon_link);
        if (list_empty(&vma->anon_vma->vmas))
            kfree(vma->anon_vma);       /* no VMA left, so no page maps through it */
        vma->anon_vma = 0;
    }
}

void page_add_anon_rmap(struct page *page, struct vma *vma, uint32_t addr)
{
    uint32_t index = vma_page_index(vma, addr);

    KASSERT(vma->anon_vma && (page->flags & PG_anon));
    if (page->mapcount == 0) {
        page->rmap = vma->anon_vma;
        page->index = index;
    } else if (page->rmap != vma->anon_vma || page->index != index) {
        panic("page_add_anon_rmap: pfn 0x%x is index %u of anon_vma %p, mapped as %u of %p",
              page_to_pfn(page), page->index, page->rmap, index, vma->anon_vma);
    }
    page->mapcount++;
}

void page_add_file_rmap(struct page *page)
{
    KASSERT(page->flags & PG_pagecache);
    page->mapcount++;
}

void page_remove_rmap(struct page *page)
{
    if (page->mapcount <= 0 || page->refcount <= page->mapcount - 1)
        panic("page_remove_rmap: pfn 0x%x has mapcount %d and refcount %d",
              page_to_pfn(page), page->mapcount, page->refcount);
    --page->mapcount;
    if (page->flags & PG_mlocked)
        munlock_page(page);             /* unless a locked VMA still maps it */
    if (page->mapcount == 0 && (page->flags & PG_anon))
        page->rmap = 0;                 /* its anon_vma may go with its VMAs now */
    put_page(page);
}

/* The PTE of vma that would map the page of index, or NULL.  Indexes
 * count pages of a 32-bit byte offset, so they wrap at 4 GiB: an
 * anonymous VMA that mremap moved down and grew may map the last index
 * and then index 0.  Counting from first modulo 4 GiB covers that, and
 * is the plain difference for every VMA that does not wrap. */
static pte_t *vma_pte_of_index(struct vma *vma, uint32_t index, uint32_t *addr)
{
    uint32_t first = vma->file_offset / PAGE_SIZE;
    uint32_t nth = (index - first) & (0xFFFFFFFFu >> PAGE_SHIFT);

    if (nth >= (vma->end - vma->start) / PAGE_SIZE)
        return 0;
    *addr = vma->start + nth * PAGE_SIZE;
    return pgtable_walk(vma->mm->pgdir, *addr, 0);
}

uint32_t rmap_walk(struct page *page, rmap_fn fn, void *arg)
{
    struct list_head *head, *pos;
    uint32_t found = 0;
    int anon = !(page->flags & PG_pagecache);

    if (anon) {
        if (!page->rmap)
            return 0;                   /* mapped nowhere */
        head = &((struct anon_vma *)page->rmap)->vmas;
    } else {
        head = &((struct address_space *)page->owner)->mappings;
    }
    for (pos = head->next; pos != head;) {
        struct vma *vma = anon ? container_of(pos, struct vma, anon_link)
                               : container_of(pos, struct vma, mapping_link);
        pos = pos->next;                /* fn may unmap, never unlink */
        uint32_t addr;
        pte_t *ptep = vma_pte_of_index(vma, page->index, &addr);
        if (!ptep || !pte_maps_frame(*ptep) || pte_page(*ptep) != page)
            continue;
        found++;
        if (fn && fn(page, vma, addr, ptep, arg))
            return found;
    }
    if (!fn && found != (uint32_t)page->mapcount)
        panic("rmap_walk: pfn 0x%x has mapcount %d but %u PTEs map it",
              page_to_pfn(page), page->mapcount, found);
    return found;
}

static int unmap_cache_pte(struct page *page, struct vma *vma, uint32_t addr, pte_t *ptep, void *arg)
{
    (void)arg;
    if (pte_dirty(*ptep))
        page->flags |= PG_dirty;
    pgtable_set(vma->mm->pgdir, addr, ptep, 0);
    page_remove_rmap(page);
    return 0;
}

void rmap_unmap_cache_page(struct page *page)
{
    rmap_walk(page, unmap_cache_pte, 0);
}

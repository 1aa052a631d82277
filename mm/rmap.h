/*
 * rmap.h - the reverse map: from a frame to every (mm, address) whose PTE
 * maps it, so that reclaim can take a page from every process at once
 * ("global removal" in the seed texts).
 *
 * The design is object-based, as in Linux 2.6.0 (before anon_vma chains):
 *   - a page-cache page (a file's or shared anonymous memory's) is found
 *     through its address_space's list of mapping VMAs,
 *     `mapping->mappings` (mm/pagecache.h); each VMA gives the address of
 *     page index i from its file_offset;
 *   - an anonymous page points (page->rmap) to an anon_vma, the list of
 *     every VMA of one fork family that may map it.  Its index
 *     (page->index) is its linear page number, file_offset / PAGE_SIZE
 *     plus its page in the VMA, the same in the parent and in every child.
 * A candidate VMA is checked by a page-table walk.  We chose this over a
 * chain of PTE pointers per frame (Linux 2.5's pte_chain) because fork
 * then costs one list link per VMA instead of one allocation per copied
 * PTE: fork of 4096 touched pages must stay cheap (README, make bench).
 *
 * Every user PTE that starts or stops mapping a frame goes through the
 * page_*_rmap calls below, which keep refcount, mapcount and the reverse
 * map together.  The zero page is never counted (callers skip it).
 *
 * Who changes what: an anon_vma's list and an address_space's list change only in
 * syscalls and faults of the tasks that own those VMAs (mmap, munmap,
 * mprotect, fork, exec, exit, stack growth), never in an interrupt.  The
 * kernel is not preempted, so a walk that does not sleep sees them still.
 */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include <stdint.h>
#include "kernel/list.h"
#include "kernel/printk.h"
#include "mm/pgtable.h"

struct vma;

struct anon_vma {
    struct list_head vmas;      /* vma->anon_link of each VMA that may map its pages */
};

/* Give vma an anon_vma before its first anonymous page; -ENOMEM. */
int anon_vma_prepare(struct vma *vma);
/* Put a new VMA on its file's list and its anon_vma's list (if any). */
void rmap_link_vma(struct vma *vma);
/* Take a VMA off both lists; frees the anon_vma with its last VMA. */
void rmap_unlink_vma(struct vma *vma);

/* A PTE of vma at addr now maps the anonymous page; takes over the
 * caller's reference.  vma must have its anon_vma (anon_vma_prepare). */
void page_add_anon_rmap(struct page *page, struct vma *vma, uint32_t addr);
/* A PTE now maps the page-cache page; takes over the caller's reference. */
void page_add_file_rmap(struct page *page);
/* fork: one more PTE maps the page, with a reference of its own.
 * Inline: fork calls it for every copied PTE. */
static inline void page_dup_rmap(struct page *page)
{
    if (page->mapcount <= 0)
        panic("page_dup_rmap: pfn 0x%x is copied but mapped nowhere", page_to_pfn(page));
    page->refcount++;
    page->mapcount++;
}
/* A PTE stopped mapping the page: drops its mapping and its reference. */
void page_remove_rmap(struct page *page);

/* Calls fn for each PTE that maps page, with its VMA and address, until
 * fn returns nonzero; returns the number of PTEs found.  fn may change
 * the PTE (page_remove_rmap), never a VMA list.  With fn NULL it only
 * counts, and panics if the count disagrees with page->mapcount. */
typedef int (*rmap_fn)(struct page *page, struct vma *vma, uint32_t addr, pte_t *ptep, void *arg);
uint32_t rmap_walk(struct page *page, rmap_fn fn, void *arg);
/* Clear every PTE that maps a page-cache page (a dirty one makes the
 * page PG_dirty); a later fault finds it again in the cache or the file. */
void rmap_unmap_cache_page(struct page *page);

#endif

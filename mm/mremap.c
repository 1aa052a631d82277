/*
 * mremap.c - mremap(2): make a mapping smaller or bigger, in place or at
 * a new address, as Linux 6.1's mm/mremap.c does.
 *
 * Shrinking unmaps the tail.  Growing extends the VMA in place when the
 * range after it is free; otherwise, with MREMAP_MAYMOVE, the VMA moves.
 * A move carries the page-table entries, never the data: a present PTE
 * keeps its frame (so copy-on-write sharing, page-cache and shmem pages
 * and locked pages stay what they were), a swap entry keeps its slot,
 * and the VMA keeps its backing and file_offset, so each page keeps its
 * index and the reverse map (mm/rmap.h) finds it at its new address with
 * no struct page to update.  The only new promise is the growth of a
 * counted VMA (mm/overcommit.h); a locked VMA has its new part brought
 * in, as Linux's mm_populate does.  MREMAP_DONTUNMAP is not implemented.
 */
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/mlock.h"
#include "mm/mremap.h"
#include "mm/overcommit.h"
#include "mm/vma.h"

/* The byte offset into its backing that addr of vma maps. */
static uint32_t vma_offset_of(const struct vma *vma, uint32_t addr)
{
    return vma->file_offset + (addr - vma->start);
}

/* Is [start, end) free user address space (end computed without wrapping)? */
static int range_free(struct mm *mm, uint32_t start, uint64_t end)
{
    if (end > USER_END)
        return 0;
    struct vma *next = vma_find_after(mm, start);
    return !next || next->start >= end;
}

/* Unmap [addr + new_size, addr + old_size), the part a shrink drops;
 * -EINVAL when it runs past the user half, as Linux's munmap. */
static int unmap_tail(struct mm *mm, uint32_t addr, uint32_t new_size, uint32_t old_size)
{
    if ((uint64_t)addr + old_size > USER_END)
        return -EINVAL;
    return mm_unmap(mm, addr + new_size, addr + old_size);
}

/* The VMA of [addr, addr + old_size) that is to become new_size long
 * (Linux's vma_to_resize): -EFAULT if no VMA holds all of the range,
 * -EINVAL for old_size 0 of a private one or file offsets past 4 GiB.
 * (An anonymous VMA's offsets may wrap: see vma_pte_of_index.) */
static int vma_to_resize(struct mm *mm, uint32_t addr, uint32_t old_size, uint32_t new_size,
                         struct vma **out)
{
    struct vma *vma = vma_find(mm, addr);

    if (!vma)
        return -EFAULT;
    if (!old_size && !(vma->flags & VM_SHARED))
        return -EINVAL;                 /* a copy of nothing: Linux refuses it */
    if (old_size > vma->end - addr)
        return -EFAULT;
    if (vma->mapping && new_size != old_size &&
        (uint64_t)vma_offset_of(vma, addr) + new_size > (1ull << 32))
        return -EINVAL;                 /* file offsets must fit 32 bits, as mmap's */
    *out = vma;
    return 0;
}

/* Make the page tables of [start, start + len), so that moving PTEs there
 * cannot fail halfway: 0, or -ENOMEM (the tables made stay, empty). */
static int prepare_page_tables(struct mm *mm, uint32_t start, uint32_t len)
{
    for (uint32_t va = start; va < start + len; va = pgtable_next_table(va))
        if (!pgtable_walk(mm->pgdir, va, 1))
            return -ENOMEM;
    return 0;
}

/* Move the PTEs of [old_start, old_start + len) to new_start, where every
 * page table exists and every PTE is 0.  Frames (present, hidden or
 * PROT_NONE) and swap entries go as they are, with their mapcounts,
 * references and slot counts; the old PTEs become 0. */
static void move_ptes(struct mm *mm, uint32_t old_start, uint32_t new_start, uint32_t len)
{
    for (uint32_t off = 0; off < len; off += PAGE_SIZE) {
        pte_t *from = pgtable_walk(mm->pgdir, old_start + off, 0);
        if (!from) {                    /* no table: skip to the next one */
            off = pgtable_next_table(old_start + off) - old_start - PAGE_SIZE;
            continue;
        }
        if (!*from)
            continue;
        pte_t *to = pgtable_walk(mm->pgdir, new_start + off, 0);
        if (!to || *to)
            panic("mremap: no free PTE at 0x%x for the one at 0x%x", new_start + off, old_start + off);
        pgtable_set(mm->pgdir, new_start + off, to, *from);
        pgtable_set(mm->pgdir, old_start + off, from, 0);
    }
}

/* A locked VMA grew by [start, end): bring those pages in and lock them
 * (a page that cannot be had is no error, as in Linux's mm_populate). */
static void populate_growth(struct mm *mm, unsigned vma_flags, uint32_t start, uint32_t end)
{
    if ((vma_flags & VM_LOCKED) && start < end)
        mm_lock_range(mm, start, end, MLOCK_POPULATE);
}

/*
 * Move [old_start, old_start + old_size) of vma to new_start, which is
 * free for new_size (>= old_size) bytes, and grow it to new_size there
 * (Linux's move_vma).  old_size 0 (a shared VMA) maps the same pages a
 * second time instead.  Returns new_start, or -ENOMEM with nothing moved
 * and nothing promised (a split of vma may stay).
 */
static int move_vma(struct mm *mm, struct vma *vma, uint32_t old_start, uint32_t old_size,
                    uint32_t new_start, uint32_t new_size)
{
    unsigned vma_flags = vma->flags;
    uint32_t growth = (new_size - old_size) / PAGE_SIZE;
    int err = 0;

    if ((vma_flags & VM_ACCOUNT) && vm_enough_memory(mm, growth))
        return -ENOMEM;
    if (!old_size)
        err = vma_map(mm, new_start, new_start + new_size, vma->prot, vma_flags, vma->mapping,
                      vma_offset_of(vma, old_start));
    else if (prepare_page_tables(mm, new_start, old_size) ||
             !(vma = vma_isolate(mm, old_start, old_start + old_size)))
        err = -ENOMEM;
    if (err) {
        if (vma_flags & VM_ACCOUNT)
            vm_unacct_memory(growth);
        return err;
    }
    if (old_size) {
        move_ptes(mm, old_start, new_start, old_size);
        vma_move(mm, vma, new_start, new_start + new_size);   /* its promise went with it */
    }
    populate_growth(mm, vma_flags, new_start + old_size, new_start + new_size);
    return (int)new_start;
}

/* MREMAP_FIXED (Linux's mremap_to): unmap what is at new_addr, drop the
 * tail of a shrink, then move the range there. */
static int remap_to(struct mm *mm, uint32_t addr, uint32_t old_size, uint32_t new_size,
                    uint32_t new_addr)
{
    struct vma *vma;

    if ((new_addr & (PAGE_SIZE - 1)) || new_addr < USER_MIN || new_size > USER_END ||
        new_addr > USER_END - new_size)
        return -EINVAL;
    if (addr + old_size > new_addr && new_addr + new_size > addr)
        return -EINVAL;                 /* overlap (32-bit sums, as on Linux i386) */
    int err = mm_unmap(mm, new_addr, new_addr + new_size);
    if (!err && old_size > new_size) {
        err = unmap_tail(mm, addr, new_size, old_size);
        old_size = new_size;
    }
    if (!err)
        err = vma_to_resize(mm, addr, old_size, new_size, &vma);
    return err ? err : move_vma(mm, vma, addr, old_size, new_addr, new_size);
}

int mm_remap(struct mm *mm, uint32_t addr, uint32_t old_size, uint32_t new_size,
             unsigned flags, uint32_t new_addr)
{
    struct vma *vma;

    if (!vma_find(mm, addr))
        return -EFAULT;
    if (flags & MREMAP_FIXED)
        return remap_to(mm, addr, old_size, new_size, new_addr);
    if (old_size >= new_size) {         /* a shrink: always in place */
        int err = old_size > new_size ? unmap_tail(mm, addr, new_size, old_size) : 0;
        return err ? err : (int)addr;
    }
    int err = vma_to_resize(mm, addr, old_size, new_size, &vma);
    if (err)
        return err;
    if (addr + old_size == vma->end && range_free(mm, vma->end, (uint64_t)addr + new_size)) {
        unsigned vma_flags = vma->flags;
        if (vma_grow_end(mm, vma, addr + new_size))
            return -ENOMEM;
        populate_growth(mm, vma_flags, addr + old_size, addr + new_size);
        return (int)addr;
    }
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    uint32_t to = mm_find_gap(mm, 0, new_size);
    return to ? move_vma(mm, vma, addr, old_size, to, new_size) : -ENOMEM;
}

/*
 * mlock.c - pages locked in memory (see mlock.h).
 */
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "mm/fault.h"
#include "mm/mlock.h"
#include "mm/rmap.h"
#include "mm/vma.h"

uint32_t nr_mlocked_pages;

void mlock_page(struct page *page)
{
    if (page->flags & PG_mlocked)
        return;
    page->flags |= PG_mlocked;
    nr_mlocked_pages++;
}

/* rmap_walk callback: stop at the first VM_LOCKED VMA that maps the page. */
static int locked_mapping(struct page *page, struct vma *vma, uint32_t addr, pte_t *ptep, void *arg)
{
    (void)page, (void)addr, (void)ptep;
    if (!(vma->flags & VM_LOCKED))
        return 0;
    *(int *)arg = 1;
    return 1;
}

void munlock_page(struct page *page)
{
    int still_locked = 0;

    KASSERT(page->flags & PG_mlocked);
    page->flags &= ~PG_mlocked;
    nr_mlocked_pages--;
    if (page->mapcount > 0)
        rmap_walk(page, locked_mapping, &still_locked);
    if (still_locked)
        mlock_page(page);
}

/* The frame a PTE of mm maps at va, or NULL (none, or the zero page). */
static struct page *mapped_page(struct mm *mm, uint32_t va)
{
    pte_t *ptep = pgtable_walk(mm->pgdir, va, 0);

    if (!ptep || !pte_maps_frame(*ptep) || (pte_page(*ptep)->flags & PG_zero_page))
        return 0;
    return pte_page(*ptep);
}

/*
 * Bring the page at addr in as a fault would, and lock it.  A writable
 * private mapping is touched with a write, so that its page is its own
 * (no zero page, no copy-on-write left to do), as Linux's mlock does.
 */
static int populate_page(struct mm *mm, struct vma *vma, uint32_t addr)
{
    pte_t *ptep = pgtable_walk(mm->pgdir, addr, 0);
    int write = (vma->prot & VM_WRITE) && !(vma->flags & VM_SHARED);

    if (!ptep || !pte_present(*ptep) || (write && !pte_writable(*ptep))) {
        struct fault f = { .addr = addr, .write = write, .user = 1 };
        int major;
        if (handle_mm_fault(mm, &f, &major) != FAULT_HANDLED)
            return -ENOMEM;
        if (major)
            current->usage.maj_flt++;
        else
            current->usage.min_flt++;
    }
    struct page *page = mapped_page(mm, addr);
    if (page)
        mlock_page(page);
    return 0;
}

/* mm_change_range callback: change VM_LOCKED on one VMA as how says;
 * MLOCK_POPULATE brings its pages in (a VMA with no access keeps none). */
static int lock_vma(struct mm *mm, struct vma *vma, void *arg)
{
    enum mlock_how how = *(enum mlock_how *)arg;

    if (how != MLOCK_POPULATE || !(vma->prot & (VM_READ | VM_WRITE | VM_EXEC))) {
        if (how == MUNLOCK)
            vma->flags &= ~VM_LOCKED;
        else
            vma->flags |= VM_LOCKED;
        for (uint32_t va = vma->start; va < vma->end; va += PAGE_SIZE) {
            struct page *page = mapped_page(mm, va);
            if (page && how == MUNLOCK && (page->flags & PG_mlocked))
                munlock_page(page);
            else if (page && how != MUNLOCK)
                mlock_page(page);
        }
        return 0;
    }
    vma->flags |= VM_LOCKED;
    uint32_t seq = mm->vma_seq;
    for (uint32_t va = vma->start; va < vma->end; va += PAGE_SIZE) {
        int err = populate_page(mm, vma, va);
        if (err)
            return err;
        if (mm->vma_seq != seq)
            panic("mlock: the VMAs of pid %d changed while its pages were brought in", current->pid);
    }
    return 0;
}

int mm_lock_range(struct mm *mm, uint32_t start, uint32_t end, enum mlock_how how)
{
    return mm_change_range(mm, start, end, lock_vma, &how);
}

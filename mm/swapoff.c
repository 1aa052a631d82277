/*
 * swapoff.c - swap_off: bring every swapped-out page back into memory,
 * then forget the area (Linux's try_to_unuse, done the simple way).
 *
 * While it runs no new slot is handed out.  It goes through every
 * task's address space; each PTE holding a swap entry gets its page
 * back, read from disk when the swap cache does not have it.  A read
 * sleeps, and anything may change meanwhile, so after it the task, the
 * VMA and the PTE are looked up again and the same address is tried
 * once more.  Shared anonymous memory keeps its slots in its object, not
 * in PTEs: shmem_unuse reads those pages back.  When a page cannot be had the area stays on, untouched
 * but for the pages already back in memory: -ENOMEM, as on Linux.
 */
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "mm/buddy.h"
#include "mm/overcommit.h"
#include "mm/rmap.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/vma.h"
#include "mm/vmscan.h"

/* Give the PTE at va its page back.  0 when done (or nothing to do),
 * 1 when it slept and the caller must look again, or -errno. */
static int unuse_pte(struct mm *mm, struct vma *vma, uint32_t va, pte_t *ptep)
{
    struct page *page = 0;
    pte_t entry = *ptep;
    int got = swap_get_page(pte_swap_slot(entry), &page);

    while (got == -ENOMEM && reclaim_for_alloc())
        got = swap_get_page(pte_swap_slot(entry), &page);
    if (got < 0)
        return got;
    if (got == 1) {
        put_page(page);                 /* it is in the swap cache now */
        return 1;
    }
    if (anon_vma_prepare(vma)) {
        put_page(page);
        return -ENOMEM;
    }
    swap_free(pte_swap_slot(entry));
    page_add_anon_rmap(page, vma, va);  /* takes over our reference */
    pgtable_set(mm->pgdir, va, ptep, pte_make(page, 0));   /* a write reuses or copies it */
    return 0;
}

/* Every swap entry of tasks[i]'s address space gets its page back.
 * Returns how many entries it met (0: it never slept), or -errno. */
static int unuse_mm(int i)
{
    struct mm *mm = tasks[i].mm;
    int met = 0;

    for (uint32_t va = USER_MIN; mm && tasks[i].mm == mm;) {     /* it may exit meanwhile */
        struct vma *vma = vma_find_after(mm, va);
        if (!vma)
            return met;
        va = MAX(va, vma->start);
        pte_t *ptep = pgtable_walk(mm->pgdir, va, 0);
        if (!ptep) {
            va = pgtable_next_table(va);
            continue;
        }
        if (pte_is_swap_entry(*ptep)) {
            met++;
            int r = unuse_pte(mm, vma, va, ptep);
            if (r < 0)
                return r;
            if (r > 0)
                continue;               /* it slept: look at va again */
        }
        va += PAGE_SIZE;
    }
    return met;
}

/* Bring every PTE's swapped page back.  While a pass sleeps on a read,
 * other tasks may fork, or mremap swap entries down to addresses it has
 * passed; so passes go on until one meets no entry (such a pass never
 * slept, and no new entry can appear: no slot is handed out).  0 or
 * -errno. */
static int unuse_all_mms(void)
{
    int met;

    do {
        met = 0;
        for (int i = 1; i < NR_TASKS; i++) {
            int r = unuse_mm(i);
            if (r < 0)
                return r;
            met += r;
        }
    } while (met);
    return 0;
}

int swap_off(const char *path)
{
    if (!swap_area_is(path))
        return strcmp(path, SWAP_DEVICE) ? -ENOENT : -EINVAL;
    /* What is in swap must fit in RAM: in strict mode the promises made
     * against the swap must still be kept without it, as on Linux. */
    if (vm_enough_memory(current->mm, swap_total_pages()))
        return -ENOMEM;
    vm_unacct_memory(swap_total_pages());
    swap_set_writeok(0);
    int err = unuse_all_mms();
    if (!err)
        err = shmem_unuse();
    if (err) {
        swap_set_writeok(1);
        printk("swapoff: %s: %s: swap stays on\n", path,
               err == -EIO ? "a page could not be read back" : "no memory to bring every page back");
        return err;
    }
    for (uint32_t slot = 1; slot < swap_nr_slots(); slot++) {
        struct page *page = swap_cache_lookup(slot);
        if (!page)
            continue;
        swap_wait_io(page);
        swap_cache_delete(page);        /* an anonymous page like any other now */
        put_page(page);
    }
    if (swap_slots_in_use())
        panic("swap_off: %u slots still in use after every page came back", swap_slots_in_use());
    swap_area_release();
    printk("swapoff: %s\n", path);
    return 0;
}

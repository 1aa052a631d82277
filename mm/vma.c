/*
 * vma.c - address spaces: creating, copying (fork) and tearing down an
 * mm, and the VMA list operations behind mmap, munmap, mprotect and brk.
 *
 * The VMAs are kept twice: in a sorted doubly-linked list (easy to walk,
 * split and merge) and in a sorted array of pointers, rebuilt after every
 * change to the set, for O(log n) binary-search lookup.  In front of both
 * sits a one-entry cache of the last VMA found, since faults cluster.
 * mmap and munmap are O(n) in the number of VMAs; a fault is O(log n).
 */
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/tmpfs.h"
#include "mm/buddy.h"
#include "mm/fault.h"
#include "mm/kmalloc.h"
#include "mm/overcommit.h"
#include "mm/pagecache.h"
#include "mm/policy.h"
#include "mm/rmap.h"
#include "mm/shm.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/vma.h"

struct mm *mm_create(void)
{
    struct mm *mm = kzalloc(sizeof(*mm));
    if (!mm)
        return 0;
    mm->pgdir = pgtable_create();
    if (!mm->pgdir) {
        kfree(mm);
        return 0;
    }
    list_init(&mm->vmas);
    mm->users = 1;
    return mm;
}

static struct vma *vma_of(struct list_head *pos)
{
    return container_of(pos, struct vma, list);
}

/* A change to mm's VMAs: if tasks share mm, the caller holds its mmap
 * lock for writing (mm/vma.h). */
static void assert_may_change(const struct mm *mm)
{
    if (mm->users > 1 && !mmap_write_locked(mm))
        panic("mm: the VMAs of an mm %d tasks share change without its mmap lock", mm->users);
}

/* Refill mm->index from the list after the set of VMAs changed. */
static void vma_index_rebuild(struct mm *mm)
{
    struct list_head *pos;
    uint32_t n = 0;

    assert_may_change(mm);
    list_for_each(pos, &mm->vmas)
        n++;
    if (n > mm->index_cap || !mm->index) {
        uint32_t cap = MAX(16u, n * 2);
        kfree(mm->index);
        mm->index = kmalloc(cap * sizeof(*mm->index));
        mm->index_cap = mm->index ? cap : 0;
    }
    mm->nr_vmas = n;
    mm->last_hit = 0;
    mm->vma_seq++;
    if (!mm->index)
        return;
    n = 0;
    list_for_each(pos, &mm->vmas)
        mm->index[n++] = vma_of(pos);
}

/* The first VMA whose end is above addr (binary search, or a list scan). */
struct vma *vma_find_after(struct mm *mm, uint32_t addr)
{
    if (!mm->index) {
        struct list_head *pos;
        list_for_each(pos, &mm->vmas)
            if (vma_of(pos)->end > addr)
                return vma_of(pos);
        return 0;
    }
    uint32_t lo = 0, hi = mm->nr_vmas;          /* answer in [lo, hi] */
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (mm->index[mid]->end > addr)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo < mm->nr_vmas ? mm->index[lo] : 0;
}

struct vma *vma_find_slow(struct mm *mm, uint32_t addr)
{
    struct vma *vma = vma_find_after(mm, addr);
    if (!vma || addr < vma->start)
        return 0;
    return mm->last_hit = vma;
}

/* A page of a shared mapping: if it was written through pte, copy it
 * back to its file (nothing happens for shared anonymous memory). */
static void writeback_shared(pte_t pte)
{
    struct page *page = pte_page(pte);

    if (pte_dirty(pte))
        page->flags |= PG_dirty;
    if (page->flags & PG_pagecache)
        pcache_writeback(page);
}

/* Release the frame a present PTE maps (the zero page is never counted). */
static void release_pte(struct mm *mm, const struct vma *vma, uint32_t va, pte_t *ptep)
{
    struct page *page = pte_page(*ptep);

    if (vma->flags & VM_SHARED)
        writeback_shared(*ptep);        /* munmap and exit write shared pages back */
    pgtable_set(mm->pgdir, va, ptep, 0);
    if (page == zero_page)
        return;
    page_remove_rmap(page);
    if (page->flags & PG_swapcache)     /* the cache holds it still: free it if unused */
        swap_cache_free_unused(page);
}

/* Drop the pages [start, end) of one VMA maps. */
static void zap_vma_range(struct mm *mm, struct vma *vma, uint32_t start, uint32_t end)
{
    for (uint32_t va = start; va < end;) {
        pte_t *ptep = pgtable_walk(mm->pgdir, va, 0);
        if (!ptep) {
            va = pgtable_next_table(va);
            continue;
        }
        if (pte_maps_frame(*ptep)) {
            release_pte(mm, vma, va, ptep);
        } else if (pte_is_swap_entry(*ptep)) {
            swap_free(pte_swap_slot(*ptep));
            pgtable_set(mm->pgdir, va, ptep, 0);
        }
        va += PAGE_SIZE;
    }
}

void mm_zap_range(struct mm *mm, uint32_t start, uint32_t end)
{
    for (struct vma *vma = vma_find_after(mm, start); vma && vma->start < end;) {
        zap_vma_range(mm, vma, MAX(start, vma->start), MIN(end, vma->end));
        vma = vma->list.next != &mm->vmas ? vma_of(vma->list.next) : 0;
    }
}

int mm_range_mapped(struct mm *mm, uint32_t start, uint32_t end)
{
    for (uint32_t a = start; a < end;) {
        struct vma *vma = vma_find(mm, a);
        if (!vma)
            return 0;
        a = vma->end;
    }
    return 1;
}

int mm_sync(struct mm *mm, uint32_t start, uint32_t end)
{
    if (!mm_range_mapped(mm, start, end))
        return -ENOMEM;
    for (uint32_t va = start; va < end; va += PAGE_SIZE) {
        struct vma *vma = vma_find(mm, va);
        pte_t *ptep = pgtable_walk(mm->pgdir, va, 0);
        if (!(vma->flags & VM_SHARED) || !ptep || !pte_maps_frame(*ptep))
            continue;
        writeback_shared(*ptep);
    }
    return 0;
}

/* A VMA of mm like `like` (its protection, flags, mapping and anon_vma)
 * for [start, end), whose start has the page index of file_offset; on
 * the reverse-map lists but not yet in mm's list. */
static struct vma *vma_new(struct mm *mm, uint32_t start, uint32_t end, const struct vma *like,
                           uint32_t file_offset)
{
    struct vma *vma = kmalloc(sizeof(*vma));
    if (!vma)
        return 0;
    *vma = *like;
    vma->mm = mm;
    vma->start = start;
    vma->end = end;
    vma->file_offset = file_offset;
    list_init(&vma->list);
    rmap_link_vma(vma);
    shmem_get(vma->mapping);
    shm_vma_opened(vma);
    if (vma->mapping && vma->mapping->host)
        inode_get(vma->mapping->host);  /* a mapped file keeps its name in maps */
    return vma;
}

/* Unlink and free a VMA; the caller rebuilds the index. */
static void vma_free(struct vma *vma)
{
    list_del(&vma->list);
    rmap_unlink_vma(vma);
    if (vma->mapping && vma->mapping->host)
        inode_put(vma->mapping->host);
    shm_vma_closed(vma);
    shmem_put(vma->mapping);
    kfree(vma);
}

static void vma_insert_sorted(struct mm *mm, struct vma *vma)
{
    struct list_head *pos;

    list_for_each(pos, &mm->vmas)
        if (vma_of(pos)->start > vma->start)
            break;
    list_add_tail(&vma->list, pos);
    vma_index_rebuild(mm);
}

int vma_map(struct mm *mm, uint32_t start, uint32_t end, unsigned prot, unsigned flags,
            struct address_space *mapping, uint32_t file_offset)
{
    struct vma *next = vma_find_after(mm, start);

    if (start >= end || start < USER_MIN || end > USER_END)
        return -EINVAL;
    if (next && next->start < end)
        return -EINVAL;
    struct vma like = { .prot = prot, .flags = flags | mm->def_flags, .mapping = mapping };
    uint32_t pages = (end - start) / PAGE_SIZE;
    if ((prot & VM_WRITE) && !(like.flags & (VM_SHARED | VM_NORESERVE))) {
        if (vm_enough_memory(mm, pages))
            return -ENOMEM;
        like.flags |= VM_ACCOUNT;
    }
    struct vma *vma = vma_new(mm, start, end, &like, mapping ? file_offset : start);
    if (!vma) {
        if (like.flags & VM_ACCOUNT)
            vm_unacct_memory(pages);
        return -ENOMEM;
    }
    vma_insert_sorted(mm, vma);
    return 0;
}

int vma_grow_end(struct mm *mm, struct vma *vma, uint32_t new_end)
{
    if ((vma->flags & VM_ACCOUNT) && vm_enough_memory(mm, (new_end - vma->end) / PAGE_SIZE))
        return -ENOMEM;
    vma->end = new_end;
    return 0;
}

/* vma goes: give back what it promised. */
static void vma_unaccount(struct vma *vma)
{
    if (vma->flags & VM_ACCOUNT)
        vm_unacct_memory((vma->end - vma->start) / PAGE_SIZE);
}

/* Split vma at addr (strictly inside it); the new upper part follows it. */
static int vma_split(struct mm *mm, struct vma *vma, uint32_t addr)
{
    struct vma *upper = vma_new(mm, addr, vma->end, vma, vma->file_offset + (addr - vma->start));
    if (!upper)
        return -ENOMEM;
    vma->end = addr;
    list_add(&upper->list, &vma->list);
    vma_index_rebuild(mm);
    return 0;
}

/* Split the VMAs that straddle start or end, so [start, end) is whole VMAs. */
static int split_at_edges(struct mm *mm, uint32_t start, uint32_t end)
{
    struct vma *vma = vma_find(mm, start);
    if (vma && vma->start < start && vma_split(mm, vma, start))
        return -ENOMEM;
    vma = vma_find(mm, end - 1);
    if (vma && vma->end > end && vma_split(mm, vma, end))
        return -ENOMEM;
    mm->last_hit = 0;
    return 0;
}

struct vma *vma_isolate(struct mm *mm, uint32_t start, uint32_t end)
{
    struct vma *vma = vma_find(mm, start);

    if (!vma || vma->end < end)
        panic("vma_isolate: [0x%x, 0x%x) is not inside one VMA", start, end);
    if (split_at_edges(mm, start, end))
        return 0;
    return vma_find(mm, start);
}

void vma_move(struct mm *mm, struct vma *vma, uint32_t new_start, uint32_t new_end)
{
    if (new_start >= new_end || new_start < USER_MIN || new_end > USER_END)
        panic("vma_move: [0x%x, 0x%x) is no user range", new_start, new_end);
    for (struct vma *in = vma_find_after(mm, new_start); in && in->start < new_end;
         in = vma_find_after(mm, in->end))
        if (in != vma)
            panic("vma_move: [0x%x, 0x%x) meets [0x%x, 0x%x)", new_start, new_end, in->start, in->end);
    list_del(&vma->list);
    vma->start = new_start;
    vma->end = new_end;
    vma_insert_sorted(mm, vma);
}

int mm_unmap(struct mm *mm, uint32_t start, uint32_t end)
{
    if (split_at_edges(mm, start, end))
        return -ENOMEM;
    struct list_head *pos = mm->vmas.next;
    while (pos != &mm->vmas) {
        struct vma *vma = vma_of(pos);
        pos = pos->next;
        if (vma->start >= end)
            break;
        if (vma->end <= start)
            continue;
        zap_vma_range(mm, vma, vma->start, vma->end);
        vma_unaccount(vma);
        vma_free(vma);
    }
    vma_index_rebuild(mm);
    return 0;
}

/* Merge vma with the next one when they are contiguous and alike: the
 * same backing at contiguous page indexes, and one anon_vma at most. */
static void try_merge_next(struct mm *mm, struct vma *vma)
{
    if (vma->list.next == &mm->vmas)
        return;
    struct vma *next = vma_of(vma->list.next);
    if (next->start != vma->end || next->prot != vma->prot || next->flags != vma->flags ||
        next->mapping != vma->mapping || next->file_offset != vma->file_offset + (vma->end - vma->start) ||
        !shm_vma_mergeable(vma))
        return;
    if (vma->anon_vma && next->anon_vma && vma->anon_vma != next->anon_vma)
        return;
    if (!vma->anon_vma && next->anon_vma) {     /* next's pages are found through vma now */
        vma->anon_vma = next->anon_vma;
        list_add_tail(&vma->anon_link, &vma->anon_vma->vmas);
    }
    vma->end = next->end;
    vma_free(next);
    vma_index_rebuild(mm);
}

/* Give one whole VMA the protection prot, and its present PTEs with it:
 * no access makes them PROT_NONE entries, access again makes them
 * present read-only (write access returns through a fault), and losing
 * write access write-protects them. */
static void vma_set_prot(struct mm *mm, struct vma *vma, unsigned prot)
{
    int no_access = !(prot & (VM_READ | VM_WRITE | VM_EXEC));

    vma->prot = prot;
    for (uint32_t va = vma->start; va < vma->end; va += PAGE_SIZE) {
        pte_t *ptep = pgtable_walk(mm->pgdir, va, 0);
        if (!ptep) {
            va = pgtable_next_table(va) - PAGE_SIZE;
            continue;
        }
        pte_t pte = *ptep;
        if (no_access && pte_present(pte))
            pgtable_set(mm->pgdir, va, ptep, pte_mkprotnone(pte));
        else if (!no_access && pte_protnone(pte))
            pgtable_set(mm->pgdir, va, ptep, pte_mkaccessible(pte));
        else if (!(prot & VM_WRITE) && pte_present(pte))
            pgtable_set(mm->pgdir, va, ptep, pte_wrprotect(pte));
    }
}

/* Merge the VMAs at both edges of [start, end) with their neighbours. */
static void merge_at_edges(struct mm *mm, uint32_t start, uint32_t end)
{
    struct vma *first = vma_find(mm, start);
    if (first && first->list.prev != &mm->vmas)
        try_merge_next(mm, vma_of(first->list.prev));
    struct vma *last = vma_find(mm, end - 1);
    if (last)
        try_merge_next(mm, last);
}

int mm_change_range(struct mm *mm, uint32_t start, uint32_t end,
                    int (*fn)(struct mm *mm, struct vma *vma, void *arg), void *arg)
{
    assert_may_change(mm);
    uint32_t done = start, split_to = start;
    int err = 0;

    while (done < end) {
        struct vma *vma = vma_find(mm, done);
        if (!vma) {
            err = -ENOMEM;
            break;
        }
        uint32_t stop = MIN(end, vma->end);
        if (split_at_edges(mm, done, stop)) {
            err = -ENOMEM;
            break;
        }
        split_to = stop;
        err = fn(mm, vma_find(mm, done), arg);
        if (err)
            break;
        done = stop;
    }
    if (split_to > start)
        merge_at_edges(mm, start, split_to);
    return err;
}

/* mm_change_range callback of mprotect: a shared mapping of a read-only
 * file refuses write access with -EACCES.  A private mapping that
 * becomes writable for the first time is a new promise (Linux's
 * mprotect_fixup): -ENOMEM if the policy refuses it. */
static int protect_vma(struct mm *mm, struct vma *vma, void *arg)
{
    unsigned prot = *(unsigned *)arg;

    if ((prot & VM_WRITE) && (vma->flags & VM_NOWRITE))
        return -EACCES;
    if ((prot & VM_WRITE) && !(vma->prot & VM_WRITE) &&
        !(vma->flags & (VM_SHARED | VM_ACCOUNT | VM_NORESERVE))) {
        if (vm_enough_memory(mm, (vma->end - vma->start) / PAGE_SIZE))
            return -ENOMEM;
        vma->flags |= VM_ACCOUNT;
    }
    vma_set_prot(mm, vma, prot);
    return 0;
}

int mm_protect(struct mm *mm, uint32_t start, uint32_t end, unsigned prot)
{
    return mm_change_range(mm, start, end, protect_vma, &prot);
}

uint32_t mm_find_gap(struct mm *mm, uint32_t hint, uint32_t len)
{
    uint32_t addr = hint ? PAGE_ALIGN_UP(hint) : MMAP_BASE;

    while (addr >= USER_MIN && addr + len > addr && addr + len <= USER_END - STACK_LIMIT) {
        struct vma *next = vma_find_after(mm, addr);
        if (!next || next->start >= addr + len)
            return addr;
        addr = next->end;
    }
    return hint ? mm_find_gap(mm, 0, len) : 0;
}

/*
 * Copy the PTEs of one VMA from src into dst for fork: each PTE that
 * maps a frame (present or PROT_NONE) is copied, and the frame gains a
 * mapping and a reference (the zero page excepted); a swap entry is
 * copied and its slot gains a reference.  In a private VMA a
 * writable entry becomes read-only in both: the copy-on-write mark.  The
 * caller flushes src's TLB.  Returns 0, or -ENOMEM for a page table.
 */
static int copy_pte_range(struct mm *dst, struct mm *src, const struct vma *vma)
{
    int cow = !(vma->flags & VM_SHARED);

    for (uint32_t va = vma->start; va < vma->end; va = pgtable_next_table(va)) {
        pte_t *from = pgtable_walk(src->pgdir, va, 0), *to = 0;
        uint32_t n = (MIN(vma->end - 1, pgtable_next_table(va) - 1) + 1 - va) / PAGE_SIZE;
        if (!from)
            continue;
        for (uint32_t i = 0; i < n; i++) {          /* from[i] and to[i] map va + i pages */
            pte_t pte = from[i];
            if (!pte)
                continue;
            if (!to && !(to = pgtable_walk(dst->pgdir, va, 1)))
                return -ENOMEM;
            if (pte_is_swap_entry(pte)) {       /* the child holds the slot too */
                swap_dup(pte_swap_slot(pte));
                to[i] = pte;
                continue;
            }
            if (cow)
                from[i] = pte = pte_wrprotect(pte);
            to[i] = pte;
            struct page *page = pte_page(pte);
            if (page != zero_page)
                page_dup_rmap(page);
        }
    }
    return 0;
}

/*
 * mm_fork - copy an address space for fork, sharing every frame:
 * private pages become read-only in both (copy-on-write, resolved by
 * do_cow_fault), shared pages stay as they are.  Only page tables are
 * allocated.  Returns NULL when out of memory.
 */
/* The copy itself; the caller holds parent's lock for writing. */
static struct mm *mm_copy(struct mm *parent)
{
    struct mm *child = mm_create();
    struct list_head *pos;

    if (!child)
        return 0;
    child->brk_start = parent->brk_start;
    child->brk = parent->brk;
    child->exe_file = parent->exe_file;
    if (child->exe_file) {
        if (inode_deny_write_access(child->exe_file))
            panic("mm_fork: inode %u is open for writing while the parent runs it",
                  child->exe_file->ino);
        inode_get(child->exe_file);
    }
    list_for_each(pos, &parent->vmas) {
        struct vma *vma = vma_of(pos);
        struct vma *copy = vma_new(child, vma->start, vma->end, vma, vma->file_offset);
        if (!copy)
            goto fail;
        copy->flags &= ~VM_LOCKED;      /* a child inherits no memory locks */
        list_add_tail(&copy->list, &child->vmas);       /* the parent's order is sorted */
        if ((copy->flags & VM_ACCOUNT) && vm_enough_memory(parent, (copy->end - copy->start) / PAGE_SIZE)) {
            copy->flags &= ~VM_ACCOUNT;         /* the child's promises so far go with it */
            goto fail;
        }
        if (copy_pte_range(child, parent, vma) < 0)
            goto fail;
    }
    vma_index_rebuild(child);
    pgtable_flush(parent->pgdir);       /* the parent's PTEs lost their write bit */
    return child;
fail:
    vma_index_rebuild(child);
    pgtable_flush(parent->pgdir);
    mm_destroy(child);
    return 0;
}

struct mm *mm_fork(struct mm *parent)
{
    mmap_write_lock(parent);            /* no fault of a thread of parent sleeps meanwhile */
    struct mm *child = mm_copy(parent);
    mmap_write_unlock(parent);
    return child;
}

int mm_put(struct mm *mm)
{
    KASSERT(mm->users > 0);
    if (--mm->users)
        return 0;
    mm_destroy(mm);
    return 1;
}

void mm_destroy(struct mm *mm)
{
    if (mm->lock.readers || mm->lock.writer)
        panic("mm_destroy: its mmap lock is held (%d readers)", mm->lock.readers);
    if (reclaim_policy->mm_destroyed)
        reclaim_policy->mm_destroyed(mm);
    while (!list_empty(&mm->vmas)) {
        struct vma *vma = vma_of(mm->vmas.next);
        zap_vma_range(mm, vma, vma->start, vma->end);
        vma_unaccount(vma);
        vma_free(vma);
    }
    kfree(mm->index);
    pgtable_destroy(mm->pgdir);
    if (mm->exe_file) {
        inode_allow_write_access(mm->exe_file);
        inode_put(mm->exe_file);
    }
    kfree(mm);
}

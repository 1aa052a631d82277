/*
 * fault.c - the page-fault handler: find the VMA, check the access, take
 * exactly one path, count it.
 *
 *   not present, anonymous, read   -> do_zero_page_fault
 *   not present, anonymous, write  -> do_anonymous_fault
 *   not present, file              -> do_file_fault (minor or major),
 *                                     or do_file_cow_fault for a write
 *                                     to a private mapping
 *   present, write, shared page    -> do_cow_fault (copy) or
 *                                     do_wp_reuse (last user keeps it)
 *   not present, swap entry        -> do_swap_fault (swap_in, major, or
 *                                     swap_cache_hit, minor)
 *   present but hidden             -> do_lru_touch (reclaim=lru only:
 *                                     show the page, mm/policy_lru.c)
 *   in no VMA                      -> do_stack_growth (just below the
 *                                     stack), else do_invalid_fault
 *   anything else                  -> do_invalid_fault: SIGSEGV (SIGBUS past EOF)
 *
 * Sleeping in a fault.  A fault may sleep: in do_swap_fault while the
 * disk reads the page, in do_file_fault while a shmem page is read back
 * from swap or while another task has a page under I/O (PG_locked), and
 * in handle_mm_fault while reclaim writes pages out.  Other tasks run
 * meanwhile.  What they may change, and what this code relies on:
 *
 *   - the VMA list and the page tables of the faulting mm: the fault
 *     holds the mm's mmap lock for reading (taken by page_fault_entry;
 *     mm/vma.h), so no mmap, munmap, mprotect, brk or mremap of another
 *     thread of the mm runs until it is done.  So the vma and ptep a fault
 *     holds stay valid across a sleep.  check_after_sleep asserts it
 *     (mm->vma_seq).
 *   - a PTE of the faulting mm: other tasks do change those.  Another
 *     thread's fault (also a reader) may fill the same empty PTE while
 *     this one sleeps; reclaim turns a present PTE into a swap entry or
 *     clears it (global removal, mm/vmscan.c), swapoff turns a swap
 *     entry into a present PTE (mm/swapoff.c).  So every fault re-reads
 *     its PTE after a sleep and does nothing if it changed (Linux's
 *     pte_same check): the access is retried and finds what is there.
 *   - a page's flags and counts: PG_locked is set by the task that starts
 *     I/O on the page and cleared by it (swap_end_io); whoever finds a
 *     locked page takes a reference and waits (swap_wait_io), then checks
 *     the page is still where it looked (in the page cache, or in the
 *     swap cache for this slot).  Reclaim takes only pages nobody holds
 *     but their PTEs and caches (mm/vmscan.c), so a page a fault holds a
 *     reference to is never freed under it.  Interrupt handlers touch no
 *     page, PTE or VMA.
 */
#include "kernel/cmdline.h"
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/fault.h"
#include "mm/highmem.h"
#include "mm/mlock.h"
#include "mm/pagecache.h"
#include "mm/policy.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/oom_kill.h"
#include "mm/overcommit.h"
#include "mm/vmscan.h"
#include "mm/vma.h"

/* Each path is a real function, never inlined, so `break do_cow_fault` works. */
#define FAULT_PATH static __attribute__((noinline, noclone))

struct page *zero_page;
uint32_t fault_around_pages;
uint32_t fault_path_count[NR_FAULT_PATHS];
uint32_t pgmajfault;
const char *const fault_path_name[NR_FAULT_PATHS] = {
    "zero_page_read", "zero_fill", "cow_copy", "cow_reuse",
    "file_minor", "file_major", "file_cow", "stack_growth", "swap_in", "swap_cache_hit",
    "lru_touch", "invalid",
};

const char *const fault_result_name[] = { "handled", "SIGSEGV", "SIGBUS", "out of memory" };

/* FAULT_AROUND_MAX: one page table's worth, the most fault-around can
 * reach from one fault (it stays within the faulting page's table). */
#define FAULT_AROUND_MAX PT_ENTRIES

void fault_init(const char *cmdline)
{
    char value[16];

    zero_page = alloc_page(GFP_ZERO);
    zero_page->flags |= PG_zero_page;
    if (cmdline_get(cmdline, "faultaround", value, sizeof(value))) {
        const char *end;
        uint32_t k = parse_uint(value, &end, 10);
        if (*end || k > FAULT_AROUND_MAX)
            printk("fault: faultaround=%s: not a number of pages up to %u, left off\n", value,
                   FAULT_AROUND_MAX);
        else
            fault_around_pages = k;
    }
    if (fault_around_pages)
        printk("fault: a file read fault maps up to %u cached pages around it (faultaround)\n",
               fault_around_pages);
}

/* After a sleep: the fault's VMA and page table must still be there (see
 * "Sleeping in a fault" above). */
static void check_after_sleep(const struct vma *vma, const struct fault *f)
{
    if (vma->mm->vma_seq != f->vma_seq)
        panic("fault at 0x%x: the VMAs of its mm changed while it slept", f->addr);
}

/* Record the one path this fault takes. */
static void count_path(struct fault *f, enum fault_path path)
{
    f->path = path;
    fault_path_count[path]++;
}

/* No valid mapping allows this access: say why; the caller kills the task. */
FAULT_PATH enum fault_result do_invalid_fault(struct fault *f, const char *reason,
                                              enum fault_result r)
{
    f->reason = reason;
    count_path(f, FP_INVALID);
    return r;
}

/* A mapping is there but forbids this access (SEGV_ACCERR for a handler;
 * every other invalid fault is SEGV_MAPERR, nothing mapped). */
static enum fault_result do_access_error(struct fault *f)
{
    f->access_error = 1;
    return do_invalid_fault(f, f->write ? "write to read-only" : "no read access", FAULT_SIGSEGV);
}

/* Install page at f->addr in vma, on the reverse map; takes over the
 * caller's reference. */
static inline __attribute__((always_inline)) void map_page(struct vma *vma, struct fault *f,
                                                           pte_t *ptep, struct page *page, int writable)
{
    uint32_t va = PAGE_ALIGN_DOWN(f->addr);

    if (page->flags & PG_pagecache)
        page_add_file_rmap(page);
    else if (page != zero_page)
        page_add_anon_rmap(page, vma, va);
    if ((vma->flags & VM_LOCKED) && page != zero_page)
        mlock_page(page);
    if (reclaim_policy->page_touched)
        reclaim_policy->page_touched(vma->mm, f, page);
    pgtable_set(vma->mm->pgdir, va, ptep, pte_make(page, writable));
}

/* Read of never-touched anonymous memory: share the zero page, read-only. */
FAULT_PATH enum fault_result do_zero_page_fault(struct vma *vma, struct fault *f, pte_t *ptep)
{
    count_path(f, FP_ZERO_PAGE_READ);
    map_page(vma, f, ptep, zero_page, 0);
    return FAULT_HANDLED;
}

/* A new anonymous frame for vma (gfp: GFP_ZERO or 0), which gets its
 * anon_vma first; NULL when out of memory. */
static struct page *new_anon_page(struct vma *vma, unsigned gfp)
{
    if (anon_vma_prepare(vma))
        return 0;
    struct page *page = alloc_user_page(gfp);
    if (page)
        page->flags |= PG_anon;
    return page;
}

/* Map a new zeroed, writable anonymous frame at f->addr, counted as path. */
static enum fault_result map_zeroed_frame(struct vma *vma, struct fault *f, pte_t *ptep,
                                          enum fault_path path)
{
    struct page *page = new_anon_page(vma, GFP_ZERO);
    if (!page)
        return FAULT_OOM;
    count_path(f, path);
    map_page(vma, f, ptep, page, 1);
    return FAULT_HANDLED;
}

/* First write to anonymous memory (fresh, or mapped to the zero page). */
FAULT_PATH enum fault_result do_anonymous_fault(struct vma *vma, struct fault *f, pte_t *ptep)
{
    return map_zeroed_frame(vma, f, ptep, FP_ZERO_FILL);
}

/* Map a new anonymous frame holding a copy of page at f->addr, writable,
 * counted as path.  The caller still holds page. */
static enum fault_result map_copied_frame(struct vma *vma, struct fault *f, pte_t *ptep,
                                          struct page *page, enum fault_path path)
{
    struct page *copy = new_anon_page(vma, 0);
    if (!copy)
        return FAULT_OOM;
    copy_highpage(copy, page);
    count_path(f, path);
    map_page(vma, f, ptep, copy, 1);
    return FAULT_HANDLED;
}

/* Write to a page others share: copy it and drop our hold on the old one. */
FAULT_PATH enum fault_result do_cow_fault(struct vma *vma, struct fault *f, pte_t *ptep,
                                          struct page *old_page)
{
    enum fault_result r = map_copied_frame(vma, f, ptep, old_page, FP_COW_COPY);
    if (r == FAULT_HANDLED)
        page_remove_rmap(old_page);
    return r;
}

/* First write to a page of a private file mapping that is not mapped
 * yet: the process gets its own copy of the cache page at once (Linux
 * calls this a COW of a file page); the cache page stays unmapped. */
FAULT_PATH enum fault_result do_file_cow_fault(struct vma *vma, struct fault *f, pte_t *ptep,
                                               struct page *cache_page)
{
    return map_copied_frame(vma, f, ptep, cache_page, FP_FILE_COW);
}

/* Write to a COW page whose other users are gone: just make it writable. */
FAULT_PATH enum fault_result do_wp_reuse(struct vma *vma, struct fault *f, pte_t *ptep)
{
    count_path(f, FP_COW_REUSE);
    pgtable_set(vma->mm->pgdir, PAGE_ALIGN_DOWN(f->addr), ptep, pte_mkwrite(*ptep));
    return FAULT_HANDLED;
}

/* The fault path each outcome of a page-cache lookup counts as. */
static const uint8_t path_of_source[] = {
    [PCACHE_HIT] = FP_FILE_MINOR, [PCACHE_WAITED] = FP_FILE_MINOR, [PCACHE_READ] = FP_FILE_MAJOR,
    [PCACHE_ZEROED] = FP_ZERO_FILL, [PCACHE_SWAP] = FP_SWAP_IN,
};

/*
 * Fault-around (faultaround=K, as Linux's fault_around_bytes): after a
 * read fault on a file page, map the pages of the same object that are
 * already in the page cache around it, read-only, within the aligned
 * window of K pages that holds the fault, the VMA and the faulting
 * page's table.  They cost no fault when touched; a write to one later
 * takes the usual write fault (COW, or marking a shared page dirty).
 * Only plain hits: a page under I/O or not cached is left for its own
 * fault, so fault-around never sleeps and never allocates.
 */
static void fault_around(struct vma *vma, const struct fault *f, pte_t *ptep)
{
    uint32_t span = fault_around_pages * PAGE_SIZE, va = PAGE_ALIGN_DOWN(f->addr);
    uint32_t start = va - va % span, end = start + span;
    uint32_t table = pgtable_next_table(va), size = PAGE_ALIGN_UP(vma->mapping->size);

    start = MAX(MAX(start, vma->start), table - PT_ENTRIES * PAGE_SIZE);
    end = MIN(MIN(end, vma->end), table);
    for (uint32_t a = start; a < end; a += PAGE_SIZE) {
        pte_t *p = ptep + (int32_t)(a - va) / (int32_t)PAGE_SIZE;
        uint32_t offset = vma->file_offset + (a - vma->start);
        if (*p || offset >= size)
            continue;
        struct page *page = page_tree_lookup(&vma->mapping->pages, offset / PAGE_SIZE);
        if (!page || (page->flags & PG_locked))
            continue;
        page->refcount++;
        page_add_file_rmap(page);
        if (vma->flags & VM_LOCKED)
            mlock_page(page);
        pgtable_set(vma->mm->pgdir, a, p, pte_make(page, 0));
    }
}

/*
 * A file page that is not mapped yet: take it from the page cache (minor)
 * or read it in (major).  A write to a private mapping gets its own copy
 * at once; a shared mapping maps the cache page itself.  Shared anonymous
 * memory comes here too: its first touch makes a zeroed cache page, and
 * counts as a zero fill.
 */
FAULT_PATH enum fault_result do_file_fault(struct vma *vma, struct fault *f, pte_t *ptep,
                                           int *major)
{
    uint32_t offset = vma->file_offset + (PAGE_ALIGN_DOWN(f->addr) - vma->start);

    if (offset >= PAGE_ALIGN_UP(vma->mapping->size))
        return do_invalid_fault(f, "beyond end of file", FAULT_SIGBUS);
    enum pcache_source source;
    struct page *page = pcache_get(vma->mapping, offset / PAGE_SIZE, &source);
    if (source != PCACHE_HIT) {         /* only a plain hit promises no sleep */
        check_after_sleep(vma, f);
        if (!page)
            return source == PCACHE_IO_ERROR ? do_invalid_fault(f, "swap read error", FAULT_SIGBUS)
                                             : FAULT_OOM;
        if (source == PCACHE_READ || source == PCACHE_SWAP) {
            *major = 1;
            pgmajfault++;
        }
        if (*ptep) {                    /* another thread's fault mapped it meanwhile */
            count_path(f, path_of_source[source]);
            put_page(page);
            return FAULT_HANDLED;
        }
    }
    if (f->write && !(vma->flags & VM_SHARED)) {
        enum fault_result r = do_file_cow_fault(vma, f, ptep, page);
        put_page(page);
        return r;
    }
    count_path(f, path_of_source[source]);
    if (f->write)
        page->flags |= PG_dirty;
    map_page(vma, f, ptep, page, (vma->flags & VM_SHARED) && (vma->prot & VM_WRITE));
    if (fault_around_pages > 1 && !f->write)
        fault_around(vma, f, ptep);
    return FAULT_HANDLED;
}

/* A swapped-out page is ours alone: no other PTE holds its slot or maps
 * it, no I/O is under way, and only the swap cache holds it besides the
 * PTE (or the fault) at hand. */
static int swap_page_exclusive(const struct page *page)
{
    return !(page->flags & PG_locked) && page->mapcount <= 1 && swap_count(page->swap_slot) == 1 &&
           page->refcount == 2;
}

/*
 * A not-present PTE holding a swap entry.  The page may still be in the
 * swap cache (on its way out, or read in by another process that shares
 * it): map it, a minor fault.  Otherwise read it from disk while this
 * task sleeps: a major fault.  After any sleep the PTE is checked again
 * (Linux's pte_same): if it changed, someone else resolved this fault.
 * A write to a page that is ours alone takes it out of the swap cache
 * and maps it writable; otherwise it is mapped read-only and a write
 * comes back as a COW fault.
 */
FAULT_PATH enum fault_result do_swap_fault(struct vma *vma, struct fault *f, pte_t *ptep,
                                           int *major)
{
    pte_t entry = *ptep;
    uint32_t slot = pte_swap_slot(entry);
    struct page *page;

    f->swap_slot = slot;
    int got = swap_get_page(slot, &page);

    check_after_sleep(vma, f);
    if (got == -ENOMEM)
        return FAULT_OOM;
    if (got < 0)
        return do_invalid_fault(f, "swap read error", FAULT_SIGBUS);
    if (got == 1) {
        *major = 1;
        pgmajfault++;
    }
    count_path(f, got == 1 ? FP_SWAP_IN : FP_SWAP_CACHE_HIT);
    if (*ptep != entry || !(page->flags & PG_swapcache) || page->swap_slot != slot) {
        put_page(page);                 /* resolved while we slept: retry the access */
        return FAULT_HANDLED;
    }
    swap_free(slot);                    /* the PTE's count; map_page replaces the entry */
    int writable = f->write && swap_page_exclusive(page);
    if (writable)
        swap_cache_delete(page);
    map_page(vma, f, ptep, page, writable);
    return FAULT_HANDLED;
}

/* A protection fault on a present page: the write half of copy-on-write. */
FAULT_PATH enum fault_result do_wp_fault(struct vma *vma, struct fault *f, pte_t *ptep)
{
    struct page *page = pte_page(*ptep);

    if (!f->write)
        return FAULT_HANDLED;           /* already resolved (another path raced) */
    if (page == zero_page)
        return do_anonymous_fault(vma, f, ptep);
    if (vma->flags & VM_SHARED) {
        page->flags |= PG_dirty;
        return do_wp_reuse(vma, f, ptep);
    }
    if ((page->flags & PG_swapcache) && swap_page_exclusive(page))
        swap_cache_delete(page);        /* ours alone: its copy in swap goes stale now */
    if (page->refcount == 1 && !(page->flags & PG_pagecache))
        return do_wp_reuse(vma, f, ptep);
    return do_cow_fault(vma, f, ptep, page);
}

/* A user touch of a page reclaim=lru hid: show it (the access, if it
 * needs more, such as a copy on write, faults again). */
FAULT_PATH enum fault_result do_lru_touch(struct vma *vma, struct fault *f, pte_t *ptep)
{
    uint32_t va = PAGE_ALIGN_DOWN(f->addr);

    count_path(f, FP_LRU_TOUCH);
    reclaim_policy->page_touched(vma->mm, f, pte_page(*ptep));
    pgtable_set(vma->mm->pgdir, va, ptep, pte_mkshown(*ptep));
    return FAULT_HANDLED;
}

static int access_allowed(const struct vma *vma, const struct fault *f)
{
    if (f->write)
        return vma->prot & VM_WRITE;
    return vma->prot & (VM_READ | VM_EXEC);
}

/*
 * A fault in no VMA, just below the stack: grow the stack VMA down over
 * it, up to STACK_LIMIT and never closer than STACK_GUARD_GAP to the VMA
 * below, if the overcommit policy lets the stack grow (else SIGSEGV, as
 * on Linux), and map a zeroed frame there.  Anything else is invalid.
 */
FAULT_PATH enum fault_result do_stack_growth(struct mm *mm, struct fault *f)
{
    struct vma *stack = vma_find_after(mm, f->addr);
    uint32_t lowest = STACK_TOP - STACK_LIMIT;

    if (!stack || !(stack->flags & VM_GROWSDOWN))
        return do_invalid_fault(f, "not mapped", FAULT_SIGSEGV);
    if (f->addr < lowest)
        return do_invalid_fault(f, f->addr >= lowest - STACK_GUARD_GAP ? "stack guard" : "not mapped",
                                FAULT_SIGSEGV);
    struct vma *prev = stack->list.prev != &mm->vmas
        ? container_of(stack->list.prev, struct vma, list) : 0;
    if (prev && prev->end + STACK_GUARD_GAP > PAGE_ALIGN_DOWN(f->addr))
        return do_invalid_fault(f, "stack guard", FAULT_SIGSEGV);
    if (!access_allowed(stack, f))
        return do_access_error(f);
    uint32_t grow = stack->start - PAGE_ALIGN_DOWN(f->addr);
    if ((stack->flags & VM_ACCOUNT) && vm_enough_memory(mm, grow / PAGE_SIZE))
        return do_invalid_fault(f, "stack growth past the commit limit", FAULT_SIGSEGV);
    pte_t *ptep = pgtable_walk(mm->pgdir, f->addr, 1);
    enum fault_result r = FAULT_OOM;
    if (ptep) {
        stack->start -= grow;           /* the new page's index must be known to map it */
        stack->file_offset -= grow;
        r = map_zeroed_frame(stack, f, ptep, FP_STACK_GROWTH);
        if (r != FAULT_HANDLED) {
            stack->start += grow;
            stack->file_offset += grow;
        }
    }
    if (r != FAULT_HANDLED && (stack->flags & VM_ACCOUNT))
        vm_unacct_memory(grow / PAGE_SIZE);
    return r;
}

/*
 * resolve_fault - one try at the fault at f->addr in mm.
 * Returns FAULT_HANDLED when the access can be retried, FAULT_SIGSEGV or
 * FAULT_SIGBUS (with f->reason) when it is invalid, FAULT_OOM when no
 * frame could be had.  Counts exactly one fault path unless out of memory.
 */
static enum fault_result resolve_fault(struct mm *mm, struct fault *f, int *major)
{
    *major = 0;
    f->path = -1;
    f->vma_seq = mm->vma_seq;
    f->swap_slot = 0;
    f->access_error = 0;
    if (f->addr >= USER_END)
        return do_invalid_fault(f, "kernel address", FAULT_SIGSEGV);
    if (f->addr < USER_MIN)
        return do_invalid_fault(f, "not mapped", FAULT_SIGSEGV);
    struct vma *vma = vma_find(mm, f->addr);
    if (!vma)
        return do_stack_growth(mm, f);
    if (!access_allowed(vma, f))
        return do_access_error(f);

    pte_t *ptep = pgtable_walk(mm->pgdir, f->addr, 1);
    if (!ptep)
        return FAULT_OOM;
    if (*ptep) {                        /* else never touched: the common case, below */
        if (pte_present(*ptep))
            return pte_hidden(*ptep) ? do_lru_touch(vma, f, ptep) : do_wp_fault(vma, f, ptep);
        if (pte_protnone(*ptep))
            panic("handle_mm_fault: PROT_NONE entry 0x%x at 0x%x in a VMA that allows access",
                  *ptep, f->addr);
        return do_swap_fault(vma, f, ptep, major);     /* the rest are swap entries */
    }
    if (vma->mapping)                   /* shared anonymous memory too (mm/shmem.c) */
        return do_file_fault(vma, f, ptep, major);
    if (f->write)
        return do_anonymous_fault(vma, f, ptep);
    return do_zero_page_fault(vma, f, ptep);
}

enum fault_result handle_mm_fault(struct mm *mm, struct fault *f, int *major)
{
    enum fault_result r;

    while ((r = resolve_fault(mm, f, major)) == FAULT_OOM && reclaim_or_oom(OOM_ANON_PAGE))
        ;                               /* reclaim may have slept: start again */
    return r;
}

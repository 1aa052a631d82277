/*
 * vma.h - address spaces (struct mm) and their virtual memory areas.
 *
 * An mm is a page directory plus a sorted list of non-overlapping VMAs.
 * Each VMA says what [start, end) is: its protection, private or shared,
 * and its backing (anonymous memory, or a file from an offset).
 * Page tables are only a cache of what the VMAs describe: a missing PTE
 * inside a VMA is filled in by the page-fault handler (mm/fault.c).
 */
#ifndef MM_VMA_H
#define MM_VMA_H

#include <stdint.h>
#include "kernel/list.h"
#include "mm/memlayout.h"
#include "mm/pgtable.h"

struct inode;
struct address_space;

/* vma->prot bits, and below the vma->flags bits: enums rather than
 * #defines so that gdb reads them from the debug info (tools/gdb/vmkernel.py). */
enum vm_prot {
    VM_READ  = 0x1,
    VM_WRITE = 0x2,
    VM_EXEC  = 0x4,
};
enum vm_flag {
    VM_SHARED    = 0x1,         /* writes are seen by every mapper (else private COW) */
    VM_GROWSDOWN = 0x2,         /* the stack: grows down on faults below it */
    VM_NOWRITE   = 0x4,         /* shared file mapping of a read-only open file:
                                   mprotect may never add VM_WRITE */
    VM_LOCKED    = 0x8,         /* its pages stay in memory (mm/mlock.h) */
    VM_ACCOUNT   = 0x10,        /* counted in Committed_AS (mm/overcommit.h) */
    VM_NORESERVE = 0x20,        /* MAP_NORESERVE outside strict mode: not counted */
};

#define STACK_LIMIT      (8u << 20)     /* RLIMIT_STACK: 8 MiB */
#define STACK_GUARD_GAP  (1u << 20)     /* 1 MiB kept free below the stack limit */
#define STACK_TOP        USER_END
#define MMAP_BASE        0x40000000u    /* first address tried for mmap */

struct vma {
    uint32_t start, end;        /* [start, end), page aligned; end exclusive */
    unsigned prot;              /* VM_READ | VM_WRITE | VM_EXEC */
    unsigned flags;             /* enum vm_flag */
    struct address_space *mapping;  /* the page-cache object it maps (a ramdisk
                                   file's, or shmem's: mm/pagecache.h), or
                                   NULL for anonymous private memory */
    uint32_t file_offset;       /* bytes into file that `start` maps (page aligned);
                                   anonymous: the address `start` had when the
                                   memory was first mapped, so that every page
                                   keeps one index (vma_page_index) through
                                   splits, stack growth and fork (mm/rmap.h) */
    struct list_head list;      /* in mm->vmas, sorted by start */
    struct mm *mm;              /* the address space it belongs to */
    struct anon_vma *anon_vma;  /* its anonymous pages' reverse map, or NULL
                                   before the first one (anon_vma_prepare) */
    struct list_head anon_link; /* in anon_vma->vmas */
    struct list_head mapping_link;  /* in mapping->mappings */
};

/* The page index of addr in vma: a file page's index in the file, an
 * anonymous page's linear page number. */
static inline uint32_t vma_page_index(const struct vma *vma, uint32_t addr)
{
    return (vma->file_offset + (addr - vma->start)) / PAGE_SIZE;
}

/*
 * The mmap lock (Linux's mmap_lock): what keeps an mm's VMAs and page
 * tables in place while a task sleeps holding pointers into them.  The
 * kernel is not preempted, so code that does not sleep needs no lock;
 * but the tasks of one mm (threads, a vfork child) run in turn, and a
 * fault may sleep on the disk while another of them runs.  So:
 *   - a fault, and any walk that may sleep in the middle (msync,
 *     MADV_PAGEOUT), holds it for reading; several may;
 *   - whatever changes the set of VMAs or their protection, or frees
 *     page tables (mmap, munmap, mprotect, brk, mremap, mlock,
 *     MADV_DONTNEED, fork's copy), holds it for writing, which waits
 *     for the readers to finish.
 * Stack growth changes its VMA's start under the read lock: it never
 * sleeps, and the pages keep their index.  Reclaim and swapoff change
 * PTEs without it, through the reverse map; faults re-check their PTE
 * after a sleep (mm/fault.c).  A task may not fault on user memory while
 * it holds the lock for writing (asserted).
 */
struct mmap_lock {
    int readers;                        /* tasks holding it for reading */
    struct task *writer;                /* the task holding it for writing, or NULL */
    int waiters;                        /* tasks asleep waiting for it */
};

struct mm {
    pgdir_t pgdir;
    int users;                          /* tasks running in it: clone(CLONE_VM) adds
                                           one, exit and exec drop theirs; the last
                                           drop destroys it (mm_put) */
    struct mmap_lock lock;
    struct list_head vmas;      /* sorted, non-overlapping */
    struct vma *last_hit;       /* vma_find cache */
    struct vma **index;         /* the VMAs in address order, for binary search;
                                   NULL if it could not be allocated (then the
                                   list is scanned) */
    uint32_t nr_vmas;           /* entries in index (and in vmas) */
    uint32_t index_cap;         /* room in index */
    uint32_t brk_start, brk;    /* heap: [brk_start, brk) */
    uint32_t vma_seq;           /* bumped by every change to the set of VMAs,
                                   so a fault that slept can assert that its
                                   VMA is still there (mm/fault.c) */
    struct inode *exe_file;     /* the program this mm runs (referenced), or
                                   NULL; the mm holds it denied write access
                                   (ETXTBSY) */
    unsigned def_flags;         /* VM_LOCKED after mlockall(MCL_FUTURE): every
                                   new VMA gets it (mm/mlock.h) */
};

struct vma *vma_find_slow(struct mm *mm, uint32_t addr);

/* The VMA containing addr, or NULL.  Faults cluster, so the last VMA
 * found is checked first, inline; the index is searched otherwise. */
static inline struct vma *vma_find(struct mm *mm, uint32_t addr)
{
    struct vma *hit = mm->last_hit;

    if (hit && addr >= hit->start && addr < hit->end)
        return hit;
    return vma_find_slow(mm, addr);
}

/* A new, empty address space with one user. */
struct mm *mm_create(void);
void mm_destroy(struct mm *mm);
/* Drop a user of mm; the last one destroys it (then 1, else 0). */
int mm_put(struct mm *mm);
void mmap_read_lock_slow(struct mm *mm);
void wakeup(const void *channel);
static inline void mmap_read_lock(struct mm *mm)
{
    if (mm->lock.writer)
        mmap_read_lock_slow(mm);        /* waits (or panics: the writer is current) */
    mm->lock.readers++;
}
static inline void mmap_read_unlock(struct mm *mm)
{
    if (--mm->lock.readers == 0 && mm->lock.waiters)
        wakeup(&mm->lock);
}
void mmap_write_lock(struct mm *mm);
void mmap_write_unlock(struct mm *mm);
/* Whether the current task holds mm's lock for writing. */
int mmap_write_locked(const struct mm *mm);
struct mm *mm_fork(struct mm *parent);      /* copy-on-write copy */
struct vma *vma_find_after(struct mm *mm, uint32_t addr);   /* first VMA ending above addr */
/* Map [start, end) with the given backing; fails with -EINVAL on
 * overlap, -ENOMEM when a private writable mapping may not be promised
 * (mm/overcommit.h) or no memory is left for the VMA. */
int vma_map(struct mm *mm, uint32_t start, uint32_t end, unsigned prot, unsigned flags,
            struct address_space *mapping, uint32_t file_offset);
/* Move vma's end up to new_end (the heap growing), counting the new
 * part if vma is counted: 0, or -ENOMEM and nothing changed. */
int vma_grow_end(struct mm *mm, struct vma *vma, uint32_t new_end);
/* Split the VMA holding [start, end) (the caller checked that one VMA
 * covers it) so that [start, end) is a VMA of its own, and return it;
 * NULL when a split found no memory (a split already made stays). */
struct vma *vma_isolate(struct mm *mm, uint32_t start, uint32_t end);
/* Give vma the range [new_start, new_end), which must be free but for
 * vma itself, keeping its backing, file_offset (so every page keeps its
 * index: mm/rmap.h) and flags; mremap's move.  The PTEs are the
 * caller's to move, and so is the promise for a bigger size. */
void vma_move(struct mm *mm, struct vma *vma, uint32_t new_start, uint32_t new_end);
/* Remove [start, end) from every VMA, splitting as needed, freeing pages. */
int mm_unmap(struct mm *mm, uint32_t start, uint32_t end);
/* mprotect, VMA by VMA in address order, as Linux does it: at a hole the
 * part before it keeps its new protection and the call fails with
 * -ENOMEM; a shared mapping of a read-only file stops it with -EACCES. */
int mm_protect(struct mm *mm, uint32_t start, uint32_t end, unsigned prot);
/* Call fn on each VMA of [start, end) in address order, split first so
 * that it lies inside the range; a hole (-ENOMEM) or an error from fn
 * stops the walk, and what came before stays changed.  Neighbours that
 * became alike are merged again.  mprotect's and mlock's walk. */
int mm_change_range(struct mm *mm, uint32_t start, uint32_t end,
                    int (*fn)(struct mm *mm, struct vma *vma, void *arg), void *arg);
/* 1 if VMAs cover every page of [start, end) (mprotect, msync and
 * madvise fail with -ENOMEM otherwise, as on Linux). */
int mm_range_mapped(struct mm *mm, uint32_t start, uint32_t end);
/* Find a free gap of len bytes at or above hint; 0 if none. */
uint32_t mm_find_gap(struct mm *mm, uint32_t hint, uint32_t len);
/* Drop the pages of [start, end) but keep the VMAs (MADV_DONTNEED, brk). */
void mm_zap_range(struct mm *mm, uint32_t start, uint32_t end);
/* msync: write the dirty pages of shared file mappings in [start, end) back;
 * -ENOMEM if part of the range is not mapped. */
int mm_sync(struct mm *mm, uint32_t start, uint32_t end);

#endif

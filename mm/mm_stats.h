/*
 * mm_stats.h - what the page tables say about a VMA, for /proc/PID/smaps,
 * /proc/PID/status and pmap, and the reset of clear_refs.  Sizes in bytes.
 */
#ifndef MM_MM_STATS_H
#define MM_MM_STATS_H

#include <stdint.h>

struct mm;
struct vma;

/* swap_pss counts in 1/4096ths of a byte (Linux's PSS_SHIFT), so a slot
 * shared by three loses nothing to rounding until it is printed. */
#define PSS_SHIFT 12

struct vma_stats {
    uint32_t rss;               /* resident (the zero page is not counted, as on Linux) */
    uint32_t pss;               /* each page divided by the number of PTEs mapping it */
    uint32_t shared_clean, shared_dirty, private_clean, private_dirty;
    uint32_t anonymous;         /* anonymous pages (not page cache) */
    uint32_t zero_pages;        /* PTEs mapping the shared zero page */
    uint32_t swap;              /* in swap: the PTEs holding a swap entry, and
                                   for shmem the object's pages of the VMA's
                                   range that are in swap (smaps' Swap) */
    uint32_t swap_ptes;         /* of swap, the PTEs' part (status's VmSwap,
                                   Linux's MM_SWAPENTS) */
    uint64_t swap_pss;          /* swap_ptes, each slot divided by the entries
                                   holding it, << PSS_SHIFT (smaps' SwapPss) */
    uint32_t referenced;        /* resident with the accessed bit set: used since
                                   the clock hand or clear_refs last cleared it
                                   (smaps' Referenced, status's VmWSS) */
};

void vma_stats(struct mm *mm, struct vma *vma, struct vma_stats *st);

/* The whole address space, in bytes, as Linux's mm counters: what
 * /proc/PID/status and the OOM killer's report and badness show. */
struct mm_totals {
    uint32_t total_vm;          /* VmSize */
    uint32_t locked;            /* VmLck */
    uint32_t stack;             /* VmStk */
    uint32_t exec;              /* VmExe: executable, not writable, not stack
                                   (the program's code: statm's text) */
    uint32_t data;              /* VmData: private writable, not stack */
    uint32_t anon_rss;          /* MM_ANONPAGES: private anonymous and COW copies */
    uint32_t file_rss;          /* MM_FILEPAGES: page cache of files */
    uint32_t shmem_rss;         /* MM_SHMEMPAGES: shared anonymous memory */
    uint32_t swapents;          /* MM_SWAPENTS: PTEs holding a swap entry */
    uint32_t referenced;        /* VmWSS */
    uint32_t pgtables;          /* page tables of the user half (pgtables_bytes) */
};
void mm_totals(struct mm *mm, struct mm_totals *tot);

/* What /proc/PID/clear_refs takes (Linux's values). */
enum clear_refs_type {
    CLEAR_REFS_ALL = 1, CLEAR_REFS_ANON, CLEAR_REFS_MAPPED,
    CLEAR_REFS_SOFT_DIRTY, CLEAR_REFS_MM_HIWATER_RSS,       /* taken, change nothing */
};
/* Clear the accessed bits of mm's pages: all, the anonymous VMAs' or the
 * file VMAs' (as Linux sorts them: shared anonymous memory is a file's). */
void mm_clear_refs(struct mm *mm, enum clear_refs_type which);
/* Counts over all of mem_map: frames by purpose. */
struct frame_counts {
    uint32_t anon, pagecache, pagetable, kernel, slab;     /* anon: mapped ones only */
};
void count_frames(struct frame_counts *fc);

/* The system's memory in pages: the figures /proc/meminfo prints and
 * sysinfo(2) returns, taken in one place so that both always agree. */
struct mem_figures {
    uint32_t total;             /* MemTotal, totalram: frames the buddy allocator manages */
    uint32_t free;              /* MemFree, freeram */
    uint32_t buffers;           /* Buffers, bufferram: no block-device cache here, 0 */
    uint32_t shared;            /* sharedram, Linux's Shmem: shmem pages in memory */
    uint32_t swap_total;        /* SwapTotal, totalswap: slots of the swap area (0: off) */
    uint32_t swap_free;         /* SwapFree, freeswap */
};
void mem_figures(struct mem_figures *m);

#endif

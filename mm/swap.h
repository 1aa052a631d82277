/*
 * swap.h - the swap area, its slots and the swap cache.
 *
 * There is one swap area, on the disk /dev/hda, in Linux's format (what
 * util-linux's mkswap writes): page 0 is the header, slot N is the page
 * at byte N * 4096, for N from 1 to the header's last_page.
 *
 * Each slot has a count of references (Linux's swap_map): one for each
 * PTE that holds its swap entry, and one while the swap cache holds a
 * page for it.  A slot is free when its count is 0.
 *
 * The swap cache maps a slot to the page that holds its data in memory:
 * a page on its way out (being written), or one read back in while other
 * PTEs still hold the entry.  So a page shared by several processes
 * stays one page: the first to fault reads it (major), the others find
 * it here (minor).  A page in the swap cache has PG_swapcache and
 * page->swap_slot, and the cache holds one reference to it.
 *
 * Who changes what: slot counts and the cache change in faults, in
 * syscalls (fork, munmap, exit, exec, swapon, swapoff) and in reclaim,
 * never in an interrupt; the kernel is not preempted, so each change is
 * whole.  A page under I/O has PG_locked: nobody maps it or reclaims it
 * until the I/O is done (faults wait on the page, see swap_wait_io).
 */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include <stdint.h>

#define SWAP_DEVICE "/dev/hda"          /* the one disk a swap area can be on */

struct page;

/* swapon(2)/swapoff(2) of path ("/dev/hda"): 0 or a negative errno as
 * on Linux.  swap_on logs what it found; swap_off brings every swapped
 * page back into memory first, or fails with -ENOMEM and stays on. */
int swap_on(const char *path);
int swap_off(const char *path);

/* The area's size, free slots and cached pages, in pages (0 when off). */
uint32_t swap_total_pages(void);
uint32_t swap_free_pages(void);
uint32_t swap_cached_pages(void);
/* Slots whose count is not 0: the leak check at power-off wants 0. */
uint32_t swap_slots_in_use(void);
/* Power-off, once no task is left: drop the swap cache's unused pages
 * (swap_cache_free_unused) and return the slots still in use (a leak if
 * not 0); the area is forgotten, so its tables are free again. */
uint32_t swap_shutdown(void);

/* A free slot, counted once for the swap cache; 0 when the area is off
 * or full. */
uint32_t swap_alloc(void);
/* One more PTE holds slot's entry (fork, swap-out). */
void swap_dup(uint32_t slot);
/* One reference fewer.  When only the swap cache is left and its page
 * is mapped nowhere, the page is dropped and the slot freed too. */
void swap_free(uint32_t slot);
uint32_t swap_count(uint32_t slot);
/* The references to slot other than the swap cache's: the PTEs that
 * hold its entry (or the shmem object that does).  Linux's
 * swp_swapcount, what smaps divides a slot by for SwapPss. */
uint32_t swap_entry_count(uint32_t slot);
/* A slot that could not be written is never handed out again. */
void swap_mark_bad(uint32_t slot);
int swap_slot_bad(uint32_t slot);

/* Write or read one page at slot; the task sleeps until the disk is
 * done.  0, or -EIO after the disk driver logged why. */
int swap_write_page(uint32_t slot, struct page *page);
int swap_read_page(uint32_t slot, struct page *page);

/* The swap cache. */
struct page *swap_cache_lookup(uint32_t slot);  /* with a reference, or NULL */
/* page holds slot's data now: the cache takes a reference to the page;
 * the slot's count already includes the cache's (swap_alloc, or the
 * caller's swap_dup). */
void swap_cache_add(struct page *page, uint32_t slot);
/* Take page out of the cache: its slot loses the cache's count and the
 * page the cache's reference. */
void swap_cache_delete(struct page *page);
/* The page holding slot's data, with a reference for the caller: from
 * the swap cache (returns 0, after waiting for I/O under way), or read
 * from disk into a new page added to the cache (returns 1; the task
 * sleeps).  -ENOMEM when no frame is free, -EIO when the read failed. */
int swap_get_page(uint32_t slot, struct page **out);
/* A cached page that no PTE maps and no PTE can ask for again (its slot
 * has only the cache's count) is deleted from the cache, and so freed. */
void swap_cache_free_unused(struct page *page);
/* Wait until page's I/O is done (PG_locked clear); may sleep. */
void swap_wait_io(struct page *page);
/* The page's I/O is done: clear PG_locked and wake those who wait. */
void swap_end_io(struct page *page);

/* For swap_off (mm/swapoff.c): the area is path; its number of slots;
 * forget it once nothing is left in it. */
int swap_area_is(const char *path);
uint32_t swap_nr_slots(void);
void swap_area_release(void);
void swap_set_writeok(int ok);          /* 0: swap_alloc hands out no slot */
/* Pages may go to swap: the area is on and not being turned off. */
int swap_writeok(void);

/* Counters for /proc/vmstat. */
extern uint32_t pswpin, pswpout;

#endif

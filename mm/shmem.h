/*
 * shmem.h - anonymous shared memory (mmap MAP_SHARED|MAP_ANONYMOUS).
 *
 * Pages of a shared anonymous mapping must stay shared with a forked
 * child even when they are first touched after the fork, so the mapping
 * is backed by a nameless object with an address_space of its own: its
 * pages live in the page cache like file pages and start as zeros.  It
 * has no file to write them back to; under memory pressure they go to
 * swap (mm/vmscan.c), the object remembers per page index the slot that
 * holds the page, and its readpage reads it back from there.  The object
 * dies (and its cached pages and slots with it) with its last VMA.
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include <stdint.h>

struct address_space;

/* A new object of size bytes with one reference; NULL when out of
 * memory, or when account is set and its size may not be promised (an
 * object is counted in Committed_AS while it lives, as Linux counts
 * shmem, whoever maps it: mm/overcommit.h). */
struct address_space *shmem_create(uint32_t size, int account);
int shmem_is_shmem(const struct address_space *as);
void shmem_get(struct address_space *as);       /* no-op for other objects */
void shmem_put(struct address_space *as);       /* no-op for other objects */
/* The swap slot holding page index of the object, or 0. */
uint32_t shmem_swap_slot(const struct address_space *as, uint32_t index);
/* Remember (slot) or forget (0) where page index went.  Forgetting
 * frees the slot. */
void shmem_set_swap_slot(struct address_space *as, uint32_t index, uint32_t slot);
/* Bring every shmem page in swap back into memory (swapoff): 0, -ENOMEM
 * or -EIO.  May sleep. */
int shmem_unuse(void);

#endif

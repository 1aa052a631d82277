/*
 * shmem.h - memory objects whose pages live only in the page cache and
 * in swap: shared anonymous memory (mmap MAP_SHARED|MAP_ANONYMOUS) and
 * the files of the in-memory file system (kernel/tmpfs.h).
 *
 * Pages of a shared anonymous mapping must stay shared with a forked
 * child even when they are first touched after the fork, so the mapping
 * is backed by a nameless object with an address_space of its own: its
 * pages live in the page cache like file pages and start as zeros.  It
 * has no file to write them back to; under memory pressure they go to
 * swap (mm/vmscan.c), the object remembers per page index the slot that
 * holds the page, and its readpage reads it back from there.  The object
 * dies (and its cached pages and slots with it) with its last reference.
 *
 * A file that came in the boot archive is an object with a "seed": its
 * bytes in the archive's memory, which act as its disk.  A page of it is
 * read from there (a major fault) and written back there, so under
 * pressure it is dropped, not swapped, as long as the archive has room
 * for it: while the file is no larger than it was at boot, or for the
 * pages wholly inside its boot size.  Any other page goes to swap like
 * shmem.  Invariant: the seed's bytes past the file's size are zero, so
 * a file that shrinks and grows again reads zeros there.
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
/* A new object holding the size bytes at seed (a file of the boot
 * archive), with one reference; NULL when out of memory. */
struct address_space *shmem_create_seeded(uint8_t *seed, uint32_t size);
int shmem_is_shmem(const struct address_space *as);
/* Whether the object is a boot-archive file (its resident pages count
 * as file pages, not shmem, in /proc). */
int shmem_is_seeded(const struct address_space *as);
void shmem_get(struct address_space *as);       /* no-op for other objects */
void shmem_put(struct address_space *as);       /* no-op for other objects */
/* Change the object's size.  Growing reads as zeros; shrinking unmaps
 * and frees the pages past the end and zeroes the rest of the last one.
 * 0 or -ENOMEM (nothing changed).  May sleep. */
int shmem_resize(struct address_space *as, uint32_t size);
/* Copy len bytes at offset (within the object's size) into buf without
 * bringing pages into the cache where they need no reading: from cached
 * pages, from the seed, or zeros.  A page in swap is read in through the
 * cache.  0, -ENOMEM or -EIO.  exec reads a program's headers this way,
 * so that the first touch of their page is still a major fault. */
int shmem_peek(struct address_space *as, uint32_t offset, void *buf, uint32_t len);
/* The pages the object holds, in memory, in swap or in its seed (a
 * file's st_blocks / 8); a hole never written holds none. */
uint32_t shmem_nr_held_pages(const struct address_space *as);
/* The swap slot holding page index of the object, or 0. */
uint32_t shmem_swap_slot(const struct address_space *as, uint32_t index);
/* Remember (slot) or forget (0) where page index went.  Forgetting
 * frees the slot. */
void shmem_set_swap_slot(struct address_space *as, uint32_t index, uint32_t slot);
/* Bring every shmem page in swap back into memory (swapoff): 0, -ENOMEM
 * or -EIO.  May sleep. */
int shmem_unuse(void);
/* The System V segment (mm/shm.h) whose pages the object holds, or NULL
 * (also for a NULL or non-shmem as); set by the segment's creator. */
struct shm_segment;
struct shm_segment *shmem_segment(const struct address_space *as);
void shmem_set_segment(struct address_space *as, struct shm_segment *seg);
/* Pages of shmem objects without a seed in the page cache (Shmem: in
 * /proc/meminfo). */
uint32_t shmem_nr_pages(void);

#endif

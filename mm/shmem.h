/*
 * shmem.h - anonymous shared memory (mmap MAP_SHARED|MAP_ANONYMOUS).
 *
 * Pages of a shared anonymous mapping must stay shared with a forked
 * child even when they are first touched after the fork, so the mapping
 * is backed by a nameless in-memory "file": its pages live in the page
 * cache like file pages, start as zeros, and are never written back.
 * The object dies (and its cached pages with it) with its last VMA.
 *
 * Under memory pressure its pages go to swap (mm/vmscan.c): the object
 * then remembers, per page index, the slot that holds the page, and the
 * page cache reads it back from there on the next fault (pcache_get).
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include <stdint.h>

struct rd_file;

struct rd_file *shmem_create(uint32_t size);    /* NULL when out of memory */
void shmem_get(struct rd_file *file);           /* no-op for ramdisk files */
void shmem_put(struct rd_file *file);           /* no-op for ramdisk files */
/* The swap slot holding page index of the object, or 0. */
uint32_t shmem_swap_slot(const struct rd_file *file, uint32_t index);
/* Remember (slot) or forget (0) where page index went; -ENOMEM when the
 * object's table cannot be had.  Forgetting frees the slot. */
int shmem_set_swap_slot(struct rd_file *file, uint32_t index, uint32_t slot);

#endif

/*
 * shmem.h - anonymous shared memory (mmap MAP_SHARED|MAP_ANONYMOUS).
 *
 * Pages of a shared anonymous mapping must stay shared with a forked
 * child even when they are first touched after the fork, so the mapping
 * is backed by a nameless in-memory "file": its pages live in the page
 * cache like file pages, start as zeros, and are never written back.
 * The object dies (and its cached pages with it) with its last VMA.
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include <stdint.h>

struct rd_file;

struct rd_file *shmem_create(uint32_t size);    /* NULL when out of memory */
void shmem_get(struct rd_file *file);           /* no-op for ramdisk files */
void shmem_put(struct rd_file *file);           /* no-op for ramdisk files */

#endif

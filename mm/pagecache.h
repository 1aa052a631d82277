/*
 * pagecache.h - one cache of file pages, keyed by (file, page index),
 * shared by every process's file mappings and by read()/write().
 */
#ifndef MM_PAGECACHE_H
#define MM_PAGECACHE_H

#include <stdint.h>

struct page;
struct rd_file;

/* The cached page for (file, index), with a reference for the caller.
 * *major is set to 1 when it had to be read from the ramdisk, else 0.
 * NULL when out of memory. */
struct page *pcache_get(struct rd_file *file, uint32_t index, int *major);
/* Copy a dirty cache page back into the ramdisk file. */
void pcache_writeback(struct page *page);
/* Write back and drop every page nobody else holds; returns pages freed. */
uint32_t pcache_shrink(void);
uint32_t pcache_nr_pages(void);
/* Drop every cached page of file (which nobody maps any more). */
void pcache_drop_file(struct rd_file *file);

#endif

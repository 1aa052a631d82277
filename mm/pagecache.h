/*
 * pagecache.h - one cache of file pages, keyed by (file, page index),
 * shared by every process's file mappings and by read()/write().
 */
#ifndef MM_PAGECACHE_H
#define MM_PAGECACHE_H

#include <stdint.h>

struct page;
struct rd_file;

/* Where pcache_get found its page. */
enum pcache_source {
    PCACHE_HIT,                 /* already cached */
    PCACHE_READ,                /* read from the ramdisk just now */
    PCACHE_ZEROED,              /* a new page of an anonymous shared object */
    PCACHE_SWAP,                /* a shmem page read back from swap just now */
    PCACHE_IO_ERROR,            /* (with NULL) the swap read failed */
};

/* The cached page for (file, index), with a reference for the caller,
 * and where it came from.  NULL when out of memory, or with
 * PCACHE_IO_ERROR when swap could not be read.  May sleep: for a shmem
 * page in swap, and for a page someone else is reading or writing. */
struct page *pcache_get(struct rd_file *file, uint32_t index, enum pcache_source *source);
/* Copy a dirty cache page back into the ramdisk file. */
void pcache_writeback(struct page *page);
/* Write page back if dirty and take it out of the cache, dropping the
 * cache's reference (which frees it when that was the last). */
void pcache_evict(struct page *page);
/* Write back and drop every ramdisk file page nobody else holds (not
 * shmem pages); returns pages freed. */
uint32_t pcache_shrink(void);
uint32_t pcache_nr_pages(void);
/* Drop every cached page of file (which nobody maps any more). */
void pcache_drop_file(struct rd_file *file);

#endif

/*
 * pagecache.h - the page cache: file pages shared by every process's
 * mappings of a file and by read()/write(), and the pages of shared
 * anonymous memory.
 *
 * Each object that has pages, a file or a shared anonymous object, has one
 * struct address_space (Linux's name): its cached pages indexed by page
 * number in a page_tree, the VMAs that map it (the reverse map of its
 * pages, mm/rmap.h), and the operations that fill a page from where the
 * object keeps its data and write one back.  The fault paths and read()
 * know only the address_space, so a new kind of backing store (a disk
 * file system) brings its own operations and nothing else changes.
 *
 * A cached page has PG_pagecache, owner = its address_space and index =
 * its page number there, and the cache holds one reference to it; every
 * mapping and every read() in progress holds one more.
 *
 * Who changes what: an address_space's tree, nr_pages and the global
 * list of cached pages change only here, with interrupts off (all kernel
 * code), never in an interrupt handler.  A page being read in or
 * written out is in the tree and PG_locked: whoever finds it sleeps in
 * swap_wait_io until it is done, then checks it is still cached.
 */
#ifndef MM_PAGECACHE_H
#define MM_PAGECACHE_H

#include <stdint.h>
#include "kernel/list.h"
#include "mm/page.h"
#include "mm/page_tree.h"

struct page;
struct inode;
struct address_space;

/* Where pcache_get found its page.  Only PCACHE_HIT promises that the
 * caller did not sleep. */
enum pcache_source {
    PCACHE_HIT,                 /* already cached, not under I/O */
    PCACHE_WAITED,              /* already cached, after waiting for its I/O */
    PCACHE_READ,                /* read from the boot archive just now */
    PCACHE_ZEROED,              /* a new page of an anonymous shared object */
    PCACHE_SWAP,                /* a shmem page read back from swap just now */
    PCACHE_IO_ERROR,            /* (with NULL) the read failed */
    PCACHE_NOMEM,               /* (with NULL) no frame or no tree node */
};

struct address_space_ops {
    /* Fill a new cache page (page->index, PG_locked) from the backing
     * store; may sleep.  Returns where its contents came from. */
    enum pcache_source (*readpage)(struct address_space *as, struct page *page);
    /* Whether page index has a place in the backing store.  Reclaim
     * drops such a page (writing it back if dirty); any other page has
     * nowhere to go but swap (mm/vmscan.c). */
    int (*backed)(const struct address_space *as, uint32_t index);
    /* Copy a dirty backed page back to the backing store (msync,
     * munmap, reclaim). */
    void (*writepage)(struct address_space *as, struct page *page);
};

struct address_space {
    struct page_tree pages;     /* page index -> cached page */
    uint32_t nr_pages;          /* pages in the tree */
    uint32_t size;              /* bytes of the object: a fault past the
                                   last page is SIGBUS */
    struct list_head mappings;  /* vma->mapping_link of every VMA mapping it */
    const struct address_space_ops *ops;
    struct inode *host;         /* the file (kernel/tmpfs.h), or NULL: shared
                                   anonymous memory, or a file that no name
                                   and no open file reaches any more */
};

void address_space_init(struct address_space *as, const struct address_space_ops *ops,
                        struct inode *host, uint32_t size);

/* Whether a cache page has a place in its object's backing store. */
static inline int pcache_page_backed(const struct page *page)
{
    const struct address_space *as = page->owner;
    return as->ops->backed(as, page->index);
}

/* The cached page for (as, index), with a reference for the caller, and
 * where it came from.  NULL with PCACHE_NOMEM or PCACHE_IO_ERROR
 * when the backing store could not be read.  May sleep: for a page that
 * must be read from swap, and for a page someone else is reading or
 * writing. */
struct page *pcache_get_slow(struct address_space *as, uint32_t index, enum pcache_source *source);
static inline struct page *pcache_get(struct address_space *as, uint32_t index,
                                      enum pcache_source *source)
{
    struct page *page = page_tree_lookup(&as->pages, index);

    if (!page || (page->flags & PG_locked))
        return pcache_get_slow(as, index, source);
    page->refcount++;                   /* a hit, the common case: inline */
    *source = PCACHE_HIT;
    return page;
}
/* Copy a dirty cache page back to its object (if it has somewhere to go). */
void pcache_writeback(struct page *page);
/* Write page back if dirty and take it out of the cache, dropping the
 * cache's reference (which frees it when that was the last). */
void pcache_evict(struct page *page);
/* Write back and drop every backed page that nobody else holds; returns
 * pages freed. */
uint32_t pcache_shrink(void);
uint32_t pcache_nr_pages(void);
/* Drop every cached page of as (which nobody maps any more). */
void pcache_drop_all(struct address_space *as);

#endif

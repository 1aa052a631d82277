/*
 * pagecache.c - the page cache (see pagecache.h).  Each address_space
 * finds its pages by index in its page_tree; the shrinker finds them on
 * the list of every user page (mm/policy.h).
 */
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/pagecache.h"
#include "mm/policy.h"
#include "mm/swap.h"

static uint32_t nr_cached;

void address_space_init(struct address_space *as, const struct address_space_ops *ops,
                        struct inode *host, uint32_t size)
{
    as->pages.root = 0;
    as->pages.height = 0;
    as->nr_pages = 0;
    as->size = size;
    list_init(&as->mappings);
    as->ops = ops;
    as->host = host;
}

/* pcache_get when the page is not there, or is under I/O. */
struct page *pcache_get_slow(struct address_space *as, uint32_t index, enum pcache_source *source)
{
    struct page *page = page_tree_lookup(&as->pages, index);

    *source = PCACHE_WAITED;
    if (page) {
        page->refcount++;
        swap_wait_io(page);             /* someone is reading it in or writing it out */
        if (page->flags & PG_pagecache)
            return page;
        put_page(page);                 /* that read failed and dropped it: try ourselves */
        return pcache_get_slow(as, index, source);
    }
    *source = PCACHE_NOMEM;
    page = alloc_user_page(0);
    if (!page)
        return 0;
    if (page_tree_insert(&as->pages, index, page)) {
        put_page(page);
        return 0;
    }
    page->flags |= PG_pagecache | PG_locked;    /* others wait until it is read */
    page->owner = as;
    page->index = index;
    as->nr_pages++;
    nr_cached++;
    page->refcount++;                   /* the cache's and the caller's */
    *source = as->ops->readpage(as, page);
    swap_end_io(page);
    if (*source == PCACHE_IO_ERROR) {
        put_page(page);
        pcache_evict(page);
        return 0;
    }
    return page;
}

void pcache_writeback(struct page *page)
{
    struct address_space *as = page->owner;

    if ((page->flags & PG_dirty) && as->ops->backed(as, page->index)) {
        as->ops->writepage(as, page);
        page->flags &= ~PG_dirty;
    }
}

void pcache_evict(struct page *page)
{
    struct address_space *as = page->owner;

    if (!(page->flags & PG_pagecache))
        panic("pcache_evict: pfn 0x%x is not in the page cache", page_to_pfn(page));
    pcache_writeback(page);
    page_tree_delete(&as->pages, page->index);
    page->flags &= ~(PG_pagecache | PG_dirty);
    as->nr_pages--;
    nr_cached--;
    put_page(page);
}

/* Drop cached pages that only the cache holds: of one object, or every
 * backed page (NULL).  A page with no backing has nowhere to be written
 * back, so only its dying object drops it (reclaim sends it to swap
 * instead). */
static uint32_t drop_unused(struct address_space *only)
{
    uint32_t freed = 0;
    struct list_head *pos = user_pages.next;

    while (pos != &user_pages) {
        struct page *page = container_of(pos, struct page, list);
        struct address_space *as = page->owner;
        pos = pos->next;
        if (!(page->flags & PG_pagecache) || page->refcount != 1 ||
            (only ? as != only : !pcache_page_backed(page)))
            continue;
        pcache_evict(page);
        freed++;
    }
    return freed;
}

uint32_t pcache_shrink(void)
{
    return drop_unused(0);
}

/* A page of as under I/O (reclaim writing a shmem page to swap), or NULL. */
static struct page *first_locked_page(struct address_space *as)
{
    struct list_head *pos;

    list_for_each(pos, &user_pages) {
        struct page *page = container_of(pos, struct page, list);
        if ((page->flags & PG_pagecache) && page->owner == as && (page->flags & PG_locked))
            return page;
    }
    return 0;
}

void pcache_drop_all(struct address_space *as)
{
    struct page *busy;

    while ((busy = first_locked_page(as))) {    /* the object outlives its I/O */
        busy->refcount++;
        swap_wait_io(busy);
        put_page(busy);
    }
    drop_unused(as);
    if (as->nr_pages)
        panic("pcache_drop_all: %u pages of a dying object are still held", as->nr_pages);
}

uint32_t pcache_nr_pages(void)
{
    return nr_cached;
}

/*
 * pagecache.c - the page cache.  A page in the cache has PG_pagecache,
 * owner = its file and index = its page number in that file, and the
 * cache itself holds one reference to it; every mapping and every
 * in-flight read() holds one more.  Bytes past the end of the file in
 * the last page are zero.
 */
#include "kernel/lib.h"
#include "kernel/ramdisk.h"
#include "mm/buddy.h"
#include "mm/pagecache.h"
#include "mm/shmem.h"
#include "mm/swap.h"

#define PCACHE_BUCKETS 256

static struct list_head buckets[PCACHE_BUCKETS];
static uint32_t nr_cached;

static struct list_head *bucket(struct rd_file *file, uint32_t index)
{
    uint32_t h = ((uint32_t)(uintptr_t)file >> 4) * 31 + index;
    struct list_head *b = &buckets[h % PCACHE_BUCKETS];
    if (!b->next)
        list_init(b);
    return b;
}

static struct page *lookup(struct rd_file *file, uint32_t index)
{
    struct list_head *b = bucket(file, index), *pos;

    list_for_each(pos, b) {
        struct page *page = container_of(pos, struct page, list);
        if (page->owner == file && page->index == index)
            return page;
    }
    return 0;
}

/* Fill a new cache page from the ramdisk: the "disk read" of a major fault. */
static void read_from_ramdisk(struct page *page, struct rd_file *file, uint32_t index)
{
    uint32_t offset = index * PAGE_SIZE;
    uint32_t n = offset < file->size && file->data ? MIN(PAGE_SIZE, file->size - offset) : 0;

    memcpy(page_address(page), file->data + offset, n);
    memset((char *)page_address(page) + n, 0, PAGE_SIZE - n);
}

/* Read a shmem page back from its slot into page, which is in the cache
 * already (locked, so others wait for it); the slot is freed after. */
static int read_from_swap(struct page *page, struct rd_file *file, uint32_t index, uint32_t slot)
{
    page->flags |= PG_locked;
    int err = swap_read_page(slot, page);
    swap_end_io(page);
    if (!err)
        shmem_set_swap_slot(file, index, 0);
    return err;
}

struct page *pcache_get(struct rd_file *file, uint32_t index, enum pcache_source *source)
{
    struct page *page = lookup(file, index);

    *source = PCACHE_HIT;
    if (page) {
        page->refcount++;
        swap_wait_io(page);             /* someone is reading it in or writing it out */
        if (page->flags & PG_pagecache)
            return page;
        put_page(page);                 /* that read failed and dropped it: try ourselves */
        return pcache_get(file, index, source);
    }
    page = alloc_page(GFP_MAYFAIL);
    if (!page)
        return 0;
    page->flags |= PG_pagecache;
    page->owner = file;
    page->index = index;
    list_add(&page->list, bucket(file, index));
    nr_cached++;
    page->refcount++;                   /* the cache's and the caller's */
    uint32_t slot = file->data ? 0 : shmem_swap_slot(file, index);
    if (slot && read_from_swap(page, file, index, slot)) {
        put_page(page);
        pcache_evict(page);
        *source = PCACHE_IO_ERROR;
        return 0;
    }
    if (!slot)
        read_from_ramdisk(page, file, index);
    *source = slot ? PCACHE_SWAP : file->data ? PCACHE_READ : PCACHE_ZEROED;
    return page;
}

void pcache_writeback(struct page *page)
{
    struct rd_file *file = page->owner;
    uint32_t offset = page->index * PAGE_SIZE;

    if (!(page->flags & PG_dirty) || !file->data)
        return;
    if (offset < file->size)
        memcpy(file->data + offset, page_address(page), MIN(PAGE_SIZE, file->size - offset));
    page->flags &= ~PG_dirty;
}

void pcache_evict(struct page *page)
{
    pcache_writeback(page);
    list_del(&page->list);
    page->flags &= ~(PG_pagecache | PG_dirty);
    nr_cached--;
    put_page(page);
}

/* Drop cached pages that only the cache holds; of one file, or of every
 * ramdisk file (NULL): a shmem page has no file to come back from, so
 * only its dying object drops it (reclaim sends it to swap instead). */
static uint32_t drop_unused(struct rd_file *only)
{
    uint32_t freed = 0;

    for (int b = 0; b < PCACHE_BUCKETS; b++) {
        if (!buckets[b].next)
            continue;
        struct list_head *pos = buckets[b].next;
        while (pos != &buckets[b]) {
            struct page *page = container_of(pos, struct page, list);
            pos = pos->next;
            struct rd_file *file = page->owner;
            if (page->refcount != 1 || (only ? file != only : !file->data))
                continue;
            pcache_evict(page);
            freed++;
        }
    }
    return freed;
}

uint32_t pcache_shrink(void)
{
    return drop_unused(0);
}

void pcache_drop_file(struct rd_file *file)
{
    drop_unused(file);
}

uint32_t pcache_nr_pages(void)
{
    return nr_cached;
}

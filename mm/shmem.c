/* shmem.c - see shmem.h. */
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/task.h"
#include "mm/buddy.h"
#include "mm/highmem.h"
#include "mm/kmalloc.h"
#include "mm/memlayout.h"
#include "mm/overcommit.h"
#include "mm/page.h"
#include "mm/pagecache.h"
#include "mm/rmap.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/vmscan.h"

/* Changed by the tasks that use it (refs: mmap, fork, munmap, exit, open
 * and unlink of its file; size, seed and swap_slots: truncate and write)
 * and by reclaim (swap_slots), in the kernel with interrupts off. */
struct shmem_object {
    struct address_space mapping;       /* first: the object is found from it */
    int refs;                           /* the VMAs mapping it, its file's inode,
                                           a creator's, and swapoff's while it
                                           reads pages back */
    struct list_head link;              /* in shmem_objects, for swapoff */
    uint32_t *swap_slots;               /* per page index below nr_slots, the slot
                                           holding it while it is out of memory
                                           (0: none); sized with the object, since
                                           reclaim must not need memory to free some */
    uint32_t nr_slots;                  /* covers every page that may go to swap */
    uint32_t committed;                 /* pages it counts in Committed_AS */
    uint8_t *seed;                      /* a boot-archive file's bytes, or NULL */
    uint32_t seed_size;                 /* its size at boot */
    struct shm_segment *segment;        /* the SysV segment it is, or NULL */
};

static struct list_head shmem_objects = LIST_HEAD_INIT(shmem_objects);

static struct shmem_object *shmem_of(const struct address_space *as)
{
    return container_of(as, struct shmem_object, mapping);
}

static uint32_t size_pages(uint32_t size)
{
    return PAGE_ALIGN_UP(size) / PAGE_SIZE;
}

/* Whether page index can live in the seed instead of swap (shmem.h). */
static int shmem_backed(const struct address_space *as, uint32_t index)
{
    const struct shmem_object *obj = shmem_of(as);
    uint32_t offset = index * PAGE_SIZE;

    return obj->seed && offset < obj->seed_size &&
           (obj->seed_size - offset >= PAGE_SIZE || as->size <= obj->seed_size);
}

/* The pages of an object of size bytes that may have to go to swap. */
static uint32_t slots_needed(const struct shmem_object *obj, uint32_t size)
{
    if (obj->seed && size <= obj->seed_size)
        return 0;
    return size_pages(size);
}

/* A page comes from its swap slot if it went out, else from the seed,
 * else starts as zeros.  The slot is freed once the page is back (the
 * cache holds it now). */
static enum pcache_source shmem_readpage(struct address_space *as, struct page *page)
{
    struct shmem_object *obj = shmem_of(as);
    uint32_t slot = shmem_swap_slot(as, page->index);
    uint32_t offset = page->index * PAGE_SIZE;

    if (slot) {
        if (swap_read_page(slot, page))
            return PCACHE_IO_ERROR;
        shmem_set_swap_slot(as, page->index, 0);
        return PCACHE_SWAP;
    }
    uint32_t n = obj->seed && offset < obj->seed_size ? MIN(PAGE_SIZE, obj->seed_size - offset) : 0;
    char *va = kmap_atomic(page);
    memcpy(va, obj->seed + offset, n);
    memset(va + n, 0, PAGE_SIZE - n);
    kunmap_atomic(va);
    return n ? PCACHE_READ : PCACHE_ZEROED;
}

/* A backed page goes back into the seed, up to the seed's end. */
static void shmem_writepage(struct address_space *as, struct page *page)
{
    struct shmem_object *obj = shmem_of(as);
    uint32_t offset = page->index * PAGE_SIZE;

    if (!shmem_backed(as, page->index))
        panic("shmem_writepage: page %u of the object has no room in its seed", page->index);
    void *va = kmap_atomic(page);
    memcpy(obj->seed + offset, va, MIN(PAGE_SIZE, obj->seed_size - offset));
    kunmap_atomic(va);
}

static const struct address_space_ops shmem_ops = {
    .readpage = shmem_readpage,
    .writepage = shmem_writepage,
    .backed = shmem_backed,
};

/* Make swap_slots cover nr pages (it never shrinks).  0 or -ENOMEM. */
static int grow_slots(struct shmem_object *obj, uint32_t nr)
{
    if (nr <= obj->nr_slots)
        return 0;
    nr = MAX(nr, obj->nr_slots * 2);    /* a file growing by writes: amortized */
    uint32_t *slots = kzalloc(nr * sizeof(uint32_t));
    if (!slots)
        return -ENOMEM;
    if (obj->swap_slots)
        memcpy(slots, obj->swap_slots, obj->nr_slots * sizeof(uint32_t));
    kfree(obj->swap_slots);
    obj->swap_slots = slots;
    obj->nr_slots = nr;
    return 0;
}

static struct shmem_object *object_new(uint32_t size, uint8_t *seed)
{
    struct shmem_object *obj = kzalloc(sizeof(*obj));

    if (!obj)
        return 0;
    obj->seed = seed;
    obj->seed_size = seed ? size : 0;
    if (grow_slots(obj, slots_needed(obj, size))) {
        kfree(obj);
        return 0;
    }
    address_space_init(&obj->mapping, &shmem_ops, 0, size);
    obj->refs = 1;
    list_add_tail(&obj->link, &shmem_objects);
    return obj;
}

struct address_space *shmem_create(uint32_t size, int account)
{
    uint32_t pages = size_pages(size);
    if (account && vm_enough_memory(current->mm, pages))
        return 0;
    struct shmem_object *obj = object_new(size, 0);
    if (!obj) {
        if (account)
            vm_unacct_memory(pages);
        return 0;
    }
    obj->committed = account ? pages : 0;
    return &obj->mapping;
}

struct address_space *shmem_create_seeded(uint8_t *seed, uint32_t size)
{
    struct shmem_object *obj = object_new(size, seed);
    return obj ? &obj->mapping : 0;
}

int shmem_is_shmem(const struct address_space *as)
{
    return as && as->ops == &shmem_ops;
}

int shmem_is_seeded(const struct address_space *as)
{
    return shmem_is_shmem(as) && shmem_of(as)->seed;
}

struct shm_segment *shmem_segment(const struct address_space *as)
{
    return shmem_is_shmem(as) ? shmem_of(as)->segment : 0;
}

void shmem_set_segment(struct address_space *as, struct shm_segment *seg)
{
    shmem_of(as)->segment = seg;
}

void shmem_get(struct address_space *as)
{
    if (shmem_is_shmem(as))
        shmem_of(as)->refs++;
}

void shmem_put(struct address_space *as)
{
    if (!shmem_is_shmem(as) || --shmem_of(as)->refs)
        return;
    struct shmem_object *obj = shmem_of(as);
    pcache_drop_all(as);
    for (uint32_t i = 0; i < obj->nr_slots; i++)
        shmem_set_swap_slot(as, i, 0);
    list_del(&obj->link);
    vm_unacct_memory(obj->committed);
    kfree(obj->swap_slots);
    kfree(obj);
}

/* Take page index out of every mapping and out of the cache, its data
 * discarded (truncate).  A page under I/O is waited for first. */
static void discard_page(struct address_space *as, uint32_t index)
{
    struct page *page;

    while ((page = page_tree_lookup(&as->pages, index)) && (page->flags & PG_locked)) {
        page->refcount++;
        swap_wait_io(page);
        put_page(page);
    }
    if (!page)
        return;
    rmap_unmap_cache_page(page);
    page->flags &= ~PG_dirty;
    pcache_evict(page);
}

/* Zero the bytes of the page holding offset size from there to its end
 * (the file now ends there), if the page is in memory or in swap (in
 * the seed, the caller zeroes them).  0, -ENOMEM or -EIO. */
static int zero_tail(struct address_space *as, uint32_t size)
{
    enum pcache_source source;
    uint32_t index = size / PAGE_SIZE;

    if (size % PAGE_SIZE == 0 ||
        (!page_tree_lookup(&as->pages, index) && !shmem_swap_slot(as, index)))
        return 0;
    struct page *page = pcache_get(as, index, &source);
    while (!page && source == PCACHE_NOMEM && reclaim_for_alloc())
        page = pcache_get(as, index, &source);
    if (!page)
        return source == PCACHE_IO_ERROR ? -EIO : -ENOMEM;
    char *va = kmap_atomic(page);
    memset(va + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
    kunmap_atomic(va);
    put_page(page);
    return 0;
}

int shmem_resize(struct address_space *as, uint32_t size)
{
    struct shmem_object *obj = shmem_of(as);
    uint32_t old = as->size;

    if (grow_slots(obj, slots_needed(obj, size)))
        return -ENOMEM;
    if (size < old) {
        int err = zero_tail(as, size);
        if (err)
            return err;
        for (uint32_t i = size_pages(size); i < size_pages(old); i++) {
            discard_page(as, i);
            if (i < obj->nr_slots)
                shmem_set_swap_slot(as, i, 0);
        }
        if (obj->seed && size < obj->seed_size)     /* keep the seed's invariant */
            memset(obj->seed + size, 0, MIN(old, obj->seed_size) - size);
    }
    as->size = size;
    return 0;
}

int shmem_peek(struct address_space *as, uint32_t offset, void *buf, uint32_t len)
{
    struct shmem_object *obj = shmem_of(as);
    uint32_t done = 0;

    while (done < len) {
        uint32_t at = offset + done, index = at / PAGE_SIZE;
        uint32_t n = MIN(len - done, PAGE_SIZE - at % PAGE_SIZE);
        struct page *page = page_tree_lookup(&as->pages, index);
        enum pcache_source source;
        if ((page && (page->flags & PG_locked)) || (!page && shmem_swap_slot(as, index))) {
            page = pcache_get(as, index, &source);      /* wait for it, or read it in */
            if (!page)
                return source == PCACHE_IO_ERROR ? -EIO : -ENOMEM;
            put_page(page);             /* the cache holds it, and we do not sleep */
        }
        if (page) {
            char *va = kmap_atomic(page);
            memcpy((char *)buf + done, va + at % PAGE_SIZE, n);
            kunmap_atomic(va);
        } else {
            uint32_t from_seed = at < obj->seed_size ? MIN(n, obj->seed_size - at) : 0;
            memcpy((char *)buf + done, obj->seed + at, from_seed);
            memset((char *)buf + done + from_seed, 0, n - from_seed);
        }
        done += n;
    }
    return 0;
}

uint32_t shmem_nr_held_pages(const struct address_space *as)
{
    const struct shmem_object *obj = shmem_of(as);
    uint32_t held = 0, seeded = size_pages(MIN(as->size, obj->seed_size));

    for (uint32_t i = 0; i < size_pages(as->size); i++)
        held += i < seeded || page_tree_lookup(&as->pages, i) || shmem_swap_slot(as, i);
    return held;
}

uint32_t shmem_swap_slot(const struct address_space *as, uint32_t index)
{
    const struct shmem_object *obj = shmem_of(as);

    return index < obj->nr_slots ? obj->swap_slots[index] : 0;
}

void shmem_set_swap_slot(struct address_space *as, uint32_t index, uint32_t slot)
{
    struct shmem_object *obj = shmem_of(as);

    if (index >= obj->nr_slots)
        panic("shmem_set_swap_slot: page %u of an object with %u slots", index, obj->nr_slots);
    if (obj->swap_slots[index] && !slot)
        swap_free(obj->swap_slots[index]);
    obj->swap_slots[index] = slot;
}

/* Read every swapped-out page of one object back into the page cache. */
static int unuse_object(struct shmem_object *obj)
{
    for (uint32_t i = 0; i < obj->nr_slots; i++) {
        if (!obj->swap_slots[i])
            continue;
        enum pcache_source source;
        struct page *page = pcache_get(&obj->mapping, i, &source);
        while (!page && source != PCACHE_IO_ERROR && reclaim_for_alloc())
            page = pcache_get(&obj->mapping, i, &source);
        if (!page)
            return source == PCACHE_IO_ERROR ? -EIO : -ENOMEM;
        put_page(page);                 /* cached now, and its slot is free */
    }
    return 0;
}

/*
 * swapoff's part for shared anonymous memory, whose pages in swap no PTE
 * names: each object reads its own back.  Reads sleep and objects may
 * die meanwhile, so the object at hand is held by a reference, and the
 * next one is held before the current one is let go.
 */
int shmem_unuse(void)
{
    if (list_empty(&shmem_objects))
        return 0;
    struct shmem_object *obj = container_of(shmem_objects.next, struct shmem_object, link);
    obj->refs++;
    for (;;) {
        int err = unuse_object(obj);
        struct shmem_object *next = obj->link.next == &shmem_objects ? 0
            : container_of(obj->link.next, struct shmem_object, link);
        if (next && !err)
            next->refs++;
        shmem_put(&obj->mapping);
        if (err || !next)
            return err;
        obj = next;
    }
}

uint32_t shmem_nr_pages(void)
{
    uint32_t n = 0;
    struct list_head *pos;

    list_for_each(pos, &shmem_objects) {
        struct shmem_object *obj = container_of(pos, struct shmem_object, link);
        if (!obj->seed)
            n += obj->mapping.nr_pages;
    }
    return n;
}

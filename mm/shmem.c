/* shmem.c - see shmem.h. */
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/task.h"
#include "mm/buddy.h"
#include "mm/kmalloc.h"
#include "mm/memlayout.h"
#include "mm/overcommit.h"
#include "mm/page.h"
#include "mm/pagecache.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/vmscan.h"

/* Changed by the tasks that map it (refs: mmap, fork, munmap, exit) and
 * by reclaim (swap_slots), in the kernel with interrupts off. */
struct shmem_object {
    struct address_space mapping;       /* first: the object is found from it */
    int refs;                           /* the VMAs mapping it, a creator's, and
                                           swapoff's while it reads pages back */
    struct list_head link;              /* in shmem_objects, for swapoff */
    uint32_t *swap_slots;               /* per page index, the slot holding it
                                           while it is out of memory (0: none);
                                           made with the object, since reclaim
                                           must not need memory to free some */
    uint32_t committed;                 /* pages it counts in Committed_AS */
};

static struct list_head shmem_objects = LIST_HEAD_INIT(shmem_objects);

static struct shmem_object *shmem_of(const struct address_space *as)
{
    return container_of(as, struct shmem_object, mapping);
}

static uint32_t nr_object_pages(const struct address_space *as)
{
    return PAGE_ALIGN_UP(as->size) / PAGE_SIZE;
}

/* A page comes from its swap slot if it went out, else starts as zeros.
 * The slot is freed once the page is back (the cache holds it now). */
static enum pcache_source shmem_readpage(struct address_space *as, struct page *page)
{
    uint32_t slot = shmem_swap_slot(as, page->index);

    if (!slot) {
        memset(page_address(page), 0, PAGE_SIZE);
        return PCACHE_ZEROED;
    }
    if (swap_read_page(slot, page))
        return PCACHE_IO_ERROR;
    shmem_set_swap_slot(as, page->index, 0);
    return PCACHE_SWAP;
}

static const struct address_space_ops shmem_ops = {
    .readpage = shmem_readpage,
    .writepage = 0,                     /* nowhere but swap: mm/vmscan.c */
};

struct address_space *shmem_create(uint32_t size, int account)
{
    uint32_t pages = PAGE_ALIGN_UP(size) / PAGE_SIZE;
    if (account && vm_enough_memory(current->mm, pages))
        return 0;
    struct shmem_object *obj = kzalloc(sizeof(*obj));
    if (obj)
        obj->swap_slots = kzalloc(MAX(pages, 1u) * sizeof(uint32_t));
    if (!obj || !obj->swap_slots) {
        kfree(obj);
        if (account)
            vm_unacct_memory(pages);
        return 0;
    }
    address_space_init(&obj->mapping, &shmem_ops, 0, size);
    obj->committed = account ? pages : 0;
    obj->refs = 1;
    list_add_tail(&obj->link, &shmem_objects);
    return &obj->mapping;
}

int shmem_is_shmem(const struct address_space *as)
{
    return as && as->ops == &shmem_ops;
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
    for (uint32_t i = 0; i < nr_object_pages(as); i++)
        shmem_set_swap_slot(as, i, 0);
    list_del(&obj->link);
    vm_unacct_memory(obj->committed);
    kfree(obj->swap_slots);
    kfree(obj);
}

uint32_t shmem_swap_slot(const struct address_space *as, uint32_t index)
{
    const struct shmem_object *obj = shmem_of(as);

    return obj->swap_slots[index];
}

void shmem_set_swap_slot(struct address_space *as, uint32_t index, uint32_t slot)
{
    struct shmem_object *obj = shmem_of(as);

    if (obj->swap_slots[index] && !slot)
        swap_free(obj->swap_slots[index]);
    obj->swap_slots[index] = slot;
}

/* Read every swapped-out page of one object back into the page cache. */
static int unuse_object(struct shmem_object *obj)
{
    for (uint32_t i = 0; i < nr_object_pages(&obj->mapping); i++) {
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

/*
 * kmalloc.c - a simple slab allocator on top of the buddy allocator.
 *
 * Each size class keeps a list of slabs.  A slab is one SLAB_ORDER buddy
 * block (16 KiB) that starts with a struct slab header; the rest is cut
 * into equal objects.  Free objects are chained through their first word
 * and the rest of each free object is poisoned, which is how kfree spots
 * a double free (and then proves it by walking the slab's free chain).
 *
 *   slab: [struct slab | pad][obj][obj][obj]...[obj]
 *
 * kfree finds an object's slab by rounding its address down to the slab
 * size (buddy blocks are naturally aligned).  Blocks above KMALLOC_MAX
 * come straight from alloc_pages and are marked PG_kmalloc_large.
 */
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/fail_nth.h"
#include "mm/kmalloc.h"

#define SLAB_ORDER 2
#define SLAB_BYTES (PAGE_SIZE << SLAB_ORDER)
#define SLAB_MAGIC 0x51AB51ABu
#define POISON_OBJ 0x6b

struct slab {
    uint32_t magic;             /* SLAB_MAGIC while the slab exists */
    uint16_t class_index;       /* which size class */
    uint16_t in_use;            /* objects handed out */
    void *free_objects;         /* chain of free objects */
    struct slab *next;          /* next slab of the class with a free object */
};

uint32_t kmalloc_bytes_in_use[KMALLOC_CLASSES];
uint32_t kmalloc_large_bytes_in_use;
static struct slab *partial_slabs[KMALLOC_CLASSES];  /* slabs with free objects */

static uint32_t class_size(unsigned index)
{
    return KMALLOC_MIN << index;
}

/* The first object sits at the first multiple of its size past the header. */
static uint32_t first_object_offset(unsigned index)
{
    uint32_t size = class_size(index);
    return (sizeof(struct slab) + size - 1) / size * size;
}

static void poison_object(void *obj, uint32_t size)
{
    memset((char *)obj + sizeof(void *), POISON_OBJ, size - sizeof(void *));
}

static int looks_poisoned(const void *obj, uint32_t size)
{
    const unsigned char *p = (const unsigned char *)obj + sizeof(void *);
    for (uint32_t i = 0; i < size - sizeof(void *); i++)
        if (p[i] != POISON_OBJ)
            return 0;
    return 1;
}

static struct slab *new_slab(unsigned index)
{
    struct page *page = alloc_pages(SLAB_ORDER, GFP_MAYFAIL | GFP_NOINJECT);
    uint32_t size = class_size(index);

    if (!page)
        return 0;
    page->flags |= PG_slab;
    struct slab *slab = page_address(page);
    slab->magic = SLAB_MAGIC;
    slab->class_index = index;
    slab->in_use = 0;
    slab->free_objects = 0;
    slab->next = 0;
    /* chain the objects so the lowest address is handed out first */
    for (uint32_t off = SLAB_BYTES - size; off >= first_object_offset(index); off -= size) {
        void *obj = (char *)slab + off;
        *(void **)obj = slab->free_objects;
        poison_object(obj, size);
        slab->free_objects = obj;
    }
    return slab;
}

static unsigned size_to_class(size_t size)
{
    unsigned index = 0;
    while (class_size(index) < size)
        index++;
    return index;
}

static void *kmalloc_large(size_t size)
{
    unsigned order = 0;

    if (size > (PAGE_SIZE << MAX_ORDER))
        return 0;
    while ((PAGE_SIZE << order) < size)
        order++;
    struct page *page = alloc_pages(order, GFP_MAYFAIL | GFP_NOINJECT);
    if (!page)
        return 0;
    page->flags |= PG_kmalloc_large;
    kmalloc_large_bytes_in_use += PAGE_SIZE << order;
    return page_address(page);
}

/*
 * kmalloc - allocate size bytes of kernel memory, aligned to the size
 * class (so at least 16 bytes).  Returns NULL if memory is out, or if
 * fail-nth picks this call (mm/fail_nth.h: each kmalloc and kzalloc is
 * one failure point, whatever the slabs under it do).
 */
static void *kmalloc_object(size_t size)
{
    if (size == 0)
        size = 1;
    if (size > KMALLOC_MAX)
        return kmalloc_large(size);

    unsigned index = size_to_class(size);
    struct slab *slab = partial_slabs[index];
    if (!slab) {
        slab = new_slab(index);
        if (!slab)
            return 0;
        partial_slabs[index] = slab;
    }
    void *obj = slab->free_objects;
    slab->free_objects = *(void **)obj;
    slab->in_use++;
    if (!slab->free_objects)
        partial_slabs[index] = slab->next;   /* full: off the partial list */
    kmalloc_bytes_in_use[index] += class_size(index);
    return obj;
}

void *kmalloc(size_t size)
{
    if (fail_nth_should_fail((uint32_t)(uintptr_t)__builtin_return_address(0)))
        return 0;
    return kmalloc_object(size);
}

void *kzalloc(size_t size)
{
    if (fail_nth_should_fail((uint32_t)(uintptr_t)__builtin_return_address(0)))
        return 0;
    void *p = kmalloc_object(size);
    if (p)
        memset(p, 0, size);
    return p;
}

static int on_free_chain(const struct slab *slab, const void *obj)
{
    for (const void *o = slab->free_objects; o; o = *(void *const *)o)
        if (o == obj)
            return 1;
    return 0;
}

static void unlink_partial(struct slab *slab)
{
    struct slab **link = &partial_slabs[slab->class_index];
    while (*link != slab)
        link = &(*link)->next;
    *link = slab->next;
}

static void kfree_large(struct page *page, void *ptr)
{
    if ((uintptr_t)ptr & (PAGE_SIZE - 1))
        panic("kfree: %p is inside a large kmalloc block, not its start", ptr);
    kmalloc_large_bytes_in_use -= PAGE_SIZE << page->order;
    page->flags &= ~PG_kmalloc_large;
    free_pages(page, page->order);
}

/*
 * kfree - return an object from kmalloc.  Panics with the pointer on
 * anything kmalloc did not hand out: not in the direct map, not in a
 * slab, not at an object boundary, or already free.  A slab whose last
 * object comes back goes back to the buddy allocator.
 */
void kfree(void *ptr)
{
    if (!ptr)
        return;
    uintptr_t addr = (uintptr_t)ptr;
    if (addr < DIRECT_MAP_BASE || addr >= DIRECT_MAP_BASE + ((uintptr_t)max_low_pfn << PAGE_SHIFT))
        panic("kfree: %p is not a kernel heap address (caller %p)", ptr,
              __builtin_return_address(0));

    struct page *page = virt_to_page(ptr);
    if (page->flags & PG_kmalloc_large) {
        kfree_large(page, ptr);
        return;
    }
    struct slab *slab = (struct slab *)(DIRECT_MAP_BASE + ((addr - DIRECT_MAP_BASE) & ~(uintptr_t)(SLAB_BYTES - 1)));
    if (!(virt_to_page(slab)->flags & PG_slab) || slab->magic != SLAB_MAGIC)
        panic("kfree: %p was not allocated by kmalloc (caller %p)", ptr,
              __builtin_return_address(0));

    unsigned index = slab->class_index;
    uint32_t size = class_size(index);
    uint32_t offset = addr - (uintptr_t)slab;
    if (offset < first_object_offset(index) || (offset - first_object_offset(index)) % size)
        panic("kfree: %p is not the start of a %u-byte object (caller %p)", ptr, size,
              __builtin_return_address(0));
    if (looks_poisoned(ptr, size) && on_free_chain(slab, ptr))
        panic("kfree: %p double free (%u-byte object, caller %p)", ptr, size,
              __builtin_return_address(0));

    int was_full = !slab->free_objects;
    *(void **)ptr = slab->free_objects;
    poison_object(ptr, size);
    slab->free_objects = ptr;
    slab->in_use--;
    kmalloc_bytes_in_use[index] -= size;
    if (was_full) {
        slab->next = partial_slabs[index];
        partial_slabs[index] = slab;
    }
    if (slab->in_use == 0) {
        unlink_partial(slab);
        slab->magic = 0;
        virt_to_page(slab)->flags &= ~PG_slab;
        free_pages(virt_to_page(slab), SLAB_ORDER);
    }
}

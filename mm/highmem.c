/*
 * highmem.c - temporary kernel mappings of HighMem frames (see highmem.h).
 *
 * One page table maps the 4 MiB at KMAP_BASE.  Its first
 * KMAP_ATOMIC_SLOTS entries are the atomic slots, used as a stack:
 * kmap_depth of them are taken, from the bottom.  The next PKMAP_SLOTS
 * are the sleeping slots; pkmap[] says which frame each one maps, for
 * how many kmap calls, and for which task.  A slot's PTE is cleared and
 * its TLB entry flushed (invlpg) as soon as it is given back, so a slot
 * taken again never translates through a stale entry.
 *
 * Who changes what: there is one CPU and the kernel is not preempted,
 * so the atomic stack belongs to whatever code runs (an interrupt
 * handler may take slots too, if it gives them back before it returns);
 * a pkmap slot belongs to its holder until kunmap.
 */
#include "kernel/lib.h"
#include "kernel/task.h"
#include "mm/highmem.h"
#include "mm/pgtable.h"

static pte_t *kmap_ptes;                /* the PTEs of the kmap page table */
static unsigned kmap_depth;             /* atomic slots now taken */

struct pkmap_slot {
    struct page *page;                  /* the frame mapped, or NULL: free */
    int count;                          /* kmap calls not yet matched by kunmap */
    struct task *holder;                /* the one task that may hold it */
};
static struct pkmap_slot pkmap[PKMAP_SLOTS];
static int pkmap_waiters;               /* tasks asleep until a slot frees */

void kmap_init(void)
{
    kmap_ptes = pgtable_kernel_table(KMAP_BASE);
}

static uint32_t slot_address(uint32_t base, unsigned slot)
{
    return base + slot * PAGE_SIZE;
}

static void map_slot(uint32_t va, struct page *page)
{
    pte_t *ptep = &kmap_ptes[(va - KMAP_BASE) >> PAGE_SHIFT];

    if (pte_present(*ptep))
        panic("kmap: slot 0x%08x is still mapped", va);
    pgtable_set_kernel(va, ptep, pte_make_kernel(page));
}

static void unmap_slot(uint32_t va)
{
    pgtable_set_kernel(va, &kmap_ptes[(va - KMAP_BASE) >> PAGE_SHIFT], 0);
}

void *kmap_atomic_high(struct page *page)
{
    if (kmap_depth == KMAP_ATOMIC_SLOTS)
        panic("kmap_atomic: all %u atomic slots are taken (caller %p)", KMAP_ATOMIC_SLOTS,
              __builtin_return_address(0));
    uint32_t va = slot_address(KMAP_ATOMIC_BASE, kmap_depth++);
    map_slot(va, page);
    return (void *)va;
}

void kunmap_atomic_high(void *addr)
{
    uint32_t va = PAGE_ALIGN_DOWN((uint32_t)addr);

    if (!kmap_depth || va != slot_address(KMAP_ATOMIC_BASE, kmap_depth - 1))
        panic("kunmap_atomic: %p is not the last atomic slot taken (%u taken): "
              "slots go back in stack order", addr, kmap_depth);
    unmap_slot(va);
    kmap_depth--;
}

void kmap_assert_none_atomic(void)
{
    if (kmap_depth)
        panic("schedule: %s (pid %d) sleeps holding %u kmap_atomic slot(s)",
              current->name, current->pid, kmap_depth);
}

/* The pkmap slot mapping page, else a free one (-1 if none is free).
 * Panics if current already holds a slot for another frame. */
static int pkmap_find(struct page *page)
{
    int free_slot = -1;

    for (int i = 0; i < PKMAP_SLOTS; i++) {
        if (pkmap[i].page == page && pkmap[i].holder == current)
            return i;
        if (pkmap[i].page && pkmap[i].holder == current)
            panic("kmap: %s (pid %d) already holds a slot (pfn 0x%x) and asks for pfn 0x%x",
                  current->name, current->pid, page_to_pfn(pkmap[i].page), page_to_pfn(page));
        if (!pkmap[i].page && free_slot < 0)
            free_slot = i;
    }
    return free_slot;
}

void *kmap_high(struct page *page)
{
    int slot;

    while ((slot = pkmap_find(page)) < 0) {
        pkmap_waiters++;
        sleep_on(pkmap);
        pkmap_waiters--;
    }
    struct pkmap_slot *s = &pkmap[slot];
    if (!s->page) {
        *s = (struct pkmap_slot){ page, 0, current };
        map_slot(slot_address(PKMAP_BASE, slot), page);
    }
    s->count++;
    return (void *)slot_address(PKMAP_BASE, slot);
}

void kunmap_high(struct page *page)
{
    for (int i = 0; i < PKMAP_SLOTS; i++) {
        struct pkmap_slot *s = &pkmap[i];
        if (s->page != page || s->holder != current)
            continue;
        if (--s->count)
            return;
        unmap_slot(slot_address(PKMAP_BASE, i));
        s->page = 0;
        s->holder = 0;
        if (pkmap_waiters)
            wakeup(pkmap);
        return;
    }
    panic("kunmap: %s (pid %d) holds no slot for pfn 0x%x", current->name, current->pid,
          page_to_pfn(page));
}

void copy_highpage(struct page *to, struct page *from)
{
    void *dst = kmap_atomic(to);
    void *src = kmap_atomic(from);

    memcpy(dst, src, PAGE_SIZE);
    kunmap_atomic(src);
    kunmap_atomic(dst);
}

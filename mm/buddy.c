/*
 * buddy.c - the binary buddy allocator (Knuth; Linux's free_area).
 *
 * Every free block is 2^order frames, starting at a pfn that is a
 * multiple of 2^order.  Its "buddy" is the block of the same order it was
 * split from, found by flipping bit `order` of the pfn:
 *
 *     buddy_pfn(pfn, order)  = pfn ^ (1 << order)
 *     parent_pfn(pfn, order) = pfn & ~(1 << order)
 *
 *   e.g. order 2:  pfn 8 (frames 8..11) and pfn 12 (12..15) are buddies;
 *                  together they make the order-3 block at pfn 8.
 *
 * Allocation takes the smallest free block big enough and splits it,
 * putting each upper half back one order lower.  Freeing merges a block
 * with its buddy for as long as the buddy is free and of the same order.
 * Both loops run at most MAX_ORDER times: nothing scans mem_map.
 *
 * Invariants (checked by buddy_check): a frame heads at most one free
 * block; a block never crosses a zone edge; zone->free_pages is the sum
 * of 2^order over all listed blocks.
 */
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/fail_nth.h"
#include "mm/highmem.h"
#include "mm/policy.h"

struct page *mem_map;
uint32_t max_pfn;
uint32_t max_low_pfn;
struct zone zones[NR_ZONES];
int buddy_debug;

#define DMA_PFN_LIMIT (DMA_LIMIT >> PAGE_SHIFT)
#define POISON_FREE 0x6b

static inline uint32_t buddy_pfn(uint32_t pfn, unsigned order)
{
    return pfn ^ (1u << order);
}

static inline uint32_t parent_pfn(uint32_t pfn, unsigned order)
{
    return pfn & ~(1u << order);
}

static struct zone *pfn_zone(uint32_t pfn)
{
    if (pfn < DMA_PFN_LIMIT)
        return &zones[ZONE_DMA];
    return pfn < LOWMEM_PFN ? &zones[ZONE_NORMAL] : &zones[ZONE_HIGHMEM];
}

static int pfn_in_zone(const struct zone *zone, uint32_t pfn)
{
    return pfn >= zone->start_pfn && pfn < zone->end_pfn;
}

void buddy_init(struct page *map, uint32_t nr_frames)
{
    static const char *const names[NR_ZONES] = { "DMA", "Normal", "HighMem" };
    static const uint32_t starts[NR_ZONES + 1] = { 0, DMA_PFN_LIMIT, LOWMEM_PFN, ~0u };

    mem_map = map;
    max_pfn = nr_frames;
    max_low_pfn = MIN(nr_frames, LOWMEM_PFN);
    for (uint32_t pfn = 0; pfn < nr_frames; pfn++) {
        memset(&map[pfn], 0, sizeof(map[pfn]));
        map[pfn].flags = PG_reserved;
        list_init(&map[pfn].list);
    }
    for (int z = 0; z < NR_ZONES; z++) {
        struct zone *zone = &zones[z];
        zone->name = names[z];
        zone->start_pfn = MIN(starts[z], nr_frames);
        zone->end_pfn = MIN(starts[z + 1], nr_frames);
        zone->managed_pages = zone->free_pages = 0;
        memset(zone->lowmem_reserve, 0, sizeof(zone->lowmem_reserve));     /* until set */
        for (int o = 0; o <= MAX_ORDER; o++) {
            list_init(&zone->free_area[o].free_list);
            zone->free_area[o].nr_free = 0;
        }
    }
}

static void add_free_block(struct zone *zone, struct page *page, unsigned order)
{
    page->flags = PG_buddy;
    page->order = order;
    list_add(&page->list, &zone->free_area[order].free_list);
    zone->free_area[order].nr_free++;
}

static void remove_free_block(struct zone *zone, struct page *page, unsigned order)
{
    list_del(&page->list);
    page->flags = 0;
    zone->free_area[order].nr_free--;
}

/*
 * merge_and_free - put the block at pfn (order, refcount already 0) on a
 * free list, first merging it with its buddy as long as that is free,
 * of the same order and in the same zone.
 */
static void merge_and_free(uint32_t pfn, unsigned order)
{
    struct zone *zone = pfn_zone(pfn);

    zone->free_pages += 1u << order;
    while (order < MAX_ORDER) {
        uint32_t buddy = buddy_pfn(pfn, order);
        if (!pfn_in_zone(zone, buddy))
            break;
        struct page *bp = pfn_to_page(buddy);
        if (!(bp->flags & PG_buddy) || bp->order != order)
            break;
        remove_free_block(zone, bp, order);
        pfn = parent_pfn(pfn, order);
        order++;
    }
    add_free_block(zone, pfn_to_page(pfn), order);
}

void buddy_add_free_range(uint32_t start_pfn, uint32_t end_pfn)
{
    if (end_pfn > max_pfn)
        end_pfn = max_pfn;
    for (uint32_t pfn = start_pfn; pfn < end_pfn; pfn++) {
        struct page *page = pfn_to_page(pfn);
        if (!(page->flags & PG_reserved))
            panic("buddy_add_free_range: pfn 0x%x added twice", pfn);
        page->flags = 0;
        pfn_zone(pfn)->managed_pages++;
        merge_and_free(pfn, 0);
    }
}

void buddy_set_lowmem_reserve(void)
{
    static const uint32_t ratio[NR_ZONES] = { 256, 32, 0 };    /* DMA, Normal, HighMem */

    for (int z = 0; z < NR_ZONES; z++) {
        uint32_t above = 0;                 /* lowmem_reserve[z] stays 0 (buddy_init) */
        for (int c = z + 1; c < NR_ZONES; c++) {
            above += zones[c].managed_pages;
            zones[z].lowmem_reserve[c] = ratio[z] && zones[z].managed_pages ? above / ratio[z] : 0;
        }
    }
}

/* Take a block of exactly `order` frames from zone, or NULL. */
static struct page *zone_alloc(struct zone *zone, unsigned order)
{
    unsigned cur = order;

    if (zone->free_pages < (1u << order))
        return 0;               /* fast exit, e.g. an empty Normal zone */
    while (cur <= MAX_ORDER && list_empty(&zone->free_area[cur].free_list))
        cur++;
    if (cur > MAX_ORDER)
        return 0;

    struct page *page = container_of(zone->free_area[cur].free_list.next, struct page, list);
    remove_free_block(zone, page, cur);
    /* split: the upper half of each split goes back one order lower */
    while (cur > order) {
        cur--;
        add_free_block(zone, page + (1u << cur), cur);
    }
    zone->free_pages -= 1u << order;
    return page;
}

/* Fill every frame of a block with byte c, HighMem ones through kmap. */
static void fill_block(struct page *page, unsigned order, int c)
{
    for (unsigned i = 0; i < (1u << order); i++) {
        void *va = kmap_atomic(page + i);
        memset(va, c, PAGE_SIZE);
        kunmap_atomic(va);
    }
}

/*
 * alloc_pages - allocate 2^order physically contiguous frames.
 * @order: 0..MAX_ORDER
 * @gfp:   GFP_ZERO clears the block; GFP_MAYFAIL returns NULL when no
 *         block is free (else panic); GFP_DMA restricts to ZONE_DMA;
 *         GFP_HIGHMEM tries ZONE_HIGHMEM first.
 * Returns the head frame with refcount 1 and no purpose flag set.
 * The zones are tried from the highest allowed down: HighMem (only with
 * GFP_HIGHMEM), Normal (not with GFP_DMA), then DMA; a lower zone only
 * while it keeps its lowmem_reserve for the highest allowed one.
 */
struct page *alloc_pages(unsigned order, unsigned gfp)
{
    struct page *page = 0;

    if (order > MAX_ORDER)
        panic("alloc_pages: order %u is above MAX_ORDER (caller %p)", order,
              __builtin_return_address(0));
    if ((gfp & (GFP_MAYFAIL | GFP_NOINJECT)) == GFP_MAYFAIL &&
        fail_nth_should_fail((uint32_t)(uintptr_t)__builtin_return_address(0)))
        return 0;
    int class = gfp & GFP_DMA ? ZONE_DMA : gfp & GFP_HIGHMEM ? ZONE_HIGHMEM : ZONE_NORMAL;
    for (int z = class; z >= 0 && !page; z--)
        if (zone_free_for(z, class) >= (1u << order))
            page = zone_alloc(&zones[z], order);
    if (!page) {
        if (gfp & GFP_MAYFAIL)
            return 0;
        panic("alloc_pages: out of memory for order %u (caller %p)", order,
              __builtin_return_address(0));
    }
    page->refcount = 1;
    page->order = order;
    if (gfp & GFP_ZERO)
        fill_block(page, order, 0);
    if (buddy_debug)
        buddy_check();
    return page;
}

/* The head of the free block that contains pfn, or NULL: at most one
 * candidate head per order, so this is O(MAX_ORDER). */
static struct page *free_block_containing(uint32_t pfn)
{
    const struct zone *zone = pfn_zone(pfn);

    for (unsigned order = 0; order <= MAX_ORDER; order++) {
        uint32_t head = pfn & ~((1u << order) - 1);
        if (!pfn_in_zone(zone, head))
            break;
        struct page *page = pfn_to_page(head);
        if ((page->flags & PG_buddy) && page->order >= order)
            return page;
    }
    return 0;
}

/*
 * free_pages - drop one reference to a block from alloc_pages(order);
 * the block returns to the allocator when the last one goes.
 * Panics (naming the frame and the caller) on a reserved frame, a double
 * free, a frame that was never allocated, or the wrong order.
 */
void free_pages(struct page *page, unsigned order)
{
    void *caller = __builtin_return_address(0);
    uint32_t pfn = page_to_pfn(page);

    if (pfn >= max_pfn)
        panic("free_pages: pfn 0x%x is outside mem_map (caller %p)", pfn, caller);
    if (page->flags & PG_reserved)
        panic("free_pages: pfn 0x%x is reserved (caller %p)", pfn, caller);
    if (page->flags & PG_buddy)
        panic("free_pages: pfn 0x%x double free, already free at order %u (caller %p)",
              pfn, page->order, caller);
    if (page->refcount <= 0 && free_block_containing(pfn))
        panic("free_pages: pfn 0x%x double free, inside the free order-%u block at pfn 0x%x (caller %p)",
              pfn, free_block_containing(pfn)->order, page_to_pfn(free_block_containing(pfn)), caller);
    if (page->refcount <= 0)
        panic("free_pages: pfn 0x%x was never allocated (refcount %d, caller %p)",
              pfn, page->refcount, caller);
    if (page->order != order)
        panic("free_pages: pfn 0x%x freed with order %u but allocated with order %u (caller %p)",
              pfn, order, page->order, caller);
    if (--page->refcount > 0)
        return;
    if (page->flags & PG_user)
        user_page_freed(page);
    page->flags = 0;
    page->mapcount = 0;
    page->owner = 0;
    page->rmap = 0;
    if (buddy_debug)
        fill_block(page, order, POISON_FREE);
    merge_and_free(pfn, order);
    if (buddy_debug)
        buddy_check();
}

void free_page(struct page *page)
{
    free_pages(page, 0);
}

/* Take one more reference to an allocated frame (e.g. a second mapping). */
void get_page(struct page *page)
{
    if (page->refcount <= 0)
        panic("get_page: pfn 0x%x is not allocated (refcount %d, caller %p)",
              page_to_pfn(page), page->refcount, __builtin_return_address(0));
    page->refcount++;
}

/* Drop one reference to an order-0 frame; frees it when none is left. */
void put_page(struct page *page)
{
    if (page->refcount <= 0)
        panic("put_page: pfn 0x%x refcount underflow (refcount %d, caller %p)",
              page_to_pfn(page), page->refcount, __builtin_return_address(0));
    free_pages(page, page->order);
}

static void check_zone_lists(const struct zone *zone, uint32_t *heads)
{
    uint32_t listed = 0;

    for (unsigned order = 0; order <= MAX_ORDER; order++) {
        const struct free_area *area = &zone->free_area[order];
        const struct list_head *pos;
        uint32_t n = 0;

        list_for_each(pos, &area->free_list) {
            const struct page *page = container_of(pos, struct page, list);
            uint32_t pfn = page_to_pfn(page);
            if (!(page->flags & PG_buddy) || page->order != order)
                panic("buddy_check: pfn 0x%x on %s order-%u list has flags 0x%x order %u",
                      pfn, zone->name, order, page->flags, page->order);
            if (pfn & ((1u << order) - 1))
                panic("buddy_check: pfn 0x%x misaligned for order %u", pfn, order);
            if (!pfn_in_zone(zone, pfn) || !pfn_in_zone(zone, pfn + (1u << order) - 1))
                panic("buddy_check: block at pfn 0x%x order %u leaves zone %s",
                      pfn, order, zone->name);
            if (page->refcount)
                panic("buddy_check: free pfn 0x%x has refcount %d", pfn, page->refcount);
            n++;
            listed += 1u << order;
        }
        if (n != area->nr_free)
            panic("buddy_check: %s order %u lists %u blocks but nr_free is %u",
                  zone->name, order, n, area->nr_free);
        *heads += n;
    }
    if (listed != zone->free_pages)
        panic("buddy_check: %s lists %u free frames but free_pages is %u",
              zone->name, listed, zone->free_pages);
}

/*
 * buddy_check - verify the whole allocator: every listed block is a
 * well-formed, aligned, in-zone free head; the per-order and per-zone
 * counts match the lists; every PG_buddy frame in mem_map is listed; and
 * no frame inside a free block is in use.
 */
void buddy_check(void)
{
    uint32_t heads = 0, flagged = 0;

    for (int z = 0; z < NR_ZONES; z++)
        check_zone_lists(&zones[z], &heads);
    for (uint32_t pfn = 0; pfn < max_pfn; pfn++) {
        const struct page *page = pfn_to_page(pfn);
        if (!(page->flags & PG_buddy))
            continue;
        flagged++;
        for (uint32_t i = 1; i < (1u << page->order); i++) {
            const struct page *inner = page + i;
            if (inner->flags || inner->refcount)
                panic("buddy_check: pfn 0x%x inside free block 0x%x has flags 0x%x refcount %d",
                      pfn + i, pfn, inner->flags, inner->refcount);
        }
    }
    if (flagged != heads)
        panic("buddy_check: %u frames marked PG_buddy but %u blocks listed", flagged, heads);
}

uint32_t nr_free_pages(void)
{
    uint32_t n = 0;
    for (int z = 0; z < NR_ZONES; z++)
        n += zones[z].free_pages;
    return n;
}

uint32_t nr_managed_pages(void)
{
    uint32_t n = 0;
    for (int z = 0; z < NR_ZONES; z++)
        n += zones[z].managed_pages;
    return n;
}

/* One line per zone, as Linux's /proc/buddyinfo prints them. */
int buddy_format_buddyinfo(char *buf, size_t size)
{
    int len = 0;

    for (int z = 0; z < NR_ZONES; z++) {
        const struct zone *zone = &zones[z];
        if (!zone->managed_pages)
            continue;
        len += ksnprintf(buf + len, size - MIN((size_t)len, size), "Node 0, zone %8s ", zone->name);
        for (int o = 0; o <= MAX_ORDER; o++)
            len += ksnprintf(buf + len, size - MIN((size_t)len, size), "%6u ",
                             zone->free_area[o].nr_free);
        len += ksnprintf(buf + len, size - MIN((size_t)len, size), "\n");
    }
    return len;
}

int buddy_format_meminfo_totals(char *buf, size_t size)
{
    return ksnprintf(buf, size, "MemTotal:       %8u kB\nMemFree:        %8u kB\n",
                     nr_managed_pages() * (PAGE_SIZE / 1024), nr_free_pages() * (PAGE_SIZE / 1024));
}

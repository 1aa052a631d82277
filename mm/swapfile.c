/*
 * swapfile.c - the swap area on /dev/hda: its header, the slot counts
 * (swap_map), the swap cache and the page I/O.  See swap.h.
 */
#include "arch/x86/ide.h"
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "mm/buddy.h"
#include "mm/kmalloc.h"
#include "mm/policy.h"
#include "mm/swap.h"

#define SECTORS_PER_PAGE (PAGE_SIZE / 512)

/* Linux's union swap_header, page 0 of the area (include/linux/swap.h). */
#define SWAP_HDR_VERSION     1024
#define SWAP_HDR_LAST_PAGE   1028
#define SWAP_HDR_NR_BADPAGES 1032
#define SWAP_HDR_BADPAGES    1536
#define SWAP_MAGIC           "SWAPSPACE2"
#define SWAP_MAGIC_OFFSET    (PAGE_SIZE - 10)
#define SWAP_MAX_BADPAGES    ((SWAP_MAGIC_OFFSET - SWAP_HDR_BADPAGES) / 4)

/* A slot's count: references in the low 15 bits, SWAP_BAD for the header
 * and for slots that must never be handed out. */
enum swap_map_bits { SWAP_BAD = 0x8000u, SWAP_COUNT_MAX = 0x7FFFu };   /* an enum: gdb reads it */

static struct {
    int on;
    int writeok;                /* new slots may be handed out (not during swapoff) */
    uint32_t nr_slots;          /* last_page + 1: slot 0 is the header */
    uint32_t nr_good;           /* slots that can hold pages */
    uint32_t nr_used;           /* of those, with a count */
    uint32_t nr_cached;         /* pages in the swap cache */
    uint32_t cursor;            /* next-fit search starts here */
    uint16_t *map;              /* nr_slots counts (swap_map) */
    struct page **cache;        /* nr_slots: the page holding each slot, or NULL */
} area;

uint32_t pswpin, pswpout;

static uint32_t read32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Check the header in page 0; a reason it is not a swap area, or NULL. */
static const char *check_header(const uint8_t *hdr, uint32_t disk_pages)
{
    uint32_t last = read32(hdr + SWAP_HDR_LAST_PAGE), bad = read32(hdr + SWAP_HDR_NR_BADPAGES);

    if (memcmp(hdr + SWAP_MAGIC_OFFSET, SWAP_MAGIC, 10))
        return "no swap signature (SWAPSPACE2): make one with mkswap";
    if (read32(hdr + SWAP_HDR_VERSION) != 1)
        return "swap header version is not 1";
    if (last < 1)
        return "swap area has no slots (last_page 0)";
    if (bad > SWAP_MAX_BADPAGES)
        return "bad-page count does not fit in the header";
    for (uint32_t i = 0; i < bad; i++)
        if (read32(hdr + SWAP_HDR_BADPAGES + 4 * i) > last)
            return "a bad page lies past last_page";
    if (last >= disk_pages)
        printk("swap: %s: the header says %u pages but the disk holds %u: "
               "slots past the end will fail\n", SWAP_DEVICE, last + 1, disk_pages);
    return 0;
}

int swap_on(const char *path)
{
    if (strcmp(path, SWAP_DEVICE))
        return -ENOENT;
    if (!ide_present())
        return -ENOENT;                 /* no disk: no device node on Linux either */
    if (area.on)
        return -EBUSY;
    uint8_t *hdr = kmalloc(PAGE_SIZE);
    if (!hdr)
        return -ENOMEM;
    int err = ide_read(0, hdr, SECTORS_PER_PAGE);
    const char *why = err ? "cannot read the header" : check_header(hdr, ide_nr_sectors() / SECTORS_PER_PAGE);
    if (why) {
        printk("swap: %s: %s\n", SWAP_DEVICE, why);
        kfree(hdr);
        return err ? err : -EINVAL;
    }
    uint32_t n = read32(hdr + SWAP_HDR_LAST_PAGE) + 1, bad = read32(hdr + SWAP_HDR_NR_BADPAGES);
    area.map = kzalloc(n * sizeof(*area.map));
    area.cache = kzalloc(n * sizeof(*area.cache));
    if (!area.map || !area.cache) {
        kfree(area.map);
        kfree(area.cache);
        kfree(hdr);
        return -ENOMEM;
    }
    area.map[0] = SWAP_BAD;
    for (uint32_t i = 0; i < bad; i++)
        area.map[read32(hdr + SWAP_HDR_BADPAGES + 4 * i)] = SWAP_BAD;
    kfree(hdr);
    area.nr_slots = n;
    area.nr_good = 0;
    for (uint32_t i = 0; i < n; i++)
        area.nr_good += !(area.map[i] & SWAP_BAD);
    area.nr_used = area.nr_cached = 0;
    area.cursor = 1;
    area.on = area.writeok = 1;
    printk("Adding %uk swap on %s.  Priority:-2 extents:1 across:%uk\n",
           area.nr_good * (PAGE_SIZE / 1024), SWAP_DEVICE, (n - 1) * (PAGE_SIZE / 1024));
    return 0;
}

/* After swap_off brought everything back: forget the area. */
void swap_area_release(void)
{
    kfree(area.map);
    kfree(area.cache);
    area.map = 0;
    area.cache = 0;
    area.on = 0;
    area.nr_slots = area.nr_good = area.nr_used = area.nr_cached = 0;
}

uint32_t swap_shutdown(void)
{
    for (uint32_t slot = 1; slot < area.nr_slots; slot++) {
        if (area.cache[slot])
            swap_cache_free_unused(area.cache[slot]);
    }
    uint32_t in_use = area.nr_used;
    if (area.on)
        swap_area_release();
    return in_use;
}

int swap_area_is(const char *path)
{
    return area.on && !strcmp(path, SWAP_DEVICE);
}

uint32_t swap_total_pages(void) { return area.on ? area.nr_good : 0; }
uint32_t swap_free_pages(void) { return area.on ? area.nr_good - area.nr_used : 0; }
uint32_t swap_cached_pages(void) { return area.nr_cached; }
uint32_t swap_slots_in_use(void) { return area.nr_used; }
uint32_t swap_nr_slots(void) { return area.on ? area.nr_slots : 0; }
void swap_set_writeok(int ok) { area.writeok = ok; }
int swap_writeok(void) { return area.on && area.writeok; }

static void check_slot(uint32_t slot, const char *who)
{
    if (!area.on || slot == 0 || slot >= area.nr_slots)
        panic("%s: slot %u is not in the swap area (%u slots)", who, slot, area.nr_slots);
}

uint32_t swap_alloc(void)
{
    if (!area.on || !area.writeok || area.nr_used == area.nr_good)
        return 0;
    for (uint32_t tries = 0; tries < area.nr_slots; tries++) {
        uint32_t slot = area.cursor;
        area.cursor = slot + 1 < area.nr_slots ? slot + 1 : 1;
        if (area.map[slot] == 0) {
            area.map[slot] = 1;
            area.nr_used++;
            return slot;
        }
    }
    panic("swap_alloc: %u of %u slots used, but none is free", area.nr_used, area.nr_good);
}

uint32_t swap_count(uint32_t slot)
{
    check_slot(slot, "swap_count");
    return area.map[slot] & SWAP_COUNT_MAX;
}

uint32_t swap_entry_count(uint32_t slot)
{
    return swap_count(slot) - (area.cache[slot] != 0);
}

void swap_dup(uint32_t slot)
{
    check_slot(slot, "swap_dup");
    uint32_t count = area.map[slot] & SWAP_COUNT_MAX;
    if (count == 0 || count == SWAP_COUNT_MAX)
        panic("swap_dup: slot %u has count %u", slot, count);
    area.map[slot]++;
}

/* The count of slot drops by one; the slot is free at 0. */
static void slot_put(uint32_t slot)
{
    uint32_t count = area.map[slot] & SWAP_COUNT_MAX;

    if (count == 0)
        panic("slot_put: slot %u is free already", slot);
    area.map[slot]--;
    if (count == 1) {
        area.nr_used--;
        if (area.map[slot] & SWAP_BAD)
            area.nr_good--;             /* a bad slot leaves the area for good */
    }
}

void swap_free(uint32_t slot)
{
    check_slot(slot, "swap_free");
    slot_put(slot);
    if (area.cache[slot])
        swap_cache_free_unused(area.cache[slot]);
}

void swap_cache_free_unused(struct page *page)
{
    if (page->mapcount == 0 && page->refcount == 1 && !(page->flags & PG_locked) &&
        swap_count(page->swap_slot) == 1)
        swap_cache_delete(page);        /* nobody can ask for it again: free it now */
}

void swap_mark_bad(uint32_t slot)
{
    check_slot(slot, "swap_mark_bad");
    area.map[slot] |= SWAP_BAD;
}

int swap_slot_bad(uint32_t slot)
{
    check_slot(slot, "swap_slot_bad");
    return !!(area.map[slot] & SWAP_BAD);
}

int swap_write_page(uint32_t slot, struct page *page)
{
    check_slot(slot, "swap_write_page");
    pswpout++;
    return ide_write_page(slot * SECTORS_PER_PAGE, page);
}

int swap_read_page(uint32_t slot, struct page *page)
{
    check_slot(slot, "swap_read_page");
    pswpin++;
    return ide_read_page(slot * SECTORS_PER_PAGE, page);
}

struct page *swap_cache_lookup(uint32_t slot)
{
    check_slot(slot, "swap_cache_lookup");
    struct page *page = area.cache[slot];
    if (page)
        get_page(page);
    return page;
}

void swap_cache_add(struct page *page, uint32_t slot)
{
    check_slot(slot, "swap_cache_add");
    if (area.cache[slot] || (page->flags & PG_swapcache))
        panic("swap_cache_add: slot %u or pfn 0x%x is cached already", slot, page_to_pfn(page));
    get_page(page);
    page->flags |= PG_swapcache;
    page->swap_slot = slot;
    area.cache[slot] = page;
    area.nr_cached++;
}

void swap_cache_delete(struct page *page)
{
    uint32_t slot = page->swap_slot;

    check_slot(slot, "swap_cache_delete");
    if (!(page->flags & PG_swapcache) || area.cache[slot] != page)
        panic("swap_cache_delete: pfn 0x%x is not the cached page of slot %u", page_to_pfn(page), slot);
    area.cache[slot] = 0;
    area.nr_cached--;
    page->flags &= ~PG_swapcache;
    page->swap_slot = 0;
    slot_put(slot);
    put_page(page);
}

int swap_get_page(uint32_t slot, struct page **out)
{
    struct page *page = swap_cache_lookup(slot);

    if (page) {
        swap_wait_io(page);             /* someone else is reading or writing it */
        *out = page;
        return 0;
    }
    page = alloc_user_page(0);
    if (!page)
        return -ENOMEM;
    page->flags |= PG_anon | PG_locked;
    swap_dup(slot);                     /* the swap cache's count */
    swap_cache_add(page, slot);
    int err = swap_read_page(slot, page);
    swap_end_io(page);
    if (err) {
        swap_cache_delete(page);
        put_page(page);
        return err;
    }
    *out = page;
    return 1;
}

void swap_wait_io(struct page *page)
{
    while (page->flags & PG_locked) {
        page->flags |= PG_waiters;
        sleep_on(page);
    }
}

void swap_end_io(struct page *page)
{
    if (!(page->flags & PG_locked))
        panic("swap_end_io: pfn 0x%x is not under I/O", page_to_pfn(page));
    if (page->flags & PG_waiters)
        wakeup(page);
    page->flags &= ~(PG_locked | PG_waiters);
}

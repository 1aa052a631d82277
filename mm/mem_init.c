/*
 * mem_init.c - turn the bootloader's memory map into mem_map and a
 * populated buddy allocator.
 *
 * Usable RAM below 4 GiB is managed: below LOWMEM_LIMIT (896 MiB) it is
 * direct-mapped (zones DMA and Normal), above it is ZONE_HIGHMEM, which
 * the kernel reaches through kmap (mm/highmem.h).  RAM above 4 GiB needs
 * PAE, which this kernel does not use: it is reported and left alone.
 * Reserved: the first 1 MiB (BIOS data, VGA, ROMs), the kernel image,
 * the Multiboot modules and mem_map itself, which goes in the first free
 * gap of lowmem above 16 MiB (below it if it fits nowhere else), so that
 * ZONE_DMA stays free.  A ramdisk (Multiboot module) that is not wholly
 * in the direct map, or leaves no room for mem_map, is a user's mistake,
 * not a kernel bug: the kernel says so and leaves QEMU with
 * QEMU_EXIT_NO_ROOM.
 */
#include "arch/x86/qemu.h"
#include "kernel/boot_info.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/highmem.h"
#include "mm/mem_init.h"
#include "mm/pgtable.h"

#define LOW_RESERVED (1u << 20)
#define PHYS_LIMIT   (1ull << 32)       /* no PAE: 32-bit physical addresses */

struct phys_range {
    uint32_t start, end;
};

static struct phys_range reserved[BOOT_MAX_MODULES + 2];
static int nr_reserved;

static void reserve(uint32_t start, uint32_t end)
{
    reserved[nr_reserved++] = (struct phys_range){ PAGE_ALIGN_DOWN(start), PAGE_ALIGN_UP(end) };
}

static int overlaps_reserved(uint32_t start, uint32_t end)
{
    for (int i = 0; i < nr_reserved; i++)
        if (start < reserved[i].end && reserved[i].start < end)
            return 1;
    return 0;
}

/* The top of usable RAM that a 32-bit physical address reaches (the end
 * of mem_map); logs any RAM above 4 GiB, which needs PAE to reach. */
static uint32_t find_ram_top(void)
{
    uint64_t top = 0, above = 0;

    for (int i = 0; i < boot_info.nr_regions; i++) {
        const struct mem_region *r = &boot_info.regions[i];
        if (r->type != 1)
            continue;
        if (r->end > PHYS_LIMIT)
            above += r->end - MAX(r->start, PHYS_LIMIT);
        if (r->start < PHYS_LIMIT)
            top = MAX(top, MIN(r->end, PHYS_LIMIT));
    }
    if (above)
        printk("mem: %u MiB of RAM above 4 GiB is left unused (reaching it needs PAE)\n",
               (uint32_t)(above >> 20));
    return PAGE_ALIGN_DOWN((uint32_t)MIN(top, PHYS_LIMIT - PAGE_SIZE));
}

/* Is [start, end) inside one usable region below top?  (A module must be
 * in the direct map: the ramdisk is read through it.) */
static int in_usable_ram(uint64_t start, uint64_t end, uint32_t top)
{
    for (int i = 0; i < boot_info.nr_regions; i++) {
        const struct mem_region *r = &boot_info.regions[i];
        if (r->type == 1 && r->start <= start && end <= MIN(r->end, (uint64_t)top))
            return 1;
    }
    return 0;
}

/* Stop the boot: module `index` does not fit in RAM; say why, power off. */
static void __attribute__((noreturn)) ramdisk_does_not_fit(int index, const char *why)
{
    const struct boot_module *m = &boot_info.modules[index];

    printk("mem: the ramdisk (module %d, %u KiB) does not fit in RAM: %s; "
           "give the machine more memory or use a smaller ramdisk. Powering off.\n",
           index, (m->end - m->start) >> 10, why);
    qemu_exit(QEMU_EXIT_NO_ROOM);
    panic_halt();                       /* not in QEMU: just stop */
}

/* The first page-aligned spot of `size` bytes in usable lowmem at or
 * above floor, clear of every reservation, or 0 if there is none. */
static uint32_t find_free_spot(uint32_t size, uint32_t floor)
{
    for (int i = 0; i < boot_info.nr_regions; i++) {
        const struct mem_region *r = &boot_info.regions[i];
        if (r->type != 1 || r->start >= LOWMEM_LIMIT)
            continue;
        uint32_t start = PAGE_ALIGN_UP((uint32_t)MAX(r->start, (uint64_t)floor));
        uint32_t end = (uint32_t)MIN(r->end, (uint64_t)LOWMEM_LIMIT);
        for (; start + size <= end; start += PAGE_SIZE)
            if (!overlaps_reserved(start, start + size))
                return start;
    }
    return 0;
}

static void free_usable_ram(uint32_t top)
{
    for (int i = 0; i < boot_info.nr_regions; i++) {
        const struct mem_region *r = &boot_info.regions[i];
        if (r->type != 1 || r->start >= top)
            continue;
        uint32_t start = PAGE_ALIGN_UP((uint32_t)MAX(r->start, (uint64_t)LOW_RESERVED));
        uint32_t end = PAGE_ALIGN_DOWN((uint32_t)MIN(r->end, (uint64_t)top));
        for (uint32_t pa = start; pa < end; pa += PAGE_SIZE)
            if (!overlaps_reserved(pa, pa + PAGE_SIZE))
                buddy_add_free_range(pa >> PAGE_SHIFT, (pa >> PAGE_SHIFT) + 1);
    }
}

void mem_init(void)
{
    uint32_t top = find_ram_top();
    uint32_t lowmem_top = MIN(top, LOWMEM_LIMIT);
    uint32_t nr_frames = top >> PAGE_SHIFT;
    uint32_t map_bytes = PAGE_ALIGN_UP(nr_frames * sizeof(struct page));

    reserve(boot_info.kernel_start, boot_info.kernel_end);
    for (int i = 0; i < boot_info.nr_modules; i++) {
        if (!in_usable_ram(boot_info.modules[i].start, boot_info.modules[i].end, lowmem_top))
            ramdisk_does_not_fit(i, "it runs past the end of usable memory");
        reserve(boot_info.modules[i].start, boot_info.modules[i].end);
    }
    /* above ZONE_DMA if it fits there, so that DMA memory stays free */
    uint32_t map_phys = find_free_spot(map_bytes, DMA_LIMIT);
    if (!map_phys)
        map_phys = find_free_spot(map_bytes, LOW_RESERVED);
    if (!map_phys && boot_info.nr_modules)
        ramdisk_does_not_fit(0, "no room is left for mem_map");
    if (!map_phys)
        panic("mem_init: no room for mem_map (%u bytes)", map_bytes);
    reserve(map_phys, map_phys + map_bytes);
    printk("mem: mem_map at [phys 0x%08x-0x%08x], %u frames x %u bytes\n", map_phys,
           map_phys + map_bytes - 1, nr_frames, (unsigned)sizeof(struct page));

    pgtable_trim_direct_map(lowmem_top);
    buddy_init(phys_to_virt(map_phys), nr_frames);
    free_usable_ram(top);
    buddy_set_lowmem_reserve();
    kmap_init();
    for (int z = 0; z < NR_ZONES; z++)
        printk("mem: zone %-7s pfn 0x%05x-0x%05x, %u pages managed (%u MiB)\n", zones[z].name,
               zones[z].start_pfn, zones[z].end_pfn, zones[z].managed_pages,
               zones[z].managed_pages >> (20 - PAGE_SHIFT));
}

void mem_print_stats(void)
{
    char buf[512];

    buddy_format_buddyinfo(buf, sizeof(buf));
    printk("%s", buf);
    buddy_format_meminfo_totals(buf, sizeof(buf));
    printk("%s", buf);
}

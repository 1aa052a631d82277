/*
 * boot_info.c - copy the Multiboot information into struct boot_info and
 * print the memory map in the boot banner.
 */
#include "kernel/boot_info.h"
#include "kernel/cmdline.h"
#include "kernel/lib.h"
#include "kernel/multiboot.h"
#include "kernel/printk.h"
#include "mm/memlayout.h"

struct boot_info boot_info;
extern char kernel_phys_start[], kernel_end[];

static const char *region_type_name(uint32_t type)
{
    switch (type) {
    case 1: return "usable";
    case 2: return "reserved";
    case 3: return "ACPI reclaimable (reserved)";
    case 4: return "ACPI NVS (reserved)";
    case 5: return "bad memory (reserved)";
    default: return "unknown (reserved)";
    }
}

static void parse_mmap(const struct multiboot_info *mbi)
{
    uint32_t off = 0;

    while (off < mbi->mmap_length && boot_info.nr_regions < BOOT_MAX_REGIONS) {
        const struct multiboot_mmap_entry *e = phys_to_virt(mbi->mmap_addr + off);
        struct mem_region *r = &boot_info.regions[boot_info.nr_regions++];
        r->start = e->addr;
        r->end = e->addr + e->len;
        r->type = e->type;
        off += e->size + sizeof(e->size);
    }
}

/* Without a map, Multiboot still gives the sizes of low and upper memory. */
static void synthesize_mmap(const struct multiboot_info *mbi)
{
    boot_info.regions[0] = (struct mem_region){ 0, (uint64_t)mbi->mem_lower << 10, 1 };
    boot_info.regions[1] = (struct mem_region){ 1u << 20, (1u << 20) + ((uint64_t)mbi->mem_upper << 10), 1 };
    boot_info.nr_regions = 2;
}

static void parse_modules(const struct multiboot_info *mbi)
{
    const struct multiboot_module *mods = phys_to_virt(mbi->mods_addr);

    for (uint32_t i = 0; i < mbi->mods_count && i < BOOT_MAX_MODULES; i++) {
        struct boot_module *m = &boot_info.modules[boot_info.nr_modules++];
        m->start = mods[i].mod_start;
        m->end = mods[i].mod_end;
        if (mods[i].string)
            strlcpy(m->name, phys_to_virt(mods[i].string), sizeof(m->name));
    }
}

/*
 * boot_info_parse - runs first in kmain, so it must not print: the
 * console is set up from the command line it copies.
 */
void boot_info_parse(uint32_t magic, uint32_t mbi_phys)
{
    const struct multiboot_info *mbi = phys_to_virt(mbi_phys);

    boot_info.kernel_start = (uint32_t)kernel_phys_start;
    boot_info.kernel_end = virt_to_phys(kernel_end);
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
        return;
    if (mbi->flags & MB_INFO_CMDLINE)
        cmdline_set(phys_to_virt(mbi->cmdline));
    if (mbi->flags & MB_INFO_MMAP)
        parse_mmap(mbi);
    else if (mbi->flags & MB_INFO_MEMORY)
        synthesize_mmap(mbi);
    if (mbi->flags & MB_INFO_MODS)
        parse_modules(mbi);
    strlcpy(boot_info.loader, "unnamed Multiboot loader", sizeof(boot_info.loader));
    if (mbi->flags & MB_INFO_LOADER_NAME)
        strlcpy(boot_info.loader, phys_to_virt(mbi->boot_loader_name), sizeof(boot_info.loader));
}

void boot_info_print(void)
{
    uint64_t usable = 0;

    printk("Bootloader: %s\n", boot_info.loader);
    printk("Memory map (from the bootloader):\n");
    for (int i = 0; i < boot_info.nr_regions; i++) {
        const struct mem_region *r = &boot_info.regions[i];
        printk("  [mem 0x%09llx-0x%09llx] %s\n", r->start, r->end - 1, region_type_name(r->type));
        if (r->type == MULTIBOOT_MEMORY_AVAILABLE)
            usable += r->end - r->start;
    }
    printk("Total usable RAM: %u KiB (%u MiB)\n", (uint32_t)(usable >> 10), (uint32_t)(usable >> 20));
    printk("Kernel image: [phys 0x%08x-0x%08x]\n", boot_info.kernel_start, boot_info.kernel_end - 1);
    for (int i = 0; i < boot_info.nr_modules; i++)
        printk("Module %d: [phys 0x%08x-0x%08x] %s\n", i, boot_info.modules[i].start,
               boot_info.modules[i].end - 1, boot_info.modules[i].name);
}

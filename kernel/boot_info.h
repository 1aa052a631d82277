/*
 * boot_info.h - what the bootloader told us, copied out of the Multiboot
 * structures early (before anything can overwrite them) into plain
 * arrays that the rest of the kernel reads.
 */
#ifndef KERNEL_BOOT_INFO_H
#define KERNEL_BOOT_INFO_H

#include <stdint.h>

#define BOOT_MAX_REGIONS 32
#define BOOT_MAX_MODULES 4

struct mem_region {
    uint64_t start, end;        /* [start, end) physical bytes */
    uint32_t type;              /* Multiboot type: 1 = usable RAM */
};

struct boot_module {
    uint32_t start, end;        /* [start, end) physical bytes */
    char name[64];
};

struct boot_info {
    struct mem_region regions[BOOT_MAX_REGIONS];
    int nr_regions;
    struct boot_module modules[BOOT_MAX_MODULES];
    int nr_modules;
    uint32_t kernel_start, kernel_end;  /* physical */
    char loader[48];                    /* the bootloader's name, if it gave one */
};

extern struct boot_info boot_info;

void boot_info_parse(uint32_t magic, uint32_t mbi_phys);
void boot_info_print(void);

#endif

/*
 * multiboot.h - the parts of the Multiboot (v1) information structure
 * the kernel reads.  All addresses in it are physical.
 */
#ifndef KERNEL_MULTIBOOT_H
#define KERNEL_MULTIBOOT_H

#include <stdint.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002

#define MB_INFO_MEMORY   0x001
#define MB_INFO_CMDLINE  0x004
#define MB_INFO_MODS     0x008
#define MB_INFO_MMAP     0x040
#define MB_INFO_LOADER_NAME 0x200

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;      /* KiB, if MB_INFO_MEMORY */
    uint32_t boot_device;
    uint32_t cmdline;                   /* if MB_INFO_CMDLINE */
    uint32_t mods_count, mods_addr;     /* if MB_INFO_MODS */
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;    /* if MB_INFO_MMAP */
    uint32_t drives_length, drives_addr;
    uint32_t config_table;
    uint32_t boot_loader_name;          /* if MB_INFO_LOADER_NAME */
} __attribute__((packed));

/* One memory map entry; `size` does not count itself. */
struct multiboot_mmap_entry {
    uint32_t size;
    uint64_t addr, len;
    uint32_t type;                      /* 1 = usable RAM */
} __attribute__((packed));

#define MULTIBOOT_MEMORY_AVAILABLE 1

struct multiboot_module {
    uint32_t mod_start, mod_end;        /* [start, end) physical */
    uint32_t string;
    uint32_t reserved;
} __attribute__((packed));

#endif

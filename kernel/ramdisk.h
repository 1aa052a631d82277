/*
 * ramdisk.h - the "disk": a cpio newc archive (Linux's initramfs format)
 * loaded by the bootloader as a Multiboot module.  Files keep their size;
 * writes change the module's memory in place.
 */
#ifndef KERNEL_RAMDISK_H
#define KERNEL_RAMDISK_H

#include <stdint.h>
#include "kernel/list.h"
#include "mm/pagecache.h"

/* Names are up to NAME_MAX bytes, as on Linux; a path to one ("/", "./"
 * and the name) fits in RAMDISK_PATH_MAX with its NUL.  The number of
 * files is bounded only by memory: the table is sized at boot. */
#define RAMDISK_NAME_MAX  255
#define RAMDISK_PATH_MAX  (RAMDISK_NAME_MAX + 8)

struct rd_file {
    const char *name;               /* path without the leading '/': in the
                                       archive's memory, or a constant string */
    uint8_t *data;                  /* contents, in the module's memory */
    uint32_t size;                  /* bytes */
    uint32_t mode;                  /* cpio mode bits (S_IFREG | 0644 ...) */
    uint32_t ino;                   /* index + 1, stable for fstat */
    int write_count;                /* as Linux's i_writecount: > 0, the open
                                       files that may write it; < 0, minus the
                                       address spaces executing it.  Changed by
                                       any task in a syscall, never by an
                                       interrupt; the kernel is not preempted */
    struct address_space mapping;   /* its cached pages and the VMAs mapping
                                       them; reads and writes data */
};

void ramdisk_init(void);
/* Give a file (name, data, size and mode set) its address_space. */
void rd_file_init_mapping(struct rd_file *file);
/* Find a file by path ("/a", "a", "./a" all name the same file). */
struct rd_file *ramdisk_lookup(const char *path);
int ramdisk_nr_files(void);
/* A file is written or executed, never both at once (-ETXTBSY), so a
 * running program's code cannot change under it. */
int rd_get_write_access(struct rd_file *file);
void rd_put_write_access(struct rd_file *file);
int rd_deny_write_access(struct rd_file *file);
void rd_allow_write_access(struct rd_file *file);

#endif

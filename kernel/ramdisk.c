/*
 * ramdisk.c - parse the cpio "newc" archive from the first Multiboot
 * module.  Each entry is a 110-byte ASCII header (magic "070701", then
 * 13 fields of 8 hex digits), the NUL-terminated name, padding to 4
 * bytes, the data, padding to 4 bytes; "TRAILER!!!" ends the archive.
 * A malformed archive is rejected with one log line and ignored: it is
 * read twice, once to check it, once to put its files, directories and
 * symbolic links into the file system (kernel/tmpfs.h).  A file's data
 * stays where it is: the archive's memory is its disk (mm/shmem.h).
 */
#include "kernel/boot_info.h"
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/ramdisk.h"
#include "kernel/tmpfs.h"
#include "mm/memlayout.h"

#define CPIO_HEADER_SIZE 110

static uint32_t hex_field(const char *header, int index)
{
    uint32_t v = 0;
    for (int i = 0; i < 8; i++) {
        char c = header[6 + index * 8 + i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return 0xFFFFFFFF;
        v = v << 4 | d;
    }
    return v;
}

static const char *skip_dot_slash(const char *path)
{
    while (*path == '/' || (path[0] == '.' && path[1] == '/'))
        path += *path == '/' ? 1 : 2;
    return path;
}

#define STR(x) #x
#define XSTR(x) STR(x)

/* Add one archive entry to the file system (the name without its
 * leading "./").  Directories are made as their entries or their files
 * need them; other types (devices, fifos) are skipped. */
static int add_entry(const char *name, uint32_t mode, uint8_t *data, uint32_t size)
{
    struct lookup res;
    struct inode *inode;

    if (!*name || !strcmp(name, "."))
        return 0;
    if (!strcmp(name, "init")) {        /* /init is the kernel's own */
        printk("ramdisk: the archive's /init is left out: the built-in init is /init\n");
        return 0;
    }
    if ((mode & S_IFMT) == S_IFREG)
        return tmpfs_add_seeded(name, mode, data, size, 0);
    if ((mode & S_IFMT) != S_IFDIR && (mode & S_IFMT) != S_IFLNK)
        return 0;
    int err = path_lookup(name, LOOKUP_PARENT, &res);
    if (err || !res.last)
        return err ? err : -EEXIST;
    if (dir_lookup(res.inode, res.last, res.last_len))
        return S_ISDIR(mode) ? 0 : -EEXIST;     /* made already for a file in it */
    if (S_ISDIR(mode))
        return tmpfs_create(res.inode, res.last, res.last_len, mode, &inode);
    char target[PATH_MAX];
    if (size >= sizeof(target))
        return -ENAMETOOLONG;
    memcpy(target, data, size);
    target[size] = 0;
    return tmpfs_symlink(res.inode, res.last, res.last_len, target);
}

/* Walk the archive at [base, base + size): check every entry and, if
 * add is set, add it to the file system.  Returns an error string or
 * NULL; *count is the number of regular files. */
static const char *parse(uint8_t *base, uint32_t size, int add, int *count)
{
    uint32_t off = 0;

    *count = 0;
    for (;;) {
        if (off + CPIO_HEADER_SIZE > size)
            return "truncated header";
        const char *h = (const char *)base + off;
        if (memcmp(h, "070701", 6))
            return "bad magic (not cpio newc)";
        uint32_t mode = hex_field(h, 1), filesize = hex_field(h, 6), namesize = hex_field(h, 11);
        if (mode == 0xFFFFFFFF || filesize == 0xFFFFFFFF || namesize == 0xFFFFFFFF || namesize == 0)
            return "bad header field";
        uint32_t name_off = off + CPIO_HEADER_SIZE;
        uint32_t data_off = (name_off + namesize + 3) & ~3u;
        if (name_off + namesize > size || data_off > size || filesize > size - data_off)
            return "entry runs past the end";
        const char *name = (const char *)base + name_off;
        if (name[namesize - 1] != 0)
            return "name not terminated";
        if (!strcmp(name, "TRAILER!!!"))
            return 0;
        name = skip_dot_slash(name);
        for (const char *p = name, *start = name; ; p++) {
            if (*p == '/' || !*p) {
                if (p - start > RAMDISK_NAME_MAX)
                    return "a file name is longer than NAME_MAX (" XSTR(RAMDISK_NAME_MAX) " bytes)";
                start = p + 1;
            }
            if (!*p)
                break;
        }
        if ((mode & S_IFMT) == S_IFREG)
            ++*count;
        if (add) {
            int err = add_entry(name, mode, base + data_off, filesize);
            if (err) {
                printk("ramdisk: cannot add %s: error %d\n", name, err);
                return "the file system would not take an entry";
            }
        }
        off = (data_off + filesize + 3) & ~3u;
    }
}

void ramdisk_init(void)
{
    if (!boot_info.nr_modules) {
        printk("ramdisk: no module given, no files\n");
        return;
    }
    struct boot_module *m = &boot_info.modules[0];
    uint8_t *base = phys_to_virt(m->start);
    int count;
    const char *err = parse(base, m->end - m->start, 0, &count);
    if (!err)
        err = parse(base, m->end - m->start, 1, &count);
    if (err) {
        printk("ramdisk: rejected the archive in module 0: %s; continuing without files\n", err);
        return;
    }
    printk("ramdisk: %d files\n", count);
}

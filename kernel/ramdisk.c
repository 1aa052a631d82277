/*
 * ramdisk.c - parse the cpio "newc" archive from the first Multiboot
 * module.  Each entry is a 110-byte ASCII header (magic "070701", then
 * 13 fields of 8 hex digits), the NUL-terminated name, padding to 4
 * bytes, the data, padding to 4 bytes; "TRAILER!!!" ends the archive.
 * A malformed archive is rejected with one log line and ignored.
 * The archive is read twice: once to count its files, which sizes the
 * table (allocated once, never freed), once to fill it.  File names stay
 * in the archive's memory.
 */
#include "kernel/boot_info.h"
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/ramdisk.h"
#include "mm/buddy.h"
#include "mm/memlayout.h"
#include "mm/page.h"

#define CPIO_HEADER_SIZE 110
#define S_IFMT  0170000
#define S_IFREG 0100000

static struct rd_file *files;           /* nr_files entries */
static int nr_files;

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

/* Walk the archive at [base, base + size): count its regular files in
 * *count and, if table is not NULL, describe them in table[0 .. *count).
 * Returns an error string or NULL. */
static const char *parse(uint8_t *base, uint32_t size, struct rd_file *table, int *count)
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
        if ((mode & S_IFMT) == S_IFREG) {
            name = skip_dot_slash(name);
            if (strlen(name) > RAMDISK_NAME_MAX)
                return "a file name is longer than NAME_MAX (" XSTR(RAMDISK_NAME_MAX) " bytes)";
            if (table) {
                table[*count] = (struct rd_file){ .name = name, .data = base + data_off,
                                                  .size = filesize, .mode = mode,
                                                  .ino = *count + 1 };
                rd_file_init_mapping(&table[*count]);
            }
            ++*count;
        }
        off = (data_off + filesize + 3) & ~3u;
    }
}

/* A zeroed table of n files for the life of the kernel; NULL if n is 0
 * or memory is short. */
static struct rd_file *table_alloc(int n)
{
    uint32_t bytes = n * sizeof(struct rd_file);
    unsigned order = 0;

    while ((PAGE_SIZE << order) < bytes && order < MAX_ORDER)
        order++;
    if (!n || (PAGE_SIZE << order) < bytes)
        return 0;
    struct page *block = alloc_pages(order, GFP_MAYFAIL | GFP_ZERO);
    if (!block)
        return 0;
    block->flags |= PG_kernel;
    return page_address(block);
}

/* A page of a file comes from the module's memory; bytes past the end
 * of the file in its last page are zero.  Never fails, never sleeps. */
static enum pcache_source ramdisk_readpage(struct address_space *as, struct page *page)
{
    struct rd_file *file = as->host;
    uint32_t offset = page->index * PAGE_SIZE;
    uint32_t n = offset < file->size ? MIN(PAGE_SIZE, file->size - offset) : 0;

    memcpy(page_address(page), file->data + offset, n);
    memset((char *)page_address(page) + n, 0, PAGE_SIZE - n);
    return PCACHE_READ;
}

/* A dirty page goes back into the module's memory, up to the file's end. */
static void ramdisk_writepage(struct address_space *as, struct page *page)
{
    struct rd_file *file = as->host;
    uint32_t offset = page->index * PAGE_SIZE;

    if (offset < file->size)
        memcpy(file->data + offset, page_address(page), MIN(PAGE_SIZE, file->size - offset));
}

static const struct address_space_ops ramdisk_ops = {
    .readpage = ramdisk_readpage,
    .writepage = ramdisk_writepage,
};

void rd_file_init_mapping(struct rd_file *file)
{
    address_space_init(&file->mapping, &ramdisk_ops, file, file->size);
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
    if (!err && count && !(files = table_alloc(count)))
        err = "no memory for the file table";
    if (!err)
        err = parse(base, m->end - m->start, files, &nr_files);
    if (err) {
        printk("ramdisk: rejected the archive in module 0: %s; continuing without files\n", err);
        nr_files = 0;
        return;
    }
    printk("ramdisk: %d files\n", nr_files);
}

struct rd_file *ramdisk_lookup(const char *path)
{
    path = skip_dot_slash(path);
    for (int i = 0; i < nr_files; i++)
        if (!strcmp(files[i].name, path))
            return &files[i];
    return 0;
}

int ramdisk_nr_files(void)
{
    return nr_files;
}

int rd_get_write_access(struct rd_file *file)
{
    if (file->write_count < 0)
        return -ETXTBSY;
    file->write_count++;
    return 0;
}

void rd_put_write_access(struct rd_file *file)
{
    if (file->write_count <= 0)
        panic("rd_put_write_access: %s has no writer (write_count %d)", file->name,
              file->write_count);
    file->write_count--;
}

int rd_deny_write_access(struct rd_file *file)
{
    if (file->write_count > 0)
        return -ETXTBSY;
    file->write_count--;
    return 0;
}

void rd_allow_write_access(struct rd_file *file)
{
    if (file->write_count >= 0)
        panic("rd_allow_write_access: %s is not being executed (write_count %d)",
              file->name, file->write_count);
    file->write_count++;
}

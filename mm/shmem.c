/* shmem.c - see shmem.h. */
#include "kernel/lib.h"
#include "kernel/ramdisk.h"
#include "mm/kmalloc.h"
#include "mm/pagecache.h"
#include "mm/shmem.h"

struct rd_file *shmem_create(uint32_t size)
{
    struct rd_file *file = kzalloc(sizeof(*file));

    if (!file)
        return 0;
    file->name = "[shmem]";
    file->size = size;
    file->mode = 0100600;
    file->shmem_refs = 1;
    list_init(&file->mappings);
    return file;
}

void shmem_get(struct rd_file *file)
{
    if (file && file->shmem_refs)
        file->shmem_refs++;
}

void shmem_put(struct rd_file *file)
{
    if (!file || !file->shmem_refs || --file->shmem_refs)
        return;
    pcache_drop_file(file);
    kfree(file);
}

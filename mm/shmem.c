/* shmem.c - see shmem.h. */
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "mm/memlayout.h"
#include "kernel/ramdisk.h"
#include "mm/kmalloc.h"
#include "mm/pagecache.h"
#include "mm/shmem.h"
#include "mm/swap.h"

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
    for (uint32_t i = 0; file->swap_slots && i < PAGE_ALIGN_UP(file->size) / PAGE_SIZE; i++)
        shmem_set_swap_slot(file, i, 0);
    kfree(file->swap_slots);
    kfree(file);
}

uint32_t shmem_swap_slot(const struct rd_file *file, uint32_t index)
{
    return file->swap_slots ? file->swap_slots[index] : 0;
}

int shmem_set_swap_slot(struct rd_file *file, uint32_t index, uint32_t slot)
{
    if (!file->swap_slots) {
        if (!slot)
            return 0;
        file->swap_slots = kzalloc(PAGE_ALIGN_UP(file->size) / PAGE_SIZE * sizeof(uint32_t));
        if (!file->swap_slots)
            return -ENOMEM;
    }
    if (file->swap_slots[index] && !slot)
        swap_free(file->swap_slots[index]);
    file->swap_slots[index] = slot;
    return 0;
}

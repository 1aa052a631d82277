/*
 * kmalloc.h - small kernel objects: power-of-two size classes from
 * KMALLOC_MIN to KMALLOC_MAX bytes carved from buddy blocks; anything
 * bigger is a buddy allocation of its own.
 */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include <stddef.h>
#include <stdint.h>

#define KMALLOC_MIN_SHIFT 4
#define KMALLOC_MAX_SHIFT 11
#define KMALLOC_MIN (1u << KMALLOC_MIN_SHIFT)    /* 16 bytes */
#define KMALLOC_MAX (1u << KMALLOC_MAX_SHIFT)    /* 2 KiB */
#define KMALLOC_CLASSES (KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)

void *kmalloc(size_t size);     /* NULL when memory is out */
void *kzalloc(size_t size);     /* kmalloc, cleared */
void kfree(void *ptr);

/* Bytes handed out per size class, and by large (page) allocations. */
extern uint32_t kmalloc_bytes_in_use[KMALLOC_CLASSES];
extern uint32_t kmalloc_large_bytes_in_use;

#endif

/*
 * memlayout.h - the virtual address map, drawn once.
 *
 *   0xFFFFFFFF +---------------------------+
 *              | kmap slots (mm/highmem.h) |
 *   0xFFC00000 +---------------------------+ KMAP_BASE
 *              | unused                    |
 *   0xF8000000 +---------------------------+ DIRECT_MAP_END
 *              | direct map of physical    |
 *              | RAM 0 .. 896 MiB (lowmem) |  kernel half: shared by every
 *              | kernel image at 0xC0100000|  task, global, supervisor-only
 *   0xC0000000 +---------------------------+ KERNEL_BASE
 *              | user stack (grows down)   |
 *   0xBFFFF000 |                           |
 *              | mmap area, heap (brk),    |  user half: private to a task
 *              | program image             |
 *   0x00400000 +---------------------------+ USER_MIN
 *              | NULL guard: never mapped  |
 *   0x00000000 +---------------------------+
 *
 * Physical frame P is always at kernel virtual address KERNEL_BASE + P
 * while P is below LOWMEM_LIMIT; a frame above it (HighMem) is reached
 * only through a kmap slot.
 */
#ifndef MM_MEMLAYOUT_H
#define MM_MEMLAYOUT_H

#include <stdint.h>

#define PAGE_SHIFT      12
#define PAGE_SIZE       (1u << PAGE_SHIFT)
#define PAGE_MASK       (~(PAGE_SIZE - 1))

#define KERNEL_BASE     0xC0000000u
#define LOWMEM_LIMIT    (896u << 20)            /* physical bytes direct-mapped */
#define LOWMEM_PFN      (LOWMEM_LIMIT >> PAGE_SHIFT)    /* first HighMem frame */
#define DIRECT_MAP_END  (KERNEL_BASE + LOWMEM_LIMIT)
#define USER_MIN        0x00400000u             /* lowest mappable user address */
#define USER_END        KERNEL_BASE             /* first address above user space */
#define DMA_LIMIT       (16u << 20)             /* ZONE_DMA is below this */

#define PAGE_ALIGN_UP(x)   (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define PAGE_ALIGN_DOWN(x) ((x) & PAGE_MASK)

/*
 * The host unit tests run the mm code against a fake "physical memory"
 * buffer, so there the direct map starts wherever that buffer is.
 */
#ifdef HOST_TEST
extern uintptr_t host_direct_map_base;
#define DIRECT_MAP_BASE host_direct_map_base
#else
#define DIRECT_MAP_BASE ((uintptr_t)KERNEL_BASE)
#endif

typedef uint32_t phys_addr_t;

static inline void *phys_to_virt(phys_addr_t pa)
{
    return (void *)(DIRECT_MAP_BASE + pa);
}

static inline phys_addr_t virt_to_phys(const void *va)
{
    return (phys_addr_t)((uintptr_t)va - DIRECT_MAP_BASE);
}

#endif

/*
 * pgtable.c - x86 two-level page tables behind mm/pgtable.h.
 *
 * The kernel half (PDEs 768..1023) is the same in every page directory:
 * the direct map uses 4 MiB global pages set up by boot/boot.S and never
 * changes after pgtable_trim_direct_map, so copying those PDEs into a new
 * directory shares the kernel mapping exactly.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/mmu.h"
#include "kernel/printk.h"
#include "mm/memlayout.h"
#include "mm/pgtable.h"

extern uint32_t boot_page_directory[PT_ENTRIES];     /* physical address! */

static uint32_t *kernel_dir(void)
{
    return phys_to_virt((phys_addr_t)boot_page_directory);
}

/* Flush every TLB entry, global ones too, by toggling CR4.PGE. */
static void flush_tlb_all(void)
{
    uint32_t cr4 = read_cr4();

    write_cr4(cr4 & ~CR4_PGE);
    write_cr4(cr4);
}

void pgtable_trim_direct_map(uint32_t lowmem_top)
{
    uint32_t *dir = kernel_dir();
    uint32_t first_unused = PD_INDEX(KERNEL_BASE) + (lowmem_top + LARGE_PAGE_SIZE - 1) / LARGE_PAGE_SIZE;

    dir[0] = 0;                 /* the identity map: NULL must fault now */
    for (uint32_t i = first_unused; i < PT_ENTRIES; i++)
        dir[i] = 0;
    flush_tlb_all();
}

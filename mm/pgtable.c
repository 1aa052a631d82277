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
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/memlayout.h"
#include "mm/pgtable.h"

extern uint32_t boot_page_directory[PT_ENTRIES];     /* physical address! */

static uint32_t *kernel_dir(void)
{
    return phys_to_virt((phys_addr_t)boot_page_directory);
}

static pgdir_t current_dir(void)
{
    return phys_to_virt(read_cr3());
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

pte_t *pgtable_kernel_table(uint32_t va)
{
    uint32_t *pde = &kernel_dir()[PD_INDEX(va)];

    if (va < DIRECT_MAP_END || (*pde & PTE_P))
        panic("pgtable_kernel_table: 0x%08x is in the direct map or has a table already", va);
    struct page *table = alloc_page(GFP_ZERO);
    table->flags |= PG_pagetable;
    *pde = page_to_phys(table) | PTE_P | PTE_RW;
    return page_address(table);
}

pgdir_t pgtable_kernel(void)
{
    return kernel_dir();
}

/*
 * pgtable_create - a new page directory: empty user half, and the kernel
 * half copied from the boot directory (those PDEs never change).
 */
pgdir_t pgtable_create(void)
{
    struct page *page = alloc_page(GFP_ZERO | GFP_MAYFAIL);
    if (!page)
        return 0;
    page->flags |= PG_pagetable;
    pgdir_t dir = page_address(page);
    for (uint32_t i = PD_INDEX(KERNEL_BASE); i < PT_ENTRIES; i++)
        dir[i] = kernel_dir()[i];
    return dir;
}

/* Free every user page table and the directory.  The frames they mapped
 * must already have been released (see mm_unmap_range). */
void pgtable_destroy(pgdir_t dir)
{
    for (uint32_t i = 0; i < PD_INDEX(KERNEL_BASE); i++) {
        if (dir[i] & PTE_P) {
            struct page *table = phys_to_page(dir[i] & PTE_FRAME);
            table->flags &= ~PG_pagetable;
            free_page(table);
        }
    }
    if (current_dir() == dir)
        pgtable_activate(kernel_dir());
    virt_to_page(dir)->flags &= ~PG_pagetable;
    free_page(virt_to_page(dir));
}

void pgtable_activate(pgdir_t dir)
{
    write_cr3(virt_to_phys(dir));
}

pte_t *pgtable_walk_alloc(pgdir_t dir, uint32_t va, int create)
{
    uint32_t *pde = &dir[PD_INDEX(va)];

    if (!(*pde & PTE_P)) {
        if (!create)
            return 0;
        struct page *table = alloc_page(GFP_ZERO | GFP_MAYFAIL);
        if (!table)
            return 0;
        table->flags |= PG_pagetable;
        /* the PDE allows everything; each PTE says what is really allowed */
        *pde = page_to_phys(table) | PTE_P | PTE_RW | PTE_US;
    }
    pte_t *table = phys_to_virt(*pde & PTE_FRAME);
    return &table[PT_INDEX(va)];
}

uint32_t pgtable_next_table(uint32_t va)
{
    return (va & ~(LARGE_PAGE_SIZE - 1)) + LARGE_PAGE_SIZE;
}

void pgtable_flush(pgdir_t dir)
{
    if (dir == current_dir())
        write_cr3(read_cr3());
}


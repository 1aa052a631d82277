/*
 * pgtable.h - the one small page-table interface the rest of mm uses.
 * This header and mm/pgtable.c implement it for x86 two-level paging; no
 * other mm file knows a PDE or PTE bit.  The PTE accessors below are
 * inline because the fault paths call them on every fault.
 *
 * A page directory is named by its kernel virtual address (pgdir_t).
 * Its kernel half is shared by every directory; the user half
 * (USER_MIN .. USER_END) belongs to one address space.
 */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include <stdint.h>
#include "arch/x86/cpu.h"
#include "arch/x86/mmu.h"
#include "mm/page.h"

typedef uint32_t pte_t;
typedef uint32_t *pgdir_t;

/* Cut the boot-time direct map down to the RAM that exists, drop the
 * identity map of low memory, and flush the TLB. */
void pgtable_trim_direct_map(uint32_t lowmem_top);

pgdir_t pgtable_create(void);           /* NULL when out of memory */
void pgtable_destroy(pgdir_t dir);      /* frees its page tables and itself */
void pgtable_activate(pgdir_t dir);     /* load CR3 */
pgdir_t pgtable_kernel(void);

/* The slow half of pgtable_walk: no page table yet. */
pte_t *pgtable_walk_alloc(pgdir_t dir, uint32_t va, int create);

/* The PTE for va; creates its page table when create is set.  NULL if
 * there is no table (or no memory for one). */
static inline pte_t *pgtable_walk(pgdir_t dir, uint32_t va, int create)
{
    uint32_t pde = dir[PD_INDEX(va)];

    if (!(pde & PTE_P))
        return pgtable_walk_alloc(dir, va, create);
    return (pte_t *)phys_to_virt(pde & PTE_FRAME) + PT_INDEX(va);
}
/* The first address above va that starts a new page table. */
uint32_t pgtable_next_table(uint32_t va);

/* Store a PTE and invalidate the TLB entry when dir is live.  (A PTE that
 * was not present cannot be in the TLB.) */
static inline void pgtable_set(pgdir_t dir, uint32_t va, pte_t *ptep, pte_t value)
{
    pte_t old = *ptep;

    *ptep = value;
    if ((old & PTE_P) && virt_to_phys(dir) == read_cr3())
        invlpg(va);
}

/* Clear the accessed bit of a PTE; 1 if it was set.  The TLB entry of a
 * live dir goes too, or the CPU, which sets the bit only when it loads
 * the entry, would not set it again on the next access. */
static inline int pgtable_test_and_clear_young(pgdir_t dir, uint32_t va, pte_t *ptep)
{
    if (!(*ptep & PTE_A))
        return 0;
    *ptep &= ~PTE_A;
    if (virt_to_phys(dir) == read_cr3())
        invlpg(va);
    return 1;
}

/*
 * Kernel page tables above the direct map (the kmap area, mm/highmem.h).
 * pgtable_kernel_table installs a zeroed page table for the 4 MiB at va
 * in the boot directory and returns its PTEs; directories made after
 * that share it, so a kernel PTE set there is seen in every address
 * space.  pgtable_set_kernel stores one and flushes its TLB entry.
 */
pte_t *pgtable_kernel_table(uint32_t va);
static inline pte_t pte_make_kernel(struct page *page)
{
    return page_to_phys(page) | PTE_P | PTE_RW | PTE_G;
}
static inline void pgtable_set_kernel(uint32_t va, pte_t *ptep, pte_t value)
{
    pte_t old = *ptep;

    *ptep = value;
    if (old & PTE_P)
        invlpg(va);
}

/* Flush the TLB entries of dir if it is the live address space. */
void pgtable_flush(pgdir_t dir);

/*
 * Not-present PTEs.  A user PTE that is not present (P = 0, so the CPU
 * ignores bits 1..31 and faults on every access, the kernel's included)
 * is one of:
 *
 *   0             never touched: the fault handler fills it from the VMA;
 *   PROT_NONE     PTE_PROTNONE set: the frame is still mapped (its frame
 *                 and dirty bits are kept), but the VMA allows no access
 *                 (mprotect PROT_NONE).  mprotect back makes it present;
 *   swap entry    anything else: where the page went, in Linux's i386
 *                 two-level layout: bit 0 (P) 0, the area's type in
 *                 bits 1..5 (always 0: there is one area), bits 6 and 8
 *                 0, the slot in bits 9..31.  Slot 0 is the area's header,
 *                 so an entry is never 0;
 *
 * so reclaim can write a page out and leave its slot in the PTE, and the
 * fault handler (do_swap_fault) can read it back.  PTE_PROTNONE reuses
 * the global bit (bit 8), which means nothing in a not-present user PTE
 * (Linux does the same).
 */
enum pte_soft_bit { PTE_PROTNONE = PTE_G };    /* an enum: gdb reads it (vmkernel.py) */

static inline int pte_protnone(pte_t pte) { return (pte & (PTE_P | PTE_PROTNONE)) == PTE_PROTNONE; }
static inline int pte_is_swap_entry(pte_t pte) { return !(pte & PTE_P) && pte != 0 && !pte_protnone(pte); }

enum swap_entry_layout { SWP_TYPE_SHIFT = 1, SWP_OFFSET_SHIFT = 9 };   /* gdb reads these */
static inline pte_t swp_entry_pte(uint32_t slot) { return slot << SWP_OFFSET_SHIFT; }
static inline uint32_t pte_swap_slot(pte_t pte) { return pte >> SWP_OFFSET_SHIFT; }

/* A user PTE mapping page, read-only or writable. */
static inline pte_t pte_make(struct page *page, int writable)
{
    return page_to_phys(page) | PTE_P | PTE_US | (writable ? PTE_RW : 0);
}

static inline int pte_present(pte_t pte) { return pte & PTE_P; }
/* The PTE holds a frame: present, or made inaccessible by PROT_NONE. */
static inline int pte_maps_frame(pte_t pte) { return pte_present(pte) || pte_protnone(pte); }
static inline int pte_writable(pte_t pte) { return !!(pte & PTE_RW); }
static inline int pte_dirty(pte_t pte) { return !!(pte & PTE_D); }
static inline int pte_young(pte_t pte) { return !!(pte & PTE_A); }
static inline struct page *pte_page(pte_t pte) { return phys_to_page(pte & PTE_FRAME); }
static inline pte_t pte_wrprotect(pte_t pte) { return pte & ~PTE_RW; }
static inline pte_t pte_mkwrite(pte_t pte) { return pte | PTE_RW; }
/*
 * Hidden PTEs (reclaim=lru only, mm/policy_lru.c): present, but with the
 * user bit clear, so that every user access to the page faults and the
 * kernel learns of it (the kernel itself still reaches the page, as it
 * does any supervisor page).  Everything else about the PTE is kept:
 * fork, mprotect, munmap and reclaim treat it as any present PTE.
 */
static inline int pte_hidden(pte_t pte) { return (pte & (PTE_P | PTE_US)) == PTE_P; }
static inline pte_t pte_mkhidden(pte_t pte) { return pte & ~PTE_US; }
static inline pte_t pte_mkshown(pte_t pte) { return pte | PTE_US; }
/* PROT_NONE: no access at all, for user and kernel alike; the frame stays. */
static inline pte_t pte_mkprotnone(pte_t pte) { return (pte & ~PTE_P) | PTE_PROTNONE; }
/* Back from PROT_NONE, read-only: write access returns through a fault. */
static inline pte_t pte_mkaccessible(pte_t pte) { return (pte & ~(PTE_PROTNONE | PTE_RW)) | PTE_P; }

#endif

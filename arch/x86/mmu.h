/*
 * mmu.h - x86 two-level paging, every bit named once.
 *
 * A 32-bit linear address splits 10/10/12:
 *
 *   31        22 21        12 11          0
 *  +------------+------------+-------------+
 *  |  PD index  |  PT index  |   offset    |
 *  +------------+------------+-------------+
 *
 * CR3 holds the physical address of the page directory (1024 PDEs).
 * A PDE points at a page table (1024 PTEs), or with PS set maps a whole
 * 4 MiB page.  A PTE maps one 4 KiB frame.
 *
 *  PDE/PTE:  31..12 frame address | 11..9 AVL | 8 G | 7 PS/PAT | 6 D | 5 A |
 *            4 PCD | 3 PWT | 2 U/S | 1 R/W | 0 P
 *
 * The boot code, mm/pgtable.[ch] and the arch side of faults
 * (fault_entry.c: the PF_ error bits) use this file; the rest of mm goes
 * through the small interface in mm/pgtable.h.
 */
#ifndef ARCH_X86_MMU_H
#define ARCH_X86_MMU_H

#define PTE_P    0x001     /* present */
#define PTE_RW   0x002     /* writable */
#define PTE_US   0x004     /* user-accessible */
#define PTE_PWT  0x008     /* write-through */
#define PTE_PCD  0x010     /* cache disable */
#define PTE_A    0x020     /* accessed (set by the CPU) */
#define PTE_D    0x040     /* dirty (set by the CPU) */
#define PTE_PS   0x080     /* in a PDE: 4 MiB page */
#define PTE_G    0x100     /* global: survives CR3 reloads (needs CR4.PGE) */
#define PTE_FRAME 0xFFFFF000

#define PD_SHIFT      22
#define PT_SHIFT      12
#define PT_ENTRIES    1024
#define PD_INDEX(va)  (((va) >> PD_SHIFT) & 0x3FF)
#define PT_INDEX(va)  (((va) >> PT_SHIFT) & 0x3FF)
#define LARGE_PAGE_SIZE (1 << PD_SHIFT)        /* 4 MiB */

/* Page-fault error code pushed by the CPU (vector 14). */
#define PF_PRESENT 0x1     /* 0: page not present, 1: protection violation */
#define PF_WRITE   0x2     /* the access was a write */
#define PF_USER    0x4     /* the access came from ring 3 */

/* Control register bits. */
#define CR0_WP   0x00010000 /* supervisor writes honour R/W */
#define CR0_PG   0x80000000
#define CR4_PSE  0x00000010
#define CR4_PGE  0x00000080

#endif

/*
 * pgtable.h - the one small page-table interface the rest of mm uses.
 * mm/pgtable.c implements it for x86 two-level paging; no other mm file
 * knows a PDE or PTE bit.
 */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include <stdint.h>

/* Cut the boot-time direct map down to the RAM that exists, drop the
 * identity map of low memory, and flush the TLB. */
void pgtable_trim_direct_map(uint32_t lowmem_top);

#endif

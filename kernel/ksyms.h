/*
 * ksyms.h - the kernel's own symbol table, so oopses and panics print
 * function names.  tools/mksyms.sh generates it from the linked kernel
 * (see the Makefile's two-pass link).
 */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <stdint.h>

struct ksym {
    uint32_t addr;
    const char *name;
};

extern const struct ksym ksyms[];
extern const unsigned ksyms_count;

/* The function containing addr, and addr's offset into it; NULL if none. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);
/* Print one "  [<addr>] name+0xoff" line per frame, following saved EBPs. */
void backtrace(uint32_t ebp);
void print_symbol_line(uint32_t addr);

#endif

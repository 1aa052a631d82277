/*
 * ksyms.c - symbol lookup and backtraces.  Every function is built with a
 * frame pointer, so each frame starts with [saved EBP][return address].
 */
#include "kernel/ksyms.h"
#include "kernel/printk.h"
#include "mm/memlayout.h"

#define BACKTRACE_MAX_DEPTH 16

extern char text_start[], text_end[];

const char *ksym_lookup(uint32_t addr, uint32_t *offset)
{
    unsigned lo = 0, hi = ksyms_count;

    if (addr < (uint32_t)text_start || addr >= (uint32_t)text_end || !ksyms_count)
        return 0;
    /* binary search for the last symbol at or below addr */
    while (hi - lo > 1) {
        unsigned mid = (lo + hi) / 2;
        if (ksyms[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    if (ksyms[lo].addr > addr)
        return 0;
    *offset = addr - ksyms[lo].addr;
    return ksyms[lo].name;
}

void print_symbol_line(uint32_t addr)
{
    uint32_t off;
    const char *name = ksym_lookup(addr, &off);

    if (name)
        printk("  [<%08x>] %s+0x%x\n", addr, name, off);
    else
        printk("  [<%08x>] ?\n", addr);
}

void backtrace(uint32_t ebp)
{
    printk("Backtrace:\n");
    for (int depth = 0; depth < BACKTRACE_MAX_DEPTH; depth++) {
        if (ebp < KERNEL_BASE || ebp >= DIRECT_MAP_END || (ebp & 3))
            break;
        uint32_t *frame = (uint32_t *)ebp;
        uint32_t ret = frame[1];
        if (!ret)
            break;
        print_symbol_line(ret);
        ebp = frame[0];
    }
}

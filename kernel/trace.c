/*
 * trace.c - one line per traced page fault:
 *
 *   fault: pid 2 addr 0x40000000 eip 0x08049a10 write user path zero_fill frames +1 result handled
 *
 * "frames" is the change in allocated frames (page tables included).  A
 * fault on a PTE's swap entry names its slot after the path (a shmem
 * page read back from swap is "swap_in" without one: its object, not a
 * PTE, held the slot):
 *
 *   fault: pid 2 addr 0x40001000 eip 0x08049a10 read user path swap_in slot 17 frames +1 result handled
 *
 * Under QEMU's -icount a program's trace repeats exactly.
 */
#include "kernel/cmdline.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/trace.h"
#include "mm/fault.h"

int trace_faults_pid = TRACE_OFF;

void trace_init(const char *cmdline)
{
    char value[32];

    if (!cmdline_get(cmdline, "trace", value, sizeof(value)) || strncmp(value, "faults", 6))
        return;
    if (value[6] == ':')
        trace_faults_pid = (int)parse_uint(value + 7, 0, 10);
    else
        trace_faults_pid = TRACE_ALL;
    printk("trace: page faults of %s\n", trace_faults_pid == TRACE_ALL ? "every task" : "one task");
}

void trace_fault(int pid, const struct fault *f, int result, int32_t frames)
{
    char slot[24] = "";

    if (f->swap_slot)
        ksnprintf(slot, sizeof(slot), " slot %u", f->swap_slot);
    printk("fault: pid %d addr 0x%08x eip 0x%08x %s %s path %s%s frames %c%d result %s\n", pid,
           f->addr, f->eip, f->write ? "write" : "read", f->user ? "user" : "kernel",
           f->path >= 0 ? fault_path_name[f->path] : "none", slot, frames < 0 ? '-' : '+',
           frames < 0 ? -frames : frames, fault_result_name[result]);
}

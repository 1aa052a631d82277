/* fail_nth.c - see fail_nth.h. */
#include "kernel/ksyms.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "mm/fail_nth.h"

int fail_nth_should_fail(uint32_t caller)
{
    uint32_t offset = 0;

    if (!current->fail_nth || current->kthread || !current->pid)
        return 0;
    if (--current->fail_nth)
        return 0;
    current->fail_nth_hit = 1;
    const char *fn = ksym_lookup(caller, &offset);
    printk("fail-nth: pid %d (%s): the allocation of %s+0x%x fails on purpose\n", current->pid,
           current->name, fn ? fn : "?", offset);
    return 1;
}

/*
 * power.c - power off on init's request.  Before leaving QEMU the kernel
 * tears down init's files and address space and empties the page cache,
 * then checks that every frame is back in the buddy allocator:
 *
 *   leakcheck: swap slots in use at power-off S
 *   leakcheck: committed pages at power-off C
 *   leakcheck: free pages at boot N, at power-off M
 *
 * N is counted just before init was created; M adds back the one thing
 * still in use, the kernel stack we are running on.  N == M means no
 * program leaked a frame, S == 0 that none leaked a swap slot, and C == 0
 * that every promise of memory (Committed_AS, mm/overcommit.h) was given
 * back.  (A swap area enabled at boot is enabled after N is counted, and
 * its tables are freed before M is; so is the file system made, with the
 * boot archive's files, and taken down with every file programs left.)
 */
#include "arch/x86/qemu.h"
#include "kernel/printk.h"
#include "kernel/power.h"
#include "kernel/tmpfs.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "mm/buddy.h"
#include "mm/kswapd.h"
#include "mm/overcommit.h"
#include "mm/pagecache.h"
#include "mm/swap.h"

uint32_t free_pages_at_boot;

void power_off(void)
{
    for (int i = 1; i < NR_TASKS; i++)
        if (tasks[i].state != TASK_UNUSED && tasks[i].state != TASK_DEAD && &tasks[i] != current &&
            !tasks[i].kthread)
            printk("power: pid %d (%s) still exists at power-off\n", tasks[i].pid, tasks[i].name);
    kswapd_wait_idle();
    task_drop_resources(current);
    thread_group_put(current->group);
    current->group = 0;
    task_free_dead();
    tmpfs_shutdown();
    pcache_shrink();
    if (swap_total_pages())
        printk("swap: %u pages written to swap, %u read back\n", pswpout, pswpin);
    printk("leakcheck: swap slots in use at power-off %u\n", swap_shutdown());
    printk("leakcheck: committed pages at power-off %u\n", vm_committed_pages);
    buddy_check();
    printk("leakcheck: free pages at boot %u, at power-off %u\n", free_pages_at_boot,
           nr_free_pages() + (1u << KSTACK_ORDER));
    printk("power: off\n");
    qemu_exit(QEMU_EXIT_PASS);
    panic_halt();
}

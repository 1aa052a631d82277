/*
 * main.c - kmain, the first C code: bring the machine up in order, then
 * run a self test (ktest=NAME) or start init.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/ide.h"
#include "arch/x86/pic.h"
#include "arch/x86/trap.h"
#include "kernel/boot_info.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/ktest.h"
#include "kernel/multiboot.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/ramdisk.h"
#include "kernel/tmpfs.h"
#include "kernel/task.h"
#include "kernel/time.h"
#include "kernel/trace.h"
#include "mm/buddy.h"
#include "mm/fault.h"
#include "mm/kswapd.h"
#include "mm/mem_init.h"
#include "mm/overcommit.h"
#include "mm/policy.h"
#include "mm/swap.h"

#define KERNEL_NAME "vmkernel"

extern const char init_elf_start[], init_elf_end[];
void idle_loop(void) __attribute__((noreturn));

/* Incremented once kmain is done with the boot steps; gdb tests read it. */
int boot_stage;

void kmain(uint32_t magic, uint32_t mbi_phys)
{
    boot_info_parse(magic, mbi_phys);
    console_init(kernel_cmdline);
    printk("\n%s: a teaching kernel about virtual memory (i386, higher half at 0xC0000000)\n",
           KERNEL_NAME);
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
        panic("kmain: not started by a Multiboot loader (magic 0x%x)", magic);
    printk("Command line: %s\n", kernel_cmdline);
    if (kernel_cmdline_truncated)
        printk("cmdline: longer than %u bytes: the rest is ignored\n", CMDLINE_MAX - 1);
    boot_info_print();
    boot_stage = 1;

    gdt_init();
    idt_init();
    pic_init();
    pit_init();
    time_init();
    boot_stage = 2;

    mem_init();
    mem_print_stats();
    ide_init();                 /* after the PIC and timer: it waits on IRQ14 and jiffies */
    boot_stage = 3;

    char test[32];
    if (cmdline_get(kernel_cmdline, "ktest", test, sizeof(test)))
        ktest_run(test);

    trace_init(kernel_cmdline);
    fpu_init();
    fault_init(kernel_cmdline);
    sched_init();
    static const char *init_argv[INIT_MAX_ARGS + 1];
    static char init_words[CMDLINE_MAX];
    if (cmdline_init_argv(kernel_cmdline, init_argv, INIT_MAX_ARGS, init_words, sizeof(init_words)) < 0)
        printk("cmdline: more than %d arguments for init: the rest are left out\n", INIT_MAX_ARGS);
    reclaim_policy_init(kernel_cmdline);
    kswapd_init(kernel_cmdline);
    free_pages_at_boot = nr_free_pages();
    tmpfs_init();                       /* after the count: power_off takes it down */
    ramdisk_init();
    struct inode *init_file;            /* /init, as in Linux's initramfs */
    if (tmpfs_add_seeded("init", S_IFREG | 0755, (uint8_t *)init_elf_start,
                         init_elf_end - init_elf_start, &init_file))
        panic("init: no memory for the init program's file");
    char swap_path[32];
    if (cmdline_get(kernel_cmdline, "swap", swap_path, sizeof(swap_path))) {
        int err = swap_on(swap_path);
        if (err)
            printk("swap: swap=%s: cannot enable it (error %d)\n", swap_path, err);
    }
    overcommit_init(kernel_cmdline);   /* after swapon: CommitLimit counts swap */
    task_start_init(init_file, init_argv);
    printk("Boot complete: starting init (Ctrl-A X quits QEMU).\n");
    idle_loop();
}

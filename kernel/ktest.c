/*
 * ktest.c - in-kernel self tests (ktest=NAME).  The harness in tests/
 * boots the kernel once per test and checks the serial log and the QEMU
 * exit status.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "arch/x86/ide.h"
#include "arch/x86/pic.h"
#include "arch/x86/qemu.h"
#include "arch/x86/trap.h"
#include "kernel/errno.h"
#include "kernel/ktest.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/procfs.h"
#include "kernel/task.h"
#include "mm/buddy.h"
#include "mm/kmalloc.h"

static int failures;

#define CHECK(cond)                                                             \
    do {                                                                        \
        if (!(cond)) {                                                          \
            printk("  check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);  \
            failures++;                                                         \
        }                                                                       \
    } while (0)

/* A named function that dereferences NULL, so the oops names it. */
static void __attribute__((noinline)) ktest_oops_trigger(void)
{
    volatile uintptr_t null_address = 0;   /* volatile: the compiler cannot see it is 0 */
    *(volatile int *)null_address = 42;
}

static void ktest_oops(void)
{
    printk("ktest oops: writing through a NULL pointer\n");
    ktest_oops_trigger();
    failures++;                 /* not reached: the oops halts */
}

/* A general protection fault whose gate is not present: the CPU cannot
 * deliver it and raises a double fault (vector 8) instead. */
static void ktest_double_fault(void)
{
    idt_disable_gate(T_GPF);
    __asm__ volatile("movw $0x1230, %%ax; movw %%ax, %%ds" ::: "eax");     /* past the GDT: #GP */
    failures++;
}

/* With an empty IDT nothing can be delivered: the CPU shuts down (a
 * triple fault), and QEMU, run with -no-reboot, exits. */
static void ktest_triple_fault(void)
{
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) empty = { 0, 0 };

    printk("ktest triple_fault: lidt of an empty IDT, then int3\n");
    __asm__ volatile("lidt %0; int3" : : "m"(empty));
    failures++;
}

static void ktest_boot(void)
{
    buddy_check();
}

static void set_bit(uint8_t *bits, uint32_t n) { bits[n / 8] |= 1u << (n % 8); }
static int test_bit(const uint8_t *bits, uint32_t n) { return bits[n / 8] >> (n % 8) & 1; }

/* The allocation class of each zone: the flags whose highest allowed zone it is. */
static const unsigned class_gfp[NR_ZONES] = { GFP_DMA, GFP_KERNEL, GFP_HIGHMEM };
static const char *const class_name[NR_ZONES] = { "GFP_DMA", "GFP_KERNEL", "GFP_HIGHMEM" };

/*
 * Allocate every free frame in blocks of varying order, check no frame
 * is handed out twice, free it all and check the allocator is exactly
 * as it was (same buddyinfo text, same free count).  The classes go from
 * GFP_HIGHMEM (a user page's) down to GFP_DMA, and each must stop at
 * exactly the lowmem reserve it leaves the zones below its own.
 */
static void ktest_buddy(void)
{
    static char before[512], after[512];
    uint32_t free_before = nr_free_pages();
    uint8_t *seen = kzalloc(max_pfn / 8 + 1);
    struct list_head blocks = LIST_HEAD_INIT(blocks);
    uint32_t allocated = 0, nr_blocks = 0;

    CHECK(seen != 0);
    buddy_check();
    buddy_format_buddyinfo(before, sizeof(before));
    free_before = nr_free_pages();
    for (int c = ZONE_HIGHMEM; c >= ZONE_DMA; c--) {
        /* what the allocations of class c must leave: each lower zone's
         * lowmem_reserve for c, or what it has if that is less */
        uint32_t leave = 0;
        for (int z = 0; z < c; z++)
            leave += MIN(zones[z].free_pages, zones[z].lowmem_reserve[c]);
        for (int order = MAX_ORDER; order >= 0; order--) {
            struct page *page;
            while ((page = alloc_pages(order, GFP_MAYFAIL | class_gfp[c] |
                                              (nr_blocks % 3 == 0 ? GFP_ZERO : 0)))) {
                uint32_t pfn = page_to_pfn(page);
                CHECK((pfn & ((1u << order) - 1)) == 0);
                for (uint32_t i = 0; i < (1u << order); i++) {
                    if (test_bit(seen, pfn + i)) {
                        printk("  frame 0x%x handed out twice\n", pfn + i);
                        failures++;
                    }
                    set_bit(seen, pfn + i);
                }
                list_add(&page->list, &blocks);
                allocated += 1u << order;
                nr_blocks++;
            }
        }
        printk("ktest buddy: %s took all it may, %u frames left (the lowmem reserve: %u)\n",
               class_name[c], nr_free_pages(), leave);
        CHECK(nr_free_pages() == leave);
    }
    printk("ktest buddy: allocated %u frames in %u blocks, %u left free\n", allocated,
           nr_blocks, nr_free_pages());
    CHECK(nr_free_pages() == 0);
    CHECK(allocated == free_before);
    CHECK(alloc_page(GFP_MAYFAIL) == 0);
    buddy_check();
    while (!list_empty(&blocks)) {
        struct page *page = container_of(blocks.next, struct page, list);
        list_del(&page->list);
        free_pages(page, page->order);
    }
    buddy_check();
    buddy_format_buddyinfo(after, sizeof(after));
    CHECK(nr_free_pages() == free_before);
    CHECK(strcmp(before, after) == 0);
    kfree(seen);
    printk("ktest buddy: freed every block; free count and buddyinfo are as before\n");
}

static void ktest_kmalloc(void)
{
    enum { N = 300 };
    static void *ptrs[N];
    uint32_t free_before = nr_free_pages();

    for (int i = 0; i < N; i++) {
        size_t size = 1 + (i * 37) % 5000;
        ptrs[i] = kmalloc(size);
        CHECK(ptrs[i] != 0);
        memset(ptrs[i], i & 0xFF, size);
    }
    for (int i = 0; i < N; i++) {
        size_t size = 1 + (i * 37) % 5000;
        const unsigned char *p = ptrs[i];
        for (size_t j = 0; j < size; j++)
            if (p[j] != (i & 0xFF)) {
                printk("  object %d byte %u overwritten\n", i, (unsigned)j);
                failures++;
                break;
            }
    }
    for (int i = 0; i < N; i += 2)
        kfree(ptrs[i]);
    for (int i = 1; i < N; i += 2)
        kfree(ptrs[i]);
    for (unsigned c = 0; c < KMALLOC_CLASSES; c++)
        CHECK(kmalloc_bytes_in_use[c] == 0);
    CHECK(kmalloc_large_bytes_in_use == 0);
    CHECK(nr_free_pages() == free_before);
    buddy_check();
}

static void ktest_kfree_bad(void)
{
    static int not_heap;
    kfree(&not_heap);
}

/* ---- ktest=ide: the disk of arch/x86/ide.c, on its last pages */

#define IDE_PAGE_SECTORS (PAGE_SIZE / IDE_SECTOR_SIZE)
#define IDE_TEST_PAGES   3              /* written and read in polling mode */
#define IDE_TASKS        2              /* kernel tasks sharing the drive */

static uint8_t ide_pattern[IDE_TEST_PAGES + IDE_TASKS][PAGE_SIZE];
static uint8_t ide_readback[IDE_TASKS + 1][PAGE_SIZE];

/* Page n of the test: n counted back from the end of the disk. */
static uint32_t ide_test_lba(int n)
{
    return ide_nr_sectors() - (n + 1) * IDE_PAGE_SECTORS;
}

/* A pattern that differs between pages and between the sectors of one. */
static void ide_fill(uint8_t *page, int n)
{
    for (uint32_t i = 0; i < PAGE_SIZE; i++)
        page[i] = (uint8_t)(n * 0x35 + i * 7 + i / IDE_SECTOR_SIZE);
}

/* Write page n's pattern, read it back into readback, compare; report
 * the guest cycles (instructions under -icount) of the two calls. */
static void ide_round_trip(int n, uint8_t *readback, const char *mode)
{
    uint64_t t0 = rdtsc();
    int write_err = ide_write(ide_test_lba(n), ide_pattern[n], IDE_PAGE_SECTORS);
    uint64_t t1 = rdtsc();
    int read_err = ide_read(ide_test_lba(n), readback, IDE_PAGE_SECTORS);
    uint64_t t2 = rdtsc();

    CHECK(write_err == 0);
    CHECK(read_err == 0);
    CHECK(memcmp(readback, ide_pattern[n], PAGE_SIZE) == 0);
    printk("ktest ide: %s: page at sector %u: write %u cycles, read %u cycles\n", mode,
           ide_test_lba(n), (uint32_t)(t1 - t0), (uint32_t)(t2 - t1));
}

static volatile int ide_tasks_done;

/* Body of a kernel task: one round trip on its own page, then it stays a
 * zombie (nobody reaps it: the test ends QEMU). */
static void ide_task_main(void)
{
    int slot = (current->pid - 1) % IDE_TASKS;   /* pids 1, 2, 3: pages of their own */

    ide_round_trip(IDE_TEST_PAGES + slot, ide_readback[1 + slot], "task, IRQ14");
    ide_tasks_done++;
    current->state = TASK_ZOMBIE;
    schedule();
}

/* A task with no address space whose first context_switch "returns"
 * into ide_task_main (the frame arch/x86/switch.S pops). */
static void ide_start_task(void)
{
    struct task *t = task_alloc();
    uint32_t *sp;

    CHECK(t != 0);
    if (!t)
        return;
    task_set_name(t, "ktest-ide");
    sp = (uint32_t *)t->tf;
    *--sp = (uint32_t)ide_task_main;
    *--sp = 0;                          /* ebp */
    *--sp = 0;                          /* ebx */
    *--sp = 0;                          /* esi */
    *--sp = 0;                          /* edi */
    *--sp = EFLAGS_RESERVED;            /* EFLAGS: interrupts off */
    t->saved_esp = (uint32_t)sp;
    task_wake(t);
}

/* Run the started tasks from here, the idle task, as idle_loop would,
 * until `count` of them are done or 5 s have passed. */
static void ide_run_tasks(int count)
{
    uint32_t deadline = jiffies + 5 * TIMER_HZ;

    while (ide_tasks_done < count && (int32_t)(jiffies - deadline) < 0) {
        schedule();
        sti();
        hlt();
        cli();
    }
    CHECK(ide_tasks_done == count);
}

/*
 * Distinct 4 KiB patterns written to the last pages of the disk and
 * read back, in polling mode (no task yet); requests past the end give
 * -EIO; then kernel tasks do round trips that sleep until IRQ14, first
 * one alone (its cycles are the IRQ-mode cost) and then two at once
 * (the second waits until the drive is free).
 */
static void ktest_ide(void)
{
    CHECK(ide_present());
    if (!ide_present())
        return;
    for (int n = 0; n < IDE_TEST_PAGES + IDE_TASKS; n++)
        ide_fill(ide_pattern[n], n);
    for (int n = 0; n < IDE_TEST_PAGES; n++)
        CHECK(ide_write(ide_test_lba(n), ide_pattern[n], IDE_PAGE_SECTORS) == 0);
    for (int n = 0; n < IDE_TEST_PAGES; n++) {
        CHECK(ide_read(ide_test_lba(n), ide_readback[0], IDE_PAGE_SECTORS) == 0);
        CHECK(memcmp(ide_readback[0], ide_pattern[n], PAGE_SIZE) == 0);
    }
    ide_round_trip(0, ide_readback[0], "polling");
    printk("ktest ide: %u pages written and read back\n", IDE_TEST_PAGES);

    CHECK(ide_read(ide_nr_sectors() - IDE_PAGE_SECTORS / 2, ide_readback[0],
                   IDE_PAGE_SECTORS) == -EIO);
    CHECK(ide_write(ide_nr_sectors(), ide_pattern[0], 1) == -EIO);
    CHECK(ide_read(0, ide_readback[0], 0) == -EIO);

    fpu_init();                         /* context switches save the FPU */
    ide_start_task();
    ide_run_tasks(1);
    ide_tasks_done = 0;
    for (int i = 0; i < IDE_TASKS; i++)
        ide_start_task();
    ide_run_tasks(IDE_TASKS);
}

/* What procfs_readdir emitted, names separated by spaces; with a limit,
 * emit refuses the entry after `limit` taken ones (a full buffer). */
struct listing {
    const char *dir;                    /* without a trailing slash */
    char names[512];
    uint32_t len;
    int taken, limit;
};

/* Takes the entry, checking that its inode number is its path's and its
 * d_type what stat says. */
static int listing_emit(void *ctx, const char *name, uint32_t ino, unsigned char d_type)
{
    struct listing *l = ctx;
    char path[64];

    if (l->limit && l->taken == l->limit)
        return 1;
    l->taken++;
    ksnprintf(path, sizeof(path), "%s/%s", l->dir, name);
    CHECK(ino == procfs_ino(path));
    CHECK((uint32_t)d_type << 12 == (procfs_stat_mode(path) & 0170000));
    l->len += ksnprintf(l->names + l->len, sizeof(l->names) - l->len, "%s%s", l->len ? " " : "", name);
    return 0;
}

/* The names of dir, listed in one call, or in calls of `per_call`
 * entries each. */
static const char *list_dir(struct listing *l, const char *dir, int per_call)
{
    uint32_t pos = 0;

    char clean[32];

    memset(l, 0, sizeof(*l));
    strlcpy(clean, dir, sizeof(clean));
    if (clean[strlen(clean) - 1] == '/')
        clean[strlen(clean) - 1] = 0;
    l->dir = clean;
    l->limit = per_call;
    for (int calls = 0; calls < 64; calls++) {
        int taken = l->taken;
        CHECK(procfs_readdir(dir, &pos, listing_emit, l) == 0);
        if (!per_call || l->taken == taken)
            break;
        l->limit += per_call;
    }
    return l->names;
}

/*
 * /proc as a tree (procfs_readdir, procfs_stat_mode, procfs_readlink)
 * over two tasks made up for the test, pids 12 and 3 in that slot order
 * (a listing gives them sorted), 12 being current: every directory's
 * names, the same in one call and in calls of two entries; modes,
 * links, errors; and /proc/12/stat's first fields.
 */
static void ktest_procfs(void)
{
    static const char pid_names[] = "stat statm status cmdline maps smaps schedstat oom_score "
                                    "oom_score_adj fail-nth clear_refs exe cwd fd";
    struct task *saved = current;
    struct listing l;
    char buf[64], *text;

    tasks[1].state = TASK_RUNNABLE;
    tasks[1].pid = tasks[1].tgid = 12;
    tasks[1].exit_signal = SIGCHLD;
    strlcpy(tasks[1].name, "twelve", sizeof(tasks[1].name));
    tasks[2].state = TASK_SLEEPING;
    tasks[2].pid = tasks[2].tgid = 3;
    current = &tasks[1];

    const char *root = "meminfo buddyinfo vmstat zoneinfo swaps uptime loadavg stat mounts sys sysvipc self 3 12";
    CHECK(!strcmp(list_dir(&l, "/proc", 0), root));
    CHECK(!strcmp(list_dir(&l, "/proc/", 2), root));
    CHECK(!strcmp(list_dir(&l, "/proc/sys", 0), "vm"));
    CHECK(!strcmp(list_dir(&l, "/proc/sys/vm/", 1), "overcommit_memory overcommit_ratio"));
    CHECK(!strcmp(list_dir(&l, "/proc/sysvipc", 1), "shm"));
    CHECK(!strcmp(list_dir(&l, "/proc/12", 0), pid_names));
    CHECK(!strcmp(list_dir(&l, "/proc/self", 2), pid_names));
    printk("ktest procfs: /proc: %s\n", root);

    uint32_t pos = 0;
    CHECK(procfs_readdir("/proc/4", &pos, listing_emit, &l) == -ENOENT);
    CHECK(procfs_readdir("/proc/012", &pos, listing_emit, &l) == -ENOENT);
    CHECK(procfs_readdir("/proc/meminfo", &pos, listing_emit, &l) == -ENOTDIR);
    CHECK(procfs_readdir("/proc/3/maps", &pos, listing_emit, &l) == -ENOTDIR);
    CHECK(procfs_readdir("/procfs", &pos, listing_emit, &l) == -ENOENT);

    CHECK(procfs_stat_mode("/proc") == 040555);
    CHECK(procfs_stat_mode("/proc/sys/vm") == 040555);
    CHECK(procfs_stat_mode("/proc/3") == 040555);
    CHECK(procfs_stat_mode("/proc/self") == 0120777);
    CHECK(procfs_stat_mode("/proc/self/") == 040555);
    CHECK(procfs_stat_mode("/proc/meminfo") == 0100444);
    CHECK(procfs_stat_mode("/proc/sys/vm/overcommit_ratio") == 0100644);
    CHECK(procfs_stat_mode("/proc/self/oom_score_adj") == 0100644);
    CHECK(procfs_stat_mode("/proc/3/clear_refs") == 0100200);
    CHECK(procfs_stat_mode("/proc/3/exe") == 0120777);
    CHECK(procfs_stat_mode("/proc/meminfo/") == -ENOTDIR);
    CHECK(procfs_stat_mode("/proc/3/nothing") == -ENOENT);
    CHECK(procfs_stat_mode("/proc/5") == -ENOENT);
    CHECK(procfs_ino("/proc/self/stat") == procfs_ino("/proc/12/stat"));
    CHECK(procfs_ino("/proc/self/") == procfs_ino("/proc/12"));
    CHECK(procfs_ino("/proc/12/stat") != procfs_ino("/proc/3/stat"));
    CHECK(procfs_ino("/proc") == 1 && procfs_ino("/proc/nothing") == 0);

    CHECK(procfs_readlink("/proc/self", buf, sizeof(buf)) == 2 && !strcmp(buf, "12"));
    CHECK(procfs_readlink("/proc/3/exe", buf, sizeof(buf)) == -ENOENT);    /* no program */
    CHECK(procfs_readlink("/proc/meminfo", buf, sizeof(buf)) == -EINVAL);
    CHECK(procfs_readlink("/proc/7/exe", buf, sizeof(buf)) == -ENOENT);

    CHECK(procfs_generate("/proc/3/exe", &text) == -ENOENT);
    int len = procfs_generate("/proc/self/stat", &text);
    CHECK(len > 0 && !strncmp(text, "12 (twelve) R 0 0 0 0 -1 ", 25));
    if (len > 0) {
        int fields = 1;
        for (int i = 0; i < len; i++)
            fields += text[i] == ' ';
        CHECK(fields == 52 && text[len - 1] == '\n');
        printk("ktest procfs: /proc/self/stat: %s", text);
        kfree(text);
    }
    len = procfs_generate("/proc/3/cmdline", &text);
    CHECK(len == 0);
    kfree(text);

    memset(&tasks[1], 0, sizeof(tasks[1]));
    memset(&tasks[2], 0, sizeof(tasks[2]));
    current = saved;
}

struct ktest {
    const char *name;
    void (*run)(void);
};

static const struct ktest ktests[] = {
    { "boot", ktest_boot },
    { "oops", ktest_oops },
    { "buddy", ktest_buddy },
    { "kmalloc", ktest_kmalloc },
    { "kfree_bad", ktest_kfree_bad },
    { "double_fault", ktest_double_fault },
    { "triple_fault", ktest_triple_fault },
    { "ide", ktest_ide },
    { "procfs", ktest_procfs },
};

void ktest_run(const char *name)
{
    for (unsigned i = 0; i < ARRAY_SIZE(ktests); i++) {
        if (strcmp(ktests[i].name, name))
            continue;
        ktests[i].run();
        if (failures) {
            printk("ktest %s: FAIL: %d checks failed\n", name, failures);
            qemu_exit(QEMU_EXIT_FAIL);
        } else {
            printk("ktest %s: PASS\n", name);
            qemu_exit(QEMU_EXIT_PASS);
        }
        panic("ktest: QEMU did not exit (no isa-debug-exit device?)");
    }
    printk("ktest %s: FAIL: no such test\n", name);
    qemu_exit(QEMU_EXIT_FAIL);
    panic("ktest: QEMU did not exit (no isa-debug-exit device?)");
}

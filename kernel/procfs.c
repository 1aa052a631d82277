/*
 * procfs.c - the text of each /proc file, in the layout Linux uses so the
 * same parsing works on both, and /proc as a tree of directories, files
 * and links (the tables sys_files and pid_files name them all).  Where a
 * figure means something different here (MemTotal counts the frames the
 * buddy allocator manages), the README says so.
 */
#include "arch/x86/pic.h"
#include "kernel/cpustat.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/lib.h"
#include "kernel/procfs.h"
#include "kernel/tmpfs.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "mm/buddy.h"
#include "mm/fault.h"
#include "mm/kmalloc.h"
#include "mm/kswapd.h"
#include "mm/mlock.h"
#include "mm/mm_stats.h"
#include "mm/oom_kill.h"
#include "mm/overcommit.h"
#include "mm/pagecache.h"
#include "mm/policy.h"
#include "mm/shm.h"
#include "mm/swap.h"
#include "mm/vma.h"
#include "mm/vmscan.h"

#define PROC_BUF_START 4096u            /* first buffer; doubled as needed */
#define PROC_BUF_MAX   (8u << 20)       /* larger texts fail with -ENOMEM */

/*
 * The text of one /proc file, built whole when the file is opened (a
 * snapshot: read() and lseek() then work on it at any offset and in
 * pieces of any size).  The buffer doubles whenever a line does not fit;
 * if it cannot grow, `failed` is set and the open fails with -ENOMEM.
 * Invariant: buf[len] == 0 and len < cap.
 */
struct seq {
    char *buf;
    uint32_t len, cap;
    int failed;
};

/* Make room for at least `more` bytes after len (plus the NUL). */
static int seq_reserve(struct seq *s, uint32_t more)
{
    uint32_t cap = s->cap;

    if (s->failed)
        return 0;
    while (s->len + more >= cap && cap <= PROC_BUF_MAX)
        cap *= 2;
    if (cap == s->cap)
        return 1;
    char *bigger = cap <= PROC_BUF_MAX ? kmalloc(cap) : 0;
    if (!bigger) {
        s->failed = 1;
        return 0;
    }
    memcpy(bigger, s->buf, s->len + 1);
    kfree(s->buf);
    s->buf = bigger;
    s->cap = cap;
    return 1;
}

static void seq_printf(struct seq *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void seq_printf(struct seq *s, const char *fmt, ...)
{
    va_list ap;

    for (;;) {
        va_start(ap, fmt);
        uint32_t n = kvsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap);
        va_end(ap);
        if (s->len + n < s->cap) {
            s->len += n;
            return;
        }
        s->buf[s->len] = 0;             /* drop the cut line, grow, try again */
        if (!seq_reserve(s, n))
            return;
    }
}

/* Spaces up to `column` bytes after `start` (Linux's maps name column). */
static void seq_pad_to(struct seq *s, uint32_t start, uint32_t column)
{
    uint32_t n = start + column > s->len ? start + column - s->len : 0;

    if (!n || !seq_reserve(s, n))
        return;
    memset(s->buf + s->len, ' ', n);
    s->len += n;
    s->buf[s->len] = 0;
}

/* "Name:           N kB", the meminfo/smaps layout. */
static void seq_kb(struct seq *s, const char *name, uint32_t kb)
{
    char label[24];
    ksnprintf(label, sizeof(label), "%s:", name);
    seq_printf(s, "%-16s%8u kB\n", label, kb);
}

static void show_meminfo(struct seq *s)
{
    struct frame_counts fc;
    struct mem_figures m;
    uint32_t kb = PAGE_SIZE / 1024;

    count_frames(&fc);
    mem_figures(&m);
    seq_kb(s, "MemTotal", m.total * kb);
    seq_kb(s, "MemFree", m.free * kb);
    seq_kb(s, "MemAvailable", (m.free + fc.pagecache) * kb);
    seq_kb(s, "Buffers", m.buffers * kb);
    seq_kb(s, "Cached", pcache_nr_pages() * kb);
    seq_kb(s, "SwapCached", swap_cached_pages() * kb);
    seq_kb(s, "AnonPages", fc.anon * kb);
    seq_kb(s, "Shmem", m.shared * kb);
    seq_kb(s, "Slab", fc.slab * kb);
    seq_kb(s, "KernelStack", fc.kernel * kb);
    seq_kb(s, "PageTables", fc.pagetable * kb);
    seq_kb(s, "Unevictable", nr_mlocked_pages * kb);
    seq_kb(s, "Mlocked", nr_mlocked_pages * kb);
    /* as a 32-bit Linux built with HIGHMEM prints them: Low is DMA + Normal */
    const struct zone *high = &zones[ZONE_HIGHMEM];
    seq_kb(s, "HighTotal", high->managed_pages * kb);
    seq_kb(s, "HighFree", high->free_pages * kb);
    seq_kb(s, "LowTotal", (nr_managed_pages() - high->managed_pages) * kb);
    seq_kb(s, "LowFree", (nr_free_pages() - high->free_pages) * kb);
    seq_kb(s, "SwapTotal", m.swap_total * kb);
    seq_kb(s, "SwapFree", m.swap_free * kb);
    seq_kb(s, "CommitLimit", vm_commit_limit() * kb);
    seq_kb(s, "Committed_AS", vm_committed_pages * kb);
    /* Ours: the userframes= budget (0: none) and the user pages it
     * counts, those not locked (mm/policy.h). */
    seq_kb(s, "UserFrames", userframes * kb);
    seq_kb(s, "UserPages", (nr_user_pages - nr_mlocked_pages) * kb);
}

/* /proc/zoneinfo: Linux's layout for each zone's free pages, watermarks,
 * sizes and lowmem_reserve (the lines of it that this kernel has; the
 * protection tuple has our three zones, Linux's also ZONE_MOVABLE). */
static void show_zoneinfo(struct seq *s)
{
    for (int z = 0; z < NR_ZONES; z++) {
        const struct zone *zone = &zones[z];
        if (!zone->managed_pages)
            continue;
        seq_printf(s, "Node 0, zone %8s\n", zone->name);
        seq_printf(s, "  pages free     %u\n", zone->free_pages);
        seq_printf(s, "        min      %u\n        low      %u\n        high     %u\n",
                   watermarks[z].min, watermarks[z].low, watermarks[z].high);
        seq_printf(s, "        spanned  %u\n        present  %u\n        managed  %u\n",
                   zone->end_pfn - zone->start_pfn, zone->end_pfn - zone->start_pfn,
                   zone->managed_pages);
        seq_printf(s, "        protection: (%u, %u, %u)\n", zone->lowmem_reserve[ZONE_DMA],
                   zone->lowmem_reserve[ZONE_NORMAL], zone->lowmem_reserve[ZONE_HIGHMEM]);
        seq_printf(s, "  start_pfn:           %u\n", zone->start_pfn);
    }
}

static void show_vmstat(struct seq *s)
{
    uint32_t total = 0;
    struct frame_counts fc;

    count_frames(&fc);
    for (int i = 0; i < NR_FAULT_PATHS; i++)
        total += fault_path_count[i];
    seq_printf(s, "nr_free_pages %u\n", nr_free_pages());
    seq_printf(s, "nr_anon_pages %u\n", fc.anon);
    seq_printf(s, "nr_file_pages %u\n", pcache_nr_pages());
    seq_printf(s, "pgfault %u\n", total);
    seq_printf(s, "pgmajfault %u\n", pgmajfault);
    seq_printf(s, "pswpin %u\n", pswpin);
    seq_printf(s, "pswpout %u\n", pswpout);
    seq_printf(s, "pgsteal_kswapd %u\npgsteal_direct %u\n", pgsteal_kswapd, pgsteal_direct);
    seq_printf(s, "pgscan_kswapd %u\npgscan_direct %u\n", pgscan_kswapd, pgscan_direct);
    seq_printf(s, "pageoutrun %u\nallocstall %u\n", kswapd_runs, allocstall);
    seq_printf(s, "oom_kill %u\n", oom_kill_count);
    for (int i = 0; i < NR_FAULT_PATHS; i++)
        seq_printf(s, "fault_%s %u\n", fault_path_name[i], fault_path_count[i]);
}

/* /proc/sysvipc/shm, as a 32-bit Linux lays it out (ipc/shm.c there):
 * sizes are %10lu; rss and swap are in bytes. */
static void show_sysvipc_shm(struct seq *s)
{
    struct shm_info_view v;
    int last = shm_max_index();

    seq_printf(s, "       key      shmid perms       size  cpid  lpid nattch   uid   gid  cuid  cgid"
                  "      atime      dtime      ctime        rss       swap\n");
    for (int i = 0; i <= last; i++) {
        if (shm_view(i, 1, &v))
            continue;
        seq_printf(s, "%10d %10d  %4o %10u %5d %5d  %5u %5u %5u %5u %5u %10u %10u %10u %10u %10u\n",
                   v.key, v.id, v.mode, v.size, v.cpid, v.lpid, v.nattch, 0u, 0u, 0u, 0u,
                   (uint32_t)v.atime, (uint32_t)v.dtime, (uint32_t)v.ctime,
                   v.rss_pages * PAGE_SIZE, v.swap_pages * PAGE_SIZE);
    }
}

/* /proc/swaps, laid out as Linux 6.1 does it (mm/swapfile.c there). */
static void show_swaps(struct seq *s)
{
    uint32_t kb = PAGE_SIZE / 1024, size = swap_total_pages() * kb;
    uint32_t used = (swap_total_pages() - swap_free_pages()) * kb;

    seq_printf(s, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
    if (size)
        seq_printf(s, "%-40s%s\t%u\t%s%u\t%s%d\n", SWAP_DEVICE, "partition", size,
                   size < 10000000 ? "\t" : "", used, used < 10000000 ? "\t" : "", -2);
}

static const char *vma_name(struct mm *mm, struct vma *vma, char *buf, uint32_t size)
{
    struct inode *file = vma->mapping ? vma->mapping->host : 0;

    if (shm_vma_id(vma) >= 0) {
        shm_vma_name(vma, buf, size);
        return buf;
    }
    if (vma->mapping && !file)
        return "/dev/zero (deleted)";
    if (file) {
        if (inode_path(file, buf, size))        /* unlinked, or a very long path */
            ksnprintf(buf, size, "%s (deleted)", file->deleted_path ? file->deleted_path : "");
        return buf;
    }
    if (vma->flags & VM_GROWSDOWN)
        return "[stack]";
    if (vma->start == mm->brk_start)
        return "[heap]";
    return 0;
}

/* One /proc/PID/maps line: "start-end perms offset dev inode   name". */
static void show_map_line(struct seq *s, struct mm *mm, struct vma *vma)
{
    char namebuf[NAME_MAX + 64];
    const char *name = vma_name(mm, vma, namebuf, sizeof(namebuf));
    uint32_t start = s->len;
    int shmid = shm_vma_id(vma);        /* a segment's inode number is its id */
    uint32_t ino = shmid >= 0 ? (uint32_t)shmid : vma->mapping && vma->mapping->host ? vma->mapping->host->ino : 0;

    seq_printf(s, "%08x-%08x %c%c%c%c %08x %s %u ", vma->start, vma->end,
               vma->prot & VM_READ ? 'r' : '-', vma->prot & VM_WRITE ? 'w' : '-',
               vma->prot & VM_EXEC ? 'x' : '-', vma->flags & VM_SHARED ? 's' : 'p',
               vma->mapping ? vma->file_offset : 0, vma->mapping ? "00:02" : "00:00", ino);
    if (name) {
        seq_pad_to(s, start, 73);               /* Linux pads names to column 73 */
        seq_printf(s, "%s", name);
    }
    seq_printf(s, "\n");
}

static void show_maps(struct seq *s, struct task *t, int smaps)
{
    struct list_head *pos;

    if (!t->mm)
        return;
    list_for_each(pos, &t->mm->vmas) {
        struct vma *vma = container_of(pos, struct vma, list);
        show_map_line(s, t->mm, vma);
        if (!smaps)
            continue;
        struct vma_stats st;
        vma_stats(t->mm, vma, &st);
        seq_kb(s, "Size", (vma->end - vma->start) / 1024);
        seq_kb(s, "KernelPageSize", 4);
        seq_kb(s, "MMUPageSize", 4);
        seq_kb(s, "Rss", st.rss / 1024);
        seq_kb(s, "Pss", st.pss / 1024);
        seq_kb(s, "Shared_Clean", st.shared_clean / 1024);
        seq_kb(s, "Shared_Dirty", st.shared_dirty / 1024);
        seq_kb(s, "Private_Clean", st.private_clean / 1024);
        seq_kb(s, "Private_Dirty", st.private_dirty / 1024);
        seq_kb(s, "Referenced", st.referenced / 1024);
        seq_kb(s, "Anonymous", st.anonymous / 1024);
        seq_kb(s, "ZeroPage", st.zero_pages / 1024);
        seq_kb(s, "Swap", st.swap / 1024);
        seq_kb(s, "SwapPss", (uint32_t)(st.swap_pss >> PSS_SHIFT) / 1024);
        seq_kb(s, "Locked", vma->flags & VM_LOCKED ? st.pss / 1024 : 0);
    }
}

/* A task's state as status shows it; its first letter is stat's. */
static const char *const task_state_names[] = { "X (dead)", "R (running)", "S (sleeping)",
                                                "Z (zombie)", "T (stopped)", "X (dead)" };

static int parent_pid(const struct task *t)
{
    return t->parent ? t->parent->tgid : 0;
}

/* The threads of t's process that have not ended (kernel threads: 1). */
static int nr_threads(const struct task *t)
{
    return t->group ? t->group->nr_threads : 1;
}

static void show_status(struct seq *s, struct task *t)
{
    struct mm_totals tot = { 0 };

    if (t->mm)
        mm_totals(t->mm, &tot);
    uint32_t rss_file = tot.file_rss + tot.shmem_rss;
    seq_printf(s, "Name:\t%s\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n", t->name,
               task_state_names[t->state], t->tgid, t->pid, parent_pid(t));
    seq_printf(s, "VmSize:\t%8u kB\nVmLck:\t%8u kB\nVmRSS:\t%8u kB\nRssAnon:\t%8u kB\nRssFile:\t%8u kB\n",
               tot.total_vm / 1024, tot.locked / 1024, (tot.anon_rss + rss_file) / 1024,
               tot.anon_rss / 1024, rss_file / 1024);
    /* VmWSS is ours: the working-set estimate, pages used since the clock
     * hand (or clear_refs) last cleared their accessed bits. */
    seq_printf(s, "VmStk:\t%8u kB\nVmSwap:\t%8u kB\nVmWSS:\t%8u kB\nThreads:\t%d\n",
               tot.stack / 1024, tot.swapents / 1024, tot.referenced / 1024, nr_threads(t));
    /* The signal sets as Linux prints them: bit sig-1, in 16 hex digits.
     * SigPnd: sent to this thread; ShdPnd: sent to the whole process. */
    seq_printf(s, "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\nSigIgn:\t%016llx\n"
                  "SigCgt:\t%016llx\n", t->sig.pending, t->group ? t->group->pending : 0,
               t->sig.blocked, signal_ignored(t), signal_caught(t));
}

/* /proc/PID/schedstat: "on-CPU waiting timeslices", as on Linux but
 * in TSC cycles (struct sched_stats). */
static void show_schedstat(struct seq *s, struct task *t)
{
    struct sched_stats st;

    task_sched_stats(t, &st);
    seq_printf(s, "%llu %llu %u\n", st.exec_cycles, st.delay_cycles, st.timeslices);
}

/* A task's CPU time in clock ticks (TIMER_HZ, Linux's USER_HZ): in user
 * mode, in the kernel, and the same for its reaped children. */
struct task_cpu_times {
    uint32_t utime, stime, cutime, cstime;
};
static void task_cpu_times(const struct task *t, struct task_cpu_times *times)
{
    times->utime = t->usage.user_ticks;         /* TIMER_HZ is Linux's USER_HZ, 100 */
    times->stime = t->usage.system_ticks;
    times->cutime = t->group ? t->group->children_usage.user_ticks : 0;
    times->cstime = t->group ? t->group->children_usage.system_ticks : 0;
}

/* Linux's task flags (PF_*) that mean something here. */
#define PF_EXITING    0x00000004        /* exiting: a zombie */
#define PF_FORKNOEXEC 0x00000040        /* forked, has not called execve */
#define PF_KTHREAD    0x00200000        /* a kernel thread */
#define RLIM_INFINITY_I386  0xFFFFFFFFu /* rsslim: no limit */

static uint32_t task_flags(const struct task *t)
{
    if (t->kthread)
        return PF_KTHREAD;
    return (t->state == TASK_ZOMBIE ? PF_EXITING : 0) |
           (!t->did_exec && t->pid != 1 ? PF_FORKNOEXEC : 0);
}

/*
 * /proc/PID/stat: Linux 6.1's 52 fields on one line (fs/proc/array.c,
 * man 5 proc), in order: pid (comm) state ppid pgrp session tty_nr
 * tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
 * priority nice num_threads itrealvalue starttime vsize rss rsslim
 * startcode endcode startstack kstkesp kstkeip signal blocked sigignore
 * sigcatch wchan nswap cnswap exit_signal processor rt_priority policy
 * delayacct_blkio_ticks guest_time cguest_time start_data end_data
 * start_brk arg_start arg_end env_start env_end exit_code.  No task has
 * a controlling terminal (tty_nr 0, tpgid -1); the code, stack and
 * argument addresses are not kept (0), nor the registers (0, as Linux
 * shows for a task that is not exiting); wchan is 1 for a task that is
 * not running, as Linux shows it.
 */
static void show_stat(struct seq *s, struct task *t)
{
    struct mm_totals tot = { 0 };
    struct task_cpu_times times;

    if (t->mm)
        mm_totals(t->mm, &tot);
    task_cpu_times(t, &times);
    const struct task_usage *children = t->group ? &t->group->children_usage : &(struct task_usage){ 0 };
    seq_printf(s, "%d (%s) %c %d %d %d 0 -1 %u %u %u %u %u ", t->pid, t->name,
               task_state_names[t->state][0], parent_pid(t), t->pgid, t->sid, task_flags(t),
               t->usage.min_flt, children->min_flt, t->usage.maj_flt, children->maj_flt);
    seq_printf(s, "%u %u %u %u 20 0 %d 0 %u %u %u %u 0 0 0 0 0 ", times.utime, times.stime,
               times.cutime, times.cstime, nr_threads(t), t->start_time, tot.total_vm,
               (tot.anon_rss + tot.file_rss + tot.shmem_rss) / PAGE_SIZE, RLIM_INFINITY_I386);
    seq_printf(s, "%u %u %u %u %d 0 0 %d 0 0 0 0 0 0 0 0 %u 0 0 0 0 %d\n",
               (uint32_t)(t->sig.pending & 0x7FFFFFFF), (uint32_t)(t->sig.blocked & 0x7FFFFFFF),
               (uint32_t)(signal_ignored(t) & 0x7FFFFFFF), (uint32_t)(signal_caught(t) & 0x7FFFFFFF),
               t->state != TASK_RUNNABLE, t->exit_signal, t->mm ? t->mm->brk_start : 0,
               t->state == TASK_ZOMBIE ? t->exit_status : 0);
}

/* /proc/PID/statm, in pages: size resident shared text lib data dt (lib
 * and dt are always 0 on Linux 2.6 and later). */
static void show_statm(struct seq *s, struct task *t)
{
    struct mm_totals tot = { 0 };

    if (t->mm)
        mm_totals(t->mm, &tot);
    uint32_t shared = tot.file_rss + tot.shmem_rss;
    seq_printf(s, "%u %u %u %u 0 %u 0\n", tot.total_vm / PAGE_SIZE,
               (tot.anon_rss + shared) / PAGE_SIZE, shared / PAGE_SIZE, tot.exec / PAGE_SIZE,
               (tot.data + tot.stack) / PAGE_SIZE);
}

/* /proc/PID/cmdline: the argv strings, each with its NUL (kernel/exec.h);
 * empty for a zombie or a kernel thread. */
static void show_cmdline(struct seq *s, struct task *t)
{
    if (!t->args || !seq_reserve(s, t->args->len))
        return;
    memcpy(s->buf + s->len, t->args->text, t->args->len);
    s->len += t->args->len;
    s->buf[s->len] = 0;
}

static void show_maps_only(struct seq *s, struct task *t) { show_maps(s, t, 0); }
static void show_smaps(struct seq *s, struct task *t) { show_maps(s, t, 1); }
static void show_oom_score(struct seq *s, struct task *t) { seq_printf(s, "%u\n", oom_score(t)); }
static void show_oom_score_adj(struct seq *s, struct task *t) { seq_printf(s, "%d\n", t->oom_score_adj); }
static void show_fail_nth(struct seq *s, struct task *t) { seq_printf(s, "%u\n", t->fail_nth); }

/* /proc/uptime: seconds since boot and seconds the CPU spent idle. */
static void show_uptime(struct seq *s)
{
    uint32_t now = jiffies, idle = (uint32_t)cpu_ticks.idle;

    seq_printf(s, "%u.%02u %u.%02u\n", now / TIMER_HZ, now % TIMER_HZ * 100 / TIMER_HZ,
               idle / TIMER_HZ, idle % TIMER_HZ * 100 / TIMER_HZ);
}

/* /proc/loadavg: the three load averages with two decimals (rounded as
 * Linux rounds them), runnable/existing tasks, and the last pid. */
static void show_loadavg(struct seq *s)
{
    for (int i = 0; i < 3; i++) {
        uint32_t load = load_average[i] + LOAD_FIXED_1 / 200;
        seq_printf(s, "%u.%02u ", load >> LOAD_FSHIFT, (load & (LOAD_FIXED_1 - 1)) * 100 >> LOAD_FSHIFT);
    }
    seq_printf(s, "%u/%u %d\n", task_count(1), task_count(0), task_last_pid());
}

/*
 * The time of the boot in seconds since 1970, /proc/stat's btime: 0 until
 * the kernel reads the real-time clock.
 */
static uint32_t boot_time_seconds(void)
{
    return 0;
}

/* /proc/stat as Linux 6.1 lays it out: the CPU's ticks (user nice system
 * idle iowait irq softirq steal guest guest_nice), once for all CPUs and
 * once for cpu0; interrupts (not counted: 0); context switches; boot
 * time; processes created since boot; tasks runnable; tasks blocked on
 * I/O (not told apart from other sleepers: 0); softirqs (none). */
static void show_stat_file(struct seq *s)
{
    const char *const cpus[] = { "cpu ", "cpu0" };

    for (int i = 0; i < 2; i++)
        seq_printf(s, "%s %llu 0 %llu %llu 0 0 0 0 0 0\n", cpus[i], cpu_ticks.user,
                   cpu_ticks.system, cpu_ticks.idle);
    seq_printf(s, "intr 0\nctxt %llu\nbtime %u\nprocesses %d\nprocs_running %u\n"
                  "procs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
               nr_context_switches, boot_time_seconds(), task_last_pid(), task_count(1));
}

/* /proc/mounts: the file system at / and /proc, as Linux shows a tmpfs
 * root and procfs (device, mount point, type, options, dump, pass). */
static void show_mounts(struct seq *s)
{
    seq_printf(s, "tmpfs / tmpfs rw 0 0\nproc /proc proc rw 0 0\n");
}

static void show_buddyinfo(struct seq *s) { s->len = buddy_format_buddyinfo(s->buf, s->cap); }
static void show_overcommit_memory(struct seq *s) { seq_printf(s, "%d\n", overcommit_mode); }
static void show_overcommit_ratio(struct seq *s) { seq_printf(s, "%u\n", overcommit_ratio); }

#ifndef S_IFMT
#define S_IFMT  0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_IFLNK 0120000
#endif

/*
 * The files of /proc: the system's (by their path after /proc/) and each
 * process's (by their name after /proc/PID/), with the type and
 * permission bits Linux gives them.  A file with no show function is
 * only written to (clear_refs) or is a symbolic link (exe).
 */
struct sys_file {
    const char *path;
    void (*show)(struct seq *s);
    uint32_t mode;
};
static const struct sys_file sys_files[] = {
    { "meminfo", show_meminfo, S_IFREG | 0444 },
    { "buddyinfo", show_buddyinfo, S_IFREG | 0444 },
    { "vmstat", show_vmstat, S_IFREG | 0444 },
    { "zoneinfo", show_zoneinfo, S_IFREG | 0444 },
    { "swaps", show_swaps, S_IFREG | 0444 },
    { "uptime", show_uptime, S_IFREG | 0444 },
    { "loadavg", show_loadavg, S_IFREG | 0444 },
    { "stat", show_stat_file, S_IFREG | 0444 },
    { "mounts", show_mounts, S_IFREG | 0444 },
    { "sys/vm/overcommit_memory", show_overcommit_memory, S_IFREG | 0644 },
    { "sys/vm/overcommit_ratio", show_overcommit_ratio, S_IFREG | 0644 },
    { "sysvipc/shm", show_sysvipc_shm, S_IFREG | 0444 },
};

struct pid_file {
    const char *name;
    void (*show)(struct seq *s, struct task *t);
    uint32_t mode;
};
static const struct pid_file pid_files[] = {
    { "stat", show_stat, S_IFREG | 0444 },
    { "statm", show_statm, S_IFREG | 0444 },
    { "status", show_status, S_IFREG | 0444 },
    { "cmdline", show_cmdline, S_IFREG | 0444 },
    { "maps", show_maps_only, S_IFREG | 0444 },
    { "smaps", show_smaps, S_IFREG | 0444 },
    { "schedstat", show_schedstat, S_IFREG | 0444 },
    { "oom_score", show_oom_score, S_IFREG | 0444 },
    { "oom_score_adj", show_oom_score_adj, S_IFREG | 0644 },
    { "fail-nth", show_fail_nth, S_IFREG | 0644 },
    { "clear_refs", 0, S_IFREG | 0200 },
    { "exe", 0, S_IFLNK | 0777 },
    { "cwd", 0, S_IFLNK | 0777 },
};

static const struct sys_file *find_sys_file(const char *path)
{
    for (uint32_t i = 0; i < ARRAY_SIZE(sys_files); i++)
        if (!strcmp(path, sys_files[i].path))
            return &sys_files[i];
    return 0;
}

static const struct pid_file *find_pid_file(const char *name)
{
    for (uint32_t i = 0; i < ARRAY_SIZE(pid_files); i++)
        if (!strcmp(name, pid_files[i].name))
            return &pid_files[i];
    return 0;
}

/*
 * "/proc/PID", "/proc/self" or either followed by "/what": the task
 * (NULL if there is none of that pid, or path is not of this form), and
 * in *what the part after the slash ("" for the directory itself).  A
 * pid is decimal without leading zeros, as Linux's name_to_int wants.
 */
static struct task *parse_pid_path(const char *path, const char **what)
{
    const char *p = path + 6;           /* after "/proc/" */
    struct task *t;

    if (!strncmp(p, "self", 4) && (p[4] == '/' || !p[4])) {
        t = current->group ? current->group->leader : current;     /* the process */
        p += 4;
    } else {
        const char *end;
        int pid = (int)parse_uint(p, &end, 10);
        if (end == p || (*end != '/' && *end) || (*p == '0' && end > p + 1))
            return 0;
        t = task_by_pid(pid);
        p = end;
    }
    if (t && t->group && !strncmp(p, "/task/", 6)) {       /* /proc/PID/task/TID... */
        const char *q = p + 6, *end;
        int tid = (int)parse_uint(q, &end, 10);
        if (end != q && (*end == '/' || !*end) && !(*q == '0' && end > q + 1)) {
            struct task *thread = task_by_pid(tid);
            if (!thread || thread->group != t->group)
                return 0;               /* not a thread of that process */
            t = thread;
            p = end;
        }
    }
    *what = *p == '/' ? p + 1 : p;
    return t;
}

/*
 * A number written to /proc, parsed as Linux's kstrtoint and kstrtouint
 * after strstrip: blanks around it, a sign ('-' only if is_signed), then
 * digits in base 10, or (base 0) hex after "0x" and octal after "0".
 * *out is the value, within 32 bits either way.  0, -EINVAL (not a
 * number) or -ERANGE.
 */
static int parse_proc_number(const char *buf, int base, int is_signed, int64_t *out)
{
    int negative = 0;
    uint64_t v = 0;

    while (*buf == ' ' || *buf == '\t' || *buf == '\n')
        buf++;
    if ((*buf == '-' && is_signed) || *buf == '+')
        negative = *buf++ == '-';
    if (!base && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X'))
        base = 16, buf += 2;
    else if (!base)
        base = buf[0] == '0' ? 8 : 10;
    const char *p = buf;
    for (;; p++) {
        int d = *p >= '0' && *p <= '9' ? *p - '0'
              : *p >= 'a' && *p <= 'f' ? *p - 'a' + 10
              : *p >= 'A' && *p <= 'F' ? *p - 'A' + 10 : 99;
        if (d >= base)
            break;
        if (v <= 0xFFFFFFFFu)           /* past that it is out of range anyway */
            v = v * base + d;
    }
    if (p == buf)
        return -EINVAL;
    while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
    if (*p)
        return -EINVAL;
    if (v > (!is_signed ? 0xFFFFFFFFu : negative ? 0x80000000u : 0x7FFFFFFFu))
        return -ERANGE;
    *out = negative ? -(int64_t)v : (int64_t)v;
    return 0;
}

static int parse_proc_int(const char *buf, int base, int *out)
{
    int64_t v;
    int err = parse_proc_number(buf, base, 1, &v);

    if (!err)
        *out = (int)v;
    return err;
}

/*
 * /proc/PID/clear_refs, as on Linux: "1" clears the accessed bits of
 * every page the process maps, "2" of its anonymous pages, "3" of its
 * file pages, so that Referenced: in smaps and VmWSS: in status count
 * the pages touched from then on.  "4" (soft-dirty bits, which Linux
 * has on x86-64 only) and "5" (reset VmHWM, which we do not keep) are
 * taken and change nothing, as on i386 Linux for "4"; anything else is
 * -EINVAL.
 */
static int write_clear_refs(struct task *t, const char *buf)
{
    int which;

    if (parse_proc_int(buf, 10, &which) || which < CLEAR_REFS_ALL || which > CLEAR_REFS_MM_HIWATER_RSS)
        return -EINVAL;
    if (t->mm && which <= CLEAR_REFS_MAPPED)
        mm_clear_refs(t->mm, which);
    return 0;
}

/* /proc/PID/oom_score_adj: -1000 (never chosen) to 1000 (chosen first). */
static int write_oom_score_adj(struct task *t, const char *buf)
{
    int adj;
    int err = parse_proc_int(buf, 0, &adj);

    if (err)
        return err;
    if (adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
        return -EINVAL;
    if (!t->group)
        t->oom_score_adj = adj;         /* a kernel thread */
    else
        for_each_thread(t, u)           /* the process's, as on Linux */
            u->oom_score_adj = adj;
    return 0;
}

/* /proc/sys/vm/overcommit_memory: 0, 1 or 2 (mm/overcommit.h). */
static int write_overcommit_memory(struct task *t, const char *buf)
{
    int mode;

    (void)t;
    if (parse_proc_int(buf, 0, &mode) || mode < OVERCOMMIT_GUESS || mode > OVERCOMMIT_NEVER)
        return -EINVAL;
    overcommit_mode = mode;
    return 0;
}

/* /proc/sys/vm/overcommit_ratio: a percentage of RAM, 0 or more (Linux
 * takes a negative one too, and then computes a huge CommitLimit). */
static int write_overcommit_ratio(struct task *t, const char *buf)
{
    int ratio;

    (void)t;
    if (parse_proc_int(buf, 0, &ratio) || ratio < 0)
        return -EINVAL;
    overcommit_ratio = (uint32_t)ratio;
    return 0;
}

/* /proc/PID/fail-nth (mm/fail_nth.h), as Linux 6.1's: an unsigned
 * number (kstrtouint); N > 0 arms the task's Nth failable allocation to
 * fail, 0 disarms.  Like Linux for root, any task's file may be written. */
static int write_fail_nth(struct task *t, const char *buf)
{
    int64_t n;
    int err = parse_proc_number(buf, 0, 0, &n);

    if (err)
        return err;
    t->fail_nth = (uint32_t)n;
    return 0;
}

/* The files write() acts on: a process's (name after /proc/PID/) or
 * the system's (the whole path). */
struct proc_writer {
    const char *name;
    int (*write)(struct task *t, const char *buf);
};
static const struct proc_writer pid_writers[] = {
    { "clear_refs", write_clear_refs },
    { "oom_score_adj", write_oom_score_adj },
    { "fail-nth", write_fail_nth },
};
static const struct proc_writer sys_writers[] = {
    { "/proc/sys/vm/overcommit_memory", write_overcommit_memory },
    { "/proc/sys/vm/overcommit_ratio", write_overcommit_ratio },
};

/* The writer of path and the task it is about (NULL for a system file). */
static const struct proc_writer *find_writer(const char *path, struct task **t)
{
    const char *what;

    *t = 0;
    for (uint32_t i = 0; i < ARRAY_SIZE(sys_writers); i++)
        if (!strcmp(path, sys_writers[i].name))
            return &sys_writers[i];
    *t = parse_pid_path(path, &what);
    if (!*t)
        return 0;
    for (uint32_t i = 0; i < ARRAY_SIZE(pid_writers); i++)
        if (!strcmp(what, pid_writers[i].name))
            return &pid_writers[i];
    return 0;
}

int procfs_read_live(const char *path, char *buf, uint32_t size)
{
    const char *what;
    struct task *t = parse_pid_path(path, &what);

    if (!t || t->state == TASK_UNUSED || strcmp(what, "fail-nth"))
        return -1;
    return ksnprintf(buf, size, "%u\n", t->fail_nth);
}

int procfs_writable(const char *path)
{
    struct task *t;

    return find_writer(path, &t) != 0;
}

int procfs_write(const char *path, const char *buf)
{
    struct task *t;
    const struct proc_writer *w = find_writer(path, &t);

    if (t && t->state == TASK_UNUSED)
        return -ESRCH;
    if (!w)
        return -EINVAL;
    return w->write(t, buf);
}

int procfs_generate(const char *path, char **text)
{
    const struct sys_file *sys = find_sys_file(path + 6);
    const struct pid_file *pf = 0;
    const char *what;
    struct task *t = sys ? 0 : parse_pid_path(path, &what);

    if (t)
        pf = find_pid_file(what);
    if (!sys && (!pf || (pf->mode & S_IFMT) == S_IFLNK))
        return -ENOENT;
    *text = 0;
    if (pf && !pf->show)
        return 0;                       /* written to, never read */
    struct seq s = { kmalloc(PROC_BUF_START), 0, PROC_BUF_START, 0 };
    if (!s.buf)
        return -ENOMEM;
    s.buf[0] = 0;
    if (sys)
        sys->show(&s);
    else
        pf->show(&s, t);
    if (s.failed) {
        kfree(s.buf);
        return -ENOMEM;
    }
    *text = s.buf;
    return s.len;
}

/* ---- /proc as a tree: readdir, stat, readlink ---- */


#define PROC_ROOT_INO   1               /* /proc's inode number, as on Linux */
#define PROC_SELF_POS   255             /* readdir position of /proc/self ... */
#define PROC_PID_POS    256             /* ... and of pid P: PROC_PID_POS + P */
_Static_assert(ARRAY_SIZE(sys_files) < PROC_SELF_POS, "readdir positions of /proc overlap");

enum proc_kind {
    PROC_NONE,                          /* no such path */
    PROC_ROOT,                          /* /proc */
    PROC_SYS_DIR,                       /* a directory of sys_files: /proc/sys, /proc/sys/vm */
    PROC_SYS_FILE,                      /* one of sys_files */
    PROC_SELF,                          /* the link /proc/self */
    PROC_PID_DIR,                       /* /proc/PID (or /proc/self/) */
    PROC_PID_FILE,                      /* one of pid_files under /proc/PID */
    PROC_FD_DIR,                        /* /proc/PID/fd */
    PROC_FD_LINK,                       /* /proc/PID/fd/N: a link to what fd N is */
    PROC_TASK_DIR,                      /* /proc/PID/task: a directory per thread,
                                           /proc/PID/task/TID, as /proc/PID for it */
};

/* What a /proc path names. */
struct proc_node {
    enum proc_kind kind;
    char rel[PROC_PATH_MAX];            /* the path after "/proc/", no trailing slash */
    const struct sys_file *sys_file;    /* PROC_SYS_FILE */
    struct task *task;                  /* PROC_SELF, PROC_PID_DIR, PROC_PID_FILE */
    const struct pid_file *pid_file;    /* PROC_PID_FILE */
    int fd;                             /* PROC_FD_LINK */
    int trailing_slash;                 /* path ended in '/': it must be a directory */
};

/* Whether rel ("sys", "sys/vm") is a directory holding sys_files. */
static int is_sys_dir(const char *rel)
{
    uint32_t len = strlen(rel);

    for (uint32_t i = 0; i < ARRAY_SIZE(sys_files); i++)
        if (!strncmp(sys_files[i].path, rel, len) && sys_files[i].path[len] == '/')
            return 1;
    return 0;
}

/* The descriptor named (decimal, no leading 0) if t has it open, else -1. */
static int fd_of_name(const struct task *t, const char *name)
{
    const char *end;
    uint32_t fd = parse_uint(name, &end, 10);

    if (end == name || *end || (*name == '0' && end > name + 1) || fd >= NR_OPEN || !t->files ||
        !t->files->fd[fd])
        return -1;
    return (int)fd;
}

/* Find what path names; n->kind is PROC_NONE if nothing. */
static void proc_lookup(const char *path, struct proc_node *n)
{
    char clean[PROC_PATH_MAX + 6];
    uint32_t len = strlen(path);
    const char *what;

    memset(n, 0, sizeof(*n));
    if (len >= sizeof(clean) || strncmp(path, "/proc", 5) || (path[5] && path[5] != '/'))
        return;
    memcpy(clean, path, len + 1);
    if (len > 5 && clean[len - 1] == '/') {
        n->trailing_slash = 1;
        clean[--len] = 0;
    }
    if (len <= 5) {
        n->kind = PROC_ROOT;
        return;
    }
    strlcpy(n->rel, clean + 6, sizeof(n->rel));
    if ((n->sys_file = find_sys_file(n->rel)) != 0) {
        n->kind = PROC_SYS_FILE;
    } else if (is_sys_dir(n->rel)) {
        n->kind = PROC_SYS_DIR;
    } else if ((n->task = parse_pid_path(clean, &what)) != 0) {
        if (!strcmp(what, "fd"))
            n->kind = PROC_FD_DIR;
        else if (!strcmp(what, "task") && n->task->group)
            n->kind = PROC_TASK_DIR;
        else if (!strncmp(what, "fd/", 3))
            n->kind = (n->fd = fd_of_name(n->task, what + 3)) >= 0 ? PROC_FD_LINK : PROC_NONE;
        else if (*what)
            n->kind = (n->pid_file = find_pid_file(what)) != 0 ? PROC_PID_FILE : PROC_NONE;
        else
            n->kind = strcmp(n->rel, "self") || n->trailing_slash ? PROC_PID_DIR : PROC_SELF;
    }
}

/* FNV-1a, which spreads the paths over the inode numbers. */
static uint32_t hash_path(const char *s)
{
    uint32_t h = 2166136261u;

    while (*s)
        h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

/* The inode number of an existing node: /proc is PROC_ROOT_INO, the
 * others a hash of their path with /proc/self/ read as /proc/PID/, its
 * top bit set so that it is never 0 or PROC_ROOT_INO. */
static uint32_t node_ino(const struct proc_node *n)
{
    char canonical[PROC_PATH_MAX + 24];

    switch (n->kind) {
    case PROC_ROOT:
        return PROC_ROOT_INO;
    case PROC_PID_DIR:
        ksnprintf(canonical, sizeof(canonical), "/proc/%d", n->task->pid);
        break;
    case PROC_PID_FILE:
        ksnprintf(canonical, sizeof(canonical), "/proc/%d/%s", n->task->pid, n->pid_file->name);
        break;
    case PROC_FD_DIR:
        ksnprintf(canonical, sizeof(canonical), "/proc/%d/fd", n->task->pid);
        break;
    case PROC_FD_LINK:
        ksnprintf(canonical, sizeof(canonical), "/proc/%d/fd/%d", n->task->pid, n->fd);
        break;
    case PROC_TASK_DIR:
        ksnprintf(canonical, sizeof(canonical), "/proc/%d/task", n->task->tgid);
        break;
    default:
        ksnprintf(canonical, sizeof(canonical), "/proc/%s", n->rel);
        break;
    }
    return hash_path(canonical) | 0x80000000u;
}

uint32_t procfs_ino(const char *path)
{
    struct proc_node n;

    proc_lookup(path, &n);
    return n.kind == PROC_NONE ? 0 : node_ino(&n);
}

int procfs_stat_mode(const char *path)
{
    struct proc_node n;

    proc_lookup(path, &n);
    switch (n.kind) {
    case PROC_NONE:
        return -ENOENT;
    case PROC_SYS_FILE:
        return n.trailing_slash ? -ENOTDIR : (int)n.sys_file->mode;
    case PROC_PID_FILE:
        return n.trailing_slash ? -ENOTDIR : (int)n.pid_file->mode;
    case PROC_SELF:
        return S_IFLNK | 0777;
    case PROC_FD_LINK:                  /* as Linux: the owner's, by the access mode */
        return S_IFLNK | (n.task->files->fd[n.fd]->readable ? 0500 : 0) |
               (n.task->files->fd[n.fd]->writable ? 0200 : 0);
    case PROC_FD_DIR:
        return S_IFDIR | 0500;
    default:
        return S_IFDIR | 0555;
    }
}

int procfs_readlink(const char *path, char *buf, uint32_t size)
{
    struct proc_node n;

    proc_lookup(path, &n);
    if (n.kind == PROC_SELF)
        return ksnprintf(buf, size, "%d", n.task->tgid);
    if (n.kind == PROC_NONE)
        return -ENOENT;
    if (n.kind == PROC_FD_LINK)
        return file_link_text(n.task->files->fd[n.fd], buf, size);
    if (n.kind != PROC_PID_FILE || (n.pid_file->mode & S_IFMT) != S_IFLNK)
        return -EINVAL;
    struct inode *target;
    if (!strcmp(n.pid_file->name, "cwd") && n.task->fs)
        target = n.task->fs->cwd ? n.task->fs->cwd : tmpfs_root();
    else if (n.task->mm && n.task->mm->exe_file)
        target = n.task->mm->exe_file;
    else
        return -ENOENT;                 /* a zombie runs nothing */
    int err = inode_path(target, buf, size);
    return err ? err : (int)strlen(buf);
}

/* The state of one readdir call: entries before pos are skipped, and
 * each one emit takes moves pos past it. */
struct dir_walk {
    uint32_t *pos;
    procfs_emit_fn emit;
    void *ctx;
};

/* Offer the entry at position at; 1 if the walk must end here. */
static int walk_offer(struct dir_walk *w, uint32_t at, const char *name, uint32_t ino,
                      unsigned char d_type)
{
    if (at < *w->pos)
        return 0;
    if (w->emit(w->ctx, name, ino, d_type))
        return 1;
    *w->pos = at + 1;
    return 0;
}

/* Whether a sys_file before index i is in the directory path[0, end). */
static int dir_listed_before(uint32_t i, const char *path, uint32_t end)
{
    for (uint32_t j = 0; j < i; j++)
        if (!strncmp(sys_files[j].path, path, end) && sys_files[j].path[end] == '/')
            return 1;
    return 0;
}

/* The entries of a sys_files directory (rel "" for /proc itself): each
 * name after "rel/" up to the next slash, a file if it is the last part
 * of its path, else a directory, listed once.  Their positions are
 * 0, 1, 2, ... in sys_files order.  1 if emit stopped the walk. */
static int walk_sys_dir(struct dir_walk *w, const char *rel)
{
    uint32_t len = strlen(rel), at = 0;

    for (uint32_t i = 0; i < ARRAY_SIZE(sys_files); i++) {
        const char *path = sys_files[i].path;
        if (len && (strncmp(path, rel, len) || path[len] != '/'))
            continue;
        const char *name = path + (len ? len + 1 : 0);
        const char *slash = strchr(name, '/');
        uint32_t end = slash ? (uint32_t)(slash - path) : strlen(path);     /* the entry: path[0, end) */
        if (slash && dir_listed_before(i, path, end))
            continue;
        char child[PROC_PATH_MAX + 6] = "/proc/";
        struct proc_node n;
        memcpy(child + 6, path, end);
        child[6 + end] = 0;
        proc_lookup(child, &n);
        if (walk_offer(w, at++, child + 6 + (name - path), node_ino(&n), slash ? DT_DIR : DT_REG))
            return 1;
    }
    return 0;
}

/* A directory per task in increasing id order, at position PROC_PID_POS
 * + id: each process's leader (g NULL: /proc), or each thread of the
 * process g (/proc/PID/task). */
static void walk_ids(struct dir_walk *w, const struct thread_group *g)
{
    for (;;) {
        uint32_t from = *w->pos > PROC_PID_POS ? *w->pos - PROC_PID_POS : 0;
        struct task *next = 0;
        for (int i = 1; i < NR_TASKS; i++) {
            struct task *t = &tasks[i];
            if (t->state == TASK_UNUSED || t->state == TASK_DEAD || (uint32_t)t->pid < from ||
                (g ? t->group != g : t->pid != t->tgid))
                continue;
            if (!next || t->pid < next->pid)
                next = t;
        }
        if (!next)
            return;
        char name[12];
        struct proc_node dir = { .kind = PROC_PID_DIR, .task = next };
        ksnprintf(name, sizeof(name), "%d", next->pid);
        if (walk_offer(w, PROC_PID_POS + next->pid, name, node_ino(&dir), DT_DIR))
            return;
    }
}

/* /proc's own entries after its files: "self", then a directory for
 * each process. */
static void walk_pids(struct dir_walk *w)
{
    struct proc_node n = { .kind = PROC_SELF, .rel = "self" };

    if (walk_offer(w, PROC_SELF_POS, "self", node_ino(&n), DT_LNK))
        return;
    walk_ids(w, 0);
}

/* The files of /proc/PID, at positions 0, 1, 2, ..., then fd and task. */
static void walk_pid_dir(struct dir_walk *w, struct task *t)
{
    struct proc_node fd_dir = { .kind = PROC_FD_DIR, .task = t };
    struct proc_node task_dir = { .kind = PROC_TASK_DIR, .task = t };

    for (uint32_t i = 0; i < ARRAY_SIZE(pid_files); i++) {
        const struct pid_file *pf = &pid_files[i];
        struct proc_node n = { .kind = PROC_PID_FILE, .task = t, .pid_file = pf };
        if (walk_offer(w, i, pf->name, node_ino(&n), (pf->mode & S_IFMT) == S_IFLNK ? DT_LNK : DT_REG))
            return;
    }
    if (walk_offer(w, ARRAY_SIZE(pid_files), "fd", node_ino(&fd_dir), DT_DIR))
        return;
    if (t->group)
        walk_offer(w, ARRAY_SIZE(pid_files) + 1, "task", node_ino(&task_dir), DT_DIR);
}

/* /proc/PID/fd: a link per open descriptor, at the position of its number. */
static void walk_fd_dir(struct dir_walk *w, struct task *t)
{
    for (int fd = 0; t->files && fd < NR_OPEN; fd++) {     /* a zombie has none */
        char name[12];
        struct proc_node n = { .kind = PROC_FD_LINK, .task = t, .fd = fd };
        if (!t->files->fd[fd])
            continue;
        ksnprintf(name, sizeof(name), "%d", fd);
        if (walk_offer(w, fd, name, node_ino(&n), DT_LNK))
            return;
    }
}

int procfs_readdir(const char *dir, uint32_t *pos, procfs_emit_fn emit, void *ctx)
{
    struct dir_walk w = { pos, emit, ctx };
    struct proc_node n;

    proc_lookup(dir, &n);
    switch (n.kind) {
    case PROC_NONE:
        return -ENOENT;
    case PROC_SYS_FILE:
    case PROC_PID_FILE:
        return -ENOTDIR;
    case PROC_ROOT:
        if (*pos < PROC_SELF_POS && walk_sys_dir(&w, ""))
            return 0;
        if (*pos < PROC_SELF_POS)
            *pos = PROC_SELF_POS;       /* past the files: on to self and the pids */
        walk_pids(&w);
        return 0;
    case PROC_SYS_DIR:
        walk_sys_dir(&w, n.rel);
        return 0;
    case PROC_FD_DIR:
        walk_fd_dir(&w, n.task);
        return 0;
    case PROC_TASK_DIR:
        walk_ids(&w, n.task->group);
        return 0;
    case PROC_FD_LINK:
        return -ENOTDIR;
    default:                            /* /proc/PID, or /proc/self followed */
        walk_pid_dir(&w, n.task);
        return 0;
    }
}

/*
 * procfs.c - the text of each /proc file, in the layout Linux uses so the
 * same parsing works on both.  Where a figure means something different
 * here (MemTotal counts the frames the buddy allocator manages), the
 * README says so.
 */
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/procfs.h"
#include "kernel/tmpfs.h"
#include "kernel/task.h"
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
    uint32_t kb = PAGE_SIZE / 1024;

    count_frames(&fc);
    seq_kb(s, "MemTotal", nr_managed_pages() * kb);
    seq_kb(s, "MemFree", nr_free_pages() * kb);
    seq_kb(s, "MemAvailable", (nr_free_pages() + fc.pagecache) * kb);
    seq_kb(s, "Buffers", 0);
    seq_kb(s, "Cached", pcache_nr_pages() * kb);
    seq_kb(s, "SwapCached", swap_cached_pages() * kb);
    seq_kb(s, "AnonPages", fc.anon * kb);
    seq_kb(s, "Slab", fc.slab * kb);
    seq_kb(s, "KernelStack", fc.kernel * kb);
    seq_kb(s, "PageTables", fc.pagetable * kb);
    seq_kb(s, "Unevictable", nr_mlocked_pages * kb);
    seq_kb(s, "Mlocked", nr_mlocked_pages * kb);
    seq_kb(s, "SwapTotal", swap_total_pages() * kb);
    seq_kb(s, "SwapFree", swap_free_pages() * kb);
    seq_kb(s, "CommitLimit", vm_commit_limit() * kb);
    seq_kb(s, "Committed_AS", vm_committed_pages * kb);
    /* Ours: the userframes= budget (0: none) and the user pages it
     * counts, those not locked (mm/policy.h). */
    seq_kb(s, "UserFrames", userframes * kb);
    seq_kb(s, "UserPages", (nr_user_pages - nr_mlocked_pages) * kb);
}

/* /proc/zoneinfo: Linux's layout for each zone's free pages, watermarks
 * and sizes (the lines of it that this kernel has). */
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

    if (vma->mapping && !file)
        return "/dev/zero (deleted)";
    if (file) {
        if (inode_path(file, buf, size))        /* unlinked, or a very long path */
            ksnprintf(buf, size, "%s (deleted)", inode_name(file));
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

    seq_printf(s, "%08x-%08x %c%c%c%c %08x %s %u ", vma->start, vma->end,
               vma->prot & VM_READ ? 'r' : '-', vma->prot & VM_WRITE ? 'w' : '-',
               vma->prot & VM_EXEC ? 'x' : '-', vma->flags & VM_SHARED ? 's' : 'p',
               vma->mapping ? vma->file_offset : 0, vma->mapping ? "00:02" : "00:00",
               vma->mapping && vma->mapping->host ? vma->mapping->host->ino : 0);
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

static void show_status(struct seq *s, struct task *t)
{
    static const char *const states[] = { "X (dead)", "R (running)", "S (sleeping)", "Z (zombie)",
                                          "T (stopped)" };
    struct mm_totals tot = { 0 };

    if (t->mm)
        mm_totals(t->mm, &tot);
    uint32_t rss_file = tot.file_rss + tot.shmem_rss;
    seq_printf(s, "Name:\t%s\nState:\t%s\nPid:\t%d\nPPid:\t%d\n", t->name, states[t->state],
               t->pid, t->parent ? t->parent->pid : 0);
    seq_printf(s, "VmSize:\t%8u kB\nVmLck:\t%8u kB\nVmRSS:\t%8u kB\nRssAnon:\t%8u kB\nRssFile:\t%8u kB\n",
               tot.total_vm / 1024, tot.locked / 1024, (tot.anon_rss + rss_file) / 1024,
               tot.anon_rss / 1024, rss_file / 1024);
    /* VmWSS is ours: the working-set estimate, pages used since the clock
     * hand (or clear_refs) last cleared their accessed bits. */
    seq_printf(s, "VmStk:\t%8u kB\nVmSwap:\t%8u kB\nVmWSS:\t%8u kB\nThreads:\t1\n",
               tot.stack / 1024, tot.swapents / 1024, tot.referenced / 1024);
    /* The signal sets as Linux prints them: bit sig-1, in 16 hex digits.
     * SigPnd: sent to this thread; ShdPnd: sent to the whole process. */
    seq_printf(s, "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\nSigIgn:\t%016llx\n"
                  "SigCgt:\t%016llx\n", t->sig.pending & ~t->sig.shared, t->sig.pending & t->sig.shared,
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

/* "/proc/PID/what" or "/proc/self/what": the task, and what. */
static struct task *parse_pid_path(const char *path, const char **what)
{
    const char *p = path + 6;           /* after "/proc/" */
    struct task *t;

    if (!strncmp(p, "self/", 5)) {
        t = current;
        p += 5;
    } else {
        const char *end;
        int pid = (int)parse_uint(p, &end, 10);
        if (end == p || *end != '/')
            return 0;
        t = task_by_pid(pid);
        p = end + 1;
    }
    *what = p;
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
    t->oom_score_adj = adj;
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

int procfs_is_proc_path(const char *path)
{
    return !strncmp(path, "/proc/", 6);
}

int procfs_generate(const char *path, char **text)
{
    struct seq s = { kmalloc(PROC_BUF_START), 0, PROC_BUF_START, 0 };
    const char *what;
    struct task *t;

    if (!s.buf)
        return -ENOMEM;
    s.buf[0] = 0;
    if (!strcmp(path, "/proc/meminfo")) {
        show_meminfo(&s);
    } else if (!strcmp(path, "/proc/buddyinfo")) {
        s.len = buddy_format_buddyinfo(s.buf, s.cap);
    } else if (!strcmp(path, "/proc/vmstat")) {
        show_vmstat(&s);
    } else if (!strcmp(path, "/proc/zoneinfo")) {
        show_zoneinfo(&s);
    } else if (!strcmp(path, "/proc/swaps")) {
        show_swaps(&s);
    } else if (!strcmp(path, "/proc/sys/vm/overcommit_memory")) {
        seq_printf(&s, "%d\n", overcommit_mode);
    } else if (!strcmp(path, "/proc/sys/vm/overcommit_ratio")) {
        seq_printf(&s, "%u\n", overcommit_ratio);
    } else if ((t = parse_pid_path(path, &what)) && t->state != TASK_UNUSED) {
        if (!strcmp(what, "maps"))
            show_maps(&s, t, 0);
        else if (!strcmp(what, "smaps"))
            show_maps(&s, t, 1);
        else if (!strcmp(what, "status"))
            show_status(&s, t);
        else if (!strcmp(what, "schedstat"))
            show_schedstat(&s, t);
        else if (!strcmp(what, "oom_score"))
            seq_printf(&s, "%u\n", oom_score(t));
        else if (!strcmp(what, "oom_score_adj"))
            seq_printf(&s, "%d\n", t->oom_score_adj);
        else if (!strcmp(what, "fail-nth"))
            seq_printf(&s, "%u\n", t->fail_nth);
        else if (!strcmp(what, "clear_refs")) {
            kfree(s.buf);               /* written to, never read */
            *text = 0;
            return 0;
        } else
            goto missing;
    } else {
        goto missing;
    }
    if (s.failed) {
        kfree(s.buf);
        return -ENOMEM;
    }
    *text = s.buf;
    return s.len;
missing:
    kfree(s.buf);
    return -ENOENT;
}

/*
 * oom_kill.c - choose and kill a process when memory has run out.
 *
 * The allocation that failed waits for its victim to be gone, then
 * tries again: it dies itself only when it is the worst.  The report
 * follows Linux 6.1's lines and columns, so that a log reads the same
 * as dmesg on Linux after the same program.
 */
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "mm/buddy.h"
#include "mm/mm_stats.h"
#include "mm/oom_kill.h"
#include "mm/page.h"
#include "mm/policy.h"
#include "mm/swap.h"
#include "mm/vmscan.h"

uint32_t oom_kill_count;
static int victim_pid;                  /* the process (tgid) whose memory is not yet
                                           free, or 0 */
static int stuck_reported;              /* init found nothing to kill and it was logged; cleared
                                           when reclaim frees a page or a victim is killed */

/* Linux's gfp_mask for each kind of allocation, as dump_header prints it. */
static const struct ksiginfo oom_info = { .code = SI_KERNEL };   /* the SIGKILL's */
static const char *const gfp_text[] = {
    [OOM_ANON_PAGE] = "0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)",
    [OOM_PAGECACHE_PAGE] = "0x100cca(GFP_HIGHUSER_MOVABLE)",
};

static uint32_t oom_totalpages(void)
{
    return nr_managed_pages() + swap_total_pages();
}

static uint32_t rss_pages(const struct mm_totals *tot)
{
    return (tot->anon_rss + tot->file_rss + tot->shmem_rss) / PAGE_SIZE;
}

/* Whether t speaks for its process here: the first of its threads that
 * still has the address space (the others share it; Linux's
 * find_lock_task_mm). */
static int speaks_for_process(const struct task *t)
{
    if (!t->mm || t->state == TASK_UNUSED)
        return 0;
    for (const struct task *u = tasks + 1; u < t; u++)
        if (u->state != TASK_UNUSED && u->group == t->group && u->mm)
            return 0;
    return 1;
}

long oom_badness(struct task *t, uint32_t totalpages)
{
    struct mm_totals tot;

    if (t->tgid == 1 || t->kthread || !speaks_for_process(t) || t->state == TASK_ZOMBIE ||
        t->oom_score_adj == OOM_SCORE_ADJ_MIN)
        return OOM_UNKILLABLE;
    mm_totals(t->mm, &tot);
    long points = (long)(rss_pages(&tot) + tot.swapents / PAGE_SIZE + tot.pgtables / PAGE_SIZE);
    return points + t->oom_score_adj * (long)(totalpages / 1000);
}

uint32_t oom_score(struct task *t)
{
    long totalpages = (long)oom_totalpages();
    long badness = oom_badness(t, (uint32_t)totalpages);

    if (badness == OOM_UNKILLABLE)
        return 0;
    return (uint32_t)((1000 + badness * 1000 / totalpages) * 2 / 3);
}

/* dump_tasks: one row per process that could be chosen (not init, not a
 * kernel thread), memory in pages. */
static void dump_tasks(void)
{
    printk("Tasks state (memory values in pages):\n");
    printk("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
    for (int i = 1; i < NR_TASKS; i++) {
        struct task *t = &tasks[i];
        struct mm_totals tot;
        if (t->tgid == 1 || t->kthread || !speaks_for_process(t))
            continue;
        mm_totals(t->mm, &tot);
        printk("[%7d] %5d %5d %8u %8u %8u %8u         %5d %s\n", t->pid, 0, t->tgid,
               tot.total_vm / PAGE_SIZE, rss_pages(&tot), tot.pgtables, tot.swapents / PAGE_SIZE,
               t->oom_score_adj, t->name);
    }
}

/* The task with the highest badness; of equals, the younger (higher
 * pid), as Linux's walk in creation order keeps the last. */
static struct task *select_bad_process(uint32_t totalpages)
{
    struct task *chosen = 0;
    long chosen_points = OOM_UNKILLABLE;

    for (int i = 1; i < NR_TASKS; i++) {
        struct task *t = &tasks[i];
        if (t->state == TASK_UNUSED)
            continue;
        long points = oom_badness(t, totalpages);
        if (points == OOM_UNKILLABLE || points < chosen_points)
            continue;
        if (points == chosen_points && chosen && t->pid < chosen->pid)
            continue;
        chosen = t;
        chosen_points = points;
    }
    return chosen;
}

static void kill_victim(struct task *victim)
{
    struct mm_totals tot;

    mm_totals(victim->mm, &tot);
    printk("Out of memory: Killed process %d (%s) total-vm:%ukB, anon-rss:%ukB, file-rss:%ukB, "
           "shmem-rss:%ukB, UID:0 pgtables:%ukB oom_score_adj:%d\n", victim->tgid, victim->name,
           tot.total_vm / 1024, tot.anon_rss / 1024, tot.file_rss / 1024, tot.shmem_rss / 1024,
           tot.pgtables / 1024, victim->oom_score_adj);
    oom_kill_count++;
    stuck_reported = 0;
    victim_pid = victim->tgid;
    send_signal(victim, SIGKILL, &oom_info);
}

/* A thread of the victim pending that still holds its memory, if any. */
static struct task *pending_victim(void)
{
    for (int i = 1; victim_pid && i < NR_TASKS; i++)
        if (tasks[i].state != TASK_UNUSED && tasks[i].tgid == victim_pid && tasks[i].mm)
            return &tasks[i];
    return 0;
}

/*
 * out_of_memory: kill the worst process, unless a victim is still dying,
 * then wait until the victim's memory is free.  1: try the allocation
 * again; 0: current is the one to die, or the victim shares current's
 * address space and may be waiting for its lock (the caller fails).  With no process to choose,
 * Linux panics; here the allocating task dies instead, even with
 * oom_score_adj -1000, and init, which may not, waits a tick and tries
 * again (logged once, not at every tick).
 */
static int out_of_memory(enum oom_alloc what)
{
    struct task *victim = pending_victim();

    if (!victim) {
        victim = select_bad_process(oom_totalpages());
        if (victim || !stuck_reported) {
            printk("%s invoked oom-killer: gfp_mask=%s, order=0, oom_score_adj=%d\n", current->name,
                   gfp_text[what], current->oom_score_adj);
            dump_tasks();
        }
        if (!victim) {
            if (!stuck_reported || current->pid != 1)
                printk("Out of memory and no killable processes: pid %d (%s) %s\n", current->pid,
                       current->name, current->pid == 1 ? "waits" : "dies");
            stuck_reported = current->pid == 1;     /* init retries each tick: say it once */
            if (current->pid != 1) {
                oom_kill_count++;
                send_signal(current, SIGKILL, &oom_info);
            }
            sleep_until(jiffies + 1, 1);    /* a handled signal waits for the retry */
            return !fatal_signal_pending(current);
        }
        kill_victim(victim);
    }
    while (pending_victim() && victim_pid != current->tgid && !fatal_signal_pending(current)) {
        if (pending_victim()->mm == current->mm)
            return 0;                   /* a process sharing our mm (CLONE_VM) may wait for
                                           the mmap lock this fault holds: fail, let go,
                                           and let the access fault again */
        sleep_on(&victim_pid);
    }
    return !fatal_signal_pending(current);
}

void oom_victim_gone(struct task *t)
{
    if (t->tgid != victim_pid || pending_victim())
        return;                         /* not the victim, or another of its threads
                                           still holds the memory */
    victim_pid = 0;
    wakeup(&victim_pid);
}

/* A user page under I/O (read in, or written out by kswapd or another
 * task's reclaim) may soon be free or takeable: wait for it rather than
 * kill.  1 if there was one. */
static int wait_for_io_in_flight(void)
{
    struct list_head *pos;

    list_for_each(pos, &user_pages) {
        struct page *page = container_of(pos, struct page, list);
        if (page->flags & PG_locked) {
            swap_wait_io(page);
            return 1;
        }
    }
    return 0;
}

int reclaim_or_oom(enum oom_alloc what)
{
    if (fatal_signal_pending(current))
        return 0;                       /* dying anyway: its memory is about to be free */
    if (current->fail_nth_hit) {        /* injected (mm/fail_nth.h): memory is there */
        current->fail_nth_hit = 0;
        return 1;
    }
    if (reclaim_for_alloc() || wait_for_io_in_flight()) {
        stuck_reported = 0;
        return 1;
    }
    return out_of_memory(what);
}

/*
 * sched.c - round-robin scheduling over the task table, preempted by the
 * timer when a task is in user mode.  The kernel itself is never
 * preempted: it runs with interrupts off and gives up the CPU only in
 * schedule() (sleep_on, exit, yield).  tasks[0] is the idle task, the
 * boot context, which halts until an interrupt makes someone runnable.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/pic.h"
#include "arch/x86/trap.h"
#include "kernel/console.h"
#include "kernel/cpustat.h"
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/trap_handlers.h"
#include "mm/highmem.h"
#include "mm/vma.h"

struct task tasks[NR_TASKS];
struct task *current = &tasks[0];
static int need_resched;
volatile uint32_t jiffies;

void context_switch(uint32_t *save_esp, uint32_t new_esp);

void sched_init(void)
{
    tasks[0].state = TASK_RUNNABLE;
    tasks[0].pid = 0;
    task_set_name(&tasks[0], "idle");
}

static struct task *pick_next(void)
{
    int start = current - tasks;

    for (int i = 1; i <= NR_TASKS; i++) {
        struct task *t = &tasks[(start + i) % NR_TASKS];
        if (t != &tasks[0] && t->state == TASK_RUNNABLE)
            return t;
    }
    return &tasks[0];
}

static void switch_to(struct task *next)
{
    struct task *prev = current;

    if (next == prev)
        return;
    uint64_t now = rdtsc();
    prev->sched.exec_cycles += now - prev->sched.since;
    prev->sched.since = now;            /* waiting from now, if still runnable */
    next->sched.delay_cycles += now - next->sched.since;
    next->sched.since = now;
    next->sched.timeslices++;
    nr_context_switches++;
    fpu_save(&prev->fpu);
    fpu_restore(&next->fpu);
    current = next;
    tss_set_kernel_stack(next->kstack + (PAGE_SIZE << KSTACK_ORDER));
    if (!next->mm || next->mm != prev->mm)      /* threads of one mm keep the TLB */
        pgtable_activate(next->mm ? next->mm->pgdir : pgtable_kernel());
    gdt_load_tls(next->tls);
    context_switch(&prev->saved_esp, next->saved_esp);
}

/* Give the CPU to the next runnable task; returns when we run again. */
void schedule(void)
{
    kmap_assert_none_atomic();
    need_resched = 0;
    for (;;) {
        struct task *next = pick_next();
        if (next != &tasks[0] || current == &tasks[0]) {
            switch_to(next);
            if (nr_dead_tasks)
                task_free_dead();       /* ended threads, now that their stacks are free */
            return;
        }
        if (current->state == TASK_RUNNABLE)
            return;             /* nobody else: keep running */
        switch_to(&tasks[0]);   /* idle until something wakes up */
        return;
    }
}

/* The idle task: wait for interrupts, run whoever becomes runnable. */
void idle_loop(void)
{
    for (;;) {
        if (pick_next() != &tasks[0]) {
            schedule();
            continue;
        }
        sti();
        hlt();
        cli();
    }
}

void sleep_on(const void *channel)
{
    current->wait_channel = channel;
    current->state = TASK_SLEEPING;
    schedule();
    current->wait_channel = 0;
}

void sleep_on_timeout(const void *channel, int has_deadline, uint32_t deadline)
{
    current->wake_at = has_deadline ? MAX(deadline, 1u) : 0;   /* 0 would be none */
    sleep_on(channel);
    current->wake_at = 0;
}

int sleep_until(uint32_t wake_at, int killable_only)
{
    current->wake_at = wake_at;
    while (current->wake_at) {
        if (killable_only ? fatal_signal_pending(current) : signal_pending(current)) {
            current->wake_at = 0;
            return -EINTR;
        }
        sleep_on(&current->wake_at);
    }
    return 0;
}

void task_wake(struct task *t)
{
    t->state = TASK_RUNNABLE;
    t->sched.since = rdtsc();
}

void task_sched_stats(const struct task *t, struct sched_stats *st)
{
    *st = t->sched;
    if (t == current)
        st->exec_cycles += rdtsc() - t->sched.since;
}

void wakeup(const void *channel)
{
    for (int i = 1; i < NR_TASKS; i++)
        if (tasks[i].state == TASK_SLEEPING && tasks[i].wait_channel == channel)
            task_wake(&tasks[i]);
}

/*
 * CPU time, sampled as Linux samples it without precise accounting: each
 * tick goes to the task it finds running, as user or system time by the
 * mode it interrupted; a tick that finds the idle task is nobody's.  The
 * kernel runs with interrupts off, so a tick that comes while a task is
 * in the kernel waits; trap_dispatch opens a window for it before each
 * return to user mode (irq_window), so that it is taken in kernel mode
 * and counted as system time, not just after the return as user time.
 */
static void charge_tick(const struct trap_frame *tf)
{
    if (current == &tasks[0])
        return;
    if (trap_from_user(tf))
        current->usage.user_ticks++;
    else
        current->usage.system_ticks++;
}

/* A tick: charge it to the task it interrupted (see above), wake the
 * sleepers whose time has come, and preempt a task in user mode when
 * someone else could run (a task alone keeps the CPU without a trip
 * through schedule). */
void timer_interrupt(struct trap_frame *tf)
{
    int others = 0;

    jiffies++;
    charge_tick(tf);
    cpustat_tick(trap_from_user(tf), current == &tasks[0]);
    for (int i = 1; i < NR_TASKS; i++) {
        if (tasks[i].wake_at && tasks[i].wake_at <= jiffies) {
            tasks[i].wake_at = 0;
            if (tasks[i].state == TASK_SLEEPING)
                task_wake(&tasks[i]);
        }
        signal_tick(&tasks[i], jiffies);
        others |= tasks[i].state == TASK_RUNNABLE && &tasks[i] != current;
    }
    console_tick();
    if (trap_from_user(tf) && others)
        need_resched = 1;
}

void sched_exclude_irq(uint64_t cycles)
{
    current->sched.since += cycles;
}

int return_to_user_pending(void)
{
    return signal_work(current) | need_resched;
}

/* On the way back to user mode, when return_to_user_pending(): switch if
 * preempted, then act on pending signals (which may kill, stop, or build
 * a handler's frame in tf). */
void return_to_user_check(struct trap_frame *tf)
{
    if (need_resched)
        schedule();
    do_signal(tf);
}

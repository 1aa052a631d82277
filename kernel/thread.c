/*
 * thread.c - the thread group: a process's threads ending together, and
 * execve ending all but one (see thread.h).  clone is in kernel/clone.c,
 * the end of one task in kernel/task.c.
 */
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "kernel/thread.h"
#include "mm/kmalloc.h"

int nr_dead_tasks;

struct thread_group *thread_group_new(struct task *leader)
{
    struct thread_group *g = kzalloc(sizeof(*g));

    if (!g)
        return 0;
    g->refs = 1;
    g->nr_threads = 1;
    g->leader = leader;
    return g;
}

void thread_group_put(struct thread_group *g)
{
    KASSERT(g->refs > 0);
    if (--g->refs == 0)
        kfree(g);
}

void usage_add(struct task_usage *sum, const struct task_usage *more)
{
    sum->user_ticks += more->user_ticks;
    sum->system_ticks += more->system_ticks;
    sum->min_flt += more->min_flt;
    sum->maj_flt += more->maj_flt;
}

void thread_group_usage(const struct task *t, struct task_usage *sum)
{
    *sum = t->group->dead_usage;
    for_each_thread(t, u)
        if (u->state != TASK_ZOMBIE)    /* a zombie's usage is in dead_usage */
            usage_add(sum, &u->usage);
}

struct task *thread_group_live(struct task *t, const struct task *except)
{
    for_each_thread(t, u)
        if (u != except && u->state != TASK_ZOMBIE)
            return u;
    return 0;
}

/* Every thread of t's group but except (NULL: none) that has not ended
 * and is not dying already is to die of sig; its sleep ends early. */
static void doom_threads(struct task *t, const struct task *except, int sig)
{
    for_each_thread(t, u) {
        if (u == except || u->state == TASK_ZOMBIE || u->sig.fatal)
            continue;
        u->sig.fatal = sig;
        if (u->state == TASK_SLEEPING || u->state == TASK_STOPPED)
            task_wake(u);
    }
}

void thread_group_kill(struct task *t, int status)
{
    struct thread_group *g = t->group;

    if (!g->exiting) {
        g->exiting = 1;
        g->exit_status = status;
    }
    doom_threads(t, 0, W_SIGNALED(status) ? W_SIGNALED(status) : SIGKILL);
}

void do_group_exit(int status)
{
    thread_group_kill(current, status);
    do_exit(current->group->exit_status);
}

int thread_group_exec(void)
{
    struct thread_group *g = current->group;

    if (g->nr_threads == 1)
        return 0;
    g->exec_waiting = 1;
    doom_threads(current, current, SIGKILL);
    while (g->nr_threads > 1 && !fatal_signal_pending(current))
        sleep_on(g);                    /* each ending thread wakes us (do_exit) */
    g->exec_waiting = 0;
    if (g->nr_threads > 1)
        return -EINTR;                  /* a group exit overtook the exec */
    struct task *leader = g->leader;
    if (leader != current) {
        /* take the leader's place: its pid, parent and wait status go on */
        KASSERT(leader->state == TASK_ZOMBIE);
        current->pid = leader->pid;
        current->parent = leader->parent;
        current->exit_signal = leader->exit_signal;
        current->start_time = leader->start_time;
        g->leader = current;
        task_free(leader);
    }
    return 0;
}

void task_free_dead(void)
{
    for (int i = 1; i < NR_TASKS && nr_dead_tasks; i++)
        if (tasks[i].state == TASK_DEAD && &tasks[i] != current) {
            task_free(&tasks[i]);
            nr_dead_tasks--;
        }
}

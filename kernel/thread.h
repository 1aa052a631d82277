/*
 * thread.h - processes of several threads (Linux's thread groups).
 *
 * clone(CLONE_THREAD) makes a task that joins its creator's thread
 * group: it shares the address space, descriptors, working directory
 * and signal actions (clone requires the flags that share them), and
 * the group's id, the pid of its first task, the leader.  getpid is the
 * group's id, gettid the task's own.  What is the process's rather than
 * one thread's lives in struct thread_group (Linux's signal_struct).
 *
 * The end of a process:
 *   exit(2)       ends the calling thread only.  A thread other than the
 *                 leader is freed at once (nobody waits for it); the
 *                 leader stays a zombie until every thread is gone.
 *   exit_group(2) and every fatal signal (a fault's SIGSEGV in any thread,
 *                 SIGKILL, an uncaught SIGTERM) end the whole group:
 *                 each other thread gets SIGKILL, and the process's
 *                 status is the one exit_group or the signal gave.
 *   The parent is told (SIGCHLD, wait) when the last thread has ended,
 *   with the status of that last thread (as Linux 6 reports it: the
 *   leader's exit code counts only if the leader ends last).
 * execve from any thread first ends all the others (thread_group_exec).
 *
 * Who changes what: the thread list and counts are changed by clone and
 * by exit of the group's own tasks; `exiting` and `exit_status` by the
 * first thread to start a group exit; the shared pending signals by any
 * sender (from a task or an interrupt, with interrupts off) and by the
 * thread that takes one.  The kernel is not preempted and there is one
 * CPU, so each change is one step.
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include "kernel/task.h"

struct thread_group {
    int refs;                           /* tasks that point here, the zombie leader too */
    int nr_threads;                     /* tasks that have not exited yet */
    struct task *leader;                /* the task whose pid is the group's id */
    int exiting;                        /* a group exit has begun: every thread ends */
    int exit_status;                    /* then: the process's wait status */
    int exec_waiting;                   /* an execve waits for the other threads to end */
    sigset_t pending;                   /* signals sent to the process (Linux's
                                           shared_pending: /proc ShdPnd); any thread
                                           that does not block one may take it */
    struct ksiginfo info[NSIG];         /* of each of those */
    uint32_t alarm_at;                  /* jiffies of alarm()'s SIGALRM, 0: none */
    struct task_usage dead_usage;       /* of its threads that have exited */
    struct task_usage children_usage;   /* of reaped children and their reaped
                                           children (RUSAGE_CHILDREN, times' cutime) */
};

/* Each live or zombie task of t's group, t's own included. */
#define for_each_thread(t, u) \
    for (struct task *u = tasks + 1; u < tasks + NR_TASKS; u++) \
        if (u->group == (t)->group && u->state != TASK_UNUSED && u->state != TASK_DEAD)

/* A group for a new process whose first task is leader; NULL if no memory. */
struct thread_group *thread_group_new(struct task *leader);
/* Drop a task's hold on g; the last frees it. */
void thread_group_put(struct thread_group *g);
/* Add more into sum. */
void usage_add(struct task_usage *sum, const struct task_usage *more);
/* The process's getrusage(RUSAGE_SELF): its threads' usage, gone ones too. */
void thread_group_usage(const struct task *t, struct task_usage *sum);
/* Start the end of current's process with wait status `status` (unless
 * one has begun: then its status stands), and end current. */
void do_group_exit(int status) __attribute__((noreturn));
/* Ask every thread of t's group to end (SIGKILL) with status; the first
 * such request wins.  Returns without waiting. */
void thread_group_kill(struct task *t, int status);
/* execve's first step: end every other thread of current's group and
 * wait for them.  A thread other than the leader then takes the
 * leader's place and pid.  0, or -EINTR if current is to die itself. */
int thread_group_exec(void);
/* The first thread of t's group, other than except (NULL: none), that
 * has not ended; NULL if there is none. */
struct task *thread_group_live(struct task *t, const struct task *except);
/* Free the slots of threads that have exited (TASK_DEAD), except current's. */
void task_free_dead(void);
extern int nr_dead_tasks;

#endif

/*
 * pgrp.c - process groups and sessions, as on Linux: every process has a
 * pgid and a sid, copied from its parent at fork.  A group is just the
 * set of processes (zombies included, until reaped) with one pgid; a
 * process leads its group when pgid == pid and its session when sid ==
 * pid.  Every thread of a process carries its process's pgid and sid
 * (set_process_group changes them together); the walks here look at
 * each process once, through its leader.
 * init is pid 1, pgid 1, sid 1.  Invariants kept by setpgid and setsid:
 * every member of a group is in the same session, and a session leader
 * never changes group.  kill() and the console reach groups through kill_pgrp_info.
 */
#include "kernel/errno.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/thread.h"

/* Each process, through its leader (kernel threads included). */
#define for_each_process(t) \
    for (struct task *t = &tasks[1]; t < &tasks[NR_TASKS]; t++) \
        if (t->state != TASK_UNUSED && t->state != TASK_DEAD && t->pid == t->tgid)

/* Put every thread of t's process in group pgid of session sid. */
static void set_process_group(struct task *t, int pgid, int sid)
{
    for_each_thread(t, u) {
        u->pgid = pgid;
        u->sid = sid;
    }
}

/* A task of process group pgid in session sid, or NULL. */
static struct task *pgrp_member(int pgid, int sid)
{
    for_each_process(t)
        if (t->pgid == pgid && t->sid == sid)
            return t;
    return 0;
}

int pgrp_in_session(int pgid, int sid)
{
    return pgrp_member(pgid, sid) != 0;
}

static int pgrp_exists(int pgid)
{
    for_each_process(t)
        if (t->pgid == pgid)
            return 1;
    return 0;
}

int kill_pgrp_info(int pgid, int sig, const struct ksiginfo *info)
{
    int delivered = 0, err = -ESRCH;

    for_each_process(t)
        if (t->pgid == pgid) {
            err = task_send_signal(t, sig, info);
            delivered |= !err;
        }
    return delivered ? 0 : err;
}

/* As Linux: -EPERM from one task (init here) does not make the call fail. */
int kill_all_but_init(int sig)
{
    int count = 0, result = 0;

    for_each_process(t)
        if (t->pid > 1 && t->tgid != current->tgid && !t->kthread) {
            int err = task_send_signal(t, sig, 0);
            count++;
            if (err != -EPERM)
                result = err;
        }
    return count ? result : -ESRCH;
}

/* pid 0 means the caller; NULL if there is no such task. */
static struct task *task_or_self(int pid)
{
    return pid == 0 ? current : task_by_pid(pid);
}

/*
 * setpgid(pid, pgid): move the caller or one of its children (not past
 * exec) into group pgid of the caller's session, or into a new group of
 * its own when pgid is its pid (or 0).
 */
SYSCALL(sys_setpgid)
{
    UNUSED_ARGS6;
    int pid = a1 ? (int)a1 : current->tgid;
    int pgid = a2 ? (int)a2 : pid;
    struct task *t = task_by_pid(pid);

    if (pgid < 0)
        return -EINVAL;
    if (t && t->tgid != t->pid)
        t = 0;                          /* a thread's id is no process's */
    int own = t && t->group == current->group;
    if (!t || (!own && (!t->parent || t->parent->group != current->group)))
        return -ESRCH;
    if (!own && t->sid != current->sid)
        return -EPERM;
    if (!own && t->did_exec)
        return -EACCES;
    if (t->sid == t->pid)
        return -EPERM;                  /* a session leader stays in its group */
    if (pgid != pid && !pgrp_member(pgid, current->sid))
        return -EPERM;
    set_process_group(t, pgid, t->sid);
    return 0;
}

SYSCALL(sys_getpgid)
{
    UNUSED_ARGS6;
    struct task *t = task_or_self((int)a1);
    return t ? t->pgid : -ESRCH;
}

SYSCALL(sys_getpgrp) { UNUSED_ARGS6; return current->pgid; }

/* setsid: a new session and group, both led by the caller, which must
 * not already lead a group (nor may any group have its pid as pgid). */
SYSCALL(sys_setsid)
{
    UNUSED_ARGS6;
    if (pgrp_exists(current->tgid))
        return -EPERM;
    set_process_group(current, current->tgid, current->tgid);
    return current->sid;
}

SYSCALL(sys_getsid)
{
    UNUSED_ARGS6;
    struct task *t = task_or_self((int)a1);
    return t ? t->sid : -ESRCH;
}

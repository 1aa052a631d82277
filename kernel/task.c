/*
 * task.c - the life of a task: created by clone (kernel/clone.c) or as
 * init, replaced by exec (kernel/exec.c), ended by exit or a signal,
 * reaped by wait.  A process that ended stays a zombie, holding only its
 * leader's kernel stack and exit status, until its parent waits for it;
 * orphans are handed to another thread of their parent, else to init.
 * A thread other than the leader is nobody's to wait for: it is freed as
 * soon as it has ended (kernel/thread.h).
 */
#include "arch/x86/gdt.h"
#include "arch/x86/trap.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/tmpfs.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/uaccess.h"
#include "kernel/futex.h"
#include "mm/buddy.h"
#include "mm/kmalloc.h"
#include "mm/oom_kill.h"
#include "mm/vma.h"

static int next_pid = 1;
extern void task_first_return(void);

void task_set_name(struct task *t, const char *path)
{
    const char *base = path;
    for (const char *p = path; *p; p++)
        if (*p == '/')
            base = p + 1;
    strlcpy(t->name, base, sizeof(t->name));
}

struct task *task_by_pid(int pid)
{
    for (int i = 1; i < NR_TASKS; i++)
        if (tasks[i].state != TASK_UNUSED && tasks[i].state != TASK_DEAD && tasks[i].pid == pid)
            return &tasks[i];
    return 0;
}

/* A free task slot with a kernel stack and a pid; NULL if none. */
struct task *task_alloc(void)
{
    for (int i = 1; i < NR_TASKS; i++) {
        struct task *t = &tasks[i];
        if (t->state != TASK_UNUSED)
            continue;
        struct page *stack = alloc_pages(KSTACK_ORDER, GFP_MAYFAIL);
        if (!stack)
            return 0;
        stack->flags |= PG_kernel;
        memset(t, 0, sizeof(*t));
        t->kstack = (uint32_t)page_address(stack);
        t->pid = next_pid++;
        t->start_time = jiffies;
        t->tf = (struct trap_frame *)(t->kstack + (PAGE_SIZE << KSTACK_ORDER)) - 1;
        t->sig.syscall_nr = -1;
        t->sig.caught_log.who = "caught faults";
        return t;
    }
    return 0;
}

int task_last_pid(void)
{
    return next_pid - 1;
}

uint32_t task_count(int only_runnable)
{
    uint32_t n = 0;

    for (int i = 1; i < NR_TASKS; i++)
        n += only_runnable ? tasks[i].state == TASK_RUNNABLE
                           : tasks[i].state != TASK_UNUSED && tasks[i].state != TASK_DEAD;
    return n;
}

void task_free(struct task *t)
{
    KASSERT(t != current);
    free_pages(virt_to_page((void *)t->kstack), KSTACK_ORDER);
    if (t->group)
        thread_group_put(t->group);
    t->group = 0;
    t->state = TASK_UNUSED;
}

/* The first context_switch to t "returns" into task_first_return and
 * from there, through trap_return, to user mode. */
void task_prepare_stack(struct task *t)
{
    uint32_t *sp = (uint32_t *)t->tf;

    *--sp = (uint32_t)task_first_return;
    *--sp = 0;      /* ebp */
    *--sp = 0;      /* ebx */
    *--sp = 0;      /* esi */
    *--sp = 0;      /* edi */
    *--sp = EFLAGS_RESERVED;    /* EFLAGS: IF and DF clear, as in the kernel */
    t->saved_esp = (uint32_t)sp;
}

static void kthread_returned(void)
{
    panic("kthread: %s returned from its function", current->name);
}

struct task *kthread_start(const char *name, void (*fn)(void))
{
    static int next_kthread_pid = KTHREAD_PID_BASE;
    int saved = next_pid;
    struct task *t = task_alloc();

    if (!t)
        panic("kthread: no task slot for %s", name);
    next_pid = saved;                   /* processes keep their numbering */
    t->pid = t->tgid = next_kthread_pid++;
    t->exit_signal = SIGCHLD;
    t->kthread = 1;
    task_set_name(t, name);
    uint32_t *sp = (uint32_t *)t->tf;
    *--sp = (uint32_t)kthread_returned;
    *--sp = (uint32_t)fn;               /* where context_switch's ret goes */
    *--sp = 0;      /* ebp */
    *--sp = 0;      /* ebx */
    *--sp = 0;      /* esi */
    *--sp = 0;      /* edi */
    *--sp = EFLAGS_RESERVED;
    t->saved_esp = (uint32_t)sp;
    task_wake(t);
    return t;
}

/* Start pid 1 from init_file, the init program embedded in the kernel
 * image. */
void task_start_init(struct inode *init_file, const char *const argv[])
{
    struct task *t = task_alloc();

    static const struct sighand default_actions;
    static const struct fs_context root_fs = { .umask = 022 };     /* Linux's umask for init */

    KASSERT(t && t->pid == 1);
    task_set_name(t, "init");
    t->tgid = t->pid;
    t->exit_signal = SIGCHLD;
    t->pgid = t->sid = t->pid;          /* init leads session 1 and group 1 */
    t->group = thread_group_new(t);
    t->files = files_table_copy(0);
    t->fs = fs_context_copy(&root_fs);
    t->sighand = sighand_copy(&default_actions);
    if (!t->group || !t->files || !t->fs || !t->sighand)
        panic("init: no memory for its process");
    t->files->fd[0] = file_open_console();
    t->files->fd[1] = file_dup(t->files->fd[0]);
    t->files->fd[2] = file_dup(t->files->fd[0]);

    const char *envp[] = { "PATH=/", "HOME=/", 0 };
    struct task *saved = current;
    current = t;                /* exec builds the address space of current */
    int err = exec_from_file(init_file, argv, envp);
    current = saved;
    if (err)
        panic("init: cannot execute the embedded init program (error %d)", err);
    t->builtin_init = 1;
    task_prepare_stack(t);
    task_wake(t);
}

/* A new task's first steps in its own context, before it leaves for user
 * mode: clone(CLONE_CHILD_SETTID) stores its pid in its own memory, as
 * Linux's schedule_tail does (a bad address is ignored there too). */
void task_first_run(void)
{
    int pid = current->pid;

    if (current->set_child_tid)
        copy_to_user(current->set_child_tid, &pid, sizeof(pid));
}

/* (The current task's address space is left for the kernel's page
 * directory first.) */
void task_drop_resources(struct task *t)
{
    if (t->files) {
        if (t == current)
            fd_release_held();
        files_table_put(t->files);
        t->files = 0;
    }
    kfree(t->held_files);
    t->held_files = 0;
    if (t->fs) {
        fs_context_put(t->fs);
        t->fs = 0;
    }
    if (t->sighand) {
        sighand_put(t->sighand);
        t->sighand = 0;
    }
    if (t->mm) {
        struct mm *mm = t->mm;
        t->mm = 0;
        if (t == current)
            pgtable_activate(pgtable_kernel());
        mm_put(mm);
        oom_victim_gone(t);             /* the victim's memory may be free now */
    }
    exec_args_put(t->args);             /* a zombie's cmdline is empty, as on Linux */
    t->args = 0;
}

void task_vfork_done(void)
{
    if (current->vfork_done) {
        *current->vfork_done = 1;
        wakeup(current->vfork_done);
        current->vfork_done = 0;
    }
}

/* Where the children of an ending task go: to another thread of its
 * process if one is left (Linux's find_new_reaper), else to init. */
static void reparent_children(void)
{
    struct task *heir = thread_group_live(current, current);

    if (!heir)
        heir = task_by_pid(1);
    for (int i = 1; i < NR_TASKS; i++)
        if (tasks[i].state != TASK_UNUSED && tasks[i].parent == current) {
            tasks[i].parent = heir;
            if (heir->group != current->group && tasks[i].exit_signal >= 0)
                tasks[i].exit_signal = SIGCHLD;     /* its new parent hears of it (Linux's
                                                       reparent_leader) */
            if (tasks[i].state == TASK_ZOMBIE)
                wakeup(heir->group);
        }
}

/* The last thread of leader's process has ended: its parent may reap it. */
static void process_ended(struct task *leader)
{
    int status = leader->exit_status;

    wakeup(leader->parent->group);
    if (W_SIGNALED(status))
        signal_notify_parent(leader, CLD_KILLED, W_SIGNALED(status));
    else
        signal_notify_parent(leader, CLD_EXITED, (status >> 8) & 0xFF);
}

/* CLONE_CHILD_CLEARTID and set_tid_address: 0 stored at the word, and
 * one waiter woken, for pthread_join (a bad address is ignored, as on
 * Linux). */
static void clear_child_tid(void)
{
    static const uint32_t zero;
    uint32_t addr = current->clear_child_tid;

    current->clear_child_tid = 0;
    if (addr && current->mm && !copy_to_user(addr, &zero, sizeof(zero)))
        futex_wake_address(addr, 1);
}

void do_exit(int status)
{
    struct thread_group *g = current->group;

    if (current->tgid == 1 && g->nr_threads == 1)
        panic("init exited (status 0x%x)", status);
    if (g->exiting)
        status = g->exit_status;        /* the process's, for every thread */
    clear_child_tid();
    task_drop_resources(current);
    task_vfork_done();
    reparent_children();
    current->exit_status = status;
    g->nr_threads--;
    usage_add(&g->dead_usage, &current->usage);
    if (g->exec_waiting)
        wakeup(g);
    if (current == g->leader) {
        current->state = TASK_ZOMBIE;
        if (!g->nr_threads)
            process_ended(current);
    } else {
        current->state = TASK_DEAD;     /* freed by the next schedule() elsewhere */
        nr_dead_tasks++;
        if (!g->nr_threads) {
            g->leader->exit_status = status;    /* the last thread's, as on Linux */
            process_ended(g->leader);
        }
    }
    schedule();
    panic("do_exit: pid %d was scheduled again after it ended", current->pid);
}

#define WNOHANG     1
#define WUNTRACED   2
#define WCONTINUED  8
#define __WNOTHREAD 0x20000000
#define __WALL      0x40000000
#define __WCLONE    0x80000000

/* Whether child t is one that wait's pid asks for: pid > 0 that one,
 * -1 any, 0 the caller's process group, < -1 the group -pid. */
static int wait_matches(const struct task *t, int pid)
{
    if (pid > 0)
        return t->pid == pid;
    if (pid == -1)
        return 1;
    return t->pgid == (pid == 0 ? current->pgid : -pid);
}

/* A stop (WUNTRACED) or continue (WCONTINUED) of t that wait may report
 * and forget, in Linux's encoding; 0 if none. */
static int take_wait_report(struct task *t, int options)
{
    int report = t->wait_report;

    if (!report || t->state == TASK_ZOMBIE)
        return 0;
    if ((report == 0xFFFF && !(options & WCONTINUED)) || (report != 0xFFFF && !(options & WUNTRACED)))
        return 0;
    if (report != 0xFFFF && t->state != TASK_STOPPED)
        return 0;                       /* continued since: the stop is old news */
    t->wait_report = 0;
    return report;
}

/* Whether t is a child that current's wait may see: a child of any
 * thread of current's process (of current alone with __WNOTHREAD), a
 * process (threads are never waited for), and, as on Linux, one that
 * sends SIGCHLD unless __WCLONE asks for the others (__WALL: both). */
static int wait_sees(const struct task *t, int options)
{
    if (t->state == TASK_UNUSED || t->state == TASK_DEAD || !t->parent || t->exit_signal < 0)
        return 0;
    if (options & __WNOTHREAD ? t->parent != current : t->parent->group != current->group)
        return 0;
    if (options & __WALL)
        return 1;
    return (t->exit_signal == SIGCHLD) == !(options & __WCLONE);
}

int do_wait(int pid, int options, struct wait_result *result)
{
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
        return -EINVAL;
    for (;;) {
        int have_children = 0;
        for (int i = 1; i < NR_TASKS; i++) {
            struct task *t = &tasks[i];
            if (!wait_sees(t, options) || !wait_matches(t, pid))
                continue;
            have_children = 1;
            int report = take_wait_report(t, options);
            if (report) {
                result->status = report;
                /* Linux's rusage for a stop: the child's so far; ours: none */
                memset(&result->usage, 0, sizeof(result->usage));
                return t->pid;
            }
            if (t->state != TASK_ZOMBIE || t->group->nr_threads)
                continue;               /* a leader that ended waits for its threads */
            int child_pid = t->pid;
            result->status = t->exit_status;
            result->usage = t->group->dead_usage;
            usage_add(&result->usage, &t->group->children_usage);
            usage_add(&current->group->children_usage, &result->usage);
            task_free(t);
            return child_pid;
        }
        if (!have_children)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        if (signal_pending(current))
            return -ERESTARTSYS;
        sleep_on(current->group);
    }
}

int task_send_signal(struct task *t, int sig, const struct ksiginfo *info)
{
    if (sig < 0 || sig > NSIG)
        return -EINVAL;
    if (sig == 0 || t->kthread || !t->group->nr_threads)
        return 0;                       /* a zombie is past any signal; a kernel thread ignores them */
    if (t->tgid == 1 && !(signal_caught(t) & sigmask(sig)))
        return -EPERM;                  /* init takes only the signals it catches */
    return send_signal(t, sig, info);
}

int do_kill(int pid, int sig)
{
    if (pid > 0) {
        struct task *t = task_by_pid(pid);
        return t ? task_send_signal(t, sig, 0) : -ESRCH;
    }
    if (pid == 0)
        return kill_pgrp_info(current->pgid, sig, 0);
    if (pid == -1)
        return kill_all_but_init(sig);
    if (pid == (int)0x80000000)         /* -pid would overflow: Linux says -ESRCH */
        return -ESRCH;
    return kill_pgrp_info(-pid, sig, 0);
}

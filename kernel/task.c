/*
 * task.c - the life of a process: created by fork (or as init), replaced
 * by exec (kernel/exec.c), ended by exit or a signal, reaped by wait.
 * A dead task stays a zombie, holding only its kernel stack and exit
 * status, until its parent waits for it; orphans are handed to init.
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
#include "kernel/uaccess.h"
#include "mm/buddy.h"
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
        if (tasks[i].state != TASK_UNUSED && tasks[i].pid == pid)
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
        n += only_runnable ? tasks[i].state == TASK_RUNNABLE : tasks[i].state != TASK_UNUSED;
    return n;
}

static void task_free(struct task *t)
{
    free_pages(virt_to_page((void *)t->kstack), KSTACK_ORDER);
    t->state = TASK_UNUSED;
}

/*
 * Lay out a new task's kernel stack so that the first context_switch to
 * it "returns" into task_first_return and from there, through
 * trap_return, to user mode with the registers in t->tf.
 */
static void task_prepare_stack(struct task *t)
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
    t->pid = next_kthread_pid++;
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

    KASSERT(t && t->pid == 1);
    task_set_name(t, "init");
    t->pgid = t->sid = t->pid;          /* init leads session 1 and group 1 */
    t->umask = 022;                     /* Linux's default for init */
    t->files[0] = file_open_console();
    t->files[1] = file_dup(t->files[0]);
    t->files[2] = file_dup(t->files[0]);

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

int do_fork(void)
{
    struct task *child = task_alloc();

    if (!child)
        return -EAGAIN;
    child->mm = mm_fork(current->mm);
    if (!child->mm) {
        task_free(child);
        return -ENOMEM;
    }
    memcpy(child->name, current->name, sizeof(child->name));
    memcpy(child->tls, current->tls, sizeof(child->tls));
    child->builtin_init = current->builtin_init;
    fpu_save(&child->fpu);              /* the parent's live registers */
    for (int fd = 0; fd < NR_OPEN; fd++)
        if (current->files[fd]) {
            child->files[fd] = file_dup(current->files[fd]);
            child->fd_cloexec[fd] = current->fd_cloexec[fd];
        }
    child->cwd = current->cwd;
    if (child->cwd)
        inode_get(child->cwd);
    child->parent = current;
    child->pgid = current->pgid;
    child->sid = current->sid;
    child->oom_score_adj = current->oom_score_adj;
    child->umask = current->umask;
    child->args = exec_args_get(current->args);
    signal_fork(child, current);
    *child->tf = *current->tf;
    child->tf->eax = 0;                 /* fork returns 0 in the child */
    task_prepare_stack(child);
    task_wake(child);
    return child->pid;
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

/* Close the current task's files and free its address space (running on
 * the kernel's page directory from then on); its kernel stack stays. */
void task_release_resources(void)
{
    for (int fd = 0; fd < NR_OPEN; fd++)
        if (current->files[fd]) {
            file_put(current->files[fd]);
            current->files[fd] = 0;
        }
    if (current->cwd) {
        inode_put(current->cwd);
        current->cwd = 0;
    }
    if (current->mm) {
        struct mm *mm = current->mm;
        current->mm = 0;
        pgtable_activate(pgtable_kernel());
        mm_destroy(mm);
        oom_victim_gone(current);
    }
    exec_args_put(current->args);       /* a zombie's cmdline is empty, as on Linux */
    current->args = 0;
}

void do_exit(int status)
{
    struct task *init = task_by_pid(1);
    static const uint32_t zero;

    if (current == init)
        panic("init exited (status 0x%x)", status);
    if (current->clear_child_tid && current->mm)    /* set_tid_address, CLONE_CHILD_CLEARTID */
        copy_to_user(current->clear_child_tid, &zero, sizeof(zero));
    task_release_resources();
    for (int i = 1; i < NR_TASKS; i++)
        if (tasks[i].state != TASK_UNUSED && tasks[i].parent == current) {
            tasks[i].parent = init;
            if (tasks[i].state == TASK_ZOMBIE)
                wakeup(init);
        }
    current->exit_status = status;
    current->state = TASK_ZOMBIE;
    wakeup(current->parent);
    if (W_SIGNALED(status))
        signal_notify_parent(current, CLD_KILLED, W_SIGNALED(status));
    else
        signal_notify_parent(current, CLD_EXITED, (status >> 8) & 0xFF);
    schedule();
    panic("do_exit: zombie pid %d was scheduled again", current->pid);
}

#define WNOHANG    1
#define WUNTRACED  2
#define WCONTINUED 8

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

static void usage_add(struct task_usage *sum, const struct task_usage *more)
{
    sum->user_ticks += more->user_ticks;
    sum->system_ticks += more->system_ticks;
    sum->min_flt += more->min_flt;
    sum->maj_flt += more->maj_flt;
}

int do_wait(int pid, int options, struct wait_result *result)
{
    for (;;) {
        int have_children = 0;
        for (int i = 1; i < NR_TASKS; i++) {
            struct task *t = &tasks[i];
            if (t->state == TASK_UNUSED || t->parent != current || !wait_matches(t, pid))
                continue;
            have_children = 1;
            int report = take_wait_report(t, options);
            if (report) {
                result->status = report;
                /* Linux's rusage for a stop: the child's so far; ours: none */
                memset(&result->usage, 0, sizeof(result->usage));
                return t->pid;
            }
            if (t->state != TASK_ZOMBIE)
                continue;
            int child_pid = t->pid;
            result->status = t->exit_status;
            result->usage = t->usage;
            usage_add(&result->usage, &t->children_usage);
            usage_add(&current->children_usage, &result->usage);
            task_free(t);
            return child_pid;
        }
        if (!have_children)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        if (signal_pending(current))
            return -ERESTARTSYS;
        sleep_on(current);
    }
}

int task_send_signal(struct task *t, int sig, const struct ksiginfo *info)
{
    if (sig < 0 || sig > NSIG)
        return -EINVAL;
    if (sig == 0 || t->state == TASK_ZOMBIE || t->kthread)
        return 0;                       /* a zombie is past any signal; a kernel thread ignores them */
    if (t->pid == 1 && !(signal_caught(t) & sigmask(sig)))
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

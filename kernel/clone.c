/*
 * clone.c - making a task: fork, vfork, clone and clone3, all through
 * do_clone.  Each part of a task's world is shared with its creator or
 * copied, as the flags say:
 *
 *   CLONE_VM       the address space (else a copy-on-write copy, mm_fork)
 *   CLONE_FILES    the descriptor table (else each open file once more)
 *   CLONE_FS       the working directory and umask
 *   CLONE_SIGHAND  the signal actions (requires CLONE_VM)
 *   CLONE_THREAD   the process: a thread of it (requires CLONE_SIGHAND)
 *   CLONE_VFORK    the caller sleeps until the child execs or exits
 *   CLONE_PARENT   the child is a sibling of the caller, not its child
 *   CLONE_SETTLS   the child's TLS slot from a struct user_desc
 *   CLONE_PARENT_SETTID, CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID: the
 *                  child's id stored for the caller, stored in the child,
 *                  and cleared (with a futex wake) when the child ends
 *
 * glibc's pthread_create passes CLONE_VM|CLONE_FS|CLONE_FILES|
 * CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|
 * CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID; its fork() passes
 * CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD; posix_spawn passes
 * CLONE_VM|CLONE_VFORK.  There are no namespaces, cgroups, pidfds or
 * ptrace here: the flags for those are -EINVAL, as a Linux built
 * without them answers.  CLONE_SYSVSEM (no semaphores), CLONE_IO,
 * CLONE_DETACHED and CLONE_UNTRACED change nothing here.
 */
#include "arch/x86/fpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/trap.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/lib.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"
#include "mm/vma.h"

#define CSIGNAL              0x000000FF  /* legacy clone: the exit signal */
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_PIDFD          0x00001000
#define CLONE_PTRACE         0x00002000
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000
#define CLONE_NEWNS          0x00020000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED       0x00400000
#define CLONE_UNTRACED       0x00800000
#define CLONE_CHILD_SETTID   0x01000000
#define CLONE_NEWCGROUP      0x02000000
#define CLONE_NEWUTS         0x04000000
#define CLONE_NEWIPC         0x08000000
#define CLONE_NEWUSER        0x10000000
#define CLONE_NEWPID         0x20000000
#define CLONE_NEWNET         0x40000000
#define CLONE_IO             0x80000000u
#define CLONE_CLEAR_SIGHAND  0x100000000ull     /* clone3 only */
#define CLONE_INTO_CGROUP    0x200000000ull     /* clone3 only */

/* The flags no kernel here can honour (-EINVAL). */
#define CLONE_UNSUPPORTED (CLONE_PIDFD | CLONE_PTRACE | CLONE_NEWNS | CLONE_NEWCGROUP | \
                           CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | \
                           CLONE_NEWNET | CLONE_INTO_CGROUP)

/* What clone and clone3 ask for, in clone3's terms. */
struct clone_request {
    uint64_t flags;
    int exit_signal;
    uint32_t stack;                     /* the child's esp; 0: the caller's */
    uint32_t parent_tid, child_tid, tls;
};

/* Linux's order of checks in copy_process, for the combinations that
 * make no sense. */
static int clone_flags_valid(uint64_t flags)
{
    if ((flags & CLONE_NEWNS) && (flags & CLONE_FS))
        return 0;
    if ((flags & CLONE_NEWUSER) && (flags & CLONE_FS))
        return 0;
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
        return 0;
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
        return 0;
    if ((flags & CLONE_PARENT) && current->tgid == 1)
        return 0;                       /* init can have no siblings */
    if ((flags & CLONE_CLEAR_SIGHAND) && (flags & CLONE_SIGHAND))
        return 0;
    return !(flags & CLONE_UNSUPPORTED);
}

/* Give child the parts of current's world the flags share, and copies
 * of the others.  0 or -ENOMEM (what was set is undone by the caller,
 * through task_drop_resources). */
static int clone_resources(struct task *child, uint64_t flags)
{
    if (flags & CLONE_THREAD) {
        child->group = current->group;
        child->group->refs++;
    } else if (!(child->group = thread_group_new(child))) {
        return -ENOMEM;
    }
    if (flags & CLONE_FILES) {
        if (!current->held_files && !(current->held_files = kmalloc(NR_OPEN * sizeof(struct file *))))
            return -ENOMEM;
        if (!(child->held_files = kmalloc(NR_OPEN * sizeof(struct file *))))
            return -ENOMEM;
        child->files = current->files;
        child->files->refs++;
    } else if (!(child->files = files_table_copy(current->files))) {
        return -ENOMEM;
    }
    if (flags & CLONE_FS) {
        child->fs = current->fs;
        child->fs->refs++;
    } else if (!(child->fs = fs_context_copy(current->fs))) {
        return -ENOMEM;
    }
    if (flags & CLONE_SIGHAND) {
        child->sighand = current->sighand;
        child->sighand->refs++;
    } else if (!(child->sighand = sighand_copy(current->sighand))) {
        return -ENOMEM;
    }
    if (flags & CLONE_CLEAR_SIGHAND)
        for (int i = 0; i < NSIG; i++)
            if (child->sighand->action[i].handler != SIG_IGN)
                child->sighand->action[i] = (struct k_sigaction){ 0 };
    if (flags & CLONE_VM) {
        child->mm = current->mm;
        child->mm->users++;
    } else if (!(child->mm = mm_fork(current->mm))) {
        return -ENOMEM;
    }
    return 0;
}

/* The caller of a vfork sleeps until its child execs or exits (or the
 * caller is killed: then the child's note of it is taken back). */
static void vfork_wait(struct task *child)
{
    int done = 0;

    child->vfork_done = &done;
    task_wake(child);
    while (!done && !fatal_signal_pending(current))
        sleep_on(&done);
    if (!done)
        for (int i = 1; i < NR_TASKS; i++)
            if (tasks[i].vfork_done == &done)
                tasks[i].vfork_done = 0;
}

/* Make the task clone describes; its id, or an error. */
static int do_clone(const struct clone_request *req)
{
    uint64_t flags = req->flags;
    struct user_desc tls;

    if (!clone_flags_valid(flags))
        return -EINVAL;
    if ((flags & CLONE_SETTLS) && copy_from_user(&tls, req->tls, sizeof(tls)))
        return -EFAULT;
    struct task *child = task_alloc();
    if (!child)
        return -EAGAIN;
    memcpy(child->tls, current->tls, sizeof(child->tls));
    if ((flags & CLONE_SETTLS) && tls_set(child->tls, &tls, 0)) {
        task_free(child);
        return -EINVAL;
    }
    int err = clone_resources(child, flags);
    if (err) {
        task_drop_resources(child);
        task_free(child);
        return err;
    }
    child->tgid = flags & CLONE_THREAD ? current->tgid : child->pid;
    child->parent = flags & (CLONE_THREAD | CLONE_PARENT) ? current->parent : current;
    /* a sibling is reported to the parent as its creator is (Linux) */
    child->exit_signal = flags & CLONE_THREAD ? -1
                       : flags & CLONE_PARENT ? current->group->leader->exit_signal : req->exit_signal;
    memcpy(child->name, current->name, sizeof(child->name));
    child->builtin_init = current->builtin_init;
    child->did_exec = flags & CLONE_THREAD ? current->did_exec : 0;
    fpu_save(&child->fpu);              /* the caller's live registers */
    child->pgid = current->pgid;
    child->sid = current->sid;
    child->oom_score_adj = current->oom_score_adj;
    child->args = exec_args_get(current->args);
    signal_fork(child, current);
    *child->tf = *current->tf;
    child->tf->eax = 0;                 /* clone returns 0 in the child */
    if (req->stack)
        child->tf->user_esp = req->stack;
    if (flags & CLONE_CHILD_CLEARTID)
        child->clear_child_tid = req->child_tid;
    if (flags & CLONE_CHILD_SETTID)
        child->set_child_tid = req->child_tid;
    if (flags & CLONE_THREAD)
        current->group->nr_threads++;
    int id = child->pid;
    if (flags & CLONE_PARENT_SETTID)    /* the child exists: a bad pointer is ignored, as on Linux */
        copy_to_user(req->parent_tid, &id, sizeof(id));
    task_prepare_stack(child);
    if (flags & CLONE_VFORK)
        vfork_wait(child);
    else
        task_wake(child);
    return id;
}

SYSCALL(sys_fork)
{
    UNUSED_ARGS6;
    struct clone_request req = { .exit_signal = SIGCHLD };
    return do_clone(&req);
}

SYSCALL(sys_vfork)
{
    UNUSED_ARGS6;
    struct clone_request req = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD };
    return do_clone(&req);
}

/*
 * clone(flags, child_stack, parent_tid, tls, child_tid): i386's order
 * of arguments (ebx, ecx, edx, esi, edi).  The low byte of flags is the
 * signal the parent gets when the child ends.
 */
SYSCALL(sys_clone)
{
    UNUSED_ARGS6;
    struct clone_request req = {
        .flags = a1 & ~CSIGNAL, .exit_signal = (int)(a1 & CSIGNAL), .stack = a2,
        .parent_tid = a3, .tls = a4, .child_tid = a5,
    };
    if (req.exit_signal > NSIG)
        req.exit_signal = 0;            /* no signal Linux could send either */
    return do_clone(&req);
}

/* clone3's struct clone_args: every field 64 bits wide. */
struct clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
    uint64_t set_tid, set_tid_size, cgroup;
};
#define CLONE_ARGS_SIZE_VER0 64

/*
 * clone3(args, size): the same as clone, from a structure.  As on Linux:
 * a size under the first version's is -EINVAL, one over a page -E2BIG,
 * and so is a larger structure with anything but zeros past the fields
 * known here; the exit signal must be a signal alone; a stack comes
 * with its size.  set_tid (choosing the child's id) is not offered.
 */
SYSCALL(sys_clone3)
{
    UNUSED_ARGS6;
    struct clone_args args = { 0 };
    uint32_t size = a2;

    if (size < CLONE_ARGS_SIZE_VER0)
        return -EINVAL;
    if (size > PAGE_SIZE)
        return -E2BIG;
    if (copy_from_user(&args, a1, MIN(size, (uint32_t)sizeof(args))))
        return -EFAULT;
    for (uint32_t off = sizeof(args); off < size; off++) {
        uint8_t byte;
        if (copy_from_user(&byte, a1 + off, 1))
            return -EFAULT;
        if (byte)
            return -E2BIG;
    }
    if ((args.flags & ~(0xFFFFFFFFull | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP)) ||
        (args.flags & (CSIGNAL | CLONE_DETACHED)) || args.exit_signal > NSIG ||
        (args.stack == 0) != (args.stack_size == 0) || args.set_tid || args.set_tid_size ||
        args.stack + args.stack_size > USER_END || args.child_tid >> 32 ||
        args.parent_tid >> 32 || args.tls >> 32)
        return -EINVAL;
    struct clone_request req = {
        .flags = args.flags, .exit_signal = (int)args.exit_signal,
        .stack = (uint32_t)(args.stack + args.stack_size), .parent_tid = (uint32_t)args.parent_tid,
        .child_tid = (uint32_t)args.child_tid, .tls = (uint32_t)args.tls,
    };
    return do_clone(&req);
}

/*
 * sys_proc.c - process system calls: fork, exec, exit, wait, kill, and
 * the small calls static glibc makes at start-up.
 */
#include "arch/x86/fpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/qemu.h"
#include "arch/x86/trap.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/lib.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/file.h"
#include "kernel/tmpfs.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"
#include "mm/vma.h"


SYSCALL(sys_exit) { UNUSED_ARGS6; do_exit(W_EXITCODE(a1)); }
SYSCALL(sys_exit_group) { UNUSED_ARGS6; do_group_exit(W_EXITCODE(a1)); }
/* Store a struct rusage: ru_utime and ru_stime (timevals), ru_maxrss,
 * ru_ixrss, ru_idrss, ru_isrss, then ru_minflt and ru_majflt, then eight
 * more longs, which stay 0. */
static int put_rusage(uint32_t user_ptr, const struct task_usage *usage)
{
    uint32_t ru[18] = { 0 };
    struct ktimespec user, system;

    ticks_to_ktimespec(usage->user_ticks, &user);
    ticks_to_ktimespec(usage->system_ticks, &system);
    ru[0] = (uint32_t)user.sec;
    ru[1] = user.nsec / 1000;
    ru[2] = (uint32_t)system.sec;
    ru[3] = system.nsec / 1000;
    ru[8] = usage->min_flt;
    ru[9] = usage->maj_flt;
    return copy_to_user(user_ptr, ru, sizeof(ru));
}

/* As on Linux, the child is reaped first; a bad pointer then gives -EFAULT. */
static int wait_and_report(int pid, uint32_t status_ptr, int options, uint32_t rusage_ptr)
{
    struct wait_result result;
    int child = do_wait(pid, options, &result);

    if (child <= 0)
        return child;
    if (status_ptr && copy_to_user(status_ptr, &result.status, sizeof(int)))
        return -EFAULT;
    if (rusage_ptr && put_rusage(rusage_ptr, &result.usage))
        return -EFAULT;
    return child;
}

SYSCALL(sys_waitpid) { UNUSED_ARGS6; return wait_and_report((int)a1, a2, (int)a3, 0); }
SYSCALL(sys_wait4) { UNUSED_ARGS6; return wait_and_report((int)a1, a2, (int)a3, a4); }

SYSCALL(sys_getpid) { UNUSED_ARGS6; return current->tgid; }
SYSCALL(sys_gettid) { UNUSED_ARGS6; return current->pid; }
SYSCALL(sys_getppid) { UNUSED_ARGS6; return current->parent ? current->parent->tgid : 0; }
SYSCALL(sys_kill) { UNUSED_ARGS6; return do_kill((int)a1, (int)a2); }
SYSCALL(sys_sched_yield) { UNUSED_ARGS6; schedule(); return 0; }

#define EXEC_STRINGS 8192

/* Copy a NULL-terminated user array of strings into the buffer at *pos. */
static int copy_string_array(uint32_t user_array, const char **out, int max, char *buf, uint32_t *pos)
{
    int n = 0;

    for (; user_array; n++) {
        uint32_t str;
        if (n == max)
            return -E2BIG;
        if (copy_from_user(&str, user_array + n * 4, 4))
            return -EFAULT;
        if (!str)
            break;
        int len = strncpy_from_user(buf + *pos, str, EXEC_STRINGS - *pos);
        if (len < 0)
            return len == -ENAMETOOLONG ? -E2BIG : len;
        out[n] = buf + *pos;
        *pos += len + 1;
    }
    out[n] = 0;
    return 0;
}

/* execve: a regular file with an x bit (-EACCES otherwise, as for root
 * on Linux); on success the descriptors marked close-on-exec close. */
SYSCALL(sys_execve)
{
    UNUSED_ARGS6;
    enum { MAX = 63 };
    const char *argv[MAX + 1], *envp[MAX + 1];
    uint32_t pos = 0;
    struct lookup res;
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return -ENOMEM;
    int err = strncpy_from_user(path, a1, PATH_MAX);
    if (err >= 0)
        err = path_lookup(path, LOOKUP_FOLLOW, &res);
    kfree(path);
    if (err == LOOKUP_PROC)
        return -EACCES;
    if (err < 0)
        return err;
    struct inode *file = res.inode;
    if (!S_ISREG(file->mode) || !(file->mode & 0111))
        return -EACCES;
    inode_get(file);                    /* copying the strings may sleep */
    char *strings = kmalloc(EXEC_STRINGS);
    err = strings ? copy_string_array(a2, argv, MAX, strings, &pos) : -ENOMEM;
    if (!err)
        err = copy_string_array(a3, envp, MAX, strings, &pos);
    if (!err)
        err = exec_from_file(file, argv, envp);
    if (!err) {
        task_vfork_done();              /* a vfork parent may go on now */
        fpu_restore(&current->fpu);     /* the new program's clean registers */
        current->builtin_init = 0;      /* a program of the file system from now on */
        current->did_exec = 1;
        fd_close_on_exec();
    }
    inode_put(file);
    kfree(strings);
    return err;   /* on success the new program starts with EAX = 0 */
}

#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD   1

/* getrusage: the process's threads together (SELF), the calling thread
 * (THREAD), or the reaped children (CHILDREN). */
SYSCALL(sys_getrusage)
{
    UNUSED_ARGS6;
    int who = (int)a1;
    struct task_usage self;

    if (who == RUSAGE_CHILDREN)
        return put_rusage(a2, &current->group->children_usage);
    if (who == RUSAGE_THREAD)
        return put_rusage(a2, &current->usage);
    if (who != RUSAGE_SELF)
        return -EINVAL;
    thread_group_usage(current, &self);
    return put_rusage(a2, &self);
}

SYSCALL(sys_uname)
{
    UNUSED_ARGS6;
    /* struct utsname: six 65-byte fields.  "Linux" keeps glibc content. */
    static const char *const fields[6] = { "Linux", "vmkernel", "6.1.0-vmkernel", "#1",
                                           "i686", "(none)" };
    char buf[6 * 65];

    memset(buf, 0, sizeof(buf));
    for (int i = 0; i < 6; i++)
        strlcpy(buf + i * 65, fields[i], 65);
    return copy_to_user(a1, buf, sizeof(buf));
}

/* set_thread_area: fill one TLS GDT slot from a struct user_desc. */
SYSCALL(sys_set_thread_area)
{
    UNUSED_ARGS6;
    struct user_desc desc;

    if (copy_from_user(&desc, a1, sizeof(desc)))
        return -EFAULT;
    uint32_t asked = desc.entry_number;
    struct gdt_entry tls[GDT_TLS_COUNT];
    memcpy(tls, current->tls, sizeof(tls));
    int err = tls_set(tls, &desc, 1);
    if (err)
        return err;
    /* as on Linux, the slot chosen is told before it is filled */
    if (asked != desc.entry_number && copy_to_user(a1, &desc, sizeof(desc)))
        return -EFAULT;
    memcpy(current->tls, tls, sizeof(tls));
    gdt_load_tls(current->tls);
    return 0;
}

SYSCALL(sys_set_tid_address) { UNUSED_ARGS6; current->clear_child_tid = a1; return current->pid; }

/* The limits there are: the stack's, the descriptor table's, and
 * Linux's 0 for RLIMIT_NICE and RLIMIT_RTPRIO; the rest are
 * RLIM_INFINITY.  -EINVAL for a resource Linux does not have. */
static int rlimit_of(uint32_t resource, uint64_t lim[2])
{
    if (resource >= 16)
        return -EINVAL;
    lim[0] = lim[1] = ~0ull;            /* RLIM64_INFINITY */
    if (resource == 3)                  /* RLIMIT_STACK */
        lim[0] = STACK_LIMIT;
    if (resource == 7)                  /* RLIMIT_NOFILE: the table's size */
        lim[0] = lim[1] = NR_OPEN;
    if (resource == 13 || resource == 14)       /* RLIMIT_NICE, RLIMIT_RTPRIO */
        lim[0] = lim[1] = 0;
    return 0;
}

SYSCALL(sys_ugetrlimit)
{
    UNUSED_ARGS6;
    uint64_t lim[2];
    int err = rlimit_of(a1, lim);
    uint32_t lim32[2] = { (uint32_t)MIN(lim[0], 0xFFFFFFFFull), (uint32_t)MIN(lim[1], 0xFFFFFFFFull) };

    return err ? err : copy_to_user(a2, lim32, sizeof(lim32));
}

/* prlimit64(pid, resource, new, old) of the caller (pid 0 or its own):
 * the old limits; new ones cannot be set, since none is kept (-EPERM). */
SYSCALL(sys_prlimit64)
{
    UNUSED_ARGS6;
    uint64_t lim[2];

    if (a1 && (int)a1 != current->tgid)
        return task_by_pid((int)a1) ? -EPERM : -ESRCH;
    int err = rlimit_of(a2, lim);
    if (err)
        return err;
    if (a3)
        return -EPERM;
    return a4 ? copy_to_user(a4, lim, sizeof(lim)) : 0;
}

#define GRND_NONBLOCK 1
#define GRND_RANDOM   2
#define GRND_INSECURE 4

/* getrandom: a deterministic generator (tests must repeat exactly). */
SYSCALL(sys_getrandom)
{
    UNUSED_ARGS6;
    uint32_t done = 0;

    if (a3 & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    while (done < a2) {
        uint8_t byte = random_byte();
        if (copy_to_user(a1 + done, &byte, 1))
            return -EFAULT;
        done++;
    }
    return done;
}

#define REBOOT_MAGIC1 0xfee1dead
#define REBOOT_MAGIC2 672274793
#define REBOOT_CMD_POWER_OFF 0x4321fedc
#define REBOOT_CMD_RESTART 0x01234567

SYSCALL(sys_reboot)
{
    UNUSED_ARGS6;
    if (a1 != REBOOT_MAGIC1 || a2 != REBOOT_MAGIC2)
        return -EINVAL;
    if (current->tgid != 1)
        return -EPERM;
    if (a3 != REBOOT_CMD_POWER_OFF && a3 != REBOOT_CMD_RESTART)
        return -EINVAL;
    power_off();
}

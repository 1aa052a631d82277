/*
 * sys_info.c - who a process is and what the system looks like: the
 * user and group ids, sysinfo, prctl's task name, the CPU affinity
 * mask, and umask.
 *
 * There is one user here, root: every process has uid, gid, euid, egid,
 * saved ids 0 and no supplementary groups.  A process may "change" an id
 * to 0, the one it has; any other id is -EPERM.  (Linux lets root become
 * any user, but a second user would need permission checks that this
 * kernel does not make, so we refuse rather than pretend.)
 */
#include "arch/x86/pic.h"
#include "kernel/cpustat.h"
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "mm/mm_stats.h"
#include "mm/page.h"

#define ROOT_ID       0
#define INVALID_ID    0xFFFFFFFFu       /* (uid_t)-1: "no change" elsewhere, -EINVAL here */
#define INVALID_ID16  0xFFFFu           /* the same in the 16-bit calls (old_uid_t) */
#define NGROUPS_MAX   65536

/* getuid, geteuid, getgid, getegid and their 32-bit forms. */
SYSCALL(sys_get_root_id) { UNUSED_ARGS6; return ROOT_ID; }

/* getresuid/getresgid (16-bit ids) and getresuid32/getresgid32: the
 * real, effective and saved ids, each written in turn as Linux does
 * (the first bad pointer stops it with -EFAULT). */
static int put_three_ids(uint32_t real, uint32_t effective, uint32_t saved, uint32_t size)
{
    static const uint32_t root = ROOT_ID;

    if (copy_to_user(real, &root, size) || copy_to_user(effective, &root, size) ||
        copy_to_user(saved, &root, size))
        return -EFAULT;
    return 0;
}
SYSCALL(sys_getresid16) { UNUSED_ARGS6; return put_three_ids(a1, a2, a3, 2); }
SYSCALL(sys_getresid32) { UNUSED_ARGS6; return put_three_ids(a1, a2, a3, 4); }

/* setuid/setgid (16-bit ids: -1 is 0xFFFF) and setuid32/setgid32. */
static int set_id(uint32_t id)
{
    if (id == INVALID_ID)
        return -EINVAL;
    return id == ROOT_ID ? 0 : -EPERM;
}
SYSCALL(sys_set_id16) { UNUSED_ARGS6; return set_id((a1 & 0xFFFF) == INVALID_ID16 ? INVALID_ID : a1 & 0xFFFF); }
SYSCALL(sys_set_id32) { UNUSED_ARGS6; return set_id(a1); }

/* getgroups(size, list) and getgroups32: the number of supplementary
 * groups, none, so nothing is ever written to list. */
SYSCALL(sys_getgroups)
{
    UNUSED_ARGS6;
    return (int)a1 < 0 ? -EINVAL : 0;
}

/* setgroups(size, list) and setgroups32: the empty list is the one we
 * have; a list of groups would be a second identity (-EPERM). */
SYSCALL(sys_setgroups)
{
    UNUSED_ARGS6;
    if (a1 > NGROUPS_MAX)
        return -EINVAL;
    return a1 == 0 ? 0 : -EPERM;
}

/* Linux's struct sysinfo on i386 (64 bytes). */
struct linux_sysinfo {
    int32_t uptime;             /* seconds since boot, rounded up */
    uint32_t loads[3];          /* 1, 5, 15 minute load averages, 1.0 = 1 << 16 */
    uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;   /* in mem_unit */
    uint16_t procs;             /* tasks that exist */
    uint16_t pad;
    uint32_t totalhigh, freehigh;   /* no high memory here: 0 */
    uint32_t mem_unit;          /* bytes per unit of the memory figures */
    char unused[8];
};
_Static_assert(sizeof(struct linux_sysinfo) == 64, "struct sysinfo is 64 bytes on i386");

#define SI_LOAD_SHIFT 16

/*
 * sysinfo(info).  The memory figures are those of /proc/meminfo
 * (mem_figures), in bytes (mem_unit 1) when RAM and swap together fit
 * in 32 bits, else in pages (mem_unit 4096), as Linux's do_sysinfo
 * chooses.
 */
SYSCALL(sys_sysinfo)
{
    UNUSED_ARGS6;
    struct linux_sysinfo info;
    struct mem_figures m;

    memset(&info, 0, sizeof(info));
    info.uptime = (int32_t)(jiffies / TIMER_HZ + (jiffies % TIMER_HZ != 0));
    for (int i = 0; i < 3; i++)
        info.loads[i] = load_average[i] << (SI_LOAD_SHIFT - LOAD_FSHIFT);
    info.procs = (uint16_t)task_count(0);
    mem_figures(&m);
    uint64_t pages = (uint64_t)m.total + m.swap_total;
    uint32_t unit = pages * PAGE_SIZE <= 0xFFFFFFFFu ? PAGE_SIZE : 1;   /* pages per unit */
    info.mem_unit = PAGE_SIZE / unit;
    info.totalram = m.total * unit;
    info.freeram = m.free * unit;
    info.sharedram = m.shared * unit;
    info.bufferram = m.buffers * unit;
    info.totalswap = m.swap_total * unit;
    info.freeswap = m.swap_free * unit;
    return copy_to_user(a1, &info, sizeof(info)) ? -EFAULT : 0;
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16

/* prctl(option, arg2, ...): only the task's name, which /proc/PID/status
 * (Name:) and /proc/PID/stat show: PR_SET_NAME takes at most 15 bytes
 * of the string at arg2 (a longer one is cut, as on Linux);
 * PR_GET_NAME writes all 16 bytes of it, NUL-padded. */
SYSCALL(sys_prctl)
{
    UNUSED_ARGS6;
    char name[TASK_NAME_LEN];

    if (a1 == PR_GET_NAME) {
        memset(name, 0, sizeof(name));
        strlcpy(name, current->name, sizeof(name));
        return copy_to_user(a2, name, sizeof(name)) ? -EFAULT : 0;
    }
    if (a1 != PR_SET_NAME)
        return -EINVAL;
    uint32_t copied = copy_from_user_partial(name, a2, sizeof(name) - 1);
    name[copied] = 0;
    if (strlen(name) == copied && copied < sizeof(name) - 1)
        return -EFAULT;                 /* a fault before the NUL */
    strlcpy(current->name, name, sizeof(current->name));
    return 0;
}

/* The CPU mask of the affinity calls: one unsigned long on i386, whose
 * bit 0 is the one CPU. */
#define CPUMASK_SIZE 4u
#define CPU0_MASK    1u

/* The task an affinity call names: 0 is the caller. */
static struct task *affinity_task(uint32_t pid)
{
    return pid == 0 ? current : task_by_pid((int)pid);
}

/* sched_getaffinity(pid, len, mask): writes the mask (CPUMASK_SIZE
 * bytes) and returns their count.  len must hold it and be a multiple
 * of sizeof(long), as on Linux. */
SYSCALL(sys_sched_getaffinity)
{
    UNUSED_ARGS6;
    static const uint32_t mask = CPU0_MASK;

    if (a2 == 0 || a2 % CPUMASK_SIZE)
        return -EINVAL;
    if (!affinity_task(a1))
        return -ESRCH;
    return copy_to_user(a3, &mask, CPUMASK_SIZE) ? -EFAULT : (int)CPUMASK_SIZE;
}

/* sched_setaffinity(pid, len, mask): a mask with CPU 0 in it is taken
 * (and changes nothing); one without is -EINVAL.  As on Linux, the
 * first len bytes are read, at most CPUMASK_SIZE, the rest being 0. */
SYSCALL(sys_sched_setaffinity)
{
    UNUSED_ARGS6;
    uint32_t mask = 0;

    if (copy_from_user(&mask, a3, MIN(a2, CPUMASK_SIZE)))
        return -EFAULT;
    if (!affinity_task(a1))
        return -ESRCH;
    return mask & CPU0_MASK ? 0 : -EINVAL;
}

/* umask(mask): the new mask for this process and the children it forks;
 * returns the old one.  Used by file creation (mode & ~umask). */
SYSCALL(sys_umask)
{
    UNUSED_ARGS6;
    uint32_t old = current->fs->umask;

    current->fs->umask = a1 & 0777;
    return (int)old;
}

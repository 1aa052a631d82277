/*
 * sys_ipc.c - the System V shared memory calls as i386 binaries make
 * them: the direct calls of Linux 5.1 and later (shmget 395, shmctl 396,
 * shmat 397, shmdt 398) and the older ipc(2) multiplexer, call 117,
 * which glibc 2.36 on i386 uses.  The segments are mm/shm.c's; this file
 * checks arguments in Linux's order and moves structures to and from
 * user memory in the i386 layouts of include/uapi/asm-generic.
 *
 * Not here: semaphores and message queues (ipc calls 1-4 and 11-14 give
 * -ENOSYS) and the IPC_OLD structures of libc5 (shmctl through ipc
 * without IPC_64: -EINVAL but for the commands that move no structure,
 * IPC_RMID, SHM_LOCK and SHM_UNLOCK).
 */
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
#include "mm/shm.h"

enum { IPC_RMID = 0, IPC_SET = 1, IPC_STAT = 2, IPC_INFO = 3,
       SHM_LOCK = 11, SHM_UNLOCK = 12, SHM_STAT = 13, SHM_INFO = 14, SHM_STAT_ANY = 15 };
#define IPC_64 0x100
enum { IPCOP_SHMAT = 21, IPCOP_SHMDT = 22, IPCOP_SHMGET = 23, IPCOP_SHMCTL = 24 };

/* struct ipc64_perm and struct shmid64_ds, i386: 84 bytes */
struct ipc64_perm_i386 {
    int32_t key;
    uint32_t uid, gid, cuid, cgid;
    uint16_t mode, pad1, seq, pad2;
    uint32_t unused1, unused2;
};

struct shmid64_ds_i386 {
    struct ipc64_perm_i386 shm_perm;
    uint32_t shm_segsz;
    uint32_t shm_atime, shm_atime_high, shm_dtime, shm_dtime_high, shm_ctime, shm_ctime_high;
    int32_t shm_cpid, shm_lpid;
    uint32_t shm_nattch, unused4, unused5;
};
_Static_assert(sizeof(struct shmid64_ds_i386) == 84, "i386 shmid64_ds is 84 bytes");

struct shminfo64_i386 {
    uint32_t shmmax, shmmin, shmmni, shmseg, shmall, unused[4];
};

struct shm_info_i386 {
    int32_t used_ids;
    uint32_t shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

static int put_shmid_ds(uint32_t buf, const struct shm_info_view *v)
{
    struct shmid64_ds_i386 ds = {
        .shm_perm = { .key = v->key, .mode = (uint16_t)v->mode,
                      .seq = (uint16_t)((uint32_t)v->id / IPC_ID_SEQ) },
        .shm_segsz = v->size,
        .shm_atime = (uint32_t)v->atime, .shm_atime_high = (uint32_t)(v->atime >> 32),
        .shm_dtime = (uint32_t)v->dtime, .shm_dtime_high = (uint32_t)(v->dtime >> 32),
        .shm_ctime = (uint32_t)v->ctime, .shm_ctime_high = (uint32_t)(v->ctime >> 32),
        .shm_cpid = v->cpid, .shm_lpid = v->lpid, .shm_nattch = v->nattch,
    };
    return copy_to_user(buf, &ds, sizeof(ds)) ? -EFAULT : 0;
}

/* IPC_INFO and SHM_INFO answer with the highest slot in use (0 if none). */
static int info_result(void)
{
    return MAX(shm_max_index(), 0);
}

/* Linux's ksys_shmctl for the IPC_64 structures. */
static int do_shmctl(int id, int cmd, uint32_t buf)
{
    struct shm_info_view v;
    int err;

    if (cmd < 0 || id < 0)
        return -EINVAL;
    switch (cmd) {
    case IPC_INFO: {
        struct shminfo64_i386 info = { SHMMAX, SHMMIN, SHMMNI, SHMSEG, SHMALL, { 0 } };
        return copy_to_user(buf, &info, sizeof(info)) ? -EFAULT : info_result();
    }
    case SHM_INFO: {
        struct shm_info_i386 info = { 0 };
        uint32_t used;
        shm_totals(&used, &info.shm_tot, &info.shm_rss, &info.shm_swp);
        info.used_ids = (int32_t)used;
        return copy_to_user(buf, &info, sizeof(info)) ? -EFAULT : info_result();
    }
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY:
        if ((err = shm_view(id, cmd != IPC_STAT, &v)))
            return err;
        if ((err = put_shmid_ds(buf, &v)))
            return err;
        return cmd == IPC_STAT ? 0 : v.id;
    case IPC_SET: {
        struct shmid64_ds_i386 ds;
        if (copy_from_user(&ds, buf, sizeof(ds)))
            return -EFAULT;
        return shm_set_mode(id, ds.shm_perm.mode);
    }
    case IPC_RMID:
        return shm_remove(id);
    case SHM_LOCK:
    case SHM_UNLOCK:
        return shm_set_locked(id, cmd == SHM_LOCK);
    default:
        return -EINVAL;
    }
}

SYSCALL(sys_shmget)
{
    UNUSED_ARGS6;
    return shm_get((int)a1, a2, (int)a3);
}

SYSCALL(sys_shmat)
{
    UNUSED_ARGS6;
    return shm_attach((int)a1, a2, (int)a3);
}

SYSCALL(sys_shmdt)
{
    UNUSED_ARGS6;
    return shm_detach(a1);
}

SYSCALL(sys_shmctl)
{
    UNUSED_ARGS6;
    return do_shmctl((int)a1, (int)a2, a3);
}

/* ipc(call, first, second, third, ptr, fifth): the version is in the
 * call's high 16 bits; SHMAT of version 0 writes the address through
 * `third`, and SHMCTL takes IPC_64 in its command. */
SYSCALL(sys_ipc)
{
    UNUSED_ARGS6;
    uint32_t call = a1 & 0xFFFF, version = a1 >> 16;
    int first = (int)a2, second = (int)a3;

    switch (call) {
    case IPCOP_SHMAT: {
        if (version == 1)
            return -EINVAL;             /* iBCS2's, which Linux refuses too */
        int addr = shm_attach(first, a5, second);
        if (addr < 0 && addr >= -4095)
            return addr;
        return copy_to_user(a4, &addr, sizeof(addr)) ? -EFAULT : 0;
    }
    case IPCOP_SHMDT:
        return shm_detach(a5);
    case IPCOP_SHMGET:
        return shm_get(first, (uint32_t)second, (int)a4);
    case IPCOP_SHMCTL:
        if (!(second & IPC_64) && second != IPC_RMID && second != SHM_LOCK && second != SHM_UNLOCK)
            return -EINVAL;             /* IPC_OLD structures: not here */
        return do_shmctl(first, second & ~IPC_64, a5);
    default:
        return -ENOSYS;
    }
}

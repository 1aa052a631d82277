/*
 * shm_raw - System V shared memory without a C library: the direct calls
 * shmget, shmctl, shmat, shmdt (395-398) and the ipc(117) multiplexer that
 * glibc uses on i386, on the same segments.
 *
 * The direct shmctl takes the 64-bit layout without asking: cmd | IPC_64
 * is an unknown command there (EINVAL), while ipc(SHMCTL) wants it.
 * ipc(SHMAT) returns 0 and writes the address through its fourth argument.
 */
#include "lib/ulib.h"

static const char *err_name(long r)
{
    switch (-r) {
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case ENOSYS: return "ENOSYS";
    case EIDRM:  return "EIDRM";
    case EACCES: return "EACCES";
    }
    return r < 0 ? "other error" : "ok";
}

static void show(const char *what, long r)
{
    uprintf(1, "%s: %s\n", what, err_name(r));
}

/* shmat's result: an address up to 0xfffff000, or -errno above that. */
static int shmat_failed(long r)
{
    return (unsigned long)r > -4096UL;
}

/* IPC_STAT through the direct call; -errno or 0. */
static int stat_direct(int id, struct shmid64_ds *ds)
{
    memset(ds, 0, sizeof(*ds));
    return shmctl(id, IPC_STAT, ds);
}

int main(void)
{
    int pid = getpid();
    struct shmid64_ds ds;

    int id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
    uprintf(1, "shmget private: %s\n", id >= 0 ? "ok" : err_name(id));
    show("shmctl IPC_STAT", stat_direct(id, &ds));
    unsigned mode = ds.shm_perm.mode;
    uprintf(1, "segsz %u nattch %u cpid==getpid %d lpid %d mode %d%d%d%d key %d\n",
            ds.shm_segsz, ds.shm_nattch, ds.shm_cpid == pid, ds.shm_lpid,
            (mode >> 9) & 7, (mode >> 6) & 7, (mode >> 3) & 7, mode & 7, ds.shm_perm.key);
    show("direct shmctl IPC_STAT|IPC_64", shmctl(id, IPC_STAT | IPC_64, &ds));

    long a = shmat(id, NULL, 0);
    uprintf(1, "shmat: %s, page aligned %d\n", shmat_failed(a) ? err_name(a) : "ok",
            (a & 4095) == 0);
    if (shmat_failed(a))
        return 1;
    char *p = (char *)a;
    for (int i = 0; i < 8192; i++)
        p[i] = (char)(i % 251);
    stat_direct(id, &ds);
    uprintf(1, "after shmat: nattch %u lpid==getpid %d\n", ds.shm_nattch, ds.shm_lpid == pid);

    unsigned long raddr = 0;
    show("ipc(SHMAT)", ipc(IPC_SHMAT_CALL, id, 0, (long)&raddr, NULL, 0));
    char *q = (char *)raddr;
    uprintf(1, "raddr set %d, another address %d, same bytes %d\n", raddr != 0,
            raddr != (unsigned long)a, raddr && memcmp(p, q, 8192) == 0);
    q[100] = 'x';
    uprintf(1, "write through raddr seen at shmat's address: %d\n", p[100] == 'x');

    show("ipc(SHMCTL, IPC_STAT|IPC_64)", ipc(IPC_SHMCTL_CALL, id, IPC_STAT | IPC_64, 0, &ds, 0));
    uprintf(1, "nattch %u segsz %u\n", ds.shm_nattch, ds.shm_segsz);
    show("ipc(SHMCTL) IPC_STAT to a bad pointer",
         ipc(IPC_SHMCTL_CALL, id, IPC_STAT | IPC_64, 0, (void *)16, 0));
    show("ipc(SHMDT)", ipc(IPC_SHMDT_CALL, 0, 0, 0, q, 0));
    stat_direct(id, &ds);
    uprintf(1, "after ipc(SHMDT): nattch %u\n", ds.shm_nattch);

    unsigned long before = raddr;
    show("ipc(SHMAT) misaligned", ipc(IPC_SHMAT_CALL, id, 0, (long)&raddr, p + 1, 0));
    uprintf(1, "raddr untouched: %d\n", raddr == before);
    show("ipc(SHMAT) SHM_RND over a mapping",
         ipc(IPC_SHMAT_CALL, id, SHM_RND, (long)&raddr, p + 1, 0));

    show("shmdt misaligned", shmdt(p + 1));
    show("shmdt", shmdt(p));
    show("shmdt again", shmdt(p));
    long b = shmat(id, p, 0);
    uprintf(1, "shmat at the old address: %s, there %d, bytes kept %d\n",
            shmat_failed(b) ? err_name(b) : "ok", b == a, p[100] == 'x' && (unsigned char)p[8191] == 8191 % 251);
    show("shmdt", shmdt(p));

    int key = 0x52000000 | pid;
    int id2 = ipc(IPC_SHMGET_CALL, key, 4096, IPC_CREAT | IPC_EXCL | 0640, NULL, 0);
    uprintf(1, "ipc(SHMGET) key: %s\n", id2 >= 0 ? "ok" : err_name(id2));
    show("ipc(SHMGET) key again, IPC_EXCL",
         ipc(IPC_SHMGET_CALL, key, 4096, IPC_CREAT | IPC_EXCL | 0640, NULL, 0));
    uprintf(1, "direct shmget finds it: %d\n", shmget(key, 0, 0) == id2);
    show("direct shmget bigger", shmget(key, 4097, 0));
    show("direct shmget other key", shmget(key + 1, 4096, 0));
    show("ipc(99)", ipc(99, 0, 0, 0, NULL, 0));

    show("shmctl IPC_RMID", shmctl(id2, IPC_RMID, NULL));
    show("ipc(SHMCTL, IPC_RMID)", ipc(IPC_SHMCTL_CALL, id, IPC_RMID, 0, NULL, 0));
    show("IPC_STAT after IPC_RMID", stat_direct(id, &ds));
    show("shmat after IPC_RMID", shmat(id, NULL, 0));
    show("shmget key after IPC_RMID", shmget(key, 0, 0));
    return 0;
}

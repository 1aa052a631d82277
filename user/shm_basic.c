/*
 * shm_basic - System V shared memory through glibc (the ipc multiplexer):
 * a private segment attached, written, detached and attached again; its
 * IPC_STAT fields at each step; a keyed segment and shmget's errors
 * (EEXIST, ENOENT, EINVAL for a bigger size or size 0); shmat at a chosen
 * address, misaligned (EINVAL), with SHM_RND, over a mapping (EINVAL);
 * shmdt of what is not an attachment (EINVAL); IPC_SET; IPC_RMID.
 */
#include "lib/shmtest.h"
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* A pid as a word that is the same on every run. */
static const char *who(pid_t pid)
{
    return pid == 0 ? "0" : pid == getpid() ? "self" : "other";
}

/* The fields of IPC_STAT that do not change from run to run (key: the
 * one expected or not). */
static void show_stat(const char *when, int id, key_t key, struct shmid_ds *ds)
{
    stat_or_die(id, ds);
    printf("%s: segsz %zu nattch %lu mode %04o key ok %d cpid %s lpid %s"
           " uid ok %d cuid ok %d gid ok %d cgid ok %d\n", when, ds->shm_segsz, ds->shm_nattch,
           ds->shm_perm.mode, ds->shm_perm.__key == key, who(ds->shm_cpid), who(ds->shm_lpid),
           ds->shm_perm.uid == getuid(), ds->shm_perm.cuid == getuid(),
           ds->shm_perm.gid == getgid(), ds->shm_perm.cgid == getgid());
}

/* The private segment: attach, use, detach, the times. */
static int private_segment(void)
{
    struct shmid_ds ds;
    time_t t0 = time(NULL);
    int id = get_or_die(IPC_PRIVATE, 10000, IPC_CREAT | 0640);

    show_stat("created", id, IPC_PRIVATE, &ds);
    printf("atime 0 %d dtime 0 %d ctime>=start %d\n", ds.shm_atime == 0, ds.shm_dtime == 0,
           ds.shm_ctime >= t0);
    time_t ctime = ds.shm_ctime;

    unsigned char *p = (unsigned char *)attach_or_die(id, NULL, 0);
    printf("attached page aligned: %d\n", ((unsigned long)p & 4095) == 0);
    for (int i = 0; i < 10000; i++)
        p[i] = i % 251;
    show_stat("attached", id, IPC_PRIVATE, &ds);
    printf("atime>=ctime %d dtime 0 %d\n", ds.shm_atime >= ctime, ds.shm_dtime == 0);
    time_t atime = ds.shm_atime;

    show("shmdt inside the attachment", shmdt(p + 4096));
    show("shmdt misaligned", shmdt(p + 1));
    show("shmdt", shmdt(p));
    show("shmdt again", shmdt(p));
    show_stat("detached", id, IPC_PRIVATE, &ds);
    printf("dtime>=atime %d\n", ds.shm_dtime >= atime);

    p = (unsigned char *)attach_or_die(id, NULL, 0);
    int same = 1;
    for (int i = 0; i < 10000; i++)
        same &= p[i] == i % 251;
    printf("attached again, bytes kept: %d\n", same);
    shmdt(p);
    return id;
}

/* shmat at chosen addresses: a free hole found with mmap, then misaligned,
 * rounded with SHM_RND, and over a mapping. */
static void chosen_addresses(int id)
{
    char *hole = mmap(NULL, 5 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(hole, 5 * 4096);
    char *want = hole + 4096;

    char *p = shmat(id, want, 0);
    printf("shmat at a chosen address: there %d\n", p == want);
    want[0] = 'A';
    shmdt(p);
    show_at("shmat misaligned", shmat(id, want + 100, 0));
    p = shmat(id, want + 100, SHM_RND);
    printf("shmat SHM_RND: rounded down to SHMLBA %d (SHMLBA %d)\n", p == want, SHMLBA);
    show_at("shmat over that attachment", shmat(id, want, 0));
    show_at("shmat SHM_RND over it", shmat(id, want + 4095, SHM_RND));
    show("shmdt", shmdt(p));
    show_at("shmat with a bad id", shmat(-1, NULL, 0));
    show_at("shmat with a stale id", shmat(id ^ 0x40000000, NULL, 0));
}

/* A keyed segment and the errors of shmget. */
static void keyed_segment(void)
{
    struct shmid_ds ds;
    key_t key = 0x5b000000 | getpid();
    int id = get_or_die(key, 8192, IPC_CREAT | IPC_EXCL | 0600);

    show_stat("keyed", id, key, &ds);
    printf("shmget key again: same id %d\n", shmget(key, 8192, 0) == id);
    printf("shmget key, smaller: same id %d\n", shmget(key, 100, 0) == id);
    printf("shmget key, size 0: same id %d\n", shmget(key, 0, 0) == id);
    printf("shmget key, IPC_CREAT: same id %d\n", shmget(key, 8192, IPC_CREAT | 0600) == id);
    show("shmget key, IPC_CREAT|IPC_EXCL", shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0600));
    show("shmget key, bigger", shmget(key, 8193, 0));
    show("shmget key, bigger with IPC_CREAT", shmget(key, 8193, IPC_CREAT | 0600));
    show("shmget other key", shmget(key + 1, 4096, 0));
    show("shmget private size 0", shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600));
    show("shmget new key size 0", shmget(key + 1, 0, IPC_CREAT | 0600));

    ds.shm_perm.mode = 0604;
    show("IPC_SET mode 0604", shmctl(id, IPC_SET, &ds));
    show_stat("after IPC_SET", id, key, &ds);

    show("IPC_RMID", shmctl(id, IPC_RMID, NULL));
    show("shmget key after IPC_RMID", shmget(key, 0, 0));
    show("IPC_STAT after IPC_RMID", shmctl(id, IPC_STAT, &ds));
    show_at("shmat after IPC_RMID", shmat(id, NULL, 0));
    show("IPC_RMID again", shmctl(id, IPC_RMID, NULL));
    show("shmctl unknown command", shmctl(0, 99, &ds));
}

int main(void)
{
    int id = private_segment();
    chosen_addresses(id);
    keyed_segment();
    show("IPC_RMID private", shmctl(id, IPC_RMID, NULL));
    return 0;
}

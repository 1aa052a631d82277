/*
 * shm_lock - SHM_LOCK and SHM_UNLOCK.  The SHM_LOCKED bit (02000) in
 * IPC_STAT's mode and in /proc/sysvipc/shm; the calls through glibc (the
 * ipc multiplexer with IPC_64), through the direct shmctl (396) and
 * through ipc without IPC_64, which these commands allow as they move no
 * structure; EINVAL for an id that names no segment.  Then a locked
 * 8 MiB segment keeps every page in memory while a 40 MiB one is written
 * with 32 MiB of RAM (shm_lock.mem, shm_lock.swap): the big one goes
 * partly to swap (shm_lock.klog), the locked one not at all.  On Linux
 * with plenty of RAM nothing is swapped and the output is the same.
 *
 *     shm_lock unlock     (the test shm_unlock)
 *
 * unlocks the 8 MiB segment before the 40 MiB one is written: then its
 * pages, the oldest, go to swap like any others.
 */
#include "lib/shmtest.h"
#include <sys/syscall.h>
#include <unistd.h>

#define LOCKED_SIZE (8u << 20)
#define BIG_SIZE    (40u << 20)
#define IPCOP_SHMCTL 24

static unsigned mode_of(int id)
{
    struct shmid_ds ds;
    stat_or_die(id, &ds);
    return ds.shm_perm.mode;
}

/* Prints the perms, rss and swap columns of id's row in
 * /proc/sysvipc/shm (when is not NULL); returns the swap column. */
static unsigned long show_row(const char *when, int id)
{
    FILE *f = fopen("/proc/sysvipc/shm", "r");
    char line[512];
    int key, shmid;
    unsigned perms;
    unsigned long size, rss, swap, row_swap = 0;

    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "%d %d %o %lu %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %lu %lu", &key,
                   &shmid, &perms, &size, &rss, &swap) == 6 && shmid == id) {
            if (when)
                printf("%s: perms %o rss %lu swap %lu\n", when, perms, rss, swap);
            row_swap = swap;
        }
    if (f)
        fclose(f);
    return row_swap;
}

static void write_pages(char *p, unsigned size, unsigned salt)
{
    for (unsigned off = 0; off < size; off += 4096)
        p[off] = (char)(off / 4096 + salt);
}

static unsigned bad_pages(const char *p, unsigned size, unsigned salt)
{
    unsigned bad = 0;
    for (unsigned off = 0; off < size; off += 4096)
        bad += p[off] != (char)(off / 4096 + salt);
    return bad;
}

int main(int argc, char **argv)
{
    int unlock = argc > 1 && strcmp(argv[1], "unlock") == 0;

    int id = get_or_die(IPC_PRIVATE, LOCKED_SIZE, IPC_CREAT | 0600);
    printf("created: mode %o\n", mode_of(id));
    show("SHM_LOCK", shmctl(id, SHM_LOCK, NULL));
    printf("locked: mode %o\n", mode_of(id));
    show("SHM_LOCK again", shmctl(id, SHM_LOCK, NULL));
    show("SHM_UNLOCK, direct shmctl", syscall(SYS_shmctl, id, SHM_UNLOCK, NULL));
    printf("unlocked: mode %o\n", mode_of(id));
    show("SHM_UNLOCK again", shmctl(id, SHM_UNLOCK, NULL));
    show("SHM_LOCK, ipc without IPC_64", syscall(SYS_ipc, IPCOP_SHMCTL, id, SHM_LOCK, 0, NULL, 0));
    printf("locked: mode %o\n", mode_of(id));
    show("SHM_LOCK of a bad id", shmctl(id + 1, SHM_LOCK, NULL));
    show("SHM_UNLOCK of a bad id", shmctl(-1, SHM_UNLOCK, NULL));

    char *locked = attach_or_die(id, NULL, 0);
    write_pages(locked, LOCKED_SIZE, 7);
    show_row("locked, written", id);
    if (unlock)
        show("SHM_UNLOCK", shmctl(id, SHM_UNLOCK, NULL));

    int big = get_or_die(IPC_PRIVATE, BIG_SIZE, IPC_CREAT | 0600);
    char *p = attach_or_die(big, NULL, 0);
    write_pages(p, BIG_SIZE, 3);
    printf("40 MiB segment: %u bad pages\n", bad_pages(p, BIG_SIZE, 3));
    if (unlock)
        printf("unlocked, after the 40 MiB segment: some pages in swap %d\n",
               show_row(NULL, id) > 0);     /* how many depends on kswapd's timing */
    else
        show_row("locked, after the 40 MiB segment", id);
    printf("8 MiB segment: %u bad pages\n", bad_pages(locked, LOCKED_SIZE, 7));

    shmdt(p);
    shmctl(big, IPC_RMID, NULL);
    shmdt(locked);
    show("IPC_RMID", shmctl(id, IPC_RMID, NULL));
    return 0;
}

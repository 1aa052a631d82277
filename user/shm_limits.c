/*
 * shm_limits - the limits: IPC_INFO (shmmin 1, shmmni = shmseg = 4096,
 * shmall 0xfeffffff pages; shmmax is 0xfeffffff on i386 Linux and
 * INT_MAX on an x86-64 host's compat IPC_INFO, so only its floor is
 * printed); SHM_INFO's counts growing by a new segment's pages and touched
 * pages; and ENOSPC once SHMMNI segments exist (those already there
 * count: the check is that used_ids is 4096 then).  Every segment made is
 * removed.
 */
#include "lib/shmtest.h"

#define SHMMNI 4096

static int ids[SHMMNI + 1];

static struct shm_info shm_info_now(void)
{
    struct shm_info si;

    if (shmctl(0, SHM_INFO, (struct shmid_ds *)&si) < 0) {
        printf("SHM_INFO failed: %s\n", strerrorname_np(errno));
        exit(1);
    }
    return si;
}

static void ipc_info(void)
{
    struct shminfo info;
    int r = shmctl(0, IPC_INFO, (struct shmid_ds *)&info);

    printf("IPC_INFO returns an index >= 0: %d\n", r >= 0);
    printf("shmmin %lu shmmni %lu shmseg %lu shmall %lu shmmax >= INT_MAX %d\n",
           info.shmmin, info.shmmni, info.shmseg, info.shmall, info.shmmax >= 0x7fffffff);
}

/* SHM_INFO before and after a 3-page segment with 2 pages touched. */
static void shm_info_counts(void)
{
    struct shm_info before = shm_info_now();
    int id = get_or_die(IPC_PRIVATE, 3 * 4096 - 100, IPC_CREAT | 0600);
    struct shm_info made = shm_info_now();
    char *p = attach_or_die(id, NULL, 0);
    p[0] = p[2 * 4096] = 1;
    struct shm_info touched = shm_info_now();
    shmdt(p);
    shmctl(id, IPC_RMID, NULL);
    struct shm_info after = shm_info_now();

    printf("SHM_INFO: used_ids +%d shm_tot +%ld shm_rss +%ld; touched: shm_rss +%ld;"
           " removed: used_ids +%d shm_tot +%ld shm_rss +%ld\n",
           made.used_ids - before.used_ids, (long)(made.shm_tot - before.shm_tot),
           (long)(made.shm_rss - before.shm_rss), (long)(touched.shm_rss - made.shm_rss),
           after.used_ids - before.used_ids, (long)(after.shm_tot - before.shm_tot),
           (long)(after.shm_rss - before.shm_rss));
}

/* Segments until shmget fails: ENOSPC with SHMMNI of them in the system. */
static void too_many(void)
{
    int n = 0, r = 0, err = 0, used = -1;

    while (n <= SHMMNI) {
        r = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
        if (r < 0) {
            err = errno;
            used = shm_info_now().used_ids;
            break;
        }
        ids[n++] = r;
    }
    printf("shmget after %s segments: %s, used_ids %d\n", n > 0 ? "many" : "no",
           r < 0 ? strerrorname_np(err) : "ok", used);
    int removed = 0;
    for (int i = 0; i < n; i++)
        removed += shmctl(ids[i], IPC_RMID, NULL) == 0;
    printf("all removed: %d\n", removed == n);
}

int main(void)
{
    ipc_info();
    shm_info_counts();
    too_many();
    return 0;
}

/*
 * shm_rmid - IPC_RMID of an attached segment: it stays usable, IPC_STAT
 * shows SHM_DEST (01000) in the mode and key 0, the key finds nothing
 * (IPC_CREAT makes a new segment), shmat of the id still works while an
 * attachment remains; a forked child keeps it alive after the parent
 * detaches, and once the child's last shmdt it is gone (EINVAL).
 */
#include "lib/shmtest.h"
#include <sys/wait.h>
#include <unistd.h>

static key_t key;                   /* the segment's key while it has one */

/* IPC_STAT's mode, key (ours, 0 or other) and nattch. */
static void show_mode(const char *when, int id)
{
    struct shmid_ds ds;

    stat_or_die(id, &ds);
    key_t k = ds.shm_perm.__key;
    printf("%s: mode %04o key %s nattch %lu\n", when, ds.shm_perm.mode,
           k == key ? "ours" : k == 0 ? "0" : "other", ds.shm_nattch);
}

/* The child: the segment after the parent has detached (it reads a byte
 * from the pipe when that is done). */
static int child(int id, char *p, char *q, int go)
{
    char c;

    if (read(go, &c, 1) != 1)
        return 1;
    show_mode("child, parent detached", id);
    printf("child sees the parent's last write: %d\n", p[1] == 'P' && q[1] == 'P');
    show("child shmdt", shmdt(p));
    show_mode("child, one left", id);
    show("child shmdt the last", shmdt(q));
    struct shmid_ds ds;
    show("child IPC_STAT after the last shmdt", shmctl(id, IPC_STAT, &ds));
    return 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    key = 0x5d000000 | getpid();
    int id = get_or_die(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
    char *p = attach_or_die(id, NULL, 0);
    p[0] = 'x';
    show_mode("attached", id);

    show("IPC_RMID", shmctl(id, IPC_RMID, NULL));
    show_mode("after IPC_RMID", id);
    p[0]++;
    printf("still usable: %d\n", p[0] == 'y');
    show("shmget the old key", shmget(key, 0, 0));
    int fresh = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
    printf("shmget the old key, IPC_CREAT|IPC_EXCL: new id %d\n", fresh >= 0 && fresh != id);
    shmctl(fresh, IPC_RMID, NULL);
    show("IPC_RMID again", shmctl(id, IPC_RMID, NULL));

    char *q = shmat(id, NULL, 0);
    printf("shmat of the removed id: %s, same bytes %d\n",
           q == (void *)-1 ? strerrorname_np(errno) : "ok", q != (void *)-1 && q[0] == 'y');
    if (q == (void *)-1)
        return 1;
    show_mode("second attachment", id);

    int go[2];
    if (pipe(go) < 0)
        return 1;
    pid_t pid = fork();
    if (pid == 0)
        _exit(child(id, p, q, go[0]));
    show_mode("after fork", id);
    p[1] = 'P';
    show("parent shmdt", shmdt(p));
    show("parent shmdt", shmdt(q));
    show_mode("parent detached", id);
    if (write(go[1], "g", 1) != 1)
        return 1;
    int status;
    waitpid(pid, &status, 0);
    printf("child: exit %d\n", WEXITSTATUS(status));
    struct shmid_ds ds;
    show("parent IPC_STAT", shmctl(id, IPC_STAT, &ds));
    show_at("parent shmat", shmat(id, NULL, 0));
    return 0;
}

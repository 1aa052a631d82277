/*
 * shm_fork_exec - attachments across fork, exec and exit: a child inherits
 * the parent's attachment (nattch counts both) at the same address and
 * writes what the parent then reads; exec drops the child's attachment
 * (the program it runs, this one with "exec ID", sees nattch 1 and no
 * SYSV mapping); exit drops it (nattch after waitpid, lpid the child's).
 */
#include "lib/shmtest.h"
#include <unistd.h>

/* Whether /proc/self/maps has a line naming a SYSV segment. */
static int maps_have_sysv(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[256];
    int found = 0;

    if (!f)
        return -1;
    while (fgets(line, sizeof(line), f))
        found |= strstr(line, "/SYSV") != NULL;
    fclose(f);
    return found;
}

/* The program after exec: what it sees of the segment. */
static int after_exec(int id)
{
    printf("after exec: nattch %lu, SYSV in maps %d\n", nattch_of(id), maps_have_sysv());
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc == 3 && strcmp(argv[1], "exec") == 0)
        return after_exec(atoi(argv[2]));

    int id = get_or_die(IPC_PRIVATE, 3 * 4096, IPC_CREAT | 0600);
    int *p = (int *)attach_or_die(id, NULL, 0);
    p[0] = 1;
    printf("parent: nattch %lu, SYSV in maps %d\n", nattch_of(id), maps_have_sysv());

    pid_t pid = fork();
    if (pid == 0) {
        printf("child: nattch %lu, sees the parent's write %d\n", nattch_of(id), p[0] == 1);
        p[0] = 2;
        p[2 * 1024] = 3;            /* a page the parent never touched */
        char ids[16];
        snprintf(ids, sizeof(ids), "%d", id);
        char *args[] = { argv[0], "exec", ids, NULL };
        execv(argv[0], args);
        printf("execv failed: %s\n", strerrorname_np(errno));
        _exit(1);
    }
    reap("exec child", pid);
    struct shmid_ds ds;
    stat_or_die(id, &ds);
    printf("parent: nattch %lu, lpid the child's %d, sees the child's writes %d %d\n",
           ds.shm_nattch, ds.shm_lpid == pid, p[0] == 2, p[2 * 1024] == 3);

    pid = fork();
    if (pid == 0) {
        printf("child 2: nattch %lu\n", nattch_of(id));
        p[1] = 4;
        _exit(0);                   /* still attached */
    }
    reap("child 2", pid);
    stat_or_die(id, &ds);
    printf("parent: nattch %lu, lpid the child's %d, sees its write %d\n",
           ds.shm_nattch, ds.shm_lpid == pid, p[1] == 4);

    shmdt(p);
    printf("parent detached: nattch %lu\n", nattch_of(id));
    show("IPC_RMID", shmctl(id, IPC_RMID, NULL));
    return 0;
}

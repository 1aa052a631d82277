/*
 * shm_ipcs - the ipcs tool (user/ipcs.c) on segments of our own: a keyed
 * one attached twice and a removed one still attached (status "dest").
 * ipcs runs from the directory of this program (the ramdisk's root on our
 * kernel, tests/user/shm_ipcs.files); its output goes through a pipe and
 * is printed with our rows' shmid replaced by ID and other processes'
 * rows left out, so that it is the same on every run.
 */
#include "lib/shmtest.h"
#include <sys/wait.h>
#include <unistd.h>

#define KEY 0x49504353              /* "IPCS" */

/* Runs the ipcs next to argv0 with its stdout into a pipe; returns the
 * read end. */
static FILE *run_ipcs(const char *argv0, pid_t *pid)
{
    char path[256];
    int fds[2];

    snprintf(path, sizeof(path), "%s", argv0);
    char *slash = strrchr(path, '/');
    snprintf(slash ? slash + 1 : path, sizeof(path) - (slash ? slash + 1 - path : 0), "ipcs");
    if (pipe(fds) < 0)
        exit(1);
    *pid = fork();
    if (*pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        char *args[] = { path, "-m", NULL };
        execv(path, args);
        fprintf(stderr, "execv %s: %s\n", path, strerrorname_np(errno));
        _exit(127);
    }
    close(fds[1]);
    return fdopen(fds[0], "r");
}

int main(int argc, char **argv)
{
    (void)argc;
    setvbuf(stdout, NULL, _IONBF, 0);
    int a = get_or_die(KEY, 5000, IPC_CREAT | IPC_EXCL | 0640);
    int b = get_or_die(IPC_PRIVATE, 3 * 4096, IPC_CREAT | 0600);
    char *pa = attach_or_die(a, NULL, 0), *pa2 = attach_or_die(a, NULL, SHM_RDONLY);
    char *pb = attach_or_die(b, NULL, 0);
    shmctl(b, IPC_RMID, NULL);

    pid_t pid;
    FILE *f = run_ipcs(argv[0], &pid);
    char line[256], ida[16], idb[16];
    snprintf(ida, sizeof(ida), " %-10d ", a);
    snprintf(idb, sizeof(idb), " %-10d ", b);
    while (fgets(line, sizeof(line), f)) {
        if (strncmp(line, "0x", 2) != 0) {
            fputs(line, stdout);
            continue;
        }
        char *at = strstr(line, ida) == line + 10 ? line + 10 : NULL;
        if (!at && strstr(line, idb) == line + 10)
            at = line + 10;
        if (at)
            printf("%.10s %-10s %s", line, "ID", at + 12);
    }
    fclose(f);
    int status;
    waitpid(pid, &status, 0);
    printf("ipcs: exit %d\n", WEXITSTATUS(status));
    shmdt(pa);
    shmdt(pa2);
    shmdt(pb);
    show("IPC_RMID", shmctl(a, IPC_RMID, NULL));
    return 0;
}

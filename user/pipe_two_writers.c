/*
 * pipe_two_writers.c - two processes write into the same full pipe and
 * nobody reads it: both must simply sleep until a reader comes or they
 * are killed.  A third process (the parent) sleeps a while, then kills
 * them.  Writers that woke each other over and over, never leaving the
 * kernel, would starve the parent (and the timer).  Found by the fuzzer
 * (user/fuzz.c, seed 15 of the first campaign: a kernel that never
 * powered off).
 */
#include "lib/ulib.h"

static char block[16384];

static int writer(int fd)
{
    int pid = fork();
    if (pid == 0) {
        for (;;)
            write(fd, block, sizeof(block));
    }
    return pid;
}

int main(void)
{
    int fds[2], status;

    if (pipe(fds) < 0)
        return 1;
    int a = writer(fds[1]), b = writer(fds[1]);
    msleep(200);
    kill(a, SIGKILL);
    kill(b, SIGKILL);
    waitpid_retry(a, &status);
    uprintf(1, "first writer: signal %d\n", WTERMSIG(status));
    waitpid_retry(b, &status);
    uprintf(1, "second writer: signal %d\n", WTERMSIG(status));
    return 0;
}

/*
 * thread_exec.c - execve from a thread other than the first: the other
 * threads end (one sleeps in nanosleep, one waits in pthread_join), the
 * new program runs alone, with the process's id (getpid is the same,
 * and so is gettid now), and its parent waits for that process.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char pid_text[16];

static long status_threads(void)
{
    char buf[2048], *p;
    FILE *f = fopen("/proc/self/status", "r");
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

    if (f)
        fclose(f);
    buf[n] = 0;
    p = strstr(buf, "\nThreads:");
    return p ? atol(p + 9) : -1;
}

static void *sleeper(void *arg)
{
    (void)arg;
    sleep(100);
    return 0;
}

static void *execer(void *arg)
{
    char *argv[] = { "thread_exec", "after", pid_text, 0 };

    (void)arg;
    execv("/proc/self/exe", argv);
    perror("execv");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "after")) {
        printf("after execve: getpid is the process's: %s, gettid too: %s, Threads %ld\n",
               getpid() == atoi(argv[2]) ? "yes" : "no",
               syscall(SYS_gettid) == getpid() ? "yes" : "no", status_threads());
        return 5;
    }
    int pid = fork();
    if (pid == 0) {
        pthread_t a, b;
        snprintf(pid_text, sizeof(pid_text), "%d", getpid());
        pthread_create(&a, 0, sleeper, 0);
        pthread_create(&b, 0, execer, 0);
        pthread_join(a, 0);             /* ended by the execve */
        printf("the first thread went on\n");
        return 1;
    }
    int status;
    waitpid(pid, &status, 0);
    fflush(stdout);
    printf("parent: the child %s %d\n", WIFEXITED(status) ? "exited" : "was killed by signal",
           WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    return 0;
}

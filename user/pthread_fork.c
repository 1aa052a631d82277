/*
 * pthread_fork.c - fork in a multithreaded process, from a thread that is
 * not main.  The parent has 4 threads (main, 2 asleep at a barrier, and
 * the one that forks); /proc/self/status says "Threads:	4".  The child
 * is a copy of the forking thread only: "Threads:	1", its gettid is its
 * getpid, its pthread_self is the forking thread's (glibc keeps the
 * thread's descriptor, which lives on that thread's stack, also in the
 * child), and it runs on a copy of that thread's stack.  The child
 * creates 3 threads of its own ("Threads:	4" while they are alive),
 * joins them, and exits with a status of its own; the forking thread
 * waits for it.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/pthread_util.h"

#define PARENT_SLEEPERS 2
#define CHILD_THREADS 3

/* The number on the "Threads:" line of /proc/self/status, or -1. */
static int threads_in_status(void)
{
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    int threads = -1;

    if (status == NULL)
        return -1;
    while (fgets(line, sizeof(line), status) != NULL)
        if (sscanf(line, "Threads: %d", &threads) == 1)
            break;
    fclose(status);
    return threads;
}

/* ---- in the child ---- */

static pthread_barrier_t child_all_alive, child_counted;

static void *child_thread(void *arg)
{
    pthread_barrier_wait(&child_all_alive);
    pthread_barrier_wait(&child_counted);
    return (void *)((intptr_t)arg * 10);
}

static int child_after_fork(pthread_t forker_self, pid_t parent_pid)
{
    pthread_t threads[CHILD_THREADS];
    int i, sum = 0, local;

    printf("child: Threads: %d\n", threads_in_status());
    printf("child: gettid is getpid: %s, getppid is the parent: %s, pthread_self is the forking thread's: %s\n",
           yes_no(tid_of_caller() == getpid()), yes_no(getppid() == parent_pid),
           yes_no(pthread_equal(pthread_self(), forker_self)));
    printf("child: on the forking thread's stack: %s\n",
           yes_no((uintptr_t)&local > (uintptr_t)forker_self - 1024 * 1024 &&
                  (uintptr_t)&local < (uintptr_t)forker_self));
    pthread_barrier_init(&child_all_alive, NULL, CHILD_THREADS + 1);
    pthread_barrier_init(&child_counted, NULL, CHILD_THREADS + 1);
    for (i = 0; i < CHILD_THREADS; i++)
        create_or_die(&threads[i], NULL, child_thread, (void *)(intptr_t)(i + 1));
    pthread_barrier_wait(&child_all_alive);
    printf("child: %d threads created, Threads: %d\n", CHILD_THREADS, threads_in_status());
    pthread_barrier_wait(&child_counted);
    for (i = 0; i < CHILD_THREADS; i++) {
        void *result;

        pthread_join(threads[i], &result);
        sum += (int)(intptr_t)result;
    }
    printf("child: joined them, results sum %d\n", sum);
    return 42;
}

/* ---- in the parent ---- */

static pthread_barrier_t parent_release;

static void *parent_sleeper(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&parent_release);
    return NULL;
}

static void *forker(void *arg)
{
    pid_t parent_pid = getpid(), child;
    int status;

    (void)arg;
    printf("parent: the forking thread is not main: %s, Threads: %d\n",
           yes_no(tid_of_caller() != getpid()), threads_in_status());
    child = fork();
    if (child == 0)
        exit(child_after_fork(pthread_self(), parent_pid));
    if (waitpid(child, &status, 0) != child) {
        printf("parent: waitpid failed\n");
        return NULL;
    }
    printf("parent: the child ended with %s %d\n", WIFEXITED(status) ? "exit" : "signal",
           WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    printf("parent: Threads: %d\n", threads_in_status());
    return NULL;
}

int main(void)
{
    pthread_t sleepers[PARENT_SLEEPERS], forking;
    int i;

    setvbuf(stdout, NULL, _IONBF, 0);
    pthread_barrier_init(&parent_release, NULL, PARENT_SLEEPERS + 1);
    for (i = 0; i < PARENT_SLEEPERS; i++)
        create_or_die(&sleepers[i], NULL, parent_sleeper, NULL);
    create_or_die(&forking, NULL, forker, NULL);
    pthread_join(forking, NULL);
    pthread_barrier_wait(&parent_release);
    for (i = 0; i < PARENT_SLEEPERS; i++)
        pthread_join(sleepers[i], NULL);
    printf("parent: all joined\n");
    return 0;
}

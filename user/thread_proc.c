/*
 * thread_proc.c - what /proc shows of a process of four threads:
 * /proc/self/status counts them (Threads:) and names the process (Tgid:,
 * Pid:); /proc/self/task lists one directory per thread, in which status
 * gives the thread's own id; /proc lists the process once, not its
 * threads.  And getrusage: RUSAGE_THREAD counts one thread's faults,
 * RUSAGE_SELF all of them.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 3
#define PAGES   20

static pthread_barrier_t started, checked;
static long tids[THREADS];
static char *pages;

/* The number after "name:" in a /proc status file, or -1. */
static long status_field(const char *path, const char *name)
{
    char buf[2048], *p;
    FILE *f = fopen(path, "r");
    size_t n;

    if (!f)
        return -1;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = 0;
    for (p = buf; p; p = strchr(p, '\n')) {
        if (*p == '\n')
            p++;
        if (!strncmp(p, name, strlen(name)) && p[strlen(name)] == ':')
            return atol(p + strlen(name) + 1);
    }
    return -1;
}

static void *thread_main(void *arg)
{
    long i = (long)arg;
    struct rusage before, after;

    tids[i] = syscall(SYS_gettid);
    pthread_barrier_wait(&started);
    pthread_barrier_wait(&checked);
    if (i == 0) {                       /* the first thread touches PAGES new pages */
        getrusage(RUSAGE_THREAD, &before);
        for (int k = 0; k < PAGES; k++)
            pages[k * 4096] = 1;
        getrusage(RUSAGE_THREAD, &after);
        printf("thread 0: RUSAGE_THREAD minflt +%ld\n", after.ru_minflt - before.ru_minflt);
    }
    return 0;
}

int main(void)
{
    pthread_t t[THREADS];
    char path[64];
    struct rusage self_before, self_after, main_before, main_after;

    pages = mmap(0, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pthread_barrier_init(&started, 0, THREADS + 1);
    pthread_barrier_init(&checked, 0, THREADS + 1);
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], 0, thread_main, (void *)i);
    pthread_barrier_wait(&started);

    printf("status: Threads %ld, Tgid is getpid: %s, Pid is getpid: %s\n",
           status_field("/proc/self/status", "Threads"),
           status_field("/proc/self/status", "Tgid") == getpid() ? "yes" : "no",
           status_field("/proc/self/status", "Pid") == getpid() ? "yes" : "no");
    int entries = 0, known = 0;
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        long id = atol(e->d_name);
        entries++;
        known += id == getpid();
        for (int i = 0; i < THREADS; i++)
            known += id == tids[i];
    }
    if (d)
        closedir(d);
    printf("/proc/self/task: %d entries, %d of them the process's threads\n", entries, known);
    int right = 0, listed = 0;
    for (int i = 0; i < THREADS; i++) {
        snprintf(path, sizeof(path), "/proc/self/task/%ld/status", tids[i]);
        right += status_field(path, "Pid") == tids[i] && status_field(path, "Tgid") == getpid();
    }
    printf("/proc/self/task/TID/status: Pid is the thread's id and Tgid the process's: %d of %d\n",
           right, THREADS);
    d = opendir("/proc");
    while (d && (e = readdir(d)))
        for (int i = 0; i < THREADS; i++)
            listed += atol(e->d_name) == tids[i];
    if (d)
        closedir(d);
    printf("/proc lists the threads' ids: %d of them\n", listed);

    getrusage(RUSAGE_SELF, &self_before);
    getrusage(RUSAGE_THREAD, &main_before);
    pthread_barrier_wait(&checked);
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], 0);
    getrusage(RUSAGE_SELF, &self_after);
    getrusage(RUSAGE_THREAD, &main_after);
    printf("main: RUSAGE_THREAD minflt +%ld; RUSAGE_SELF counts thread 0's: %s\n",
           main_after.ru_minflt - main_before.ru_minflt,
           self_after.ru_minflt - self_before.ru_minflt >= PAGES ? "yes" : "no");
    printf("after the joins: Threads %ld\n", status_field("/proc/self/status", "Threads"));
    return 0;
}

/*
 * pthread_basic.c - threads as glibc makes them: pthread_create and
 * pthread_join of 8 threads.  Each thread returns a value computed from
 * its argument, and records what it sees of itself: pthread_self, getpid,
 * gettid (called as syscall(224), the i386 number) and the address of a
 * local variable (so its stack).  The threads wait for each other at a
 * barrier before they return, so all 8 are alive at once and none can
 * hand its tid or stack on to a later one.  main prints it all after the
 * joins, so the output does not depend on the order the threads ran in.
 *
 * Linux: all threads share one pid (the thread group id, which is main's
 * tid); each thread has a tid of its own; pthread_join(pthread_self())
 * fails with EDEADLK.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lib/pthread_util.h"

#define NTHREADS 8

/* What one thread saw, written by that thread, read by main after join. */
struct thread_record {
    int index;
    pthread_t self;
    pid_t pid;
    long tid;
    uintptr_t stack_address;
};

static struct thread_record records[NTHREADS];
static pthread_barrier_t all_alive;

static void *thread_main(void *arg)
{
    struct thread_record *record = arg;
    int local = record->index;

    record->self = pthread_self();
    record->pid = getpid();
    record->tid = tid_of_caller();
    record->stack_address = (uintptr_t)&local;
    pthread_barrier_wait(&all_alive);
    return (void *)(intptr_t)(local * local * 100 + 7);
}

int main(void)
{
    pthread_t threads[NTHREADS];
    int i, j, rc;
    int self_distinct = 1, pid_same = 1, tid_distinct = 1, stacks_distinct = 1;
    long main_tid = tid_of_caller();
    int main_local;

    setvbuf(stdout, NULL, _IONBF, 0);
    pthread_barrier_init(&all_alive, NULL, NTHREADS);
    for (i = 0; i < NTHREADS; i++) {
        records[i].index = i;
        create_or_die(&threads[i], NULL, thread_main, &records[i]);
    }
    printf("%d threads created\n", NTHREADS);
    for (i = 0; i < NTHREADS; i++) {
        void *result;

        rc = pthread_join(threads[i], &result);
        printf("join %d: returns %d, result %d (expected %d)\n", i, rc,
               (int)(intptr_t)result, i * i * 100 + 7);
    }
    for (i = 0; i < NTHREADS; i++) {
        if (!pthread_equal(records[i].self, threads[i]))
            self_distinct = 0;
        if (pthread_equal(records[i].self, pthread_self()))
            self_distinct = 0;
        if (records[i].pid != getpid())
            pid_same = 0;
        if (records[i].tid == main_tid || records[i].tid <= 0)
            tid_distinct = 0;
        if (records[i].stack_address == (uintptr_t)&main_local)
            stacks_distinct = 0;
        for (j = 0; j < i; j++) {
            if (pthread_equal(records[i].self, records[j].self))
                self_distinct = 0;
            if (records[i].tid == records[j].tid)
                tid_distinct = 0;
            if (records[i].stack_address == records[j].stack_address)
                stacks_distinct = 0;
        }
    }
    printf("pthread_self of each thread is what pthread_create gave, distinct, not main's: %s\n",
           yes_no(self_distinct));
    printf("getpid the same in every thread: %s\n", yes_no(pid_same));
    printf("gettid distinct in every thread, not main's: %s\n", yes_no(tid_distinct));
    printf("main's gettid is the pid: %s\n", yes_no(main_tid == getpid()));
    printf("each thread ran on a stack of its own: %s\n", yes_no(stacks_distinct));
    rc = pthread_join(pthread_self(), NULL);
    printf("pthread_join(pthread_self()): %s\n", rc == EDEADLK ? "EDEADLK" : strerror(rc));
    return 0;
}

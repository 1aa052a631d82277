/*
 * pthread_tls.c - thread-local storage: __thread variables, which glibc
 * i386 reaches through %gs (each thread's TLS block, set up by clone with
 * CLONE_SETTLS and a GDT entry from set_thread_area).
 *
 *   each thread writes its index into a __thread variable, waits at a
 *   barrier until every thread has written its own, yields, and reads its
 *   value back: it must be its own index;
 *   initialised TLS (.tdata: `__thread int x = 42`, a string) is seen
 *   fresh in every thread, though main changed its own copy before
 *   creating them; zeroed TLS (.tbss, a 1000-int array) reads as zeros;
 *   the address of a __thread variable differs between threads, and
 *   each thread's errno is its own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/pthread_util.h"

#define NTHREADS 8
#define ZEROED_INTS 1000

static __thread int thread_index = -1;
static __thread int initialised = 42;
static __thread char greeting[16] = "hello";
static __thread int zeroed[ZEROED_INTS];

static pthread_barrier_t all_written;

/* What one thread saw, written by it, read by main after the join. */
struct tls_record {
    int index;
    int index_before;          /* thread_index on entry: -1 */
    int initialised_seen;      /* 42 */
    int greeting_fresh;        /* greeting was "hello" */
    int zeroed_clean;          /* zeroed[] all 0 on entry */
    int index_after;           /* thread_index after the barrier */
    int initialised_after;     /* initialised after the barrier */
    int errno_after;           /* errno after the barrier */
    uintptr_t index_address;   /* &thread_index */
};

static struct tls_record records[NTHREADS];

static int all_zero(const int *ints, int count)
{
    int i;

    for (i = 0; i < count; i++)
        if (ints[i] != 0)
            return 0;
    return 1;
}

static void *thread_main(void *arg)
{
    struct tls_record *record = arg;
    int i;

    record->index_before = thread_index;
    record->initialised_seen = initialised;
    record->greeting_fresh = strcmp(greeting, "hello") == 0;
    record->zeroed_clean = all_zero(zeroed, ZEROED_INTS);
    record->index_address = (uintptr_t)&thread_index;

    thread_index = record->index;
    initialised = 1000 + record->index;
    snprintf(greeting, sizeof(greeting), "thread %d", record->index);
    for (i = 0; i < ZEROED_INTS; i++)
        zeroed[i] = record->index;
    errno = 100 + record->index;

    pthread_barrier_wait(&all_written);
    sched_yield();
    record->index_after = thread_index;
    record->initialised_after = initialised;
    record->errno_after = errno;
    return NULL;
}

int main(void)
{
    pthread_t threads[NTHREADS];
    int i, j;
    int before_ok = 1, fresh_ok = 1, after_ok = 1, errno_ok = 1, addresses_distinct = 1;

    setvbuf(stdout, NULL, _IONBF, 0);
    thread_index = 99;
    initialised = 7;
    strcpy(greeting, "main");
    zeroed[ZEROED_INTS - 1] = 5;
    pthread_barrier_init(&all_written, NULL, NTHREADS);
    for (i = 0; i < NTHREADS; i++) {
        records[i].index = i;
        create_or_die(&threads[i], NULL, thread_main, &records[i]);
    }
    for (i = 0; i < NTHREADS; i++)
        pthread_join(threads[i], NULL);

    for (i = 0; i < NTHREADS; i++) {
        struct tls_record *r = &records[i];

        if (r->index_before != -1)
            before_ok = 0;
        if (r->initialised_seen != 42 || !r->greeting_fresh || !r->zeroed_clean)
            fresh_ok = 0;
        if (r->index_after != i || r->initialised_after != 1000 + i)
            after_ok = 0;
        if (r->errno_after != 100 + i)
            errno_ok = 0;
        if (r->index_address == (uintptr_t)&thread_index)
            addresses_distinct = 0;
        for (j = 0; j < i; j++)
            if (r->index_address == records[j].index_address)
                addresses_distinct = 0;
    }
    printf("%d threads\n", NTHREADS);
    printf("__thread int thread_index = -1 read -1 in every thread: %s\n", yes_no(before_ok));
    printf("__thread int initialised = 42, char greeting[] = \"hello\", int zeroed[%d] fresh in every thread: %s\n",
           ZEROED_INTS, yes_no(fresh_ok));
    printf("each thread read back its own index and value after the barrier: %s\n", yes_no(after_ok));
    printf("each thread's errno its own: %s\n", yes_no(errno_ok));
    printf("&thread_index differs in every thread and from main's: %s\n",
           yes_no(addresses_distinct));
    printf("main's own copies unchanged: thread_index %d, initialised %d, greeting \"%s\", zeroed[%d] %d\n",
           thread_index, initialised, greeting, ZEROED_INTS - 1, zeroed[ZEROED_INTS - 1]);
    return 0;
}

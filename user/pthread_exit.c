/*
 * pthread_exit.c - the ways a thread ends:
 *
 *   pthread_exit(value) from a function nested in the thread: the joined
 *   value is exact, the thread's cleanup handlers run (last pushed first)
 *   and so does the destructor of its pthread_key value;
 *   detached threads (pthread_detach after creation, and one created
 *   detached): they run to the end with nobody joining them, and
 *   pthread_join on one fails with EINVAL;
 *   pthread_exit in main while another thread runs: the process goes on.
 *   The other thread joins main (the kernel clears main's tid word, given
 *   by set_tid_address, and wakes the futex on it when main ends), gets
 *   main's exit value, and then ends itself with pthread_exit; glibc's
 *   last thread calls exit(0), so the atexit handler runs in that thread
 *   and the status is exit 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lib/pthread_util.h"

/* ---- pthread_exit with cleanup handlers and a key destructor ---- */

static pthread_key_t key;
static char order[128];         /* what ran at the thread's exit, in order */

static void note(const char *what)
{
    if (order[0] != '\0')
        strcat(order, ", ");
    strcat(order, what);
}

static void cleanup(void *arg)
{
    note(arg);
}

static void destructor(void *value)
{
    note(value);
}

static __attribute__((noinline)) void leave_from_inside(void)
{
    pthread_exit((void *)(intptr_t)1234);
}

static void *exits_with_cleanups(void *arg)
{
    (void)arg;
    pthread_setspecific(key, "the key's destructor");
    pthread_cleanup_push(cleanup, "cleanup pushed first");
    pthread_cleanup_push(cleanup, "cleanup pushed second");
    leave_from_inside();
    pthread_cleanup_pop(0);
    pthread_cleanup_pop(0);
    note("after the pops");     /* never reached */
    return NULL;
}

static void test_pthread_exit(void)
{
    pthread_t thread;
    void *result;
    int rc;

    pthread_key_create(&key, destructor);
    create_or_die(&thread, NULL, exits_with_cleanups, NULL);
    rc = pthread_join(thread, &result);
    printf("pthread_exit(1234) from a called function: join returns %d, value %d; ran, in order: %s\n",
           rc, (int)(intptr_t)result, order);
}

/* ---- detached threads ---- */

static sem_t detached_done, join_tried;
static volatile int detached_ran;

/* Adds its argument to detached_ran.  The one created detached (argument
 * 10) first waits until main has tried to join it, so that its handle is
 * still valid then. */
static void *detached_main(void *arg)
{
    if (arg == (void *)10)
        sem_wait(&join_tried);
    __atomic_add_fetch(&detached_ran, (int)(intptr_t)arg, __ATOMIC_SEQ_CST);
    sem_post(&detached_done);
    return NULL;
}

static void test_detached(void)
{
    pthread_attr_t attr;
    pthread_t first, second;
    int state = -1;

    sem_init(&detached_done, 0, 0);
    sem_init(&join_tried, 0, 0);
    create_or_die(&first, NULL, detached_main, (void *)1);
    printf("pthread_detach: %d\n", pthread_detach(first));
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_getdetachstate(&attr, &state);
    create_or_die(&second, &attr, detached_main, (void *)10);
    printf("created with PTHREAD_CREATE_DETACHED: %s\n",
           yes_no(state == PTHREAD_CREATE_DETACHED));
    printf("pthread_join on it: %s\n",
           pthread_join(second, NULL) == EINVAL ? "EINVAL" : "something else");
    sem_post(&join_tried);
    sem_wait(&detached_done);
    sem_wait(&detached_done);
    printf("both detached threads ran: %s\n", yes_no(detached_ran == 11));
}

/* ---- pthread_exit in main ---- */

static pthread_t main_thread;
static long main_tid, last_tid;

static void at_exit(void)
{
    printf("atexit handler: runs in the last thread, not main: %s\n",
           yes_no(tid_of_caller() == last_tid && last_tid != main_tid));
}

static void *outlives_main(void *arg)
{
    void *main_value;
    int rc;

    (void)arg;
    last_tid = tid_of_caller();
    rc = pthread_join(main_thread, &main_value);
    printf("last thread: pthread_join(main) returns %d, value %d\n", rc, (int)(intptr_t)main_value);
    printf("last thread: getpid still main's tid: %s\n", yes_no(getpid() == main_tid));
    pthread_exit((void *)3);
}

int main(void)
{
    pthread_t last;

    setvbuf(stdout, NULL, _IONBF, 0);
    test_pthread_exit();
    test_detached();
    main_thread = pthread_self();
    main_tid = tid_of_caller();
    atexit(at_exit);
    create_or_die(&last, NULL, outlives_main, NULL);
    printf("main: pthread_exit(77)\n");
    pthread_exit((void *)77);
}

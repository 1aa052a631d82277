/*
 * pthread_mutex.c - glibc's synchronisation, which sits on futex(2):
 *
 *   a mutex under contention: 8 threads add 1 to a shared counter 10000
 *   times each, each addition under one pthread_mutex (a plain
 *   read-yield-write, so a lost update shows); the threads start together
 *   from a barrier so that they do contend;
 *   an error-checking mutex: EBUSY from trylock, EDEADLK from a second
 *   lock, EPERM from an unlock by a thread that does not own it;
 *   condition variables: a bounded queue of 4 slots, 1 producer putting
 *   1..2000 and then one 0 per consumer (the end marker), 4 consumers
 *   summing what they take; the counts and sums are exact;
 *   pthread_cond_timedwait that times out (ETIMEDOUT);
 *   a barrier used for 3 rounds by 8 threads: in each round every thread
 *   sees what all the others wrote before it, and exactly one thread gets
 *   PTHREAD_BARRIER_SERIAL_THREAD.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

#include "lib/pthread_util.h"

#define NTHREADS 8
#define INCREMENTS 10000

static const char *error_name(int error)
{
    switch (error) {
    case 0: return "0";
    case EBUSY: return "EBUSY";
    case EDEADLK: return "EDEADLK";
    case EPERM: return "EPERM";
    case ETIMEDOUT: return "ETIMEDOUT";
    default: return strerror(error);
    }
}

/* ---- the counter ---- */

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_together;
static volatile int counter;

static void *add_to_counter(void *arg)
{
    int i;

    (void)arg;
    pthread_barrier_wait(&start_together);
    for (i = 0; i < INCREMENTS; i++) {
        pthread_mutex_lock(&counter_lock);
        int seen = counter;
        if (i % 100 == 0)
            sched_yield();      /* hold the lock a while: others wait on it */
        counter = seen + 1;
        pthread_mutex_unlock(&counter_lock);
    }
    return NULL;
}

static void test_counter(void)
{
    pthread_t threads[NTHREADS];
    int i;

    pthread_barrier_init(&start_together, NULL, NTHREADS);
    for (i = 0; i < NTHREADS; i++)
        create_or_die(&threads[i], NULL, add_to_counter, NULL);
    for (i = 0; i < NTHREADS; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&start_together);
    printf("mutex: %d threads x %d increments: counter %d\n", NTHREADS, INCREMENTS, counter);
}

/* ---- the error-checking mutex ---- */

static pthread_mutex_t checked_lock;

static void *unlock_someone_elses(void *arg)
{
    (void)arg;
    printf("  trylock from another thread: %s\n", error_name(pthread_mutex_trylock(&checked_lock)));
    printf("  unlock from another thread: %s\n", error_name(pthread_mutex_unlock(&checked_lock)));
    return NULL;
}

static void test_errorcheck(void)
{
    pthread_mutexattr_t attr;
    pthread_t thread;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&checked_lock, &attr);
    printf("error-checking mutex:\n");
    printf("  lock: %s\n", error_name(pthread_mutex_lock(&checked_lock)));
    printf("  lock again: %s\n", error_name(pthread_mutex_lock(&checked_lock)));
    create_or_die(&thread, NULL, unlock_someone_elses, NULL);
    pthread_join(thread, NULL);
    printf("  unlock: %s\n", error_name(pthread_mutex_unlock(&checked_lock)));
    printf("  unlock again: %s\n", error_name(pthread_mutex_unlock(&checked_lock)));
}

/* ---- the bounded queue ---- */

#define QUEUE_SLOTS 4
#define CONSUMERS 4
#define ITEMS 2000

/* The queue: slots[head..head+used) in a ring, all under queue_lock. */
static struct {
    pthread_mutex_t lock;
    pthread_cond_t not_empty, not_full;
    int slots[QUEUE_SLOTS];
    int head, used;
} queue = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER,
            { 0 }, 0, 0 };

static void queue_put(int item)
{
    pthread_mutex_lock(&queue.lock);
    while (queue.used == QUEUE_SLOTS)
        pthread_cond_wait(&queue.not_full, &queue.lock);
    queue.slots[(queue.head + queue.used) % QUEUE_SLOTS] = item;
    queue.used++;
    pthread_cond_signal(&queue.not_empty);
    pthread_mutex_unlock(&queue.lock);
}

static int queue_take(void)
{
    int item;

    pthread_mutex_lock(&queue.lock);
    while (queue.used == 0)
        pthread_cond_wait(&queue.not_empty, &queue.lock);
    item = queue.slots[queue.head];
    queue.head = (queue.head + 1) % QUEUE_SLOTS;
    queue.used--;
    pthread_cond_signal(&queue.not_full);
    pthread_mutex_unlock(&queue.lock);
    return item;
}

static void *produce(void *arg)
{
    int item;

    (void)arg;
    for (item = 1; item <= ITEMS; item++)
        queue_put(item);
    for (item = 0; item < CONSUMERS; item++)
        queue_put(0);
    return NULL;
}

/* What one consumer took, returned to main through pthread_join. */
struct consumed {
    int count;
    long long sum;
};

static void *consume(void *arg)
{
    struct consumed *total = arg;
    int item;

    while ((item = queue_take()) != 0) {
        total->count++;
        total->sum += item;
    }
    return total;
}

static void test_queue(void)
{
    pthread_t producer, consumers[CONSUMERS];
    struct consumed totals[CONSUMERS];
    int i, count = 0, all_returned = 1;
    long long sum = 0;

    memset(totals, 0, sizeof(totals));
    for (i = 0; i < CONSUMERS; i++)
        create_or_die(&consumers[i], NULL, consume, &totals[i]);
    create_or_die(&producer, NULL, produce, NULL);
    pthread_join(producer, NULL);
    for (i = 0; i < CONSUMERS; i++) {
        void *result;

        pthread_join(consumers[i], &result);
        if (result != &totals[i])
            all_returned = 0;
        count += totals[i].count;
        sum += totals[i].sum;
    }
    printf("condition variables: 1 producer, %d consumers, %d slots: %d items taken, sum %lld (expected %d), joins right: %s, queue left empty: %s\n",
           CONSUMERS, QUEUE_SLOTS, count, sum, ITEMS * (ITEMS + 1) / 2,
           yes_no(all_returned), yes_no(queue.used == 0));
}

/* ---- pthread_cond_timedwait ---- */

static void test_timedwait(void)
{
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t never = PTHREAD_COND_INITIALIZER;
    struct timespec start, deadline, end;
    long long waited_ms;
    int rc;

    clock_gettime(CLOCK_REALTIME, &start);
    deadline = start;
    deadline.tv_nsec += 50 * 1000 * 1000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&lock);
    rc = pthread_cond_timedwait(&never, &lock, &deadline);
    clock_gettime(CLOCK_REALTIME, &end);
    waited_ms = (end.tv_sec - start.tv_sec) * 1000LL + (end.tv_nsec - start.tv_nsec) / 1000000;
    printf("pthread_cond_timedwait 50 ms with no signal: %s, waited at least 50 ms: %s, mutex held again: %s\n",
           error_name(rc), yes_no(waited_ms >= 50),
           yes_no(pthread_mutex_trylock(&lock) == EBUSY));
    pthread_mutex_unlock(&lock);
}

/* ---- the barrier ---- */

#define ROUNDS 3

static pthread_barrier_t round_barrier;
static int written[ROUNDS][NTHREADS];

/* What one barrier thread found: rounds in which it saw every other
 * thread's write, and how often it was the serial thread. */
struct barrier_result {
    int index;
    int rounds_complete;
    int serial_count;
};

static void *barrier_rounds(void *arg)
{
    struct barrier_result *result = arg;
    int round, other;

    for (round = 0; round < ROUNDS; round++) {
        int complete = 1;

        written[round][result->index] = round * 100 + result->index + 1;
        if (pthread_barrier_wait(&round_barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
            result->serial_count++;
        for (other = 0; other < NTHREADS; other++)
            if (written[round][other] != round * 100 + other + 1)
                complete = 0;
        result->rounds_complete += complete;
    }
    return NULL;
}

static void test_barrier(void)
{
    pthread_t threads[NTHREADS];
    struct barrier_result results[NTHREADS];
    int i, complete = 0, serial = 0;

    pthread_barrier_init(&round_barrier, NULL, NTHREADS);
    for (i = 0; i < NTHREADS; i++) {
        results[i] = (struct barrier_result){ .index = i };
        create_or_die(&threads[i], NULL, barrier_rounds, &results[i]);
    }
    for (i = 0; i < NTHREADS; i++) {
        pthread_join(threads[i], NULL);
        complete += results[i].rounds_complete;
        serial += results[i].serial_count;
    }
    printf("barrier: %d threads x %d rounds: %d of %d thread-rounds saw all writes, serial thread %d times\n",
           NTHREADS, ROUNDS, complete, NTHREADS * ROUNDS, serial);
    printf("pthread_barrier_destroy: %s\n", error_name(pthread_barrier_destroy(&round_barrier)));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_counter();
    test_errorcheck();
    test_queue();
    test_timedwait();
    test_barrier();
    return 0;
}

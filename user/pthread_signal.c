/*
 * pthread_signal.c - signals and threads.  main blocks SIGUSR1 and
 * SIGUSR2 with pthread_sigmask before it creates any thread, so every
 * thread starts with them blocked (a new thread inherits its creator's
 * mask).
 *
 *   kill() to the process, a thread in sigwait: that thread takes it;
 *   kill() to the process, one thread has unblocked the signal and two
 *   others (and main) have not: the handler runs in that thread;
 *   pthread_kill to each of 4 threads in turn (all with the signal
 *   unblocked): the handler runs once in each, in the target (it reads
 *   the thread's own __thread index and compares gettid);
 *   pthread_kill to main itself with the signal unblocked: the handler
 *   has run before pthread_kill returns;
 *   pending sets: pthread_kill to a thread that blocks the signal leaves
 *   it pending in that thread only; kill() to the process while every
 *   thread blocks it leaves it pending for all (sigpending in any thread);
 *   pthread_kill(thread, SIGTERM) at the default action ends the whole
 *   process (in a fork()ed child): signal 15.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/pthread_util.h"

#define KILL_TARGETS 4

static void change_mask(int how, int sig)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(how, &set, NULL);
}

static int is_pending(int sig)
{
    sigset_t pending;

    sigpending(&pending);
    return sigismember(&pending, sig);
}

static void sleep_a_little(void)
{
    struct timespec pause_time = { 0, 1000 * 1000 };

    nanosleep(&pause_time, NULL);
}

/* Sleeps a millisecond at a time until *flag is set (at most about 5 s). */
static void wait_for(volatile int *flag)
{
    int i;

    for (i = 0; i < 5000 && !*flag; i++)
        sleep_a_little();
}

/* ---- the SIGUSR2 handler: which thread it ran in ---- */

static __thread int my_index = -1;
static volatile long handler_tid;
static volatile int handler_calls;
static volatile int calls_by_index[KILL_TARGETS];

static void on_usr2(int sig)
{
    (void)sig;
    handler_tid = tid_of_caller();
    handler_calls++;
    if (my_index >= 0 && my_index < KILL_TARGETS)
        calls_by_index[my_index]++;
}

/* ---- kill() to the process, taken by sigwait in a thread ---- */

static void *waits_for_usr1(void *arg)
{
    sigset_t set;
    int sig = 0;

    (void)arg;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigwait(&set, &sig);
    return (void *)(intptr_t)sig;
}

static void test_sigwait(void)
{
    pthread_t waiter;
    void *result;

    create_or_die(&waiter, NULL, waits_for_usr1, NULL);
    kill(getpid(), SIGUSR1);
    pthread_join(waiter, &result);
    printf("kill(SIGUSR1) to the process, blocked everywhere, a thread in sigwait: it returned %s\n",
           (intptr_t)result == SIGUSR1 ? "SIGUSR1" : "something else");
}

/* ---- kill() to the process, one thread not blocking it ---- */

static sem_t unblocked;
static volatile int stop_waiting;
static volatile long taker_tid;

static void *takes_usr2(void *arg)
{
    (void)arg;
    taker_tid = tid_of_caller();
    change_mask(SIG_UNBLOCK, SIGUSR2);
    sem_post(&unblocked);
    wait_for(&handler_calls);
    return NULL;
}

static void *blocks_usr2(void *arg)
{
    (void)arg;
    wait_for(&stop_waiting);
    return NULL;
}

static void test_one_unblocked(void)
{
    pthread_t taker, others[2];
    int i;

    for (i = 0; i < 2; i++)
        create_or_die(&others[i], NULL, blocks_usr2, NULL);
    sem_init(&unblocked, 0, 0);
    create_or_die(&taker, NULL, takes_usr2, NULL);
    sem_wait(&unblocked);
    kill(getpid(), SIGUSR2);
    pthread_join(taker, NULL);
    stop_waiting = 1;
    for (i = 0; i < 2; i++)
        pthread_join(others[i], NULL);
    printf("kill(SIGUSR2) to the process, one thread of 4 not blocking it: handler ran %d time(s), in that thread: %s\n",
           handler_calls, yes_no(handler_tid == taker_tid));
}

/* ---- pthread_kill to each of several threads ---- */

static volatile long target_tids[KILL_TARGETS];

static void *kill_target(void *arg)
{
    my_index = (int)(intptr_t)arg;
    target_tids[my_index] = tid_of_caller();
    change_mask(SIG_UNBLOCK, SIGUSR2);
    wait_for(&calls_by_index[my_index]);
    return NULL;
}

static void test_pthread_kill(void)
{
    pthread_t targets[KILL_TARGETS];
    int i, right_thread = 1;

    for (i = 0; i < KILL_TARGETS; i++)
        create_or_die(&targets[i], NULL, kill_target, (void *)(intptr_t)i);
    for (i = 0; i < KILL_TARGETS; i++) {
        while (target_tids[i] == 0)
            sleep_a_little();
        pthread_kill(targets[i], SIGUSR2);
        wait_for(&calls_by_index[i]);
        if (handler_tid != target_tids[i])
            right_thread = 0;
    }
    for (i = 0; i < KILL_TARGETS; i++)
        pthread_join(targets[i], NULL);
    printf("pthread_kill(SIGUSR2) to %d threads in turn: handler calls in each %d %d %d %d, each in its target: %s\n",
           KILL_TARGETS, calls_by_index[0], calls_by_index[1], calls_by_index[2], calls_by_index[3],
           yes_no(right_thread));
}

static void test_pthread_kill_self(void)
{
    int calls_before = handler_calls;

    change_mask(SIG_UNBLOCK, SIGUSR2);
    pthread_kill(pthread_self(), SIGUSR2);
    printf("pthread_kill(self, SIGUSR2), unblocked: handler ran before it returned: %s, in main: %s\n",
           yes_no(handler_calls == calls_before + 1), yes_no(handler_tid == getpid()));
    change_mask(SIG_BLOCK, SIGUSR2);
}

/* ---- pending sets: the thread's own and the process's ---- */

static sem_t sent, checked;

/* What the thread saw pending: [0] after pthread_kill to it, [1] after
 * kill() to the process. */
static int thread_saw_pending[2];

static void *checks_pending(void *arg)
{
    sigset_t set;
    int sig;

    (void)arg;
    sem_wait(&sent);
    thread_saw_pending[0] = is_pending(SIGUSR1);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigwait(&set, &sig);
    sem_post(&checked);
    sem_wait(&sent);
    thread_saw_pending[1] = is_pending(SIGUSR1);
    sem_post(&checked);
    return NULL;
}

static void test_pending_sets(void)
{
    pthread_t thread;
    sigset_t set;
    int main_saw_pending[2], sig;

    sem_init(&sent, 0, 0);
    sem_init(&checked, 0, 0);
    create_or_die(&thread, NULL, checks_pending, NULL);
    pthread_kill(thread, SIGUSR1);
    main_saw_pending[0] = is_pending(SIGUSR1);
    sem_post(&sent);
    sem_wait(&checked);
    kill(getpid(), SIGUSR1);
    main_saw_pending[1] = is_pending(SIGUSR1);
    sem_post(&sent);
    sem_wait(&checked);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigwait(&set, &sig);
    pthread_join(thread, NULL);
    printf("pthread_kill(SIGUSR1) to a thread blocking it: pending in that thread %s, in main %s\n",
           yes_no(thread_saw_pending[0]), yes_no(main_saw_pending[0]));
    printf("kill(SIGUSR1) to the process, blocked everywhere: pending in the thread %s, in main %s; main's sigwait took it, none left: %s\n",
           yes_no(thread_saw_pending[1]), yes_no(main_saw_pending[1]), yes_no(!is_pending(SIGUSR1)));
}

/* ---- a fatal signal to one thread ends the process ---- */

static void *sleeps(void *arg)
{
    (void)arg;
    pause();
    return NULL;
}

static void test_fatal_to_thread(void)
{
    pid_t child = fork();
    int status;

    if (child == 0) {
        pthread_t thread;

        create_or_die(&thread, NULL, sleeps, NULL);
        pthread_kill(thread, SIGTERM);
        pthread_join(thread, NULL);
        printf("child: still alive after SIGTERM to its thread\n");
        exit(0);
    }
    waitpid(child, &status, 0);
    printf("pthread_kill(SIGTERM) to a thread, default action: the child process ends with %s %d\n",
           WIFSIGNALED(status) ? "signal" : "exit",
           WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

int main(void)
{
    struct sigaction action;

    setvbuf(stdout, NULL, _IONBF, 0);
    memset(&action, 0, sizeof(action));
    action.sa_handler = on_usr2;
    sigemptyset(&action.sa_mask);
    sigaction(SIGUSR2, &action, NULL);
    change_mask(SIG_BLOCK, SIGUSR1);
    change_mask(SIG_BLOCK, SIGUSR2);

    test_sigwait();
    test_one_unblocked();
    test_pthread_kill();
    test_pthread_kill_self();
    test_pending_sets();
    test_fatal_to_thread();
    return 0;
}

/*
 * pthread_fault.c - faults in a multithreaded process:
 *
 *   a thread that stores through NULL, with SIGSEGV at its default action,
 *   kills the whole process, also the main thread waiting in pthread_join
 *   and a third thread asleep: the process runs in a fork()ed child and
 *   the parent reports what waitpid says (signal 11);
 *   with a SIGSEGV handler (sigaction, SA_SIGINFO) the handler runs in the
 *   thread that faulted (its gettid is that thread's, not main's), sees
 *   si_addr NULL, and leaves with siglongjmp; the thread then returns
 *   normally and is joined; main and the other threads never noticed.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/pthread_util.h"

static void store_through_null(void)
{
    *(volatile int *)NULL = 1;
}

/* ---- a fault at the default action ---- */

/* Sleeps until a handled signal comes, which none does. */
static void *sleeps(void *arg)
{
    (void)arg;
    pause();
    return NULL;
}

static void *faults(void *arg)
{
    (void)arg;
    usleep(20 * 1000);      /* main is in pthread_join by then */
    store_through_null();
    printf("faulting thread: still alive after the store\n");
    return NULL;
}

static void test_fault_kills_process(void)
{
    pid_t child;
    int status;

    child = fork();
    if (child == 0) {
        pthread_t sleeper, faulter;

        create_or_die(&sleeper, NULL, sleeps, NULL);
        create_or_die(&faulter, NULL, faults, NULL);
        pthread_join(faulter, NULL);
        printf("child: main still alive after the fault\n");
        exit(0);
    }
    if (waitpid(child, &status, 0) != child) {
        printf("waitpid failed\n");
        return;
    }
    if (WIFSIGNALED(status))
        printf("NULL store in a thread, SIGSEGV not handled: the child process ends with signal %d\n",
               WTERMSIG(status));
    else
        printf("NULL store in a thread, SIGSEGV not handled: the child process ends with exit %d\n",
               WEXITSTATUS(status));
}

/* ---- a fault caught by the faulting thread's handler ---- */

static sigjmp_buf recovery;
static volatile long handler_tid;
static void *volatile handler_address;
static volatile int handler_calls;

static void on_segv(int sig, siginfo_t *info, void *context)
{
    (void)sig;
    (void)context;
    handler_calls++;
    handler_tid = tid_of_caller();
    handler_address = info->si_addr;
    siglongjmp(recovery, 1);
}

static void *faults_and_recovers(void *arg)
{
    long *tid = arg;

    *tid = tid_of_caller();
    if (sigsetjmp(recovery, 1) == 0) {
        store_through_null();
        return (void *)1;       /* the store did not fault */
    }
    return (void *)2;           /* back from the handler */
}

static void test_handler_in_faulting_thread(void)
{
    struct sigaction action;
    pthread_t sleeper, faulter;
    long faulter_tid = 0;
    void *result;

    memset(&action, 0, sizeof(action));
    action.sa_sigaction = on_segv;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGSEGV, &action, NULL);

    create_or_die(&sleeper, NULL, sleeps, NULL);
    create_or_die(&faulter, NULL, faults_and_recovers, &faulter_tid);
    pthread_join(faulter, &result);
    printf("with a SIGSEGV handler: the handler ran %d time(s), in the faulting thread: %s, not in main: %s, si_addr %p\n",
           handler_calls, yes_no(handler_tid == faulter_tid),
           yes_no(handler_tid != tid_of_caller()), handler_address);
    printf("the faulting thread left the handler by siglongjmp and returned: %s\n",
           yes_no(result == (void *)2));
    printf("main and the sleeping thread go on\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_fault_kills_process();
    test_handler_in_faulting_thread();
    return 0;
}

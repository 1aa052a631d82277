/*
 * thread_fork.c - fork in a process of three threads.  The child has one
 * thread (the "Threads:" line of /proc/self/status: 3 in the parent, 1
 * in the child), whose tid is its pid, and a copy-on-write copy of the
 * memory: the child's writes do not reach the parent, and a write by one
 * of the parent's other threads after the fork does not reach the child.
 * The child can start threads of its own.  A fork from a thread that is
 * not the leader gives the same: a child of one thread, which the
 * forking thread waits for.  The two processes print in turn, each
 * while the other waits on a pipe.
 */
#include "lib/uthread.h"
#include "lib/vmtest.h"

static char stacks[3][THREAD_STACK_SIZE] __attribute__((aligned(16)));
static int tids[3];
static int stop, go_write, written;
static int before_fork = 1, after_fork;
static int to_parent[2], to_child[2];

static unsigned threads_now(void)
{
    return proc_kb("/proc/self/status", 0, "Threads");
}

static void spawn(int i, int (*fn)(void *))
{
    thread_start(STACK_TOP(stacks[i]), fn, NULL, &tids[i]);
}

/* The parent's second thread: writes after_fork when told, then waits. */
static int late_writer(void *arg)
{
    (void)arg;
    event_wait(&go_write);
    after_fork = 5;
    event_set(&written);
    event_wait(&stop);
    return 0;
}

static int idle(void *arg)
{
    (void)arg;
    event_wait(&stop);
    return 0;
}

static int return_3(void *arg)
{
    (void)arg;
    return 3;
}

static void child_side(void)
{
    uprintf(1, "child: Threads: %u, gettid == getpid: %s\n", threads_now(), yes(gettid() == getpid()));
    before_fork = 2;
    signal_other(to_parent[1]);
    wait_for(to_child[0]);
    uprintf(1, "child: sees the parent thread's write after the fork: %s (%d)\n",
            yes(after_fork != 0), after_fork);
    spawn(2, return_3);
    thread_join(&tids[2]);
    uprintf(1, "child: started and joined a thread of its own\n");
    exit(0);
}

/* A fork from a thread that is not the leader. */
static int fork_here(void *arg)
{
    char buf[24];
    int status;

    (void)arg;
    int pid = fork();
    if (pid == 0) {
        uprintf(1, "  its child: Threads: %u, gettid == getpid: %s\n", threads_now(),
                yes(gettid() == getpid()));
        exit(6);
    }
    waitpid_retry(pid, &status);
    uprintf(1, "  the thread's waitpid: %s\n", status_text(status, buf));
    return 0;
}

int main(void)
{
    pipe(to_parent);
    pipe(to_child);
    spawn(0, late_writer);
    spawn(1, idle);
    uprintf(1, "parent: Threads: %u\n", threads_now());
    int pid = fork();
    if (pid == 0)
        child_side();
    wait_for(to_parent[0]);
    uprintf(1, "parent: sees the child's write: %s (%d)\n", yes(before_fork != 1), before_fork);
    event_set(&go_write);
    event_wait(&written);
    uprintf(1, "parent: its thread wrote %d\n", after_fork);
    signal_other(to_child[1]);
    report_end("parent: the child", pid);
    uprintf(1, "parent: Threads: %u\n", threads_now());
    event_set(&stop);
    thread_join(&tids[0]);
    thread_join(&tids[1]);

    uprintf(1, "a fork from a thread that is not the leader:\n");
    spawn(0, fork_here);
    thread_join(&tids[0]);
    return 0;
}

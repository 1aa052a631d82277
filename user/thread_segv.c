/*
 * thread_segv.c - a fault in a thread that is not the group's leader
 * kills the whole process: the parent's wait4 sees the child killed by
 * SIGSEGV (WIFSIGNALED, WTERMSIG 11), whatever its other threads were
 * doing: the leader asleep in a futex wait, asleep in read() of a pipe
 * nobody writes, or running in user mode; and a SIGSEGV handler the
 * leader installed runs in the faulting thread.
 */
#include "lib/uthread.h"
#include "lib/vmtest.h"

static char stacks[2][THREAD_STACK_SIZE] __attribute__((aligned(16)));
static int tid_words[2];
static int spinner_started;
static volatile int handler_tid;

static int read_null(void *arg)
{
    (void)arg;
    return *(volatile int *)0;
}

static int write_null(void *arg)
{
    (void)arg;
    *(volatile int *)0 = 1;
    return 0;
}

static void spawn(int i, int (*fn)(void *), void *arg)
{
    thread_start(STACK_TOP(stacks[i]), fn, arg, &tid_words[i]);
}

static void leader_in_futex(void *arg)
{
    int never = 0;

    (void)arg;
    spawn(0, read_null, NULL);
    for (;;)
        futex_wait_or_die(&never, 0);
}

static void leader_in_read(void *arg)
{
    int p[2];
    char c;

    (void)arg;
    pipe(p);
    spawn(0, write_null, NULL);
    read(p[0], &c, 1);
    uprintf(1, "  read returned\n");
}

/* The leader spins too, and a third thread spins beside it. */
static void leader_running(void *arg)
{
    (void)arg;
    spawn(1, spin_forever, &spinner_started);
    event_wait(&spinner_started);
    spawn(0, read_null, NULL);
    for (;;)
        __asm__ volatile("" ::: "memory");
}

/* Records the thread it runs in, then ends the group with 5. */
static void segv_handler(int sig)
{
    (void)sig;
    handler_tid = gettid();
    exit_group(handler_tid == tid_words[0] ? 5 : 6);
}

static void handler_in_thread(void *arg)
{
    int never = 0;

    (void)arg;
    sa_set(SIGSEGV, segv_handler, 0, 0);
    spawn(0, read_null, NULL);
    for (;;)
        futex_wait_or_die(&never, 0);
}

static void report(const char *what, void (*fn)(void *))
{
    char buf[24];
    int status = status_of_child(fn, NULL);

    uprintf(1, "%s: %s, WIFSIGNALED %d\n", what, status_text(status, buf), WIFSIGNALED(status) ? 1 : 0);
}

int main(void)
{
    report("NULL read by a thread, the leader in futex_wait", leader_in_futex);
    report("NULL write by a thread, the leader in read()", leader_in_read);
    report("NULL read by a thread, two others running", leader_running);
    report("a SIGSEGV handler: exit 5 if it ran in the faulting thread", handler_in_thread);
    return 0;
}

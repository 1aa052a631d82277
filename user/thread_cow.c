/*
 * thread_cow.c - copy-on-write faults of a process with threads: they
 * count once per page for the whole mm, whichever thread takes them.
 *
 * The parent writes 16 pages, forks a child that keeps them shared (it
 * waits on a pipe), and writes every page of its own image after the
 * fork, so that nothing else it touches faults later.  Then a thread
 * that is not the leader writes the 16 pages: 16 minor faults for the
 * process (getrusage RUSAGE_SELF) and 16 for that thread (RUSAGE_THREAD),
 * none for the leader; a second thread writing the same pages takes 0
 * (the first one's copies are the mm's).  The threads' stacks are in
 * .bss, written before they start.
 */
#include "lib/uthread.h"
#include "lib/vmtest.h"

#define NPAGES        16
#define RUSAGE_THREAD 1

static char stacks[2][THREAD_STACK_SIZE] __attribute__((aligned(16)));
static int tids[2];
static char *region;

struct counts {
    long process_delta;         /* RUSAGE_SELF across the writes */
    long thread_delta;          /* RUSAGE_THREAD across the writes */
    long thread_total;          /* RUSAGE_THREAD at the thread's end */
};

static struct counts by_thread[2];

static long minflt(int who)
{
    struct rusage ru;

    memset(&ru, 0, sizeof(ru));
    getrusage(who, &ru);
    return ru.ru_minflt;
}

static int write_pages(void *arg)
{
    struct counts *c = arg;

    warm_stack();
    long process0 = minflt(RUSAGE_SELF), thread0 = minflt(RUSAGE_THREAD);
    for (int i = 0; i < NPAGES; i++)
        ((volatile char *)region)[i * PAGE] = (char)(i + 2);
    c->process_delta = minflt(RUSAGE_SELF) - process0;
    c->thread_delta = minflt(RUSAGE_THREAD) - thread0;
    c->thread_total = minflt(RUSAGE_THREAD);
    return 0;
}

int main(void)
{
    int hold[2];

    region = map_anon(NPAGES);
    for (int i = 0; i < NPAGES; i++)
        region[i * PAGE] = 1;
    pipe(hold);
    int pid = fork();
    if (pid == 0) {
        int changed = 0;
        close(hold[1]);             /* the parent's end: EOF if it dies */
        wait_for(hold[0]);
        for (int i = 0; i < NPAGES; i++)
            changed += region[i * PAGE] != 1;
        exit(changed);
    }
    touch_image(1);
    warm_stack();
    long leader0 = minflt(RUSAGE_THREAD);
    for (int t = 0; t < 2; t++) {
        thread_start(STACK_TOP(stacks[t]), write_pages, &by_thread[t], &tids[t]);
        thread_join(&tids[t]);
    }
    long leader_delta = minflt(RUSAGE_THREAD) - leader0;
    for (int t = 0; t < 2; t++)
        uprintf(1, "thread %d writes %d pages: process minor faults +%d, its own +%d (%d in all)\n",
                t + 1, NPAGES, (int)by_thread[t].process_delta, (int)by_thread[t].thread_delta,
                (int)by_thread[t].thread_total);
    uprintf(1, "the leader's own minor faults meanwhile: +%d\n", (int)leader_delta);
    signal_other(hold[1]);
    report_end("the child (exit N: N pages changed under it)", pid);
    return 0;
}

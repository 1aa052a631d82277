/*
 * futex_shared.c - futexes between processes (fork, no threads).  A word
 * in MAP_SHARED|MAP_ANONYMOUS memory is one futex for every process
 * that maps it: a child sleeps there, the parent moves it with
 * FUTEX_CMP_REQUEUE (counting it: futex_gather in lib/uthread.h) and wakes
 * it, exactly once; a FUTEX_PRIVATE_FLAG wake from the parent is another
 * futex and wakes nobody.  A word in MAP_PRIVATE memory is each
 * process's own, even while fork still shares its frame: the parent's
 * wake there finds no one.
 *
 * With the argument "swap" (test futex_swap, with little RAM and a swap
 * disk) the parent writes a region twice the RAM while the child sleeps,
 * which pushes the shared page out to swap; the wake must still find the
 * sleeper (the futex is named by the shared object and offset, not by
 * a frame), and the words read back intact.  Where there is a swap area
 * the page must have gone there (smaps Swap of the shared mapping).
 */
#include "lib/uthread.h"
#include "lib/vmtest.h"
#include "lib/usysinfo.h"

#define SWEEP (32u << 20)
#define ALL   0x7fffffff
#define MARK  0x12345678

struct shared {
    int word_a, word_b;             /* the sleepers' word, and where they are moved */
    int mark;                       /* written by the parent, checked by the child */
};

static struct shared *sh;

/* A child: sleeps on word a; exits 0 if woken (not by an error) and it
 * then reads the parent's mark, else 1. */
static int sleeper(void)
{
    int pid = fork();

    if (pid == 0) {
        int r = futex_wait(&sh->word_a, 0);
        exit(r == 0 && sh->mark == MARK ? 0 : 1);
    }
    return pid;
}

/* Writes a region twice the RAM of futex_swap, and lets it go. */
static void sweep_memory(void)
{
    char *p = map_anon(SWEEP / PAGE);

    for (unsigned i = 0; p && i < SWEEP; i += PAGE)
        p[i] = 1;
    munmap(p, SWEEP);
}

static void one_sleeper(int swap)
{
    sh->mark = MARK;
    int pid = sleeper();
    uprintf(1, "a child asleep on the shared word, moved by the parent: %d\n",
            futex_gather(&sh->word_a, &sh->word_b, 1));
    if (swap) {
        struct sysinfo si;
        sweep_memory();
        sysinfo(&si);
        unsigned swapped_kb = proc_kb("/proc/self/smaps", (unsigned)sh, "Swap");
        uprintf(1, "after the sweep, the shared page in swap (or no swap area): %s\n",
                yes(swapped_kb > 0 || si.totalswap == 0));
    }
    uprintf(1, "FUTEX_WAKE|FUTEX_PRIVATE_FLAG from the parent: %d\n",
            futex(&sh->word_b, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, ALL, NULL, NULL, 0));
    uprintf(1, "FUTEX_WAKE from the parent: %d\n", futex_wake(&sh->word_b, ALL));
    report_end("  the child", pid);
    if (swap)
        uprintf(1, "FUTEX_WAIT on the word with a wrong value: %d\n",
                futex(&sh->word_b, FUTEX_WAIT, 1, NULL, NULL, 0));
}

static void two_sleepers(void)
{
    int pid1 = sleeper(), pid2 = sleeper();

    uprintf(1, "two children asleep, moved: %d\n", futex_gather(&sh->word_a, &sh->word_b, 2));
    uprintf(1, "FUTEX_WAKE of 1: %d\n", futex_wake(&sh->word_b, 1));
    uprintf(1, "FUTEX_WAKE of all: %d\n", futex_wake(&sh->word_b, ALL));
    report_end("  child 1", pid1);
    report_end("  child 2", pid2);
}

static int private_word;

/* The child sleeps on its copy of private_word (still the parent's frame
 * until someone writes it); the parent's wake on that address is for
 * its own word only. */
static void private_memory(void)
{
    int ready[2];

    pipe(ready);
    int pid = fork();
    if (pid == 0) {
        signal_other(ready[1]);
        futex_wait(&private_word, 0);
        exit(1);
    }
    wait_for(ready[0]);
    msleep(20);
    uprintf(1, "FUTEX_WAKE by the parent on a MAP_PRIVATE word the child sleeps on: %d\n",
            futex_wake(&private_word, ALL));
    kill(pid, SIGKILL);
    report_end("  the child, killed", pid);
}

int main(int argc, char **argv)
{
    int swap = argc > 1 && !strcmp(argv[1], "swap");

    sh = (struct shared *)mmap2(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (MAP_FAILED(sh))
        return 1;
    one_sleeper(swap);
    if (!swap) {
        two_sleepers();
        private_memory();
    }
    return 0;
}

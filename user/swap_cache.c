/*
 * swap_cache.c - the swap cache keeps a shared page shared.  The parent
 * writes one page X and forks; the child waits.  The parent then writes
 * and drops a region twice the RAM (swap_cache.mem), so X goes to swap,
 * taken from both processes at once through the reverse map.  Then the
 * parent reads X: a major fault that reads it from disk into the swap
 * cache.  The child reads X next: a minor fault, the same frame found in
 * the swap cache.  Each counts its faults with getrusage around that one
 * read, after a warm-up that brings its own code, data and stack back.
 * On Linux, with RAM to spare, nothing is swapped (swap_cache.linux-differs).
 */
#include "lib/vmtest.h"

#define SWEEP (32u << 20)

static volatile unsigned *x;

/* Reads X once; prints the faults that read took. */
static void measure(const char *who)
{
    touch_image(1);
    warm_stack();
    long maj = ru_majflt(), min = ru_minflt();
    unsigned v = *x;
    long dmaj = ru_majflt() - maj, dmin = ru_minflt() - min;
    uprintf(1, "%s: read of X (%s): major %d, minor %d\n", who, v == 0x5eed ? "intact" : "WRONG",
            (int)dmaj, (int)dmin);
}

int main(void)
{
    int to_child[2], to_parent[2];
    struct vmstat before, after;

    x = (volatile unsigned *)map_anon(1);
    *x = 0x5eed;
    pipe(to_child);
    pipe(to_parent);
    int pid = fork();
    if (pid == 0) {
        wait_for(to_child[0]);
        measure("child");
        signal_other(to_parent[1]);
        exit(0);
    }
    char *sweep = map_anon(SWEEP / PAGE);
    for (unsigned i = 0; i < SWEEP; i += PAGE)
        sweep[i] = 1;
    munmap(sweep, SWEEP);
    vmstat_read(&before);
    measure("parent");
    signal_other(to_child[1]);
    wait_for(to_parent[0]);
    vmstat_read(&after);
    uprintf(1, "/proc/vmstat: swap_in counted: %s, swap_cache_hit counted: %s\n",
            yes(after.v[VS_SWAP_IN] > before.v[VS_SWAP_IN]),
            yes(after.v[VS_SWAP_CACHE_HIT] > before.v[VS_SWAP_CACHE_HIT]));
    int status;
    waitpid_retry(pid, &status);
    return 0;
}

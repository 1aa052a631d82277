/*
 * highmem_swap.c - HighMem pages out to swap and back (raw; 3 GiB of
 * RAM, a 16 MiB swap disk and a budget of 256 frames for user pages:
 * highmem_swap.mem, .swap, .kargs).
 *
 * User pages prefer ZONE_HIGHMEM, so every frame of this program is a
 * HighMem frame, which the disk driver reaches through kmap both ways.
 *
 *   - X, 64 pages, is written first; then a sweep of 1024 pages (4 MiB,
 *     four times the budget) is written and read back twice: the budget
 *     sends the oldest pages, X among them, to swap, and brings them back
 *     on the next pass.  Each of X's and the sweep's pages holds its own
 *     number (mixed with a constant) in its first and last word.
 *   - A child, forked now, reads X: 64 major faults, each reading a page
 *     from swap into the swap cache.  While the child keeps them, the
 *     parent reads X: 64 minor faults, the frames found in the swap
 *     cache.  Both see X intact.
 *   - After the child exits the parent reads the sweep again: intact.
 *
 * HighFree (/proc/meminfo) falls by more than 512 kB (the program's
 * frames are HighMem frames) but by at most the budget's 1024 kB, not the
 * 4 MiB the program holds.  The kernel log must
 * show swap traffic (highmem_swap.klog).  Linux has no frame budget and
 * keeps it all in RAM (highmem_swap.linux-differs).
 */
#include "lib/vmtest.h"

#define NX 64u
#define NSWEEP 1024u
#define WORDS (PAGE / 4)
#define MARK_X(i) ((i) ^ 0x9e3779b9u)
#define MARK_SWEEP(i) ((i) ^ 0x7f4a7c15u)

static void mark(unsigned *p, unsigned n, unsigned mix)
{
    for (unsigned i = 0; i < n; i++)
        p[i * WORDS] = p[i * WORDS + WORDS - 1] = i ^ mix;
}

static unsigned wrong(const unsigned *p, unsigned n, unsigned mix)
{
    unsigned bad = 0;

    for (unsigned i = 0; i < n; i++)
        bad += p[i * WORDS] != (i ^ mix) || p[i * WORDS + WORDS - 1] != (i ^ mix);
    return bad;
}

/* Reads X, printing how many pages were wrong and the faults it took. */
static void read_x(const char *who, const unsigned *x)
{
    touch_image(1);
    warm_stack();
    long maj = ru_majflt(), min = ru_minflt();
    unsigned bad = wrong(x, NX, MARK_X(0));
    long dmaj = ru_majflt() - maj, dmin = ru_minflt() - min;
    uprintf(1, "%s reads X: %u pages wrong, major %d, minor %d\n", who, bad, (int)dmaj, (int)dmin);
}

int main(void)
{
    int to_child[2], to_parent[2];
    unsigned high_total = proc_kb("/proc/meminfo", 0, "HighTotal");
    unsigned high_free = proc_kb("/proc/meminfo", 0, "HighFree");
    unsigned *x = (unsigned *)map_anon(NX), *sweep = (unsigned *)map_anon(NSWEEP);

    if (!x || !sweep || pipe(to_child) || pipe(to_parent))
        return 1;
    mark(x, NX, MARK_X(0));
    mark(sweep, NSWEEP, MARK_SWEEP(0));
    uprintf(1, "sweep read back: %u pages wrong\n", wrong(sweep, NSWEEP, MARK_SWEEP(0)));
    uprintf(1, "sweep read back again: %u pages wrong\n", wrong(sweep, NSWEEP, MARK_SWEEP(0)));
    if (high_total) {
        unsigned fell = high_free - proc_kb("/proc/meminfo", 0, "HighFree");
        uprintf(1, "HighFree fell by more than 512 kB: %s, by at most the budget's 1024 kB: %s\n",
                yes(fell > 512), yes(fell <= 1024));
    }
    int pid = fork();
    if (pid == 0) {
        read_x("child", x);
        signal_other(to_parent[1]);
        wait_for(to_child[0]);
        exit(0);
    }
    wait_for(to_parent[0]);
    read_x("parent", x);
    signal_other(to_child[1]);
    report_end("child", pid);
    uprintf(1, "sweep read back after the child: %u pages wrong\n", wrong(sweep, NSWEEP, MARK_SWEEP(0)));
    return 0;
}

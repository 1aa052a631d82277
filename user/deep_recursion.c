/*
 * deep_recursion.c - the stack grows on demand up to its 8 MiB limit
 * (raw).
 *
 * Each level of descend() has a 1 KiB frame that it checks and fills.
 * About 4 MiB of recursion must work, twice (the second time over pages
 * already there), and the new stack pages must read zero.  Recursing
 * towards 16 MiB must kill the child with SIGSEGV once it passes 8 MiB,
 * and the parent goes on.  (On Linux the limit is RLIMIT_STACK, set to
 * 8 MiB here if the host's differs.)
 */
#include "lib/vmtest.h"

#define FRAME 1024

static int dirty_frames;        /* frames that were not zero on the way down */

/* Reading the frame before writing it is the point: it is new stack. */
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

/* Recurses to depth limit; returns the number of levels that saw their
 * own frame intact on the way back up.  fresh: count frames not zero. */
static int descend(int depth, int limit, int fresh)
{
    volatile char frame[FRAME];
    int i, intact;

    if (fresh && depth > 16) {
        for (i = 0; i < FRAME; i += 64)
            if (frame[i]) {
                dirty_frames++;
                break;
            }
    }
    for (i = 0; i < FRAME; i += 64)
        frame[i] = (char)(depth + i);
    intact = depth < limit ? descend(depth + 1, limit, fresh) : 0;
    for (i = 0; i < FRAME && frame[i] == (char)(depth + i); i += 64)
        ;
    return intact + (i >= FRAME);
}

static void overflow(void *arg)
{
    (void)arg;
    int n = descend(1, 16 * 1024, 0);
    uprintf(1, "(not killed: %d levels)\n", n);
}

int main(void)
{
    struct rlimit rl;
    char buf[24];
    int depth = 4 * 1024, n;

    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != 8u << 20) {
        rl.rlim_cur = 8u << 20;
        setrlimit(RLIMIT_STACK, &rl);
    }
    n = descend(1, depth, 1);
    uprintf(1, "recursion of %d levels of 1 KiB: %s\n", depth, yes(n == depth));
    uprintf(1, "new stack pages read zero: %s\n", yes(dirty_frames == 0));
    n = descend(1, depth, 0);
    uprintf(1, "again over the same pages: %s\n", yes(n == depth));
    uprintf(1, "recursion towards 16 MiB in a child: %s\n",
            status_text(status_of_child(overflow, NULL), buf));
    uprintf(1, "parent still running: yes\n");
    return 0;
}

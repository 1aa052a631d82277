/*
 * thrash.c - make thrashing happen.  `thrash PAGES [TOUCHES]` maps PAGES
 * anonymous pages, writes each once (the working set moves in), then
 * writes one byte of a page chosen at random, TOUCHES times (10000 by
 * default), and prints how many of those touches were major faults,
 * pages read back from swap (getrusage's ru_majflt), per 1000 touches.
 *
 * While PAGES fits in the frames user pages may hold, that figure is 0.
 * Once it does not, a random touch misses with probability about
 * 1 - frames/PAGES, and every miss is a disk read: the cliff.  Boot with
 * a budget and swap to see it at a size of your choosing:
 *
 *   make run SWAP=64M ARGS=userframes=2048
 *   $ thrash 1000
 *   $ thrash 3000
 *
 * The budget is /proc/meminfo's UserFrames (userframes=N); on a kernel
 * without one (Linux) the program says so.  The random generator has a
 * fixed seed (user/lib/refpattern.h), so every run touches the same pages.
 */
#include "lib/refpattern.h"
#include "lib/vmtest.h"

static const struct refpattern uniform = { "thrash", REF_RANDOM, 10 };

int main(int argc, char **argv)
{
    const char *pages_arg = argc > 1 ? argv[1] : "", *touches_arg = argc > 2 ? argv[2] : "10000";
    unsigned pages = parse_decimal(&pages_arg), touches = parse_decimal(&touches_arg);

    if (argc < 2 || argc > 3 || *pages_arg || *touches_arg || !pages || !touches) {
        uprintf(2, "usage: thrash PAGES [TOUCHES]\n");
        return 2;
    }
    unsigned frames = proc_kb("/proc/meminfo", 0, "UserFrames") / (PAGE / 1024);
    if (frames)
        uprintf(1, "thrash: %u pages, %u touches, budget %u frames (userframes)\n", pages, touches, frames);
    else
        uprintf(1, "thrash: %u pages, %u touches, no frame budget\n", pages, touches);

    char *region = map_anon(pages);
    if (!region) {
        uprintf(2, "thrash: mmap of %u pages failed\n", pages);
        return 1;
    }
    for (unsigned i = 0; i < pages; i++)
        region[i * PAGE] = 1;

    struct refgen g;
    refgen_start(&g, &uniform, pages);
    long before = ru_majflt();
    for (unsigned i = 0; i < touches; i++)
        region[(refgen_random(&g) % pages) * PAGE]++;
    unsigned major = (unsigned)(ru_majflt() - before);
    uprintf(1, "major faults: %u in %u touches, %u per 1000 touches\n", major, touches,
            (unsigned)((unsigned long long)major * 1000 / touches));
    return 0;
}

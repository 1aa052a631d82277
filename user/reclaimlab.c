/*
 * reclaimlab.c - the kernel half of the replacement-policy lab (make
 * bench-reclaim, tools/reclaimlab.py).  Boot with userframes=F and a
 * policy (reclaim=NAME); this program locks itself in memory (mlockall)
 * so that all F frames go to the pages it studies, then, for each
 * pattern of user/lib/refpattern.h (or those named on the command line),
 * maps a fresh region, writes one byte of each page in the pattern's
 * order, and prints the faults that needed a frame (zero fills and
 * swap-ins, from /proc/vmstat):
 *
 *   PATTERN PAGES pages TOUCHES touches FAULTS faults
 *
 * The host runs the same generator (tools/refgen.c) and works out what
 * OPT and exact LRU would take on the same string with F frames.
 */
#include "lib/refpattern.h"
#include "lib/vmtest.h"

static void run_pattern(const struct refpattern *p, uint32_t frames)
{
    struct refgen g;
    int32_t page;

    refgen_start(&g, p, frames);
    char *region = map_anon(g.pages);
    if (!region) {
        uprintf(1, "%s: mmap of %u pages failed\n", p->name, g.pages);
        return;
    }
    long before = frame_faults();
    while ((page = refgen_next(&g)) >= 0)
        region[page * PAGE] = 1;
    long faults = frame_faults() - before;
    uprintf(1, "%s %u pages %u touches %u faults\n", p->name, g.pages, g.touches, (unsigned)faults);
    munmap(region, g.pages * PAGE);
}

int main(int argc, char **argv)
{
    uint32_t frames = proc_kb("/proc/meminfo", 0, "UserFrames") / (PAGE / 1024);

    if (frames < 4) {
        uprintf(1, "reclaimlab: boot with userframes=N (N >= 4) and swap\n");
        return 1;
    }
    if (mlockall(MCL_CURRENT)) {
        uprintf(1, "reclaimlab: mlockall failed\n");
        return 1;
    }
    for (uint32_t i = 0; i < NR_REFPATTERNS; i++) {
        int wanted = argc == 1;
        for (int a = 1; a < argc; a++)
            wanted |= !strcmp(argv[a], refpatterns[i].name);
        if (wanted)
            run_pattern(&refpatterns[i], frames);
    }
    return 0;
}

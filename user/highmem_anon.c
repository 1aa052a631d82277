/*
 * highmem_anon.c - 2.5 GiB of anonymous memory in one process, every page
 * written and read back (raw; run with 3 GiB of RAM: highmem_anon.mem).
 *
 * A child maps 2.5 GiB, writes one word into each of its 655360 pages
 * (the page number mixed with a constant, so a page that shows another
 * page's frame, or a zeroed frame, is caught) and reads them all back.
 * User pages prefer ZONE_HIGHMEM, but HighMem holds only 2175 MiB at
 * 3 GiB, so the rest must come from the low zones.  /proc/meminfo before,
 * while the child holds its pages, and after it exited shows this:
 *
 *   - while: HighFree fell by more than 2 GiB, and LowFree by more than
 *     the 385 MiB that HighMem cannot have taken;
 *   - after: HighFree and LowFree are what they were before (the child's
 *     pages, page tables and kernel stack all came back).
 *
 * A kernel without HighMem lines in /proc/meminfo (x86-64 Linux) prints
 * none of these lines (highmem_anon.linux-differs).  VmRSS of the child
 * (its resident set: at least the 2.5 GiB) is printed on both.
 */
#include "lib/vmtest.h"

#define NPAGES (2560u * 256)            /* 2.5 GiB */
#define MIB(kb) ((kb) >> 10)
#define MIX 0x9e3779b9u
/* Where to ask for the mapping: our kernel looks for room only upwards
 * from 1 GiB (mm_find_gap), where 2.5 GiB do not fit below the stack;
 * from 256 MiB they do, and the hint is free on Linux too. */
#define HINT 0x10000000u

struct meminfo {
    unsigned high_total, high_free, low_free;
};

static void meminfo_read(struct meminfo *m)
{
    m->high_total = proc_kb("/proc/meminfo", 0, "HighTotal");
    m->high_free = proc_kb("/proc/meminfo", 0, "HighFree");
    m->low_free = proc_kb("/proc/meminfo", 0, "LowFree");
}

static struct meminfo before, during, after;

/* Maps, writes and checks the 2.5 GiB; exits 0 if all is intact. */
static void child(void)
{
    long r = mmap2((void *)HINT, NPAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned *p = (unsigned *)r, wrong = 0, first_wrong = 0;

    if (MAP_FAILED(r)) {
        uprintf(1, "mmap of 2.5 GiB: error %d\n", (int)r);
        exit(1);
    }
    for (unsigned i = 0; i < NPAGES; i++)
        p[i * (PAGE / 4)] = i ^ MIX;
    for (unsigned i = 0; i < NPAGES; i++) {
        if (p[i * (PAGE / 4)] != (i ^ MIX)) {
            if (!wrong++)
                first_wrong = i;
        }
    }
    meminfo_read(&during);
    unsigned rss = proc_kb("/proc/self/status", 0, "VmRSS");
    uprintf(1, "child: %u pages written and read back: %u wrong", NPAGES, wrong);
    if (wrong)
        uprintf(1, " (the first: page %u)", first_wrong);
    uprintf(1, "\nchild: VmRSS at least 2560 MiB: %s\n", yes(MIB(rss) >= 2560));
    if (during.high_total) {
        uprintf(1, "child: HighFree fell by more than 2048 MiB: %s\n",
                yes(MIB(before.high_free - during.high_free) > 2048));
        uprintf(1, "child: LowFree fell by more than 384 MiB: %s\n",
                yes(MIB(before.low_free - during.low_free) > 384));
    }
    exit(wrong ? 2 : 0);
}

int main(void)
{
    meminfo_read(&before);
    int pid = fork();
    if (pid == 0)
        child();
    report_end("child", pid);
    meminfo_read(&after);
    if (before.high_total) {
        uprintf(1, "HighFree after the child as before: %s\n", yes(after.high_free == before.high_free));
        uprintf(1, "LowFree after the child as before: %s\n", yes(after.low_free == before.low_free));
        if (after.high_free != before.high_free || after.low_free != before.low_free)
            uprintf(1, "  HighFree %u -> %u kB, LowFree %u -> %u kB\n", before.high_free,
                    after.high_free, before.low_free, after.low_free);
    }
    return 0;
}

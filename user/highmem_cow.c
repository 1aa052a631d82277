/*
 * highmem_cow.c - copy-on-write of pages in ZONE_HIGHMEM (raw; 3 GiB of
 * RAM: highmem_cow.mem).
 *
 * The parent writes one word into each of 4096 fresh anonymous pages
 * (16 MiB; user pages prefer HighMem, which has 2 GiB free) and forks.
 * The child writes a new word into every fourth page: 1024 copy-on-write
 * faults, each copying a HighMem frame (through kmap) into a new one,
 * itself in HighMem.  Then each side checks all 4096 pages: the child
 * sees its new words in the pages it wrote and the parent's elsewhere;
 * the parent, after the child wrote, sees only its own words.  When the
 * child has exited the parent writes all its pages again: one fault per
 * page, and no copy (it is the only owner of each frame now).
 *
 * Around each step the program prints the minor faults getrusage counts
 * (the same on Linux) and, where /proc/meminfo has HighFree (not on
 * x86-64 Linux: highmem_cow.linux-differs), by how much HighFree fell:
 * exactly the frames the step took, since page tables and everything
 * else the kernel allocates come from the low zones.  What the snapshots
 * themselves write is written once before each step (touch_image,
 * warm_stack): after the fork every private page is copy-on-write.
 */
#include "lib/vmtest.h"

#define NPAGES 4096u
#define STRIDE 4u                       /* the child writes every fourth page */
#define OLD(i) ((i) ^ 0x9e3779b9u)
#define NEW(i) ((i) ^ 0x7f4a7c15u)

static unsigned *pages;
static long minflt0, minflt1;
static unsigned high0, high1, has_high;

static void take(long *minflt, unsigned *high)
{
    *high = proc_kb("/proc/meminfo", 0, "HighFree");
    *minflt = ru_minflt();
}

/* Writes what the snapshots write, then takes the first one. */
static void begin(void)
{
    touch_image(1);
    warm_stack();
    take(&minflt1, &high1);
    take(&minflt0, &high0);
}

static void __attribute__((noinline)) end(const char *what)
{
    take(&minflt1, &high1);
    uprintf(1, "%s: minflt +%d", what, (int)(minflt1 - minflt0));
    if (has_high)
        uprintf(1, ", HighFree -%d kB", (int)(high0 - high1));
    uprintf(1, "\n");
}

static unsigned *word(unsigned i)
{
    return pages + i * (PAGE / 4);
}

/* The pages whose word is not what it should be; the child wrote NEW
 * into every STRIDE-th page if child_wrote. */
static unsigned wrong_pages(int child_wrote)
{
    unsigned wrong = 0;

    for (unsigned i = 0; i < NPAGES; i++)
        wrong += *word(i) != (child_wrote && i % STRIDE == 0 ? NEW(i) : OLD(i));
    return wrong;
}

static void child(int to_parent)
{
    begin();
    for (unsigned i = 0; i < NPAGES; i += STRIDE)
        *word(i) = NEW(i);
    end("child writes every fourth page (copy-on-write)");
    begin();
    unsigned wrong = wrong_pages(1);
    end("child reads all pages");
    uprintf(1, "child: %u pages wrong\n", wrong);
    signal_other(to_parent);
    exit(0);
}

int main(void)
{
    int to_parent[2];

    has_high = proc_kb("/proc/meminfo", 0, "HighTotal") != 0;
    pages = (unsigned *)map_anon(NPAGES);
    if (!pages || pipe(to_parent))
        return 1;
    begin();
    for (unsigned i = 0; i < NPAGES; i++)
        *word(i) = OLD(i);
    end("parent writes 4096 fresh pages");
    int pid = fork();
    if (pid == 0)
        child(to_parent[1]);
    wait_for(to_parent[0]);
    report_end("child", pid);
    begin();
    unsigned wrong = wrong_pages(0);
    end("parent reads all pages");
    uprintf(1, "parent: %u pages wrong\n", wrong);
    begin();
    for (unsigned i = 0; i < NPAGES; i++)
        *word(i) = NEW(i);
    end("parent writes all pages, the child gone (no copy)");
    begin();
    wrong = 0;
    for (unsigned i = 0; i < NPAGES; i++)
        wrong += *word(i) != NEW(i);
    end("parent reads them");
    uprintf(1, "parent: %u pages wrong\n", wrong);
    return 0;
}

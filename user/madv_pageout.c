/*
 * madv_pageout.c - madvise(MADV_PAGEOUT) sends a process's own pages to
 * swap at once, with no memory pressure at all, so every count below is
 * exact: 16 written pages go out (16 page-outs) and come back by 16
 * major faults; paged out again, unchanged, they are not written a
 * second time (their copy in swap is still good) and still come back by
 * major faults.  A page shared with a forked child stays (Linux leaves
 * pages that other processes map alone), and so does the zero page.
 * On Linux without a swap area nothing goes out (madv_pageout.linux-differs).
 */
#include "lib/vmtest.h"

#define NPAGES 16

static struct vmstat before, after;

static void pageout(char *p, unsigned npages)
{
    vmstat_read(&before);
    int r = madvise(p, npages * PAGE, MADV_PAGEOUT);
    vmstat_read(&after);
    uprintf(1, "  madvise(MADV_PAGEOUT) of %d pages: %d, pswpout +%d\n", (int)npages, r,
            (int)(after.v[VS_PSWPOUT] - before.v[VS_PSWPOUT]));
}

/* Reads every page back and checks its pattern; prints the faults. */
static void read_back(const char *what, char *p, unsigned npages)
{
    int bad = 0;

    warm_stack();
    long maj = ru_majflt(), min = ru_minflt();
    for (unsigned i = 0; i < npages; i++)
        bad += p[i * PAGE] != (char)('a' + i) || p[i * PAGE + PAGE - 1] != (char)i;
    long dmaj = ru_majflt() - maj, dmin = ru_minflt() - min;
    uprintf(1, "  %s: %s, major %d, minor %d\n", what, bad ? "WRONG" : "intact", (int)dmaj, (int)dmin);
}

int main(void)
{
    char *p = map_anon(NPAGES);
    for (unsigned i = 0; i < NPAGES; i++) {
        p[i * PAGE] = (char)('a' + i);
        p[i * PAGE + PAGE - 1] = (char)i;
    }
    touch_image(1);

    uprintf(1, "written pages:\n");
    pageout(p, NPAGES);
    read_back("read back", p, NPAGES);
    uprintf(1, "the same pages, clean, with their copy still in swap:\n");
    pageout(p, NPAGES);
    read_back("read back", p, NPAGES);

    uprintf(1, "a page shared with a child after fork:\n");
    int to_child[2];
    pipe(to_child);
    int pid = fork();
    if (pid == 0) {
        wait_for(to_child[0]);
        exit(p[0] == 'a' ? 0 : 1);
    }
    pageout(p, 1);
    read_back("read", p, 1);
    signal_other(to_child[1]);
    int status;
    waitpid_retry(pid, &status);
    uprintf(1, "  child saw it intact: %s\n", yes(WIFEXITED(status) && WEXITSTATUS(status) == 0));

    uprintf(1, "the zero page:\n");
    volatile char *z = map_anon(1);
    char zero = z[0];
    pageout((char *)z, 1);
    uprintf(1, "  still reads %d\n", z[0] + zero);

    uprintf(1, "bad ranges, as on Linux:\n");
    uprintf(1, "  unaligned: %d\n", madvise(p + 1, PAGE, MADV_PAGEOUT));
    munmap(p + PAGE, PAGE);
    uprintf(1, "  with a hole: %d\n", madvise(p, 3 * PAGE, MADV_PAGEOUT));
    return 0;
}

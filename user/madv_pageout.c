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

int main(void)
{
    char *p = map_anon(NPAGES);
    mark_pages(p, NPAGES);
    touch_image(1);

    uprintf(1, "written pages:\n");
    pageout_report(p, NPAGES);
    read_back_marks("read back", p, NPAGES);
    uprintf(1, "the same pages, clean, with their copy still in swap:\n");
    pageout_report(p, NPAGES);
    read_back_marks("read back", p, NPAGES);

    uprintf(1, "a page shared with a child after fork:\n");
    int to_child[2];
    pipe(to_child);
    int pid = fork();
    if (pid == 0) {
        wait_for(to_child[0]);
        exit(p[0] == 'a' ? 0 : 1);
    }
    pageout_report(p, 1);
    read_back_marks("read", p, 1);
    signal_other(to_child[1]);
    int status;
    waitpid_retry(pid, &status);
    uprintf(1, "  child saw it intact: %s\n", yes(WIFEXITED(status) && WEXITSTATUS(status) == 0));

    uprintf(1, "the zero page:\n");
    volatile char *z = map_anon(1);
    char zero = z[0];
    pageout_report((char *)z, 1);
    uprintf(1, "  still reads %d\n", z[0] + zero);

    uprintf(1, "bad ranges, as on Linux:\n");
    uprintf(1, "  unaligned: %d\n", madvise(p + 1, PAGE, MADV_PAGEOUT));
    munmap(p + PAGE, PAGE);
    uprintf(1, "  with a hole: %d\n", madvise(p, 3 * PAGE, MADV_PAGEOUT));
    return 0;
}

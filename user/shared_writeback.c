/*
 * shared_writeback.c - a dirty MAP_SHARED page of a file that reclaim
 * takes is written back to the file before it is dropped (raw).
 *
 * Under a small budget (shared_writeback.kargs: reclaim=clock
 * userframes=16 kswapd=off) the program writes a line into each of 4
 * pages of a shared mapping of pattern1048576, then writes 64 anonymous
 * pages twice, which pushes the file pages out: the mapping's Rss falls
 * to 0.
 * Touching the mapping again reads each page back from the file (a major
 * fault each: the page cache had dropped it) with its line in it, and
 * read() finds the lines too.  Linux has no budget, so it never needs to
 * take the file pages (.linux-differs).
 */
#include "lib/vmtest.h"

#define FILE_NAME "pattern1048576"
#define FILE_PAGES 4
#define PRESSURE_PAGES 64
#define LINE_AT 100             /* where in each page the line goes */

/* The line written into page `page` (0..9) of the mapping. */
static void line_of(unsigned page, char *buf)
{
    static const char text[40] = "page ?, written through the mapping";

    memcpy(buf, text, sizeof(text));
    buf[5] = (char)('0' + page);
}

int main(void)
{
    char want[40], got[40];
    int fd = open(FILE_NAME, O_RDWR, 0);
    long p = mmap2(NULL, FILE_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

    if (fd < 0 || MAP_FAILED(p)) {
        uprintf(1, "shared_writeback: cannot map %s\n", FILE_NAME);
        return 1;
    }
    char *map = (char *)p;
    for (unsigned i = 0; i < FILE_PAGES; i++) {
        line_of(i, want);
        memcpy(map + i * PAGE + LINE_AT, want, sizeof(want));
    }
    uprintf(1, "mapping resident after the writes: %u kB\n", proc_kb("/proc/self/smaps", (unsigned)p, "Rss"));

    char *anon = map_anon(PRESSURE_PAGES);
    for (int round = 0; round < 2; round++)
        for (unsigned i = 0; i < PRESSURE_PAGES; i++)
            anon[i * PAGE] = (char)round;
    uprintf(1, "mapping resident after %u anonymous pages: %u kB\n", PRESSURE_PAGES,
            proc_kb("/proc/self/smaps", (unsigned)p, "Rss"));

    long before = ru_majflt();
    int all_mapped = 1;
    for (unsigned i = 0; i < FILE_PAGES; i++) {
        line_of(i, want);
        all_mapped &= !memcmp(map + i * PAGE + LINE_AT, want, sizeof(want));
    }
    uprintf(1, "the mapping shows them again: %s, after %u major faults\n", yes(all_mapped),
            (unsigned)(ru_majflt() - before));

    int all_read = 1;
    for (unsigned i = 0; i < FILE_PAGES; i++) {
        line_of(i, want);
        lseek(fd, i * PAGE + LINE_AT, SEEK_SET);
        all_read &= read(fd, got, sizeof(got)) == sizeof(got) && !memcmp(got, want, sizeof(want));
    }
    uprintf(1, "read() finds every page's line in the file: %s\n", yes(all_read));
    return 0;
}

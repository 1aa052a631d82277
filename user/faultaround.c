/*
 * faultaround.c - fault-around: a read fault on a file page also maps
 * the pages of the file already in the page cache around it, within the
 * 16-page window (64 KiB) that holds the fault.  Linux does this by
 * default (fault_around_bytes); our kernel with faultaround=16.
 *
 * The file (256 pages) is read() first, so every page is cached; then it
 * is mapped at a 64 KiB boundary and one byte of each page is read: one
 * minor fault per window, 16 in all.  A write to a page that came in by
 * fault-around then copies it (private mapping) without changing the
 * file.  Needs the file pattern1048576.
 */
#include "lib/vmtest.h"

#define PAGES 256
#define WINDOW (16 * PAGE)

static char buf[PAGE];

int main(void)
{
    int fd = open("pattern1048576", O_RDONLY, 0);
    unsigned sum = 0, i;

    if (fd < 0) {
        uprintf(1, "faultaround: cannot open pattern1048576\n");
        return 1;
    }
    while (read(fd, buf, sizeof(buf)) > 0)
        ;                               /* now every page is in the page cache */
    /* Reserve a window more than needed, and map the file at its first
     * 64 KiB boundary. */
    char *reserve = (char *)mmap2(NULL, PAGES * PAGE + WINDOW, PROT_NONE,
                                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *at = (char *)(((unsigned long)reserve + WINDOW - 1) & ~(unsigned long)(WINDOW - 1));
    char *file = (char *)mmap2(at, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0);
    if (file != at) {
        uprintf(1, "faultaround: mmap failed\n");
        return 1;
    }
    long before = ru_minflt() + ru_majflt();
    for (i = 0; i < PAGES; i++)
        sum += (unsigned char)file[i * PAGE];
    long faults = ru_minflt() + ru_majflt() - before;
    uprintf(1, "read one byte of each of %u cached pages: %u faults\n", PAGES, (unsigned)faults);

    char old = file[5 * PAGE];
    before = ru_minflt();
    file[5 * PAGE] = (char)(old + 1);
    faults = ru_minflt() - before;
    uprintf(1, "write to page 5, mapped by fault-around: %u fault, reads back %s\n", (unsigned)faults,
            yes(file[5 * PAGE] == (char)(old + 1)));
    lseek(fd, 5 * PAGE, SEEK_SET);
    read(fd, buf, 1);
    uprintf(1, "the file is unchanged: %s\n", yes(buf[0] == old));
    uprintf(1, "checksum of the bytes read: %u\n", sum);
    return 0;
}

/*
 * clear_refs.c - Referenced: in /proc/self/smaps counts the pages used
 * since their accessed bits were last cleared, and writing to
 * /proc/self/clear_refs clears them, as on Linux:
 *   "1" all pages, "2" anonymous ones only, "3" file pages only;
 *   "0", "6" or "x" are -EINVAL; clear_refs cannot be read (-EINVAL).
 * A 32-page anonymous region is written, a 3-page file mapping read.
 * Needs the file pattern10000.
 */
#include "lib/vmtest.h"

#define ANON_PAGES 32
#define FILE_PAGES 3

static char *anon, *file;

static int clear_refs(const char *value)
{
    int fd = open("/proc/self/clear_refs", O_WRONLY, 0);
    int r = write(fd, value, strlen(value));
    close(fd);
    return r;
}

static void show(const char *when)
{
    unsigned a = proc_kb("/proc/self/smaps", (unsigned)(unsigned long)anon, "Referenced");
    unsigned f = proc_kb("/proc/self/smaps", (unsigned)(unsigned long)file, "Referenced");
    uprintf(1, "%s: Referenced anon %u kB, file %u kB\n", when, a, f);
}

int main(void)
{
    unsigned sum = 0, i;
    int fd = open("pattern10000", O_RDONLY, 0);

    anon = map_anon(ANON_PAGES);
    file = (char *)mmap2(NULL, FILE_PAGES * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    for (i = 0; i < ANON_PAGES; i++)
        anon[i * PAGE] = 1;
    for (i = 0; i < FILE_PAGES; i++)
        sum += (unsigned char)file[i * PAGE];
    show("all touched");
    uprintf(1, "write \"2\" to clear_refs: %d\n", clear_refs("2"));
    show("anonymous cleared");
    uprintf(1, "write \"3\\n\" to clear_refs: %d\n", clear_refs("3\n"));
    show("file cleared");
    for (i = 0; i < 10; i++)
        sum += (unsigned char)anon[i * 3 * PAGE];
    sum += (unsigned char)file[PAGE];
    show("10 anonymous pages and 1 file page read again");
    uprintf(1, "write \"1\" to clear_refs: %d\n", clear_refs("1"));
    show("all cleared");
    uprintf(1, "write \"0\": %d, \"6\": %d, \"x\": %d\n", clear_refs("0"), clear_refs("6"),
            clear_refs("x"));
    int rfd = open("/proc/self/clear_refs", O_RDONLY, 0);
    char c;
    uprintf(1, "read clear_refs: %d\n", read(rfd, &c, 1));
    close(rfd);
    uprintf(1, "sum %u\n", sum);
    return 0;
}

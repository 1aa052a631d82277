/*
 * mm_lengths.c - lengths that wrap around when rounded up to a page
 * (0xFFFFFFFF, 0xFFFFF001) and lengths too big to fit: each memory call
 * gives Linux's errno and changes nothing.  Then mprotect across a hole:
 * Linux changes the mapped part before the hole, then fails with -ENOMEM.
 */
#include "lib/vmtest.h"

#define MS_SYNC 4
#define MADV_DONTNEED 4

/* The permissions ("rw-p") /proc/self/maps shows for the page at addr,
 * in perms, or "none". */
static const char *perms_at(unsigned long addr, char perms[5])
{
    static char text[16384];
    int fd = open("/proc/self/maps", O_RDONLY, 0), len = 0, r;

    while (fd >= 0 && len < (int)sizeof(text) - 1 && (r = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
        len += r;
    close(fd);
    text[len] = 0;
    for (char *line = text; *line;) {
        unsigned long start = 0, end = 0;
        char *p = line;
        while (*p != '-')
            start = start * 16 + (*p <= '9' ? *p - '0' : *p - 'a' + 10), p++;
        for (p++; *p != ' '; p++)
            end = end * 16 + (*p <= '9' ? *p - '0' : *p - 'a' + 10);
        if (addr >= start && addr < end) {
            memcpy(perms, p + 1, 4);
            perms[4] = 0;
            return perms;
        }
        char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : line + strlen(line);
    }
    memcpy(perms, "none", 5);
    return perms;
}

int main(void)
{
    static const unsigned lengths[] = { 0xFFFFFFFFu, 0xFFFFF001u };
    char *p = map_anon(4);
    char perms[4][5];

    for (unsigned i = 0; i < 2; i++) {
        unsigned len = lengths[i];
        uprintf(1, "length 0x%x: munmap %d, mprotect %d, madvise %d, msync %d\n", len,
                munmap(p, len), mprotect(p, len, PROT_READ), madvise(p, len, MADV_DONTNEED),
                msync(p, len, MS_SYNC));
    }

    long r = mmap2(0, 0xFFFFF000u, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uprintf(1, "mmap of 0xFFFFF000 bytes: %d\n", (int)r);
    r = mmap2(0, 0xFFFFFFFFu, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uprintf(1, "mmap of 0xFFFFFFFF bytes: %d\n", (int)r);

    /* A 64-bit Linux runs this program with 32-bit lengths zero-extended,
     * and changes p's mapping on the way to its errno, so start afresh:
     * [p, p+4 pages) with a hole at page 2 */
    p = map_anon(4);
    munmap(p + 2 * PAGE, PAGE);
    uprintf(1, "mprotect across a hole: %d\n", mprotect(p, 4 * PAGE, PROT_READ));
    for (int i = 0; i < 4; i++)
        perms_at((unsigned long)p + i * PAGE, perms[i]);
    uprintf(1, "page 0: %s, page 1: %s, page 2: %s, page 3: %s\n", perms[0], perms[1], perms[2],
            perms[3]);
    int r2 = mprotect(p + 2 * PAGE, 2 * PAGE, PROT_NONE);
    uprintf(1, "mprotect from the hole: %d, page 3: %s\n", r2, perms_at((unsigned long)p + 3 * PAGE, perms[3]));
    return 0;
}

/*
 * mremap_account.c - mremap(2) keeps commit accounting exact (raw; boots
 * with overcommit=2, .linux-differs: Committed_AS is the whole system's).
 *
 * Only a private writable mapping is counted in Committed_AS, by its
 * size: growing it (in place or by a move) promises the new pages, a
 * shrink gives the dropped ones back, a move of the same size changes
 * nothing, and read-only or shared mappings change nothing when they
 * grow (shared anonymous memory was counted when it was made).  A growth
 * past CommitLimit fails with ENOMEM and changes nothing.  Everything is
 * unmapped at the end, and the kernel's leak check at power-off wants
 * Committed_AS back at 0.
 */
#include "lib/vmtest.h"

static int committed_kb(void)
{
    return (int)proc_kb("/proc/meminfo", 0, "Committed_AS");
}

/* A mapping of npages with a page after it that keeps it from growing
 * in place (with blocked set) or a free room of 64 pages after it. */
static char *map_pages(unsigned npages, int prot, int flags, int blocked)
{
    char *p = (char *)mmap2(0, (npages + 64) * PAGE, prot, flags | MAP_ANONYMOUS, -1, 0);
    munmap(p + (npages + 1) * PAGE, 63 * PAGE);
    if (blocked)
        mprotect(p + npages * PAGE, PAGE, PROT_NONE);
    else
        munmap(p + npages * PAGE, PAGE);
    return p;
}

/* mremap, printing how Committed_AS moved and whether the first byte
 * stayed. */
static char *remap(const char *what, char *p, unsigned old_pages, unsigned new_pages, int flags,
                   void *to)
{
    int before = committed_kb();
    char first = p[0];
    long r = mremap(p, old_pages * PAGE, new_pages * PAGE, flags, to);
    uprintf(1, "  %s: %s, Committed_AS %s%d kB\n", what,
            MAP_FAILED(r) ? (r == -ENOMEM ? "ENOMEM" : "other error") :
            ((char *)r)[0] == first ? (r == (long)p ? "in place" : "moved") : "WRONG data",
            committed_kb() >= before ? "+" : "", committed_kb() - before);
    return MAP_FAILED(r) ? p : (char *)r;
}

int main(void)
{
    int start = committed_kb();
    int rw = PROT_READ | PROT_WRITE;

    uprintf(1, "private writable:\n");
    char *p = map_pages(100, rw, MAP_PRIVATE, 0);
    p[0] = 'x';
    p = remap("grow 100 -> 150 pages", p, 100, 150, 0, 0);
    char *q = map_pages(150, rw, MAP_PRIVATE, 1);
    char *q_blocker = q + 150 * PAGE;
    q[0] = 'y';
    q = remap("grow 150 -> 200 pages", q, 150, 200, MREMAP_MAYMOVE, 0);
    q = remap("shrink 200 -> 50 pages", q, 200, 50, 0, 0);
    char *spot = map_pages(50, PROT_READ, MAP_PRIVATE, 0);
    q = remap("move 50 pages onto a read-only mapping", q, 50, 50, MREMAP_MAYMOVE | MREMAP_FIXED, spot);
    spot = map_pages(10, PROT_READ, MAP_PRIVATE, 0);
    q = remap("shrink 50 -> 10 pages by a move onto a read-only mapping", q, 50, 10, MREMAP_MAYMOVE | MREMAP_FIXED, spot);

    unsigned room = proc_kb("/proc/meminfo", 0, "CommitLimit") / 4 - committed_kb() / 4;
    uprintf(1, "past CommitLimit:\n");
    p = remap("grow 150 pages by 10 more than the room left", p, 150, 150 + room + 10, 0, 0);
    p = remap("the same, with MREMAP_MAYMOVE", p, 150, 150 + room + 10, MREMAP_MAYMOVE, 0);

    uprintf(1, "not counted:\n");
    char *ro = map_pages(10, PROT_READ, MAP_PRIVATE, 1);
    char *ro_blocker = ro + 10 * PAGE;
    ro = remap("grow read-only 10 -> 40 pages", ro, 10, 40, MREMAP_MAYMOVE, 0);
    char *sh = map_pages(10, rw, MAP_SHARED, 1);
    char *sh_blocker = sh + 10 * PAGE;
    sh[0] = 's';
    sh = remap("grow shared anonymous 10 -> 40 pages", sh, 10, 40, MREMAP_MAYMOVE, 0);

    munmap(p, 150 * PAGE);
    munmap(q, 10 * PAGE);
    munmap(ro, 40 * PAGE);
    munmap(sh, 40 * PAGE);
    munmap(q_blocker, PAGE);
    munmap(ro_blocker, PAGE);
    munmap(sh_blocker, PAGE);
    uprintf(1, "all unmapped: Committed_AS back where it was: %s\n", yes(committed_kb() == start));
    return 0;
}

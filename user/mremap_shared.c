/*
 * mremap_shared.c - what mremap(2) keeps when it moves a mapping (raw):
 *
 *   - shared anonymous memory moved by the parent stays shared with a
 *     forked child, in both directions, and so does the child's after
 *     the child moves its own copy of the mapping;
 *   - private pages shared copy-on-write with a child stay shared after
 *     the move (smaps: Pss is half of Rss), and a write on either side
 *     after it is private again;
 *   - a private file mapping moved and grown maps the file at the same
 *     offsets (its new pages continue the file), and keeps the page it
 *     had written; a shared read-only one moved to a chosen address
 *     still maps the file.
 *
 * The file is pattern1048576 (tests/user/mremap_shared.files): byte i is
 * i % 251.  Addresses are never printed.
 */
#include "lib/vmtest.h"

#define FILE_NAME "pattern1048576"

static int to_child[2], to_parent[2];

static const char *mapped(const void *p, unsigned npages)
{
    int r = mprotect((void *)p, npages * PAGE, PROT_READ);

    return r == 0 ? "mapped" : r == -ENOMEM ? "unmapped" : "error";
}

/* A free spot of npages (mapped and unmapped again). */
static char *free_spot(unsigned npages)
{
    char *p = map_anon(npages);
    munmap(p, npages * PAGE);
    return p;
}

static void shared_anon(void)
{
    char *s = (char *)mmap2(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *to = free_spot(4);
    s[0] = 'p';
    s[3 * PAGE] = 'q';
    pipe(to_child);
    pipe(to_parent);
    int pid = fork();
    if (pid == 0) {
        wait_for(to_child[0]);          /* the parent moved its mapping */
        int ok = s[0] == 'P' && s[3 * PAGE] == 'q' && s[PAGE] == 'R';
        s[2 * PAGE] = 'c';
        char *moved = (char *)mremap(s, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, to);
        ok &= moved == to;
        signal_other(to_parent[1]);
        wait_for(to_child[0]);
        ok &= moved[3 * PAGE] == 'L';
        moved[PAGE + 1] = 'k';
        signal_other(to_parent[1]);
        exit(ok ? 0 : 1);
    }
    char *p = (char *)mremap(s, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, free_spot(4));
    uprintf(1, "shared anonymous, moved by the parent: old range %s, data %s\n", mapped(s, 4),
            yes(!MAP_FAILED((long)p) && p[0] == 'p' && p[3 * PAGE] == 'q'));
    p[0] = 'P';
    p[PAGE] = 'R';                      /* a page first touched after the move */
    signal_other(to_child[1]);
    wait_for(to_parent[0]);
    uprintf(1, "  the parent sees the child's write after the child moved its copy: %s\n",
            yes(p[2 * PAGE] == 'c'));
    p[3 * PAGE] = 'L';
    signal_other(to_child[1]);
    wait_for(to_parent[0]);
    uprintf(1, "  and its write after that: %s\n", yes(p[PAGE + 1] == 'k'));
    report_end("  child (saw the parent's writes through its old address, and later its new one)", pid);
    munmap(p, 4 * PAGE);
}

static void cow_private(void)
{
    char *a = map_anon(4);
    for (unsigned i = 0; i < 4; i++)
        a[i * PAGE] = (char)('a' + i);
    int pid = fork();
    if (pid == 0) {
        wait_for(to_child[0]);
        int ok = a[0] == 'a' && a[3 * PAGE] == 'd';
        a[PAGE] = 'C';
        signal_other(to_parent[1]);
        wait_for(to_child[0]);
        exit(ok && a[2 * PAGE] == 'c' && a[PAGE] == 'C' ? 0 : 1);
    }
    char *p = (char *)mremap(a, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, free_spot(4));
    char smaps[] = "/proc/self/smaps";
    uprintf(1, "private pages shared with a child, moved: data %s, Rss %d kB, Pss %d kB\n",
            yes(p[0] == 'a' && p[PAGE] == 'b' && p[2 * PAGE] == 'c' && p[3 * PAGE] == 'd'),
            (int)proc_kb(smaps, (unsigned)p, "Rss"), (int)proc_kb(smaps, (unsigned)p, "Pss"));
    p[2 * PAGE] = 'X';
    signal_other(to_child[1]);
    wait_for(to_parent[0]);
    uprintf(1, "  after a write on each side: the parent keeps its own: %s\n",
            yes(p[2 * PAGE] == 'X' && p[PAGE] == 'b'));
    signal_other(to_child[1]);
    report_end("  child (kept its copy)", pid);
    munmap(p, 4 * PAGE);
}

/* 1 if pages [first, last) of p show the file from page pgoff on. */
static int shows_file(const char *p, unsigned first, unsigned last, unsigned pgoff)
{
    for (unsigned off = first * PAGE; off < last * PAGE; off += 97)
        if ((unsigned char)p[off] != (pgoff * PAGE + off) % 251)
            return 0;
    return 1;
}

static void file_mappings(void)
{
    int fd = open(FILE_NAME, O_RDONLY, 0);
    char *f = (char *)mmap2(0, 5 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 16);
    mprotect(f + 4 * PAGE, PAGE, PROT_READ);   /* in the way of growing in place */
    int read_all = shows_file(f, 0, 4, 16);
    f[PAGE] = 'Z';
    char *p = (char *)mremap(f, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE, 0);
    uprintf(1, "private file mapping at page 16, read, one page written, grown 4 -> 8 by a move:\n");
    uprintf(1, "  moved %s, old range %s, file pages %s, new pages continue the file %s, "
            "written page kept %s\n", yes(!MAP_FAILED((long)p) && p != f), mapped(f, 4),
            yes(read_all && shows_file(p, 0, 1, 16) && shows_file(p, 2, 4, 16)),
            yes(shows_file(p, 4, 8, 16)), yes(p[PAGE] == 'Z' && (unsigned char)p[PAGE + 1] == (17 * PAGE + 1) % 251));
    munmap(p, 8 * PAGE);
    munmap(f + 4 * PAGE, PAGE);

    char *s = (char *)mmap2(0, 3 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
    int before = shows_file(s, 0, 2, 0);
    char *to = free_spot(6);
    p = (char *)mremap(s, 3 * PAGE, 6 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, to);
    uprintf(1, "shared read-only file mapping, two pages read, moved and grown 3 -> 6 to a chosen "
            "address: there %s, old range %s, shows the file %s\n", yes(p == to), mapped(s, 3),
            yes(before && shows_file(p, 0, 6, 0)));
    munmap(p, 6 * PAGE);
    close(fd);
}

int main(void)
{
    shared_anon();
    cow_private();
    file_mappings();
    return 0;
}

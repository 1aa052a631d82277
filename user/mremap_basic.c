/*
 * mremap_basic.c - mremap(2) of private anonymous memory, as on Linux
 * (raw): growing in place when the pages after the mapping are free,
 * growing by a move (MREMAP_MAYMOVE) when they are not, shrinking,
 * moving to a chosen address (MREMAP_FIXED), a locked mapping's growth
 * (brought in and locked, smaps says), and the errors.
 *
 * Page i of a mapping holds 'a' + i at both ends; "intact" means every
 * page that was moved or kept still does.  Whether a page is mapped is
 * asked with mprotect, which fails with -ENOMEM on a hole.  Addresses are
 * never printed, only compared.
 */
#include "lib/vmtest.h"

static void fill(char *p, unsigned npages)
{
    for (unsigned i = 0; i < npages; i++)
        p[i * PAGE] = p[i * PAGE + PAGE - 1] = (char)('a' + i);
}

static const char *intact(const char *p, unsigned npages)
{
    for (unsigned i = 0; i < npages; i++)
        if (p[i * PAGE] != (char)('a' + i) || p[i * PAGE + PAGE - 1] != (char)('a' + i))
            return "WRONG";
    return "intact";
}

/* "zero" if pages [first, last) of p read as zeros. */
static const char *zeros(const char *p, unsigned first, unsigned last)
{
    for (unsigned i = first * PAGE; i < last * PAGE; i += 64)
        if (p[i])
            return "NOT ZERO";
    return "zero";
}

/* "mapped", "unmapped" (-ENOMEM from mprotect) or "error". */
static const char *mapped(const void *p, unsigned npages)
{
    int r = mprotect((void *)p, npages * PAGE, PROT_READ | PROT_WRITE);

    return r == 0 ? "mapped" : r == -ENOMEM ? "unmapped" : "error";
}

static long remap(void *p, unsigned old_pages, unsigned new_pages, int flags, void *to)
{
    return mremap(p, old_pages * PAGE, new_pages * PAGE, flags, to);
}

static void grow_in_place(void)
{
    char *p = map_anon(8);
    munmap(p + 4 * PAGE, 4 * PAGE);     /* free room after 4 pages */
    fill(p, 4);
    long r = remap(p, 4, 8, 0, 0);
    uprintf(1, "grow in place 4 -> 8 pages: same address %s, old pages %s, new pages %s\n",
            yes(r == (long)p), intact(p, 4), zeros(p, 4, 8));
    fill(p, 8);
    uprintf(1, "  all 8 written: %s\n", intact(p, 8));
    munmap(p, 8 * PAGE);
}

/* A mapping of npages with one more page after it, read-only, that keeps
 * it from growing in place (mprotect splits the mapping in two). */
static char *map_blocked(unsigned npages)
{
    char *p = map_anon(npages + 1);
    mprotect(p + npages * PAGE, PAGE, PROT_READ);
    fill(p, npages);
    return p;
}

static char *grow_by_move(void)
{
    char *p = map_blocked(4);

    long r = remap(p, 4, 16, 0, 0);
    uprintf(1, "grow 4 -> 16 pages with a page in the way, no MREMAP_MAYMOVE: %d (%s)\n", (int)r,
            intact(p, 4));
    r = remap(p, 4, 16, MREMAP_MAYMOVE, 0);
    char *q = (char *)r;
    uprintf(1, "  with MREMAP_MAYMOVE: moved %s, old pages %s, new pages %s\n",
            yes(!MAP_FAILED(r) && q != p), intact(q, 4), zeros(q, 4, 16));
    uprintf(1, "  old range %s, the page in the way %s\n", mapped(p, 4), mapped(p + 4 * PAGE, 1));
    fill(q, 16);
    uprintf(1, "  all 16 written: %s\n", intact(q, 16));
    munmap(p + 4 * PAGE, PAGE);
    return q;
}

static char *shrink(char *q)
{
    long r = remap(q, 16, 2, 0, 0);
    uprintf(1, "shrink 16 -> 2 pages: same address %s, kept pages %s, the rest %s\n",
            yes(r == (long)q), intact(q, 2), mapped(q + 2 * PAGE, 14));
    r = remap(q, 2, 2, 0, 0);
    uprintf(1, "  same size: same address %s, %s\n", yes(r == (long)q), intact(q, 2));
    return q;
}

static void fixed(char *q)
{
    char *t = map_anon(3);
    memset(t, 'T', 3 * PAGE);
    long r = remap(q, 2, 3, MREMAP_MAYMOVE | MREMAP_FIXED, t);
    uprintf(1, "MREMAP_FIXED 2 -> 3 pages onto a mapping: at new_addr %s, moved pages %s, "
            "third page %s (what was there is gone)\n", yes(r == (long)t), intact(t, 2), zeros(t, 2, 3));
    uprintf(1, "  old range %s\n", mapped(q, 2));
    char *u = map_anon(4);
    munmap(u, 4 * PAGE);                /* a free spot */
    r = remap(t, 3, 1, MREMAP_MAYMOVE | MREMAP_FIXED, u + PAGE);
    uprintf(1, "  3 -> 1 page to a free spot: at new_addr %s, %s; old range %s, past the page %s\n",
            yes(r == (long)(u + PAGE)), intact(u + PAGE, 1), mapped(t, 3), mapped(u + 2 * PAGE, 1));
    munmap(u + PAGE, PAGE);
}

/* smaps of the area at p: "Rss N kB, Locked N kB". */
static void print_smaps(const char *what, const char *p)
{
    char smaps[] = "/proc/self/smaps";

    uprintf(1, "%s: Rss %d kB, Locked %d kB\n", what, (int)proc_kb(smaps, (unsigned)p, "Rss"),
            (int)proc_kb(smaps, (unsigned)p, "Locked"));
}

/* A locked mapping has the pages it grows by brought in and locked,
 * in place and after a move. */
static void locked(void)
{
    char *p = map_anon(9);
    munmap(p + 4 * PAGE, 4 * PAGE);     /* room for 4 more pages, then one in the way */
    mprotect(p + 8 * PAGE, PAGE, PROT_READ);
    mlock(p, 4 * PAGE);
    fill(p, 4);
    print_smaps("locked mapping of 4 pages", p);
    long r = remap(p, 4, 8, 0, 0);
    print_smaps(r == (long)p ? "  grown in place to 8" : "  NOT grown in place", p);
    char *q = (char *)remap(p, 8, 12, MREMAP_MAYMOVE, 0);
    print_smaps(!MAP_FAILED((long)q) && q != p ? "  moved and grown to 12" : "  NOT moved", q);
    uprintf(1, "  data %s, new pages %s\n", intact(q, 4), zeros(q, 4, 12));
    munmap(q, 12 * PAGE);
    munmap(p + 8 * PAGE, PAGE);
}

static void errors(void)
{
    char *p = map_blocked(4);
    char *hole = map_anon(1);
    munmap(hole, PAGE);

    uprintf(1, "errors:\n");
    uprintf(1, "  unaligned old_address: %d\n", (int)mremap(p + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE, 0));
    uprintf(1, "  new_size 0: %d\n", (int)remap(p, 1, 0, MREMAP_MAYMOVE, 0));
    uprintf(1, "  unknown flag 8: %d\n", (int)remap(p, 1, 2, MREMAP_MAYMOVE | 8, 0));
    uprintf(1, "  MREMAP_FIXED without MREMAP_MAYMOVE: %d\n", (int)remap(p, 1, 1, MREMAP_FIXED, hole));
    uprintf(1, "  MREMAP_FIXED onto the old range: %d\n",
            (int)remap(p, 2, 2, MREMAP_MAYMOVE | MREMAP_FIXED, p + PAGE));
    uprintf(1, "  MREMAP_FIXED to an unaligned address: %d\n",
            (int)remap(p, 1, 1, MREMAP_MAYMOVE | MREMAP_FIXED, hole + 1));
    uprintf(1, "  old_size 0 of a private mapping: %d\n", (int)remap(p, 0, 1, MREMAP_MAYMOVE, 0));
    uprintf(1, "  old_address not mapped: %d\n", (int)remap(hole, 1, 2, MREMAP_MAYMOVE, 0));
    uprintf(1, "  growing a range of two mappings: %d\n", (int)remap(p, 5, 6, MREMAP_MAYMOVE, 0));
    uprintf(1, "  growing past every gap: %d\n", (int)mremap(p, PAGE, 0xF0000000u, MREMAP_MAYMOVE, 0));
    uprintf(1, "  growing in the way of a mapping, no MREMAP_MAYMOVE: %d\n", (int)remap(p, 4, 5, 0, 0));
    uprintf(1, "  after all that: %s, %s\n", intact(p, 4), mapped(p, 5));
    munmap(p, 5 * PAGE);
}

int main(void)
{
    grow_in_place();
    fixed(shrink(grow_by_move()));
    locked();
    errors();
    return 0;
}

/*
 * swap_fork.c - fork while pages are swapped out.  The parent writes a
 * 32 MiB region, twice its test's RAM (swap_fork.mem, .swap), so most of
 * it is in swap when it forks: the children inherit swap entries.  Each
 * child in turn checks every page it inherited, then writes its own
 * quarter of the region and checks that it sees its own writes there and
 * the parent's data elsewhere.  Last the parent checks that it saw none
 * of the children's writes.
 */
#include "lib/vmtest.h"

#define SIZE (32u << 20)
#define NPAGES (SIZE / PAGE)
#define WORDS (PAGE / 4)
#define CHILDREN 2

static unsigned *region;

static unsigned value(unsigned page, unsigned w, unsigned who)
{
    return (page * 2654435761u) ^ (w * 40503u) ^ (who << 24);
}

static void fill(unsigned first, unsigned n, unsigned who)
{
    for (unsigned i = first; i < first + n; i++)
        for (unsigned w = 0; w < WORDS; w += 8)
            region[i * WORDS + w] = value(i, w, who);
}

/* Pages in [first, first + n) that do not hold who's values. */
static unsigned bad_pages(unsigned first, unsigned n, unsigned who)
{
    unsigned bad = 0;

    for (unsigned i = first; i < first + n; i++)
        for (unsigned w = 0; w < WORDS; w += 8)
            if (region[i * WORDS + w] != value(i, w, who)) {
                bad++;
                break;
            }
    return bad;
}

static void child(void *arg)
{
    unsigned who = (unsigned)arg, quarter = NPAGES / 4, mine = (who - 1) * quarter;

    unsigned inherited = bad_pages(0, NPAGES, 0);
    fill(mine, quarter, who);
    unsigned own = bad_pages(mine, quarter, who);
    unsigned rest = bad_pages(0, mine, 0) + bad_pages(mine + quarter, NPAGES - mine - quarter, 0);
    uprintf(1, "child %u: inherited pages wrong %u, own quarter wrong %u, other pages wrong %u\n",
            who, inherited, own, rest);
    exit(inherited || own || rest);
}

int main(void)
{
    char buf[24];

    region = (unsigned *)map_anon(NPAGES);
    if (!region)
        return 1;
    fill(0, NPAGES, 0);
    for (unsigned who = 1; who <= CHILDREN; who++)
        uprintf(1, "child %u ended: %s\n", who, status_text(status_of_child(child, (void *)who), buf));
    uprintf(1, "parent: pages wrong %u\n", bad_pages(0, NPAGES, 0));
    return 0;
}

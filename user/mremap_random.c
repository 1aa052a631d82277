/*
 * mremap_random.c - mremap(2) at random, checked against a model (raw).
 *
 * Up to NREGIONS private anonymous mappings are made, written, grown,
 * shrunk, moved (MREMAP_MAYMOVE, MREMAP_FIXED), paged out to swap
 * (MADV_PAGEOUT), unmapped, and shared copy-on-write with forked
 * children that check them and write their own copies, all drawn from a
 * fixed seed.  The test keeps what each page must hold (the word at its
 * start: 0 if never written) and checks every page after each step, so a
 * PTE or a swap entry lost, duplicated or left at its old address by a
 * move, or a copy-on-write page one side's write reached on the other,
 * shows as a wrong word.  It runs with a small frame budget
 * (mremap_random.kargs), so reclaim sends pages to swap by itself too.
 * On Linux the same words must be read (the output does not depend on
 * where pages are).  An argument picks another seed.
 */
#include "lib/vmtest.h"

#define NREGIONS 6
#define MAX_PAGES 24
#define STEPS 1500

struct region {
    unsigned *base;                     /* NULL: unused */
    unsigned npages;
    unsigned word[MAX_PAGES];           /* what page i holds at its start */
};

static struct region regions[NREGIONS];
static unsigned rng = 12345, next_word = 1, bad, moves, forks;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng % n;
}

static unsigned *page(const struct region *r, unsigned i)
{
    return r->base + i * (PAGE / 4);
}

/* Check every page of every region against the model. */
static void check_all(void)
{
    for (unsigned k = 0; k < NREGIONS; k++)
        for (unsigned i = 0; regions[k].base && i < regions[k].npages; i++)
            bad += *page(&regions[k], i) != regions[k].word[i];
}

static void write_page(struct region *r, unsigned i)
{
    r->word[i] = next_word++;
    *page(r, i) = r->word[i];
}

/* A free spot of npages, for MREMAP_FIXED. */
static void *free_spot(unsigned npages)
{
    long p = mmap2(0, npages * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap((void *)p, npages * PAGE);
    return (void *)p;
}

static void resize(struct region *r)
{
    unsigned n = 1 + rnd(MAX_PAGES);
    int how = rnd(3);
    long q = how == 2 ? mremap(r->base, r->npages * PAGE, n * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, free_spot(n))
                      : mremap(r->base, r->npages * PAGE, n * PAGE, how ? MREMAP_MAYMOVE : 0, 0);
    if (MAP_FAILED(q)) {
        bad += !(how == 0 && q == -ENOMEM && n > r->npages);    /* no room, no MREMAP_MAYMOVE */
        return;
    }
    moves += (unsigned *)q != r->base;
    bad += how == 2 && (unsigned *)q == r->base;
    for (unsigned i = r->npages; i < n; i++)
        r->word[i] = 0;                 /* new pages read as zeros */
    r->base = (unsigned *)q;
    r->npages = n;
}

/* A child checks everything, writes its own copies, moves one region,
 * checks again, and exits 0 if all was right; the parent's pages must
 * not change. */
static void fork_and_check(void)
{
    int pid = fork();
    if (pid == 0) {
        bad = 0;
        check_all();
        for (unsigned k = 0; k < NREGIONS; k++)
            if (regions[k].base && rnd(2))
                write_page(&regions[k], rnd(regions[k].npages));
        struct region *r = &regions[rnd(NREGIONS)];
        if (r->base)
            resize(r);
        check_all();
        exit(bad ? 1 : 0);
    }
    int status;
    waitpid_retry(pid, &status);
    bad += !WIFEXITED(status) || WEXITSTATUS(status);
    forks++;
}

static void step(void)
{
    struct region *r = &regions[rnd(NREGIONS)];

    if (!r->base) {
        r->npages = 1 + rnd(MAX_PAGES);
        r->base = (unsigned *)mmap2(0, r->npages * PAGE, PROT_READ | PROT_WRITE,
                                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        for (unsigned i = 0; i < r->npages; i++)
            if (rnd(2))
                write_page(r, i);
            else
                r->word[i] = 0;
        return;
    }
    switch (rnd(9)) {
    case 0: case 1: case 2:
        resize(r);
        break;
    case 3: case 4: {
        unsigned first = rnd(r->npages);
        madvise(page(r, first), (1 + rnd(r->npages - first)) * PAGE, MADV_PAGEOUT);
        break;
    }
    case 5: case 6:
        write_page(r, rnd(r->npages));
        break;
    case 7:
        fork_and_check();
        break;
    default:
        munmap(r->base, r->npages * PAGE);
        r->base = 0;
        break;
    }
}

int main(int argc, char **argv)
{
    if (argc > 1) {                     /* another seed: mremap_random SEED */
        const char *digits = argv[1];
        rng = parse_decimal(&digits) | 1;
    }
    for (unsigned s = 0; s < STEPS; s++) {
        step();
        check_all();
    }
    uprintf(1, "%d steps (%s moves, %s forks): %d wrong words\n", STEPS, moves > 100 ? "over 100" : "FEW",
            forks > 50 ? "over 50" : "FEW", (int)bad);
    return 0;
}

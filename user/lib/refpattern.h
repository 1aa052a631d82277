/*
 * refpattern.h - the reference patterns of the replacement-policy lab
 * (make bench-reclaim), from fixed seeds.  One header, compiled twice:
 * into user/reclaimlab.c, which touches the pages in the kernel, and into
 * tools/refgen.c, which prints the same reference string on the host for
 * the OPT and LRU simulator (tools/reclaimlab.py).  Everything is sized
 * from the frame budget F (userframes=F):
 *
 *   loop        pages 0..P-1 in order, over and over, P = F + F/4:
 *               LRU's worst case (every touch misses once P > F)
 *   shift       a working set of 7F/8 pages touched at random, which
 *               fits, then moves up by a quarter of its size, seven
 *               times (eight phases of equal length)
 *   random1.1   uniform random touches over 1.1F, 1.5F and 2F pages:
 *   random1.5   no policy can do better than a miss rate of 1 - F/P
 *   random2.0
 *   hotcold     three touches in four go to a hot set of F/2 pages at
 *               random, the fourth to the next page of a cold scan over
 *               4F pages: a good policy keeps the hot set
 */
#ifndef REFPATTERN_H
#define REFPATTERN_H

#include <stdint.h>

enum refpattern_kind { REF_LOOP, REF_SHIFT, REF_RANDOM, REF_HOTCOLD };

struct refpattern {
    const char *name;
    enum refpattern_kind kind;
    uint32_t tenths;            /* REF_RANDOM: pages = F * tenths / 10 */
};

static const struct refpattern refpatterns[] = {
    { "loop", REF_LOOP, 0 },
    { "shift", REF_SHIFT, 0 },
    { "random1.1", REF_RANDOM, 11 },
    { "random1.5", REF_RANDOM, 15 },
    { "random2.0", REF_RANDOM, 20 },
    { "hotcold", REF_HOTCOLD, 0 },
};
#define NR_REFPATTERNS (sizeof(refpatterns) / sizeof(refpatterns[0]))

/* A pattern being generated: next() hands out touches until there are
 * `touches` of them. */
struct refgen {
    const struct refpattern *pattern;
    uint32_t frames, pages, touches, done;
    uint32_t window;            /* shift: the working set; hotcold: the hot set */
    uint32_t rng;               /* xorshift32 state, from a fixed seed */
};

static inline uint32_t refgen_random(struct refgen *g)
{
    uint32_t x = g->rng;

    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return g->rng = x;
}

/* Start pattern p for a budget of frames (at least 4); its page count and
 * number of touches are in g->pages and g->touches. */
static inline void refgen_start(struct refgen *g, const struct refpattern *p, uint32_t frames)
{
    g->pattern = p;
    g->frames = frames;
    g->done = 0;
    g->window = 0;
    g->pages = frames;
    g->rng = 2463534242u;       /* Marsaglia's example seed: every run repeats */
    g->touches = 32 * frames;
    switch (p->kind) {
    case REF_LOOP:
        g->pages = frames + frames / 4;
        g->touches = 10 * g->pages;
        break;
    case REF_SHIFT:
        g->window = frames * 7 / 8;
        g->pages = g->window + 7 * (g->window / 4);
        break;
    case REF_RANDOM:
        g->pages = frames * p->tenths / 10;
        break;
    case REF_HOTCOLD:
        g->window = frames / 2;
        g->pages = g->window + 4 * frames;
        break;
    }
}

/* The next page to touch (0 .. pages-1), or -1 after the last. */
static inline int32_t refgen_next(struct refgen *g)
{
    if (g->done == g->touches)
        return -1;
    uint32_t n = g->done++;
    switch (g->pattern->kind) {
    case REF_LOOP:
        return (int32_t)(n % g->pages);
    case REF_SHIFT: {
        uint32_t phase = n / (g->touches / 8);
        return (int32_t)(phase * (g->window / 4) + refgen_random(g) % g->window);
    }
    case REF_RANDOM:
        return (int32_t)(refgen_random(g) % g->pages);
    case REF_HOTCOLD:
        if (n % 4 != 3)
            return (int32_t)(refgen_random(g) % g->window);
        return (int32_t)(g->window + (n / 4) % (g->pages - g->window));
    }
    return -1;
}

#endif

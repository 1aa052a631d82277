/*
 * test_buddy.c - host unit tests for the buddy allocator (mm/buddy.c).
 *
 * Each test boots a fresh fake machine (see host_support.h) and checks:
 *   - splitting a pristine max-order block and merging it back;
 *   - merging only with the buddy, and only once both halves are free;
 *   - exhaustion with GFP_MAYFAIL and full recovery;
 *   - allocation at every order: alignment, GFP_ZERO;
 *   - zone preference and fallback, GFP_DMA, GFP_HIGHMEM;
 *   - long random alloc/free runs against a model, with buddy_check
 *     after every step;
 *   - every panic path, by its message;
 *   - buddy_check catching corrupted bookkeeping;
 *   - the exact /proc/buddyinfo and meminfo text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mm/buddy.h"
#include "host_support.h"

#define DMA_PFNS (DMA_LIMIT >> PAGE_SHIFT)      /* 4096: first ZONE_NORMAL pfn */

static struct fake_machine machine;

/*
 * The "PC" machine: 6149 frames (about 24 MiB) with holes the way a PC
 * has them: frame 0 reserved, a 640K..1M hole, a small hole in
 * ZONE_NORMAL, and an end that is not a multiple of any block size.  One
 * range crosses from ZONE_DMA into ZONE_NORMAL.
 */
#define PC_FRAMES 6149
static const struct range pc_ranges[] = {
    { 1, 160 },
    { 256, 5000 },
    { 5003, PC_FRAMES },
};

static int boot(void **state, uint32_t nr_frames, const struct range *r, int n)
{
    if (fake_machine_boot(&machine, nr_frames, r, n) < 0)
        return -1;
    *state = &machine;
    return 0;
}

/* A machine reaching 4 MiB above the 896 MiB direct map: 2 MiB of DMA,
 * 2 MiB of Normal just below its end, and 4 MiB of HighMem. */
static int boot_three_zones(void **state)
{
    static const struct range r[] = {
        { 256, 768 }, { LOWMEM_PFN - 512, LOWMEM_PFN + 1024 },
    };
    return boot(state, LOWMEM_PFN + 1024, r, 2);
}

/* 1024 frames, all free: one order-10 block in ZONE_DMA. */
static int boot_one_block(void **state)
{
    static const struct range r[] = { { 0, 1024 } };
    return boot(state, 1024, r, 1);
}

static int boot_pc(void **state)
{
    return boot(state, PC_FRAMES, pc_ranges, (int)(sizeof(pc_ranges) / sizeof(pc_ranges[0])));
}

/* A tiny two-zone machine whose free lists are easy to work out by hand. */
static int boot_small_two_zones(void **state)
{
    static const struct range r[] = {
        { 3, 16 },              /* DMA: 3 (order 0), 4..7 (order 2), 8..15 (order 3) */
        { 4096, 5123 },         /* Normal: 4096.. (order 10), 5120 (order 1), 5122 (order 0) */
    };
    return boot(state, 5123, r, 2);
}

static int shutdown(void **state)
{
    (void)state;
    buddy_debug = 0;
    panic_jmp = NULL;
    fake_machine_free(&machine);
    return 0;
}

/* ---- helpers ---- */

struct counts {
    uint32_t nr_free[NR_ZONES][MAX_ORDER + 1];
    uint32_t free_pages[NR_ZONES];
};

static void take_counts(struct counts *c)
{
    for (int z = 0; z < NR_ZONES; z++) {
        for (int o = 0; o <= MAX_ORDER; o++)
            c->nr_free[z][o] = zones[z].free_area[o].nr_free;
        c->free_pages[z] = zones[z].free_pages;
    }
}

static void assert_counts_equal(const struct counts *want, const struct counts *got)
{
    for (int z = 0; z < NR_ZONES; z++) {
        for (int o = 0; o <= MAX_ORDER; o++)
            if (want->nr_free[z][o] != got->nr_free[z][o])
                fail_msg("zone %s order %d: %u free blocks, expected %u",
                         zones[z].name, o, got->nr_free[z][o], want->nr_free[z][o]);
        assert_int_equal(want->free_pages[z], got->free_pages[z]);
    }
}

static int pfn_usable(uint32_t pfn)
{
    for (size_t i = 0; i < sizeof(pc_ranges) / sizeof(pc_ranges[0]); i++)
        if (pfn >= pc_ranges[i].start && pfn < pc_ranges[i].end)
            return 1;
    return 0;
}

/* The head of some listed free block of at least min_order in zone z. */
static struct page *some_free_block(int z, unsigned min_order)
{
    for (unsigned o = min_order; o <= MAX_ORDER; o++)
        if (!list_empty(&zones[z].free_area[o].free_list))
            return container_of(zones[z].free_area[o].free_list.next, struct page, list);
    fail_msg("no free block of order >= %u in zone %d", min_order, z);
    return NULL;
}

static void shuffle(struct page **pages, uint32_t n, struct rng *r)
{
    for (uint32_t i = n; i > 1; i--) {
        uint32_t j = rng_below(r, i);
        struct page *t = pages[i - 1];
        pages[i - 1] = pages[j];
        pages[j] = t;
    }
}

/* ---- 1. split and merge ---- */

/* An order-k allocation from a lone order-10 block leaves one free block
 * at each order k..9: the upper halves of the splits. */
static void test_split_and_merge(void **state)
{
    (void)state;
    struct zone *dma = &zones[ZONE_DMA];

    assert_int_equal(dma->free_area[MAX_ORDER].nr_free, 1);
    assert_int_equal(nr_free_pages(), 1024);

    for (unsigned k = 0; k <= MAX_ORDER; k++) {
        struct page *p = alloc_pages(k, 0);
        assert_int_equal(page_to_pfn(p), 0);    /* the lower half is kept */
        assert_int_equal(p->refcount, 1);
        assert_int_equal(p->order, k);
        for (unsigned o = 0; o <= MAX_ORDER; o++) {
            uint32_t want = (o >= k && o < MAX_ORDER) ? 1 : 0;
            assert_int_equal(dma->free_area[o].nr_free, want);
            if (want) {
                /* the split-off upper half of the order-(o+1) block */
                struct page *h = pfn_to_page(1u << o);
                assert_true(h->flags & PG_buddy);
                assert_int_equal(h->order, o);
            }
        }
        assert_int_equal(dma->free_pages, 1024 - (1u << k));
        assert_int_equal(zones[ZONE_NORMAL].free_pages, 0);
        buddy_check();

        free_pages(p, k);
        for (unsigned o = 0; o < MAX_ORDER; o++)
            assert_int_equal(dma->free_area[o].nr_free, 0);
        assert_int_equal(dma->free_area[MAX_ORDER].nr_free, 1);
        assert_true(pfn_to_page(0)->flags & PG_buddy);
        assert_int_equal(pfn_to_page(0)->order, MAX_ORDER);
        assert_int_equal(dma->free_pages, 1024);
        buddy_check();
    }
}

/* A block merges with its buddy only: freeing every even frame merges
 * nothing; freeing the odd ones then rebuilds the order-10 block. */
static void test_merge_only_with_buddy(void **state)
{
    (void)state;
    struct zone *dma = &zones[ZONE_DMA];
    struct page *pages[1024];

    for (uint32_t i = 0; i < 1024; i++) {
        pages[i] = alloc_page(0);
        assert_int_equal(page_to_pfn(pages[i]), i);     /* lowest first */
    }
    assert_int_equal(nr_free_pages(), 0);

    for (uint32_t i = 0; i < 1024; i += 2)
        free_page(pages[i]);
    assert_int_equal(dma->free_area[0].nr_free, 512);
    for (unsigned o = 1; o <= MAX_ORDER; o++)
        assert_int_equal(dma->free_area[o].nr_free, 0);
    buddy_check();

    for (uint32_t i = 1; i < 1024; i += 2)
        free_page(pages[i]);
    for (unsigned o = 0; o < MAX_ORDER; o++)
        assert_int_equal(dma->free_area[o].nr_free, 0);
    assert_int_equal(dma->free_area[MAX_ORDER].nr_free, 1);
    buddy_check();
}

/* ---- 2. exhaustion and recovery ---- */

static void test_exhaustion_and_recovery(void **state)
{
    (void)state;
    struct counts before, after;
    uint32_t total = nr_free_pages();
    struct page **pages = calloc(total + 1, sizeof(*pages));
    uint8_t *seen = calloc(PC_FRAMES, 1);
    struct page *p;
    uint32_t n = 0;
    struct rng r;

    assert_non_null(pages);
    assert_non_null(seen);
    assert_int_equal(total, machine.usable);
    assert_int_equal(nr_managed_pages(), machine.usable);
    take_counts(&before);

    while ((p = alloc_pages(0, GFP_MAYFAIL)) != NULL) {
        uint32_t pfn = page_to_pfn(p);
        assert_true(n < total);
        assert_true(pfn_usable(pfn));
        assert_false(seen[pfn]);
        seen[pfn] = 1;
        pages[n++] = p;
    }
    assert_int_equal(n, total);
    assert_int_equal(nr_free_pages(), 0);
    for (int z = 0; z < NR_ZONES; z++)
        for (int o = 0; o <= MAX_ORDER; o++)
            assert_int_equal(zones[z].free_area[o].nr_free, 0);
    assert_null(alloc_pages(MAX_ORDER, GFP_MAYFAIL));
    assert_null(alloc_pages(0, GFP_MAYFAIL | GFP_DMA));
    buddy_check();

    rng_seed(&r, 42);
    shuffle(pages, n, &r);
    for (uint32_t i = 0; i < n; i++)
        free_page(pages[i]);

    /* The fully merged state of a set of free frames is unique. */
    assert_int_equal(nr_free_pages(), total);
    take_counts(&after);
    assert_counts_equal(&before, &after);
    buddy_check();
    free(pages);
    free(seen);
}

/* ---- 3. every order ---- */

static void test_every_order(void **state)
{
    (void)state;
    struct counts before, after;
    struct page *held[MAX_ORDER + 1];
    uint8_t *mem = machine.memory;
    size_t bytes = (size_t)PC_FRAMES * PAGE_SIZE;

    take_counts(&before);
    for (unsigned order = 0; order <= MAX_ORDER; order++) {
        memset(mem, 0xA5, bytes);       /* dirty all of "RAM" */
        struct page *p = alloc_pages(order, GFP_ZERO);
        uint32_t pfn = page_to_pfn(p);
        uint32_t n = 1u << order;

        assert_int_equal(pfn & (n - 1), 0);
        assert_int_equal(p->refcount, 1);
        assert_int_equal(p->order, order);
        assert_false(p->flags & (PG_buddy | PG_reserved));
        for (uint32_t i = 0; i < n; i++)
            assert_true(pfn_usable(pfn + i));

        /* the block is zero, and only the block */
        const uint8_t *b = page_address(p);
        assert_ptr_equal(b, mem + (size_t)pfn * PAGE_SIZE);
        for (size_t i = 0; i < (size_t)n * PAGE_SIZE; i++)
            if (b[i] != 0)
                fail_msg("order %u block at pfn %u: byte %zu is 0x%x", order, pfn, i, b[i]);
        if (pfn > 0)
            assert_int_equal(b[-1], 0xA5);
        if (pfn + n < PC_FRAMES)
            assert_int_equal(b[(size_t)n * PAGE_SIZE], 0xA5);

        /* the blocks held so far must not overlap this one */
        for (unsigned o = 0; o < order; o++) {
            uint32_t q = page_to_pfn(held[o]);
            assert_true(q + (1u << o) <= pfn || pfn + n <= q);
        }
        held[order] = p;
        buddy_check();
    }
    for (unsigned order = 0; order <= MAX_ORDER; order++)
        free_pages(held[order], order);
    take_counts(&after);
    assert_counts_equal(&before, &after);
    buddy_check();
}

/* ---- 4. zones ---- */

/* GFP_HIGHMEM takes HighMem first, then Normal, then DMA; without it
 * HighMem is never used; a block never spans the Normal/HighMem edge;
 * zeroing a HighMem frame goes through kmap_atomic; page_address of one
 * panics. */
static void test_highmem_zone(void **state)
{
    (void)state;
    struct page *p, *pages[2048];
    uint32_t n = 0;

    assert_int_equal(zones[ZONE_HIGHMEM].managed_pages, 1024);
    assert_int_equal(zones[ZONE_NORMAL].managed_pages, 512);
    assert_int_equal(zones[ZONE_DMA].managed_pages, 512);
    buddy_check();                      /* no block crosses LOWMEM_PFN */

    int calls = host_kmap_atomic_calls;
    p = alloc_page(GFP_HIGHMEM | GFP_ZERO);
    assert_true(page_to_pfn(p) >= LOWMEM_PFN);
    assert_int_equal(host_kmap_atomic_calls, calls + 1);
    EXPECT_PANIC(page_address(p), "is in HighMem");
    free_page(p);

    p = alloc_page(0);
    assert_true(page_to_pfn(p) >= DMA_PFNS && page_to_pfn(p) < LOWMEM_PFN);
    free_page(p);

    for (int i = 0; i < 1024; i++) {
        p = pages[n++] = alloc_page(GFP_HIGHMEM);
        assert_true(page_to_pfn(p) >= LOWMEM_PFN);
    }
    for (int i = 0; i < 512; i++) {
        p = pages[n++] = alloc_page(GFP_HIGHMEM);
        assert_true(page_to_pfn(p) >= DMA_PFNS && page_to_pfn(p) < LOWMEM_PFN);
    }
    p = pages[n++] = alloc_page(GFP_HIGHMEM);
    assert_true(page_to_pfn(p) < DMA_PFNS);
    while (n > 0)
        free_page(pages[--n]);
    assert_int_equal(zones[ZONE_HIGHMEM].free_pages, 1024);
    buddy_check();
}

/* Allocates order-0 frames with gfp until none is left; how many. */
static uint32_t take_all(unsigned gfp, struct page **pages, uint32_t *n)
{
    uint32_t taken = 0;
    struct page *p;

    while ((p = alloc_page(gfp | GFP_MAYFAIL))) {
        pages[(*n)++] = p;
        taken++;
    }
    return taken;
}

/* Linux's lowmem_reserve with 1024 HighMem, 512 Normal and 512 DMA frames:
 * Normal keeps 1024 / 32 from GFP_HIGHMEM, DMA (512 + 1024) / 256 from it
 * and 512 / 256 from GFP_KERNEL; GFP_DMA may take everything. */
static void test_lowmem_reserve(void **state)
{
    (void)state;
    struct page *pages[2048];
    uint32_t n = 0;

    buddy_set_lowmem_reserve();
    assert_int_equal(zones[ZONE_NORMAL].lowmem_reserve[ZONE_HIGHMEM], 32);
    assert_int_equal(zones[ZONE_DMA].lowmem_reserve[ZONE_HIGHMEM], 6);
    assert_int_equal(zones[ZONE_DMA].lowmem_reserve[ZONE_NORMAL], 2);
    assert_int_equal(zones[ZONE_NORMAL].lowmem_reserve[ZONE_NORMAL], 0);
    assert_int_equal(zones[ZONE_HIGHMEM].lowmem_reserve[ZONE_HIGHMEM], 0);

    assert_int_equal(take_all(GFP_HIGHMEM, pages, &n), 1024 + 480 + 506);
    assert_int_equal(zones[ZONE_NORMAL].free_pages, 32);
    assert_int_equal(zones[ZONE_DMA].free_pages, 6);
    assert_int_equal(take_all(GFP_KERNEL, pages, &n), 32 + 4);
    assert_int_equal(zones[ZONE_DMA].free_pages, 2);
    assert_int_equal(take_all(GFP_DMA, pages, &n), 2);
    assert_int_equal(nr_free_pages(), 0);
    while (n > 0)
        free_page(pages[--n]);
    assert_int_equal(nr_free_pages(), 2048);
    buddy_check();
}

static void test_zone_fallback(void **state)
{
    (void)state;
    struct counts before, after;
    uint32_t dma_free = zones[ZONE_DMA].free_pages;
    uint32_t normal_free = zones[ZONE_NORMAL].free_pages;
    struct page **pages = calloc(machine.usable, sizeof(*pages));
    struct page *p;
    uint32_t n = 0;

    assert_non_null(pages);
    assert_int_equal(dma_free + normal_free, machine.usable);
    assert_true(dma_free > 0 && normal_free > 0);
    take_counts(&before);

    /* GFP_DMA takes DMA even while Normal has plenty */
    p = alloc_page(GFP_DMA);
    assert_true(page_to_pfn(p) < DMA_PFNS);
    free_page(p);

    /* without GFP_DMA, Normal is used first ... */
    for (uint32_t i = 0; i < normal_free; i++) {
        p = alloc_page(0);
        assert_true(page_to_pfn(p) >= DMA_PFNS);
        pages[n++] = p;
    }
    assert_int_equal(zones[ZONE_NORMAL].free_pages, 0);
    assert_int_equal(zones[ZONE_DMA].free_pages, dma_free);

    /* ... then it falls back to DMA, at any order */
    p = alloc_page(0);
    assert_true(page_to_pfn(p) < DMA_PFNS);
    free_page(p);
    p = alloc_pages(5, 0);
    assert_true(page_to_pfn(p) < DMA_PFNS);
    free_pages(p, 5);
    assert_int_equal(zones[ZONE_DMA].free_pages, dma_free);

    while (n > 0)
        free_page(pages[--n]);
    assert_int_equal(zones[ZONE_NORMAL].free_pages, normal_free);

    /* GFP_DMA never spills into Normal: it runs out with Normal all free */
    while ((p = alloc_page(GFP_DMA | GFP_MAYFAIL)) != NULL) {
        assert_true(page_to_pfn(p) < DMA_PFNS);
        pages[n++] = p;
    }
    assert_int_equal(n, dma_free);
    assert_int_equal(zones[ZONE_DMA].free_pages, 0);
    assert_int_equal(zones[ZONE_NORMAL].free_pages, normal_free);
    EXPECT_PANIC(alloc_page(GFP_DMA), "out of memory for order 0");
    p = alloc_page(0);                  /* plain allocations still work */
    assert_true(page_to_pfn(p) >= DMA_PFNS);
    free_page(p);

    while (n > 0)
        free_page(pages[--n]);
    take_counts(&after);
    assert_counts_equal(&before, &after);
    buddy_check();
    free(pages);
}

/* ---- 5. random runs against a model ---- */

struct block {
    uint32_t pfn;
    unsigned order;
    int refs;                   /* what refcount the allocator should show */
};

struct model {
    int32_t *owner;             /* per pfn: index into blocks[], or -1 */
    struct block *blocks;       /* the outstanding blocks */
    uint32_t nblocks;
    uint32_t held[NR_ZONES];    /* frames held, per zone */
};

static int zone_of(uint32_t pfn)
{
    return pfn < DMA_PFNS ? ZONE_DMA : ZONE_NORMAL;
}

/*
 * The allocator said no to an order-`order` block.  Because free buddies
 * always merge, that is only right if no aligned run of 2^order usable,
 * unheld frames exists in the zones it may use.
 */
static void check_no_false_oom(const struct model *m, unsigned order, unsigned gfp)
{
    uint32_t n = 1u << order;

    for (int z = 0; z < NR_ZONES; z++) {
        if (z == ZONE_NORMAL && (gfp & GFP_DMA))
            continue;
        for (uint32_t s = zones[z].start_pfn; s + n <= zones[z].end_pfn; s += n) {
            uint32_t i = 0;
            while (i < n && pfn_usable(s + i) && m->owner[s + i] < 0)
                i++;
            if (i == n)
                fail_msg("order %u allocation failed but pfns %u..%u are free",
                         order, s, s + n - 1);
        }
    }
}

static void model_add(struct model *m, struct page *p, unsigned order, unsigned gfp)
{
    uint32_t pfn = page_to_pfn(p), n = 1u << order;

    assert_int_equal(pfn & (n - 1), 0);
    assert_int_equal(p->refcount, 1);
    assert_int_equal(p->order, order);
    if (gfp & GFP_DMA)
        assert_true(pfn + n <= DMA_PFNS);
    for (uint32_t i = 0; i < n; i++) {
        if (!pfn_usable(pfn + i))
            fail_msg("pfn %u handed out but it is not usable RAM", pfn + i);
        if (m->owner[pfn + i] >= 0)
            fail_msg("pfn %u handed out twice (block at %u order %u overlaps block at %u)",
                     pfn + i, pfn, order, m->blocks[m->owner[pfn + i]].pfn);
        m->owner[pfn + i] = (int32_t)m->nblocks;
    }
    m->blocks[m->nblocks++] = (struct block){ pfn, order, 1 };
    m->held[zone_of(pfn)] += n;
}

static void model_remove(struct model *m, uint32_t idx)
{
    struct block b = m->blocks[idx];
    uint32_t n = 1u << b.order;

    for (uint32_t i = 0; i < n; i++)
        m->owner[b.pfn + i] = -1;
    m->held[zone_of(b.pfn)] -= n;
    /* move the last block into the hole, renumbering its frames */
    m->nblocks--;
    if (idx != m->nblocks) {
        struct block last = m->blocks[m->nblocks];
        m->blocks[idx] = last;
        for (uint32_t i = 0; i < (1u << last.order); i++)
            m->owner[last.pfn + i] = (int32_t)idx;
    }
}

static void random_run(uint64_t seed, int steps, int debug)
{
    struct model m;
    struct counts before, after;
    struct rng r;
    uint32_t total = nr_free_pages();

    m.owner = malloc(sizeof(*m.owner) * PC_FRAMES);
    m.blocks = malloc(sizeof(*m.blocks) * PC_FRAMES);
    assert_non_null(m.owner);
    assert_non_null(m.blocks);
    memset(m.owner, 0xff, sizeof(*m.owner) * PC_FRAMES);    /* all -1 */
    m.nblocks = 0;
    m.held[ZONE_DMA] = m.held[ZONE_NORMAL] = 0;
    take_counts(&before);
    rng_seed(&r, seed);
    buddy_debug = debug;

    for (int step = 0; step < steps; step++) {
        uint32_t what = rng_below(&r, 100);
        /* phases of mostly allocating and mostly freeing, so the run sees
         * both a nearly empty and a nearly full, fragmented machine */
        uint32_t alloc_pct = (step / 2500) % 2 ? 35 : 65;

        if (m.nblocks == 0 || what < alloc_pct) {
            /* small orders are common, big ones rare */
            unsigned order = rng_below(&r, 100) < 60 ? 0 : 1 + rng_below(&r, MAX_ORDER);
            unsigned gfp = GFP_MAYFAIL | (rng_below(&r, 8) == 0 ? GFP_DMA : 0);
            struct page *p = alloc_pages(order, gfp);
            if (p)
                model_add(&m, p, order, gfp);
            else
                check_no_false_oom(&m, order, gfp);
        } else if (what < alloc_pct + 8) {
            /* take an extra reference to a block */
            struct block *b = &m.blocks[rng_below(&r, m.nblocks)];
            if (b->refs < 3) {
                get_page(pfn_to_page(b->pfn));
                b->refs++;
            }
        } else {
            /* drop a reference; the last one frees the block */
            uint32_t idx = rng_below(&r, m.nblocks);
            struct block *b = &m.blocks[idx];
            struct page *p = pfn_to_page(b->pfn);
            if (rng_below(&r, 2))
                put_page(p);
            else
                free_pages(p, b->order);
            if (--b->refs == 0)
                model_remove(&m, idx);
        }

        /* the allocator's view must match the model after every step */
        for (uint32_t i = 0; i < m.nblocks; i++)
            if (pfn_to_page(m.blocks[i].pfn)->refcount != m.blocks[i].refs)
                fail_msg("seed %llu step %d: pfn %u refcount %d, expected %d",
                         (unsigned long long)seed, step, m.blocks[i].pfn,
                         pfn_to_page(m.blocks[i].pfn)->refcount, m.blocks[i].refs);
        if (nr_free_pages() != total - m.held[ZONE_DMA] - m.held[ZONE_NORMAL])
            fail_msg("seed %llu step %d: nr_free_pages %u, model says %u",
                     (unsigned long long)seed, step, nr_free_pages(),
                     total - m.held[ZONE_DMA] - m.held[ZONE_NORMAL]);
        assert_int_equal(zones[ZONE_DMA].free_pages + m.held[ZONE_DMA],
                         zones[ZONE_DMA].managed_pages);
        assert_int_equal(zones[ZONE_NORMAL].free_pages + m.held[ZONE_NORMAL],
                         zones[ZONE_NORMAL].managed_pages);
        buddy_check();          /* panics (so fails the test) on inconsistency */
    }

    /* drain: everything merges back to where it started */
    while (m.nblocks > 0) {
        struct block *b = &m.blocks[m.nblocks - 1];
        free_pages(pfn_to_page(b->pfn), b->order);
        if (--b->refs == 0)
            model_remove(&m, m.nblocks - 1);
    }
    assert_int_equal(nr_free_pages(), total);
    take_counts(&after);
    assert_counts_equal(&before, &after);
    buddy_check();
    free(m.owner);
    free(m.blocks);
}

#define RANDOM_STEPS 20000

static void test_random_seed1(void **state) { (void)state; random_run(1, RANDOM_STEPS, 0); }
static void test_random_seed2(void **state) { (void)state; random_run(0xC0FFEE, RANDOM_STEPS, 0); }
/* the third seed also runs with buddy_debug: internal checks and poisoning */
static void test_random_seed3(void **state) { (void)state; random_run(20240607, RANDOM_STEPS, 1); }

/* ---- 6. panics ---- */

/* A panic must leave the allocator exactly as it found it. */
#define EXPECT_PANIC_NO_CHANGE(stmt, text)          \
    do {                                            \
        struct counts b_, a_;                       \
        take_counts(&b_);                           \
        EXPECT_PANIC(stmt, text);                   \
        take_counts(&a_);                           \
        assert_counts_equal(&b_, &a_);              \
        buddy_check();                              \
    } while (0)

static void test_panic_double_free(void **state)
{
    (void)state;
    struct page *a = alloc_page(0);
    struct page *b = alloc_page(0);     /* a's buddy, so a cannot merge */
    char want[64];

    assert_int_equal(page_to_pfn(a) ^ 1, page_to_pfn(b));
    free_page(a);
    snprintf(want, sizeof(want), "pfn 0x%x double free, already free at order 0", page_to_pfn(a));
    EXPECT_PANIC_NO_CHANGE(free_page(a), want);

    /* once a has merged, the head of the merged block still says so */
    free_page(b);
    uint32_t low = page_to_pfn(a) < page_to_pfn(b) ? page_to_pfn(a) : page_to_pfn(b);
    assert_true(pfn_to_page(low)->flags & PG_buddy);
    EXPECT_PANIC_NO_CHANGE(free_page(pfn_to_page(low)), "double free, already free at order");
    /* the upper half heads nothing now, but lies inside a free block */
    EXPECT_PANIC_NO_CHANGE(free_page(pfn_to_page(low + 1)), "double free, inside the free order-");
}

static void test_panic_free_reserved(void **state)
{
    (void)state;
    EXPECT_PANIC_NO_CHANGE(free_page(pfn_to_page(0)), "pfn 0x0 is reserved");
    EXPECT_PANIC_NO_CHANGE(free_pages(pfn_to_page(200), 0), "pfn 0xc8 is reserved");     /* hole */
    EXPECT_PANIC_NO_CHANGE(put_page(pfn_to_page(5001)), "refcount underflow");
}

static void test_panic_free_never_allocated(void **state)
{
    (void)state;
    struct page *p = alloc_pages(2, 0);
    struct page *f = some_free_block(ZONE_NORMAL, 1);

    /* a frame inside a free block: that is a double free */
    assert_int_equal(f[1].flags, 0);
    EXPECT_PANIC_NO_CHANGE(free_page(f + 1), "double free, inside the free order-");
    /* a tail frame of an allocated block */
    EXPECT_PANIC_NO_CHANGE(free_page(p + 1), "was never allocated (refcount 0");
    free_pages(p, 2);
}

static void test_panic_free_wrong_order(void **state)
{
    (void)state;
    struct page *p = alloc_pages(2, 0);
    char want[96];

    snprintf(want, sizeof(want), "pfn 0x%x freed with order 1 but allocated with order 2",
             page_to_pfn(p));
    EXPECT_PANIC_NO_CHANGE(free_pages(p, 1), want);
    EXPECT_PANIC_NO_CHANGE(free_pages(p, 3), "freed with order 3 but allocated with order 2");
    assert_int_equal(p->refcount, 1);
    free_pages(p, 2);
}

static void test_panic_put_page_underflow(void **state)
{
    (void)state;
    struct page *p = alloc_page(0);
    uint32_t free_before = nr_free_pages();

    get_page(p);
    put_page(p);                        /* 2 -> 1: still allocated */
    assert_int_equal(p->refcount, 1);
    assert_int_equal(nr_free_pages(), free_before);
    put_page(p);                        /* 1 -> 0: freed */
    assert_int_equal(nr_free_pages(), free_before + 1);
    EXPECT_PANIC_NO_CHANGE(put_page(p), "refcount underflow (refcount 0");
    EXPECT_PANIC_NO_CHANGE(get_page(p), "is not allocated (refcount 0");
}

static void test_panic_order_above_max(void **state)
{
    (void)state;
    EXPECT_PANIC_NO_CHANGE(alloc_pages(MAX_ORDER + 1, 0), "order 11 is above MAX_ORDER");
    /* a bad order is a bug, not a shortage: GFP_MAYFAIL does not hide it */
    EXPECT_PANIC_NO_CHANGE(alloc_pages(MAX_ORDER + 1, GFP_MAYFAIL), "is above MAX_ORDER");
    EXPECT_PANIC_NO_CHANGE(alloc_pages(32, GFP_MAYFAIL), "order 32 is above MAX_ORDER");
}

static void test_panic_out_of_memory(void **state)
{
    (void)state;
    uint32_t total = nr_free_pages();
    struct page **pages = calloc(total, sizeof(*pages));
    uint32_t n = 0;

    assert_non_null(pages);
    /* take every even frame: half the memory is free, but only as order 0 */
    for (uint32_t i = 0; i < total; i++)
        pages[n++] = alloc_page(0);
    for (uint32_t i = 0; i < n; i++)
        if (page_to_pfn(pages[i]) % 2)
            free_page(pages[i]);
    assert_true(nr_free_pages() > 1000);
    EXPECT_PANIC_NO_CHANGE(alloc_pages(1, 0), "out of memory for order 1");
    assert_null(alloc_pages(1, GFP_MAYFAIL));

    /* and with nothing free at all */
    for (uint32_t i = 0; i < n; i++)
        if (page_to_pfn(pages[i]) % 2)
            pages[i] = alloc_page(0);
    assert_int_equal(nr_free_pages(), 0);
    EXPECT_PANIC_NO_CHANGE(alloc_page(0), "out of memory for order 0");
    EXPECT_PANIC_NO_CHANGE(alloc_pages(MAX_ORDER, GFP_ZERO), "out of memory for order 10");
    for (uint32_t i = 0; i < n; i++)
        free_page(pages[i]);
    assert_int_equal(nr_free_pages(), total);
    free(pages);
}

static void test_panic_other_misuse(void **state)
{
    (void)state;
    EXPECT_PANIC_NO_CHANGE(free_page(pfn_to_page(max_pfn)), "is outside mem_map");
    EXPECT_PANIC_NO_CHANGE(buddy_add_free_range(300, 301), "pfn 0x12c added twice");
}

/* ---- 7. buddy_check finds corruption ---- */

static void test_check_detects_corruption(void **state)
{
    (void)state;
    struct page *head = some_free_block(ZONE_NORMAL, 1);
    struct zone *normal = &zones[ZONE_NORMAL];
    unsigned order = head->order;

    buddy_check();

    zones[ZONE_DMA].free_area[0].nr_free++;
    EXPECT_PANIC(buddy_check(), "DMA order 0 lists");
    assert_non_null(strstr(panic_msg, "but nr_free is"));
    zones[ZONE_DMA].free_area[0].nr_free--;
    buddy_check();

    normal->free_pages++;
    EXPECT_PANIC(buddy_check(), "but free_pages is");
    normal->free_pages--;

    head->flags &= ~PG_buddy;           /* listed, but not marked free */
    EXPECT_PANIC(buddy_check(), "list has flags 0x0");
    head->flags |= PG_buddy;

    head->order = (uint8_t)(order - 1); /* marked with the wrong order */
    EXPECT_PANIC(buddy_check(), "list has flags");
    head->order = (uint8_t)order;

    head->refcount = 1;                 /* a free head in use */
    EXPECT_PANIC(buddy_check(), "has refcount 1");
    head->refcount = 0;

    head[1].refcount = 1;               /* a frame inside a free block in use */
    EXPECT_PANIC(buddy_check(), "inside free block");
    head[1].refcount = 0;

    head[1].flags = PG_kernel;
    EXPECT_PANIC(buddy_check(), "inside free block");
    head[1].flags = 0;

    pfn_to_page(0)->flags = PG_buddy;   /* marked free but on no list */
    EXPECT_PANIC(buddy_check(), "marked PG_buddy but");
    pfn_to_page(0)->flags = PG_reserved;

    buddy_check();
}

/* ---- buddyinfo / meminfo text ---- */

static void test_buddyinfo_one_block(void **state)
{
    (void)state;
    char buf[256];
    const char *pristine =
        "Node 0, zone      DMA      0      0      0      0      0      0      0      0      0      0      1 \n";
    const char *split =
        "Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      0 \n";

    /* Normal has no managed frames, so it gets no line */
    assert_int_equal(buddy_format_buddyinfo(buf, sizeof(buf)), strlen(pristine));
    assert_string_equal(buf, pristine);

    struct page *p = alloc_page(0);
    assert_int_equal(buddy_format_buddyinfo(buf, sizeof(buf)), strlen(split));
    assert_string_equal(buf, split);
    free_page(p);
    buddy_format_buddyinfo(buf, sizeof(buf));
    assert_string_equal(buf, pristine);
}

static void test_buddyinfo_two_zones(void **state)
{
    (void)state;
    char buf[512], small[20];
    const char *want =
        "Node 0, zone      DMA      1      0      1      1      0      0      0      0      0      0      0 \n"
        "Node 0, zone   Normal      1      1      0      0      0      0      0      0      0      0      1 \n";
    const char *meminfo =
        "MemTotal:           4160 kB\n"
        "MemFree:            4160 kB\n";

    assert_int_equal(buddy_format_buddyinfo(buf, sizeof(buf)), strlen(want));
    assert_string_equal(buf, want);
    assert_int_equal(buddy_format_meminfo_totals(buf, sizeof(buf)), strlen(meminfo));
    assert_string_equal(buf, meminfo);

    /* a short buffer gets a NUL-terminated prefix; the full length is returned */
    memset(small, 'x', sizeof(small));
    assert_int_equal(buddy_format_buddyinfo(small, sizeof(small)), strlen(want));
    assert_int_equal(strlen(small), sizeof(small) - 1);
    assert_memory_equal(small, want, sizeof(small) - 1);

    struct page *p = alloc_pages(3, GFP_DMA);
    assert_int_equal(page_to_pfn(p), 8);
    buddy_format_meminfo_totals(buf, sizeof(buf));
    assert_string_equal(buf, "MemTotal:           4160 kB\n"
                             "MemFree:            4128 kB\n");
    free_pages(p, 3);
}

static void fail_on_panic(const char *msg)
{
    fail_msg("unexpected panic: %s", msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_split_and_merge, boot_one_block, shutdown),
        cmocka_unit_test_setup_teardown(test_merge_only_with_buddy, boot_one_block, shutdown),
        cmocka_unit_test_setup_teardown(test_exhaustion_and_recovery, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_every_order, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_zone_fallback, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_highmem_zone, boot_three_zones, shutdown),
        cmocka_unit_test_setup_teardown(test_lowmem_reserve, boot_three_zones, shutdown),
        cmocka_unit_test_setup_teardown(test_random_seed1, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_random_seed2, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_random_seed3, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_panic_double_free, boot_one_block, shutdown),
        cmocka_unit_test_setup_teardown(test_panic_free_reserved, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_panic_free_never_allocated, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_panic_free_wrong_order, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_panic_put_page_underflow, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_panic_order_above_max, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_panic_out_of_memory, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_panic_other_misuse, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_check_detects_corruption, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_buddyinfo_one_block, boot_one_block, shutdown),
        cmocka_unit_test_setup_teardown(test_buddyinfo_two_zones, boot_small_two_zones, shutdown),
    };

    panic_unarmed = fail_on_panic;
    return cmocka_run_group_tests_name("buddy", tests, NULL, NULL);
}

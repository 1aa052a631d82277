/*
 * host_support.h - what the mm code needs to run on the host, for the
 * unit tests and the benchmark.
 *
 * The kernel's mm/buddy.c and mm/kmalloc.c are compiled unchanged with
 * -DHOST_TEST.  host_support.c provides the few kernel routines they
 * call (printk, panic, ksnprintf) and builds a "fake machine": a buffer
 * standing in for physical memory, a mem_map for it, and a buddy
 * allocator holding its usable frames.
 *
 * panic() does not halt here.  A test arms a jmp_buf (EXPECT_PANIC does
 * it); panic() records its message in panic_msg and longjmps back.  With
 * nothing armed it prints the message and fails the current test.
 */
#ifndef TESTS_UNIT_HOST_SUPPORT_H
#define TESTS_UNIT_HOST_SUPPORT_H

#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include "mm/buddy.h"

/* ---- panic hook ---- */

extern char panic_msg[512];     /* the last panic's message */
extern int panic_count;         /* panics so far */
extern jmp_buf *panic_jmp;      /* where panic() longjmps; NULL = unarmed */

/* Called by an unarmed panic (before abort); the tests make it fail_msg. */
extern void (*panic_unarmed)(const char *msg);

/* printk prints to stderr only when this is set (HOST_PRINTK=1 does it). */
extern int printk_verbose;

/*
 * EXPECT_PANIC(stmt, text): run stmt, which must panic with a message
 * containing text.  Fails the test (cmocka) otherwise.
 */
#define EXPECT_PANIC(stmt, text)                                            \
    do {                                                                    \
        jmp_buf panic_env_;                                                 \
        panic_msg[0] = 0;                                                   \
        if (setjmp(panic_env_) == 0) {                                      \
            panic_jmp = &panic_env_;                                        \
            stmt;                                                           \
            panic_jmp = NULL;                                               \
            fail_msg("expected a panic (\"%s\") from: %s", (text), #stmt);  \
        }                                                                   \
        panic_jmp = NULL;                                                   \
        if (!strstr(panic_msg, (text)))                                     \
            fail_msg("panic message \"%s\" does not contain \"%s\"",        \
                     panic_msg, (text));                                    \
    } while (0)

/* ---- fake machine ---- */

struct range {
    uint32_t start, end;        /* frames [start, end) */
};

struct fake_machine {
    uint32_t nr_frames;         /* mem_map entries; memory is this many frames */
    void *memory;               /* the fake physical memory, 4 MiB aligned */
    size_t memory_bytes;
    struct page *map;           /* mem_map */
    uint32_t usable;            /* frames given to the allocator */
};

/*
 * Build a machine of nr_frames frames: buddy_init, then the ranges
 * handed over with buddy_add_free_range (frames outside them stay
 * reserved).  Sets host_direct_map_base.  Returns 0, or -1 if out of
 * host memory.
 */
int fake_machine_boot(struct fake_machine *m, uint32_t nr_frames,
                      const struct range *ranges, int nr_ranges);
void fake_machine_free(struct fake_machine *m);

/* kmap_atomic calls for HighMem frames so far (mm/highmem.h). */
extern int host_kmap_atomic_calls;

/* A small deterministic PRNG (xorshift64*), so runs repeat exactly. */
struct rng {
    uint64_t s;
};

static inline void rng_seed(struct rng *r, uint64_t seed)
{
    r->s = seed * 0x9E3779B97F4A7C15ull + 1;    /* never 0 */
}

static inline uint64_t rng_next(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1Dull;
}

/* Uniform in [0, n), n > 0 (the modulo bias is irrelevant here). */
static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
    return (uint32_t)((rng_next(r) >> 32) % n);
}

#endif

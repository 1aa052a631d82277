/*
 * test_kmalloc.c - host unit tests for kmalloc/kfree (mm/kmalloc.c) on
 * top of the buddy allocator.
 *
 * Each test boots a fresh fake machine and checks:
 *   - every size class 16..2048: alignment, no overlap, the per-class
 *     bytes-in-use counters, and that all slabs go back to the buddy
 *     allocator once their objects are freed;
 *   - large (> 2048 byte) blocks: order, alignment, their counter;
 *   - kzalloc, kfree(NULL), running out of memory;
 *   - a long random kmalloc/kfree mix against a model;
 *   - the kfree panics: pointers kmalloc never handed out, double frees,
 *     pointers into the middle of an object.
 *
 * kmalloc keeps its slab lists in static variables that no function
 * resets, so every test must free all it allocates (the teardown checks
 * the counters are back to 0).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "mm/buddy.h"
#include "mm/kmalloc.h"
#include "host_support.h"
#include "kmalloc_machine.h"

#define SLAB_BYTES (4 * PAGE_SIZE)      /* kmalloc.c's slab: one order-2 block */

/* ---- helpers ---- */

static int in_direct_map(const void *p, size_t len)
{
    uintptr_t a = (uintptr_t)p;
    return a >= host_direct_map_base &&
           a + len <= host_direct_map_base + (uintptr_t)PC_FRAMES * PAGE_SIZE;
}

static struct page *slab_head_page(const void *obj)
{
    uintptr_t off = (uintptr_t)obj - host_direct_map_base;
    return virt_to_page((void *)(host_direct_map_base + (off & ~(uintptr_t)(SLAB_BYTES - 1))));
}

static void assert_all_counters_zero(void)
{
    for (unsigned c = 0; c < KMALLOC_CLASSES; c++)
        assert_int_equal(kmalloc_bytes_in_use[c], 0);
    assert_int_equal(kmalloc_large_bytes_in_use, 0);
}

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;
    return x < y ? -1 : x > y;
}

static void shuffle(void **v, uint32_t n, struct rng *r)
{
    for (uint32_t i = n; i > 1; i--) {
        uint32_t j = rng_below(r, i);
        void *t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

static unsigned char tag_of(uint32_t i)
{
    return (unsigned char)(i * 31 + 7);
}

/* ---- size classes ---- */

static void test_size_classes(void **state)
{
    (void)state;
    struct rng r;

    rng_seed(&r, 7);
    for (unsigned c = 0; c < KMALLOC_CLASSES; c++) {
        uint32_t size = KMALLOC_MIN << c;
        /* the smallest and the largest request that land in this class */
        size_t requests[2] = { size == KMALLOC_MIN ? 0 : size / 2 + 1, size };

        for (int k = 0; k < 2; k++) {
            size_t req = requests[k];
            uint32_t n = 3 * SLAB_BYTES / size;         /* enough for 3+ slabs */
            void **objs = calloc(n, sizeof(*objs));
            void **sorted = calloc(n, sizeof(*sorted));
            assert_non_null(objs);
            assert_non_null(sorted);

            for (uint32_t i = 0; i < n; i++) {
                unsigned char *p = kmalloc(req);
                assert_non_null(p);
                assert_true(in_direct_map(p, size));
                assert_int_equal((uintptr_t)p % size, 0);
                assert_true(slab_head_page(p)->flags & PG_slab);
                memset(p, tag_of(i), req ? req : 1);
                objs[i] = p;
                assert_int_equal(kmalloc_bytes_in_use[c], (i + 1) * size);
            }
            for (unsigned o = 0; o < KMALLOC_CLASSES; o++)
                if (o != c)
                    assert_int_equal(kmalloc_bytes_in_use[o], 0);
            assert_int_equal(kmalloc_large_bytes_in_use, 0);

            /* slabs are order-2 buddy blocks, at least enough of them */
            uint32_t used = boot_free - nr_free_pages();
            assert_int_equal(used % 4, 0);
            assert_true(used * PAGE_SIZE >= n * size);
            assert_true(used * PAGE_SIZE <= 2 * n * size + SLAB_BYTES);

            /* objects are at least a class size apart, and intact */
            memcpy(sorted, objs, n * sizeof(*objs));
            qsort(sorted, n, sizeof(*sorted), cmp_ptr);
            for (uint32_t i = 1; i < n; i++)
                assert_true((uintptr_t)sorted[i] - (uintptr_t)sorted[i - 1] >= size);
            for (uint32_t i = 0; i < n; i++) {
                const unsigned char *p = objs[i];
                for (size_t b = 0; b < (req ? req : 1); b++)
                    if (p[b] != tag_of(i))
                        fail_msg("class %u object %u byte %zu overwritten", size, i, b);
            }

            shuffle(objs, n, &r);
            for (uint32_t i = 0; i < n; i++) {
                kfree(objs[i]);
                assert_int_equal(kmalloc_bytes_in_use[c], (n - i - 1) * size);
            }
            /* every slab has gone back to the buddy allocator */
            assert_int_equal(nr_free_pages(), boot_free);
            buddy_check();
            free(objs);
            free(sorted);
        }
    }
    assert_all_counters_zero();
}

/* ---- large blocks ---- */

static void test_large_blocks(void **state)
{
    (void)state;
    static const struct {
        size_t size;
        unsigned order;
    } cases[] = {
        { KMALLOC_MAX + 1, 0 }, { 4096, 0 }, { 4097, 1 }, { 8192, 1 },
        { 12289, 2 }, { 65536, 4 }, { 1u << 20, 8 }, { 4u << 20, 10 },
    };
    enum { N = sizeof(cases) / sizeof(cases[0]) };
    void *ptrs[N];
    uint32_t bytes = 0;

    for (int i = 0; i < N; i++) {
        unsigned char *p = kmalloc(cases[i].size);
        assert_non_null(p);
        struct page *pg = virt_to_page(p);
        assert_int_equal((uintptr_t)p % PAGE_SIZE, 0);
        assert_int_equal(page_to_pfn(pg) % (1u << cases[i].order), 0);
        assert_true(pg->flags & PG_kmalloc_large);
        assert_false(pg->flags & PG_slab);
        assert_int_equal(pg->order, cases[i].order);
        bytes += PAGE_SIZE << cases[i].order;
        assert_int_equal(kmalloc_large_bytes_in_use, bytes);
        memset(p, tag_of(i), PAGE_SIZE << cases[i].order);     /* all of it is ours */
        ptrs[i] = p;
    }
    for (unsigned c = 0; c < KMALLOC_CLASSES; c++)
        assert_int_equal(kmalloc_bytes_in_use[c], 0);
    for (int i = 0; i < N; i++) {
        const unsigned char *p = ptrs[i];
        for (size_t b = 0; b < (PAGE_SIZE << cases[i].order); b++)
            if (p[b] != tag_of(i))
                fail_msg("large block %d byte %zu overwritten", i, b);
    }

    /* bigger than the largest buddy block: NULL, and nothing changes */
    uint32_t free_now = nr_free_pages();
    assert_null(kmalloc((4u << 20) + 1));
    assert_null(kmalloc(64u << 20));
    assert_null(kmalloc(0x40000000u));
    assert_int_equal(nr_free_pages(), free_now);
    assert_int_equal(kmalloc_large_bytes_in_use, bytes);

    for (int i = N - 1; i >= 0; i--) {
        kfree(ptrs[i]);
        bytes -= PAGE_SIZE << cases[i].order;
        assert_int_equal(kmalloc_large_bytes_in_use, bytes);
        assert_false(virt_to_page(ptrs[i])->flags & PG_kmalloc_large);
    }
    assert_all_counters_zero();
    assert_int_equal(nr_free_pages(), boot_free);
    buddy_check();
}

/*
 * kmalloc of more than 2 GiB returns NULL promptly.  (A regression test:
 * kmalloc_large once looped on `PAGE_SIZE << order`, which wraps to 0 at
 * order 20, so such sizes hung.)  Run in a child process with a time
 * limit, so a hang fails the test instead of the suite.
 */
static void test_kmalloc_huge_size(void **state)
{
    (void)state;
    int status;
    pid_t pid;

    fflush(stdout);
    fflush(stderr);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* cmocka's handlers must not run the remaining tests in here */
        signal(SIGSEGV, SIG_DFL);
        signal(SIGBUS, SIG_DFL);
        signal(SIGILL, SIG_DFL);
        signal(SIGFPE, SIG_DFL);
        signal(SIGABRT, SIG_DFL);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, 2);           /* a sanitizer report, if any */
        alarm(2);
        void *p = kmalloc((size_t)0x80000001u);
        _exit(p == NULL ? 0 : 3);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return;                         /* fixed: NULL, promptly */
    print_message("kmalloc(0x80000001) %s instead of returning NULL\n",
                  WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM ? "hangs" :
                  WIFEXITED(status) && WEXITSTATUS(status) == 3 ? "returns a block" :
                  "crashes (undefined shift)");
    fail();
}

/* ---- kzalloc, NULL, out of memory ---- */

static void test_kzalloc_and_kfree_null(void **state)
{
    (void)state;

    memset(machine.memory, 0xA5, (size_t)PC_FRAMES * PAGE_SIZE);
    unsigned char *a = kzalloc(100);
    unsigned char *b = kzalloc(3000);
    assert_non_null(a);
    assert_non_null(b);
    for (int i = 0; i < 100; i++)
        assert_int_equal(a[i], 0);
    for (int i = 0; i < 3000; i++)
        assert_int_equal(b[i], 0);
    assert_int_equal(kmalloc_bytes_in_use[3], 128);
    assert_int_equal(kmalloc_large_bytes_in_use, PAGE_SIZE);
    kfree(a);
    kfree(b);

    kfree(NULL);                        /* a no-op */
    assert_all_counters_zero();
    assert_int_equal(nr_free_pages(), boot_free);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    struct page **pages = calloc(boot_free, sizeof(*pages));
    uint32_t n = 0;
    struct page *p;

    assert_non_null(pages);
    void *first = kmalloc(64);          /* a slab with free objects left */
    assert_non_null(first);
    while ((p = alloc_page(GFP_MAYFAIL)) != NULL)
        pages[n++] = p;
    assert_int_equal(nr_free_pages(), 0);

    assert_null(kmalloc(16));           /* would need a new slab */
    assert_null(kmalloc(128));
    assert_null(kmalloc(5000));         /* would need buddy pages */
    assert_null(kzalloc(5000));
    void *second = kmalloc(64);         /* the existing slab still serves */
    assert_non_null(second);
    assert_int_equal(kmalloc_bytes_in_use[2], 128);
    for (unsigned c = 0; c < KMALLOC_CLASSES; c++)
        if (c != 2)
            assert_int_equal(kmalloc_bytes_in_use[c], 0);
    assert_int_equal(kmalloc_large_bytes_in_use, 0);

    kfree(first);
    kfree(second);                      /* the slab goes back: 4 frames free */
    assert_int_equal(nr_free_pages(), 4);
    while (n > 0)
        free_page(pages[--n]);
    assert_int_equal(nr_free_pages(), boot_free);
    buddy_check();
    free(pages);
}

/* ---- random mix ---- */

struct obj {
    unsigned char *p;
    size_t size;
    unsigned char tag;
};

static void test_random_mix(void **state)
{
    (void)state;
    enum { MAX_OBJS = 3000, STEPS = 20000 };
    struct obj *objs = calloc(MAX_OBJS, sizeof(*objs));
    uint32_t want[KMALLOC_CLASSES] = { 0 }, want_large = 0, n = 0;
    struct rng r;

    assert_non_null(objs);
    rng_seed(&r, 99);
    for (int step = 0; step < STEPS; step++) {
        if (n < MAX_OBJS && (n == 0 || rng_below(&r, 100) < 55)) {
            size_t size = rng_below(&r, 100) < 85 ? 1 + rng_below(&r, KMALLOC_MAX)
                                                  : KMALLOC_MAX + 1 + rng_below(&r, 40000);
            unsigned char *p = kmalloc(size);
            if (!p)
                continue;               /* memory is out: allowed */
            objs[n] = (struct obj){ p, size, (unsigned char)rng_next(&r) };
            memset(p, objs[n].tag, size);
            n++;
            if (size <= KMALLOC_MAX) {
                unsigned c = 0;
                while ((KMALLOC_MIN << c) < size)
                    c++;
                want[c] += KMALLOC_MIN << c;
            } else {
                unsigned order = 0;
                while ((PAGE_SIZE << order) < size)
                    order++;
                want_large += PAGE_SIZE << order;
            }
        } else {
            uint32_t i = rng_below(&r, n);
            struct obj o = objs[i];
            for (size_t b = 0; b < o.size; b++)
                if (o.p[b] != o.tag)
                    fail_msg("step %d: %zu-byte object %p byte %zu overwritten",
                             step, o.size, (void *)o.p, b);
            kfree(o.p);
            objs[i] = objs[--n];
            if (o.size <= KMALLOC_MAX) {
                unsigned c = 0;
                while ((KMALLOC_MIN << c) < o.size)
                    c++;
                want[c] -= KMALLOC_MIN << c;
            } else {
                unsigned order = 0;
                while ((PAGE_SIZE << order) < o.size)
                    order++;
                want_large -= PAGE_SIZE << order;
            }
        }
        for (unsigned c = 0; c < KMALLOC_CLASSES; c++)
            if (kmalloc_bytes_in_use[c] != want[c])
                fail_msg("step %d: class %u has %u bytes in use, expected %u",
                         step, KMALLOC_MIN << c, kmalloc_bytes_in_use[c], want[c]);
        assert_int_equal(kmalloc_large_bytes_in_use, want_large);
        if (step % 500 == 0)
            buddy_check();
    }
    while (n > 0)
        kfree(objs[--n].p);
    assert_all_counters_zero();
    assert_int_equal(nr_free_pages(), boot_free);
    buddy_check();
    free(objs);
}

/* ---- kfree panics ---- */

/* A refused kfree must change nothing. */
#define EXPECT_KFREE_PANIC(ptr, text)                                       \
    do {                                                                    \
        uint32_t c_[KMALLOC_CLASSES], l_ = kmalloc_large_bytes_in_use;      \
        uint32_t f_ = nr_free_pages();                                      \
        memcpy(c_, kmalloc_bytes_in_use, sizeof(c_));                       \
        EXPECT_PANIC(kfree(ptr), text);                                     \
        assert_memory_equal(c_, kmalloc_bytes_in_use, sizeof(c_));          \
        assert_int_equal(l_, kmalloc_large_bytes_in_use);                   \
        assert_int_equal(f_, nr_free_pages());                              \
    } while (0)

static void test_kfree_not_from_kmalloc(void **state)
{
    (void)state;
    int local;
    char *mem = machine.memory;

    /* outside the direct map altogether */
    EXPECT_KFREE_PANIC(&local, "is not a kernel heap address");
    EXPECT_KFREE_PANIC(mem + (size_t)PC_FRAMES * PAGE_SIZE, "is not a kernel heap address");
    EXPECT_KFREE_PANIC((void *)(host_direct_map_base - 16), "is not a kernel heap address");

    /* in the direct map, but no slab and no large block */
    EXPECT_KFREE_PANIC(mem + 200 * PAGE_SIZE, "was not allocated by kmalloc");   /* hole */
    EXPECT_KFREE_PANIC(mem, "was not allocated by kmalloc");                     /* pfn 0 */
    struct page *p = alloc_page(0);
    EXPECT_KFREE_PANIC(page_address(p), "was not allocated by kmalloc");
    EXPECT_KFREE_PANIC((char *)page_address(p) + 64, "was not allocated by kmalloc");
    free_page(p);
    EXPECT_KFREE_PANIC(page_address(p), "was not allocated by kmalloc");         /* free frame */

    /* an object whose slab has been given back */
    void *a = kmalloc(32);
    kfree(a);
    assert_int_equal(nr_free_pages(), boot_free);
    EXPECT_KFREE_PANIC(a, "was not allocated by kmalloc");
    assert_all_counters_zero();
}

/* One function per class: setjmp in a loop would need volatile locals. */
static void double_free_class(unsigned c)
{
    uint32_t size = KMALLOC_MIN << c;
    void *keep = kmalloc(size);         /* keeps the slab alive */
    void *a = kmalloc(size);
    void *b = kmalloc(size);
    char want[64];

    kfree(a);
    snprintf(want, sizeof(want), "double free (%u-byte object", size);
    EXPECT_KFREE_PANIC(a, want);
    kfree(b);                           /* b now heads the free chain, a is deeper */
    EXPECT_KFREE_PANIC(a, want);
    EXPECT_KFREE_PANIC(b, want);
    assert_int_equal(kmalloc_bytes_in_use[c], size);
    kfree(keep);
}

static void test_kfree_double_free(void **state)
{
    (void)state;

    for (unsigned c = 0; c < KMALLOC_CLASSES; c++)
        double_free_class(c);

    /* a large block: once freed it is just buddy memory */
    void *keep = kmalloc(8192);
    void *big = kmalloc(8192);
    kfree(big);
    EXPECT_KFREE_PANIC(big, "was not allocated by kmalloc");
    kfree(keep);
    assert_all_counters_zero();
    assert_int_equal(nr_free_pages(), boot_free);
}

/* An object whose bytes look just like a free one is still not "free". */
static void test_kfree_poison_lookalike(void **state)
{
    (void)state;
    unsigned char *a = kmalloc(64);
    unsigned char *b = kmalloc(64);

    memset(a, 0x6b, 64);                /* kmalloc.c's free-object poison */
    kfree(a);                           /* a live object: must not panic */
    kfree(b);
    assert_all_counters_zero();
    assert_int_equal(nr_free_pages(), boot_free);
}

static void interior_pointer_class(unsigned c)
{
    uint32_t size = KMALLOC_MIN << c;
    char *a = kmalloc(size);
    char *b = kmalloc(size);
    char want[64];

    snprintf(want, sizeof(want), "is not the start of a %u-byte object", size);
    EXPECT_KFREE_PANIC(a + 8, want);
    EXPECT_KFREE_PANIC(b + size / 2, want);
    EXPECT_KFREE_PANIC(b - 1, want);
    /* the slab header itself */
    uintptr_t slab = (uintptr_t)a - (((uintptr_t)a - host_direct_map_base) % SLAB_BYTES);
    EXPECT_KFREE_PANIC((void *)slab, want);
    kfree(a);
    kfree(b);
}

static void test_kfree_interior_pointer(void **state)
{
    (void)state;

    for (unsigned c = 0; c < KMALLOC_CLASSES; c++)
        interior_pointer_class(c);

    char *big = kmalloc(3 * PAGE_SIZE);     /* order 2 */
    EXPECT_KFREE_PANIC(big + 100, "is inside a large kmalloc block, not its start");
    EXPECT_KFREE_PANIC(big + PAGE_SIZE - 16, "is inside a large kmalloc block");
    /* later frames of the block do not carry the flag: reported as foreign */
    EXPECT_KFREE_PANIC(big + PAGE_SIZE, "was not allocated by kmalloc");
    EXPECT_KFREE_PANIC(big + 2 * PAGE_SIZE + 8, "was not allocated by kmalloc");
    kfree(big);
    assert_all_counters_zero();
    assert_int_equal(nr_free_pages(), boot_free);
}

static void fail_on_panic(const char *msg)
{
    fail_msg("unexpected panic: %s", msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_size_classes, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_large_blocks, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_kmalloc_huge_size, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_kzalloc_and_kfree_null, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_out_of_memory, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_random_mix, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_kfree_not_from_kmalloc, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_kfree_double_free, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_kfree_poison_lookalike, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_kfree_interior_pointer, boot_pc, shutdown),
    };

    panic_unarmed = fail_on_panic;
    return cmocka_run_group_tests_name("kmalloc", tests, NULL, NULL);
}

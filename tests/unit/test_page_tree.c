/*
 * test_page_tree.c - host unit tests for the page cache's radix tree
 * (mm/page_tree.c), with its nodes from the real kmalloc on a fake
 * machine.
 *
 * Checked:
 *   - an empty tree finds nothing; index 0 alone needs no node; the tree
 *     grows a level at 64, 4096, ... and up to index 0xFFFFFFFF;
 *   - a long random mix of inserts and deletes over small, mid-sized and
 *     huge indexes agrees with a model at every step;
 *   - deleting every page frees every node (kmalloc is back to idle and
 *     the tree to height 0);
 *   - an insert that runs out of memory halfway leaves no empty node;
 *   - inserting at a taken index and deleting an absent one panic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/errno.h"
#include "mm/buddy.h"
#include "mm/kmalloc.h"
#include "mm/page_tree.h"
#include "host_support.h"
#include "kmalloc_machine.h"

/* Stand-ins for cached pages: the tree stores the pointers only. */
static struct page pages[4096];

static void test_empty_and_growth(void **state)
{
    (void)state;
    struct page_tree t = { 0, 0 };
    static const uint32_t far[] = { 1, 63, 64, 4095, 4096, 262143, 262144, 0xFFFFFFFFu };

    assert_null(page_tree_lookup(&t, 0));
    assert_null(page_tree_lookup(&t, 0xFFFFFFFFu));
    assert_int_equal(page_tree_insert(&t, 0, &pages[0]), 0);
    assert_int_equal(t.height, 0);              /* index 0 alone: the root is the page */
    assert_ptr_equal(t.root, &pages[0]);
    assert_true(kmalloc_idle());
    for (unsigned i = 0; i < sizeof(far) / sizeof(far[0]); i++) {
        assert_int_equal(page_tree_insert(&t, far[i], &pages[i + 1]), 0);
        assert_ptr_equal(page_tree_lookup(&t, far[i]), &pages[i + 1]);
        assert_ptr_equal(page_tree_lookup(&t, 0), &pages[0]);
    }
    assert_int_equal(t.height, PAGE_TREE_MAX_HEIGHT);
    assert_null(page_tree_lookup(&t, 2));
    assert_null(page_tree_lookup(&t, 0xFFFFFFFEu));
    page_tree_delete(&t, 0);
    for (unsigned i = 0; i < sizeof(far) / sizeof(far[0]); i++)
        page_tree_delete(&t, far[i]);
    assert_null(t.root);
    assert_int_equal(t.height, 0);
}

/* An index from one of three ranges: a small file, a large one, anywhere. */
static uint32_t random_index(struct rng *r)
{
    switch (rng_below(r, 3)) {
    case 0:
        return rng_below(r, 100);
    case 1:
        return rng_below(r, 70000);
    default:
        return (uint32_t)rng_next(r);
    }
}

static void test_random_mix(void **state)
{
    (void)state;
    enum { SLOTS = 4096, STEPS = 60000 };
    static uint32_t index_of[SLOTS];
    static int present[SLOTS];
    struct page_tree t = { 0, 0 };
    struct rng r;

    rng_seed(&r, 10);
    for (unsigned i = 0; i < SLOTS; i++) {
        unsigned j;
        do {                                    /* distinct indexes */
            index_of[i] = random_index(&r);
            for (j = 0; j < i && index_of[j] != index_of[i]; j++)
                ;
        } while (j < i);
        present[i] = 0;
    }
    for (unsigned step = 0; step < STEPS; step++) {
        unsigned i = rng_below(&r, SLOTS);
        if (present[i])
            page_tree_delete(&t, index_of[i]);
        else
            assert_int_equal(page_tree_insert(&t, index_of[i], &pages[i]), 0);
        present[i] = !present[i];
        unsigned probe = rng_below(&r, SLOTS);
        assert_ptr_equal(page_tree_lookup(&t, index_of[probe]), present[probe] ? &pages[probe] : NULL);
        assert_ptr_equal(page_tree_lookup(&t, index_of[i]), present[i] ? &pages[i] : NULL);
    }
    for (unsigned i = 0; i < SLOTS; i++)
        assert_ptr_equal(page_tree_lookup(&t, index_of[i]), present[i] ? &pages[i] : NULL);
    for (unsigned i = 0; i < SLOTS; i++)
        if (present[i])
            page_tree_delete(&t, index_of[i]);
    assert_null(t.root);
    assert_int_equal(t.height, 0);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    struct page_tree t = { 0, 0 };
    enum { MAX_NODES = 1 << 16 };
    void **held = malloc(MAX_NODES * sizeof(void *));
    unsigned n = 0;

    assert_non_null(held);
    assert_int_equal(page_tree_insert(&t, 0, &pages[0]), 0);
    assert_int_equal(page_tree_insert(&t, 4096, &pages[1]), 0);    /* height 3 */
    while (n < MAX_NODES && (held[n] = kmalloc(sizeof(struct page_tree_node))))
        n++;
    assert_true(n < MAX_NODES);
    kfree(held[--n]);                           /* room for exactly one more node */
    /* Index 8197 needs two new nodes under the root: the second fails. */
    assert_int_equal(page_tree_insert(&t, 8197, &pages[2]), -ENOMEM);
    assert_null(page_tree_lookup(&t, 8197));
    assert_ptr_equal(page_tree_lookup(&t, 4096), &pages[1]);
    /* The first node was freed again, not left empty in the tree. */
    assert_non_null(held[n] = kmalloc(sizeof(struct page_tree_node)));
    n++;
    while (n > 0)
        kfree(held[--n]);
    free(held);
    page_tree_delete(&t, 0);
    page_tree_delete(&t, 4096);
    assert_null(t.root);
}

static void test_panics(void **state)
{
    (void)state;
    struct page_tree t = { 0, 0 };

    EXPECT_PANIC(page_tree_delete(&t, 7), "not in the tree");
    assert_int_equal(page_tree_insert(&t, 7, &pages[7]), 0);
    EXPECT_PANIC(page_tree_insert(&t, 7, &pages[8]), "is taken");
    EXPECT_PANIC(page_tree_delete(&t, 8), "not in the tree");
    EXPECT_PANIC(page_tree_delete(&t, 1u << 30), "not in the tree");
    page_tree_delete(&t, 7);
    assert_null(t.root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty_and_growth, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_random_mix, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_out_of_memory, boot_pc, shutdown),
        cmocka_unit_test_setup_teardown(test_panics, boot_pc, shutdown),
    };
    return cmocka_run_group_tests_name("page_tree", tests, NULL, NULL);
}

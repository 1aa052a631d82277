/*
 * kmalloc_machine.h - the fake PC the kmalloc-based unit tests run on
 * (test_kmalloc.c, test_page_tree.c), as cmocka setup and teardown.
 *
 * kmalloc keeps its slab lists in static variables that no function
 * resets, so every test must free all it allocates: the teardown checks
 * that kmalloc's counters and the free frames are back where they were.
 */
#ifndef TESTS_UNIT_KMALLOC_MACHINE_H
#define TESTS_UNIT_KMALLOC_MACHINE_H

#include <stdio.h>
#include "mm/buddy.h"
#include "mm/kmalloc.h"
#include "host_support.h"

static struct fake_machine machine;
static uint32_t boot_free;              /* nr_free_pages() right after boot */

/* The same holey PC-like machine as test_buddy.c: about 24 MiB. */
#define PC_FRAMES 6149
static const struct range pc_ranges[] = {
    { 1, 160 },
    { 256, 5000 },
    { 5003, PC_FRAMES },
};

static int boot_pc(void **state)
{
    if (fake_machine_boot(&machine, PC_FRAMES, pc_ranges,
                          (int)(sizeof(pc_ranges) / sizeof(pc_ranges[0]))) < 0)
        return -1;
    boot_free = nr_free_pages();
    *state = &machine;
    return 0;
}

static int kmalloc_idle(void)
{
    for (unsigned c = 0; c < KMALLOC_CLASSES; c++)
        if (kmalloc_bytes_in_use[c])
            return 0;
    return kmalloc_large_bytes_in_use == 0;
}

static int shutdown(void **state)
{
    (void)state;
    int ok = kmalloc_idle() && nr_free_pages() == boot_free;

    panic_jmp = NULL;
    fake_machine_free(&machine);
    if (!ok) {
        /* kmalloc's static slab lists now point into freed memory */
        fprintf(stderr, "test left kmalloc memory allocated; later tests are unreliable\n");
        return -1;
    }
    return 0;
}

#endif

/*
 * host_support.c - the kernel routines mm/ calls, for running it on the
 * host: printk, panic (a longjmp test hook instead of a halt), ksnprintf
 * and kvsnprintf (on top of libc's vsnprintf, which returns the length
 * it wanted just as the kernel's does), user_page_freed, and the fake
 * machine.
 *
 * Used by the unit tests and by the benchmark; nothing here depends on
 * cmocka.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "tests/unit/host_support.h"

/* The direct map of the fake machine starts at its memory buffer. */
uintptr_t host_direct_map_base;

char panic_msg[512];
int panic_count;
jmp_buf *panic_jmp;
void (*panic_unarmed)(const char *msg);
int printk_verbose;

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return vsnprintf(buf, size, fmt, ap);
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

void printk(const char *fmt, ...)
{
    va_list ap;

    if (!printk_verbose)
        return;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(panic_msg, sizeof(panic_msg), fmt, ap);
    va_end(ap);
    panic_count++;

    if (panic_jmp) {
        jmp_buf *env = panic_jmp;
        panic_jmp = NULL;               /* one shot: a second panic is unexpected */
        longjmp(*env, 1);
    }
    fprintf(stderr, "panic: %s\n", panic_msg);
    if (panic_unarmed)
        panic_unarmed(panic_msg);       /* cmocka's fail_msg: does not return */
    abort();
}

/* free_pages calls this for user pages (mm/policy.c); the host tests
 * allocate none, so one arriving here is a bug. */
void user_page_freed(struct page *page)
{
    panic("user_page_freed: struct page %p is a user page in a host test", (void *)page);
}

/* mm/highmem.h: the host reaches all of its fake memory directly, so a
 * HighMem frame's "temporary mapping" is its place in that memory; the
 * calls are counted so that a test can see they were made. */
int host_kmap_atomic_calls;

void *kmap_atomic_high(struct page *page)
{
    host_kmap_atomic_calls++;
    return phys_to_virt(page_to_phys(page));
}

void kunmap_atomic_high(void *addr)
{
    (void)addr;
}

#define MEMORY_ALIGN (4u << 20)         /* >= the largest buddy block and a slab */

int fake_machine_boot(struct fake_machine *m, uint32_t nr_frames,
                      const struct range *ranges, int nr_ranges)
{
    const char *v = getenv("HOST_PRINTK");

    printk_verbose = v && *v == '1';
    memset(m, 0, sizeof(*m));
    m->nr_frames = nr_frames;
    m->memory_bytes = ((size_t)nr_frames * PAGE_SIZE + MEMORY_ALIGN - 1) & ~(size_t)(MEMORY_ALIGN - 1);
    m->memory = aligned_alloc(MEMORY_ALIGN, m->memory_bytes);
    m->map = malloc(sizeof(struct page) * nr_frames);
    if (!m->memory || !m->map) {
        fake_machine_free(m);
        return -1;
    }
    host_direct_map_base = (uintptr_t)m->memory;

    buddy_init(m->map, nr_frames);
    for (int i = 0; i < nr_ranges; i++) {
        buddy_add_free_range(ranges[i].start, ranges[i].end);
        m->usable += ranges[i].end - ranges[i].start;
    }
    return 0;
}

void fake_machine_free(struct fake_machine *m)
{
    free(m->memory);
    free(m->map);
    m->memory = NULL;
    m->map = NULL;
    /* make any use of the machine after this fault, not read freed memory */
    mem_map = NULL;
    max_pfn = 0;
    host_direct_map_base = 0;
}

/* mm/fail_nth.c: nothing is injected on the host. */
int fail_nth_should_fail(uint32_t caller)
{
    (void)caller;
    return 0;
}

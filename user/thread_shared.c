/*
 * thread_shared.c - threads share one address space: each sees the
 * other's writes to .data and to a mapping the other made after it
 * started; a munmap or an mprotect by one thread holds for the other at
 * once (the other's next touch faults, even where it had just written,
 * so no stale TLB entry may survive).  The faulting cases run in a
 * forked child: SIGSEGV kills the child's whole thread group and the
 * parent reports the child's status ("signal 11").
 */
#include "lib/uthread.h"
#include "lib/vmtest.h"

static char stack[THREAD_STACK_SIZE] __attribute__((aligned(16)));
static int tid_word;
static int step_main, step_thread;      /* gates: main to the thread, the thread to main */
static int shared_value;
static volatile char *new_area;
static int thread_saw;

/* Writes .data, maps a page of its own and fills it; then reads what
 * main wrote once main opened the gate. */
static int writer(void *arg)
{
    (void)arg;
    shared_value = 42;
    char *p = map_anon(2);
    for (int i = 0; i < 2 * (int)PAGE; i++)
        p[i] = (char)(i % 251);
    new_area = p;
    event_set(&step_thread);
    event_wait(&step_main);
    thread_saw = shared_value;
    return 0;
}

/* The child's second thread: waits for the gate, then touches arg. */
static int touch_later(void *arg)
{
    event_wait(&step_main);
    *(volatile char *)arg = 1;
    return 0;
}

/* Blocks the calling thread for good (until the group dies). */
static void block_forever(void)
{
    int never = 0;

    for (;;)
        futex_wait_or_die(&never, 0);
}

/* The child: main unmaps a page the thread then writes. */
static void unmap_then_touch(void *arg)
{
    (void)arg;
    char *p = map_anon(1);
    p[0] = 1;
    thread_start(STACK_TOP(stack), touch_later, p, &tid_word);
    munmap(p, PAGE);
    event_set(&step_main);
    block_forever();
}

/* The child's second thread: makes arg read-only, lets main go on. */
static int protect_it(void *arg)
{
    mprotect(arg, PAGE, PROT_READ);
    event_set(&step_thread);
    block_forever();
    return 0;
}

/* The child: main writes a page, the thread mprotects it read-only,
 * main writes it again. */
static void write_after_mprotect(void *arg)
{
    (void)arg;
    char *p = map_anon(1);
    p[0] = 1;
    thread_start(STACK_TOP(stack), protect_it, p, &tid_word);
    event_wait(&step_thread);
    uprintf(1, "  the page reads %d after the other thread's mprotect\n", p[0]);
    p[0] = 2;
    uprintf(1, "  the write went through\n");
    exit_group(0);                  /* the other thread too */
}

/* The child: the thread makes a read-only page writable again. */
static int unprotect_it(void *arg)
{
    mprotect(arg, PAGE, PROT_READ | PROT_WRITE);
    return 0;
}

static void write_after_unprotect(void *arg)
{
    (void)arg;
    char *p = map_anon(1);
    p[0] = 1;
    mprotect(p, PAGE, PROT_READ);
    thread_start(STACK_TOP(stack), unprotect_it, p, &tid_word);
    thread_join(&tid_word);
    p[0] = 3;
    uprintf(1, "  wrote %d after the other thread's mprotect(PROT_READ|PROT_WRITE)\n", p[0]);
}

int main(void)
{
    char buf[24];

    thread_start(STACK_TOP(stack), writer, NULL, &tid_word);
    event_wait(&step_thread);
    uprintf(1, "main sees the thread's write to .data: %d\n", shared_value);
    int bad = 0;
    for (int i = 0; i < 2 * (int)PAGE; i++)
        bad += new_area[i] != (char)(i % 251);
    uprintf(1, "main reads the thread's new mapping: %s\n", bad ? "WRONG" : "intact");
    shared_value = 43;
    event_set(&step_main);
    thread_join(&tid_word);
    uprintf(1, "the thread saw main's write: %d\n", thread_saw);
    uprintf(1, "munmap by main of the thread's mapping: %d\n", munmap((void *)new_area, 2 * PAGE));

    step_main = step_thread = 0;
    uprintf(1, "main unmaps a page, then the other thread writes it:\n");
    uprintf(1, "  child: %s\n", status_text(status_of_child(unmap_then_touch, NULL), buf));
    uprintf(1, "one thread mprotects a written page read-only, the other writes it:\n");
    uprintf(1, "  child: %s\n", status_text(status_of_child(write_after_mprotect, NULL), buf));
    uprintf(1, "one thread makes a read-only page writable, the other writes it:\n");
    uprintf(1, "  child: %s\n", status_text(status_of_child(write_after_unprotect, NULL), buf));
    return 0;
}

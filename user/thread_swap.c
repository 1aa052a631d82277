/*
 * thread_swap.c - two threads of one mm on a working set twice the RAM
 * of the test (thread_swap.mem, .swap), so pages go to swap and come
 * back while both threads run.  Each thread fills half of the pages
 * (thread 1 the even ones, thread 2 the odd ones) with a pattern of the
 * page's index, both at once; then each checks the other's half, both
 * at once; last the leader checks every page.  A page read back from
 * swap by one thread must be the page the other wrote.
 */
#include "lib/uthread.h"
#include "lib/vmtest.h"

#define SIZE   (32u << 20)
#define NPAGES (SIZE / PAGE)
#define WORDS  (PAGE / 4)

static char stacks[2][THREAD_STACK_SIZE] __attribute__((aligned(16)));
static int tids[2];
static unsigned *region;
static unsigned wrong[2];

static unsigned value(unsigned page, unsigned w)
{
    return (page * 2654435761u) ^ (w * 40503u);
}

/* Fills the pages of parity first, then counts the wrong pages of the
 * other parity (once both have filled theirs). */
static int fill_then_check(void *arg)
{
    static int filled;
    unsigned me = (unsigned)arg;

    for (unsigned i = me; i < NPAGES; i += 2)
        for (unsigned w = 0; w < WORDS; w += 8)
            region[i * WORDS + w] = value(i, w);
    if (__atomic_add_fetch(&filled, 1, __ATOMIC_SEQ_CST) == 2)
        futex_wake(&filled, 1);
    else
        while (__atomic_load_n(&filled, __ATOMIC_SEQ_CST) != 2)
            futex_wait_or_die(&filled, 1);
    for (unsigned i = 1 - me; i < NPAGES; i += 2)
        for (unsigned w = 0; w < WORDS; w += 8)
            if (region[i * WORDS + w] != value(i, w)) {
                wrong[me]++;
                break;
            }
    return 0;
}

int main(void)
{
    unsigned all_wrong = 0;

    region = (unsigned *)map_anon(NPAGES);
    if (!region)
        return 1;
    for (int t = 0; t < 2; t++)
        thread_start(STACK_TOP(stacks[t]), fill_then_check, (void *)t, &tids[t]);
    thread_join(&tids[0]);
    thread_join(&tids[1]);
    uprintf(1, "thread 1 checked the odd pages: %u wrong\n", wrong[0]);
    uprintf(1, "thread 2 checked the even pages: %u wrong\n", wrong[1]);
    for (unsigned i = 0; i < NPAGES; i++)
        for (unsigned w = 0; w < WORDS; w += 8)
            if (region[i * WORDS + w] != value(i, w)) {
                all_wrong++;
                break;
            }
    uprintf(1, "the leader checked all %u pages: %u wrong\n", NPAGES, all_wrong);
    uprintf(1, "%s\n", wrong[0] || wrong[1] || all_wrong ? "WRONG" : "ok");
    return 0;
}

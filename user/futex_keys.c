/*
 * futex_keys.c - which futex a word is, in Linux's finer points
 * (kernel/futex/core.c get_futex_key and futex_wake):
 *
 *  - a FUTEX_PRIVATE_FLAG futex and a plain one at the same address of
 *    private memory are two futexes: a waiter of one is neither woken
 *    nor requeued by the other kind of call (the plain key of a private
 *    page is marked as the mm's, the private one not);
 *  - FUTEX_WAKE with a count of 0 (or less) still wakes one waiter;
 *  - a private futex key needs no page, so FUTEX_WAKE|PRIVATE at NULL is
 *    0, while the plain wake must find the page: -EFAULT;
 *  - a plain FUTEX_WAIT on a private page that is only readable is
 *    -EFAULT (such a page "will never change"), the private one reads it
 *    and sees the value; PROT_NONE is -EFAULT for both.
 *
 * Waiters are threads, gathered as in futex_handoff (futex_gather).
 */
#include "lib/uthread.h"
#include "lib/vmtest.h"

#define ALL 0x7fffffff

static char stack[THREAD_STACK_SIZE] __attribute__((aligned(16)));
static int tid_word;
static int word_a, word_b, waiter_result = 1;

/* Waits once on word_a with the op in arg, keeps what it returned. */
static int wait_once(void *arg)
{
    __atomic_store_n(&waiter_result, futex(&word_a, (int)arg, 0, NULL, NULL, 0), __ATOMIC_SEQ_CST);
    return 0;
}

/* A thread waits on word_a, private if flags has FUTEX_PRIVATE_FLAG;
 * gathered (to word_b, by a requeue of its own kind), the other kind of
 * wake is tried there, then its own. */
static void wrong_kind(const char *what, int flags)
{
    int other = flags ^ FUTEX_PRIVATE_FLAG;

    waiter_result = 1;
    thread_start(STACK_TOP(stack), wait_once, (void *)(FUTEX_WAIT | flags), &tid_word);
    int moved = futex_gather_flags(&word_a, &word_b, 1, flags);
    int moved_other = futex(&word_b, FUTEX_CMP_REQUEUE | other, 0, (const struct timespec *)ALL, &word_a, 0);
    int wrong = futex(&word_b, FUTEX_WAKE | other, ALL, NULL, NULL, 0);
    int right = futex(&word_b, FUTEX_WAKE | flags, ALL, NULL, NULL, 0);
    thread_join(&tid_word);
    uprintf(1, "%s: gathered %d; the other kind: requeue %d, wake %d; its own wake %d; the wait returned %d\n",
            what, moved, moved_other, wrong, right, waiter_result);
}

/* A thread waits; FUTEX_WAKE with count n wakes how many? */
static void wake_count(int n)
{
    thread_start(STACK_TOP(stack), wait_once, (void *)FUTEX_WAIT, &tid_word);
    futex_gather(&word_a, &word_b, 1);
    int woken = futex_wake(&word_b, n);
    if (woken == 0)
        futex_wake(&word_b, 1);
    thread_join(&tid_word);
    uprintf(1, "FUTEX_WAKE with count %d and one waiter: %d\n", n, woken);
}

int main(void)
{
    struct timespec zero = { 0, 0 };

    wrong_kind("a plain waiter", 0);
    wrong_kind("a private waiter", FUTEX_PRIVATE_FLAG);
    wake_count(0);
    wake_count(-1);
    uprintf(1, "FUTEX_WAKE|FUTEX_PRIVATE_FLAG at NULL: %d, FUTEX_WAKE: %d\n",
            futex(NULL, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0),
            futex(NULL, FUTEX_WAKE, 1, NULL, NULL, 0));
    int *ro = (int *)mmap2(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uprintf(1, "a read-only private page: FUTEX_WAIT %d, FUTEX_WAIT|FUTEX_PRIVATE_FLAG %d\n",
            futex(ro, FUTEX_WAIT, 0, &zero, NULL, 0),
            futex(ro, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &zero, NULL, 0));
    mprotect(ro, PAGE, PROT_NONE);
    uprintf(1, "a PROT_NONE page: FUTEX_WAIT %d, FUTEX_WAIT|FUTEX_PRIVATE_FLAG %d\n",
            futex(ro, FUTEX_WAIT, 0, &zero, NULL, 0),
            futex(ro, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &zero, NULL, 0));
    return 0;
}

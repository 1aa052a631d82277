/*
 * futex_handoff.c - futex(2) between threads, with exact counts.
 *
 * Two threads hand a token back and forth 1000 times each with
 * FUTEX_WAIT/FUTEX_WAKE (private, then not), counting under the token:
 * 2000.  Then the errors and timeouts of FUTEX_WAIT, a signal
 * interrupting it (-EINTR, or a restart with SA_RESTART), and the counts
 * FUTEX_WAKE, FUTEX_REQUEUE, FUTEX_CMP_REQUEUE and FUTEX_WAKE_BITSET
 * return.
 *
 * A count is exact only if the waiters are asleep when the waker runs.
 * futex_gather() makes sure of that: FUTEX_CMP_REQUEUE with no wake moves the
 * tasks asleep on one word to another and says how many it moved; once
 * it has moved n, n tasks are asleep on the second word, where the test
 * then wakes or requeues them.  A waiter woken goes back to the first
 * word (its loop waits there again), to be gathered again.
 */
#include "lib/uthread.h"
#include "lib/vmtest.h"

#define ROUNDS  1000
#define WAITERS 3
#define ALL     0x7fffffff

static char stacks[WAITERS][THREAD_STACK_SIZE] __attribute__((aligned(16)));
static int tids[WAITERS];

static void spawn(int i, int (*fn)(void *), void *arg)
{
    thread_start(STACK_TOP(stacks[i]), fn, arg, &tids[i]);
}

/* ---- the token ---- */

static int turn;                    /* whose turn: 0 main, 1 the other thread */
static int counter;                 /* changed only by the thread holding the token */

static void take_turns(int me, int op_flags)
{
    for (int i = 0; i < ROUNDS; i++) {
        int t;
        while ((t = __atomic_load_n(&turn, __ATOMIC_SEQ_CST)) != me)
            futex(&turn, FUTEX_WAIT | op_flags, t, NULL, NULL, 0);
        counter++;
        __atomic_store_n(&turn, 1 - me, __ATOMIC_SEQ_CST);
        futex(&turn, FUTEX_WAKE | op_flags, 1, NULL, NULL, 0);
    }
}

static int other_turns(void *arg)
{
    take_turns(1, (int)arg);
    return 0;
}

static void handoff(const char *what, int op_flags)
{
    turn = counter = 0;
    spawn(0, other_turns, (void *)op_flags);
    take_turns(0, op_flags);
    thread_join(&tids[0]);
    uprintf(1, "handoff %d times each, %s: counter %d\n", ROUNDS, what, counter);
}

/* ---- FUTEX_WAIT alone ---- */

static long long ms_since(long long t0)
{
    return (clock_ns(CLOCK_MONOTONIC) - t0) / 1000000;
}

static void timed_wait(const char *what, int op, const struct timespec *ts, int min_ms)
{
    int w = 0;
    long long t0 = clock_ns(CLOCK_MONOTONIC);
    int r = futex(&w, op, 0, ts, NULL, FUTEX_BITSET_MATCH_ANY);
    long long ms = ms_since(t0);

    uprintf(1, "%s: %d, waited at least %d ms: %s, less than 2 s: %s\n", what, r, min_ms,
            yes(ms >= min_ms), yes(ms < 2000));
}

/* The time on clock, plus ms. */
static struct timespec clock_plus(int clock, int ms)
{
    struct timespec ts;

    clock_gettime(clock, &ts);
    ts.tv_nsec += ms * 1000000L;
    ts.tv_sec += ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    return ts;
}

static void wait_errors(void)
{
    int w = 0;
    struct timespec zero = { 0, 0 }, ms50 = { 0, 50000000 }, bad_nsec = { 0, 1000000000 };

    uprintf(1, "FUTEX_WAIT with a value that is not there: %d\n", futex(&w, FUTEX_WAIT, 1, NULL, NULL, 0));
    uprintf(1, "FUTEX_WAIT_PRIVATE, the same: %d\n",
            futex(&w, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0));
    timed_wait("FUTEX_WAIT, relative timeout 50 ms", FUTEX_WAIT, &ms50, 50);
    timed_wait("FUTEX_WAIT_PRIVATE, relative timeout 50 ms", FUTEX_WAIT | FUTEX_PRIVATE_FLAG, &ms50, 50);
    timed_wait("FUTEX_WAIT, timeout 0", FUTEX_WAIT, &zero, 0);
    struct timespec mono = clock_plus(CLOCK_MONOTONIC, 30);
    timed_wait("FUTEX_WAIT_BITSET, CLOCK_MONOTONIC now + 30 ms", FUTEX_WAIT_BITSET, &mono, 30);
    struct timespec real = clock_plus(CLOCK_REALTIME, 30);
    timed_wait("FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, now + 30 ms",
               FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, &real, 30);
    timed_wait("FUTEX_WAIT_BITSET, an absolute time long past", FUTEX_WAIT_BITSET, &zero, 0);
    uprintf(1, "FUTEX_WAIT, tv_nsec 1000000000: %d\n", futex(&w, FUTEX_WAIT, 0, &bad_nsec, NULL, 0));
    uprintf(1, "FUTEX_WAIT|FUTEX_CLOCK_REALTIME: %d\n",
            futex(&w, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, &zero, NULL, 0));
    uprintf(1, "FUTEX_WAKE|FUTEX_CLOCK_REALTIME: %d\n",
            futex(&w, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0));
    uprintf(1, "FUTEX_WAIT_BITSET with bitset 0: %d\n", futex(&w, FUTEX_WAIT_BITSET, 0, &zero, NULL, 0));
    uprintf(1, "FUTEX_WAKE_BITSET with bitset 0: %d\n", futex(&w, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0));
    int *odd = (int *)((char *)&w + 1);
    uprintf(1, "FUTEX_WAIT at an unaligned address: %d, FUTEX_WAKE: %d\n",
            futex(odd, FUTEX_WAIT, 0, &zero, NULL, 0), futex(odd, FUTEX_WAKE, 1, NULL, NULL, 0));
    uprintf(1, "FUTEX_WAIT at NULL: %d\n", futex(NULL, FUTEX_WAIT, 0, &zero, NULL, 0));
    char *gone = map_anon(1);
    munmap(gone, PAGE);
    uprintf(1, "FUTEX_WAIT in an unmapped page: %d, FUTEX_WAKE: %d\n",
            futex((int *)gone, FUTEX_WAIT, 0, &zero, NULL, 0), futex((int *)gone, FUTEX_WAKE, 1, NULL, NULL, 0));
    uprintf(1, "FUTEX_WAIT with a bad timeout pointer: %d\n",
            futex(&w, FUTEX_WAIT, 0, (const struct timespec *)gone, NULL, 0));
    uprintf(1, "FUTEX_WAKE with nobody waiting: %d\n", futex_wake(&w, 1));
    uprintf(1, "futex op 99: %d\n", futex(&w, 99, 0, NULL, NULL, 0));
}

/* ---- signals ---- */

static int sig_word, sig_word2;
static volatile int handler_runs;

static void count_handler(int sig)
{
    (void)sig;
    handler_runs++;
}

/* Once main sleeps on sig_word (gathered to sig_word2), one SIGUSR1 to
 * it; with SA_RESTART (arg set) main sleeps again on sig_word, is
 * gathered again and woken. */
static int interrupt_main(void *arg)
{
    int pid = getpid();

    if (futex_gather(&sig_word, &sig_word2, 1) != 1)
        exit_group(91);
    tgkill(pid, pid, SIGUSR1);
    if (arg) {
        if (futex_gather(&sig_word, &sig_word2, 1) != 1)
            exit_group(92);
        futex_wake(&sig_word2, 1);
    }
    return 0;
}

static void interrupted(const char *what, unsigned long flags)
{
    handler_runs = 0;
    sa_set(SIGUSR1, count_handler, flags, 0);
    spawn(0, interrupt_main, (void *)(flags & SA_RESTART));
    int r = futex_wait(&sig_word, 0);
    thread_join(&tids[0]);
    uprintf(1, "FUTEX_WAIT and a signal, %s: %d, the handler ran %d time(s)\n", what, r, handler_runs);
}

/* ---- counted wakes and requeues ---- */

static int word_a, word_b, word_c, released, wakeups;

/* Waits on word_a (with FUTEX_WAIT_BITSET and arg as its bitset if arg
 * is set) until released, counting its wake-ups. */
static int waiter(void *arg)
{
    while (!__atomic_load_n(&released, __ATOMIC_SEQ_CST)) {
        if (arg)
            futex(&word_a, FUTEX_WAIT_BITSET, 0, NULL, NULL, (int)arg);
        else
            futex_wait(&word_a, 0);
        __atomic_add_fetch(&wakeups, 1, __ATOMIC_SEQ_CST);
    }
    return 0;
}

/* Gathers the n waiters just woken (from word a to b) and prints the
 * wake-ups counted so far. */
static void gathered_back(int n)
{
    int moved = futex_gather(&word_a, &word_b, n);

    uprintf(1, "  gathered back: %d, wake-ups %d\n", moved, wakeups);
}

static void counted_wakes(void)
{
    released = wakeups = 0;
    for (int i = 0; i < WAITERS; i++)
        spawn(i, waiter, NULL);
    uprintf(1, "%d waiters asleep, moved to word b by FUTEX_CMP_REQUEUE: %d\n", WAITERS,
            futex_gather(&word_a, &word_b, WAITERS));
    uprintf(1, "FUTEX_WAKE on word a, everyone moved away: %d\n", futex_wake(&word_a, ALL));
    uprintf(1, "FUTEX_WAKE of 1 on word b: %d\n", futex_wake(&word_b, 1));
    gathered_back(1);
    uprintf(1, "FUTEX_CMP_REQUEUE b to c, val3 wrong: %d\n",
            futex(&word_b, FUTEX_CMP_REQUEUE, 1, (const struct timespec *)1, &word_c, 5));
    uprintf(1, "FUTEX_REQUEUE b to c, wake 1, requeue 1: %d\n",
            futex(&word_b, FUTEX_REQUEUE, 1, (const struct timespec *)1, &word_c, 0));
    gathered_back(1);
    uprintf(1, "FUTEX_CMP_REQUEUE b to c, wake 0, requeue 1: %d\n",
            futex(&word_b, FUTEX_CMP_REQUEUE, 0, (const struct timespec *)1, &word_c, 0));
    uprintf(1, "FUTEX_WAKE of all on word c: %d\n", futex_wake(&word_c, ALL));
    gathered_back(2);
    uprintf(1, "FUTEX_REQUEUE with a negative count: %d\n",
            futex(&word_b, FUTEX_REQUEUE, -1, (const struct timespec *)1, &word_c, 0));
    __atomic_store_n(&released, 1, __ATOMIC_SEQ_CST);
    uprintf(1, "FUTEX_WAKE of all on word b, released: %d\n", futex_wake(&word_b, ALL));
    for (int i = 0; i < WAITERS; i++)
        thread_join(&tids[i]);
    uprintf(1, "  joined, wake-ups %d\n", wakeups);
}

static void bitset_wakes(void)
{
    released = wakeups = 0;
    spawn(0, waiter, (void *)0x1);
    uprintf(1, "a waiter with bitset 0x1, gathered: %d\n", futex_gather(&word_a, &word_b, 1));
    uprintf(1, "FUTEX_WAKE_BITSET 0x2: %d\n", futex(&word_b, FUTEX_WAKE_BITSET, ALL, NULL, NULL, 0x2));
    uprintf(1, "FUTEX_WAKE_BITSET 0x3: %d\n", futex(&word_b, FUTEX_WAKE_BITSET, ALL, NULL, NULL, 0x3));
    gathered_back(1);
    __atomic_store_n(&released, 1, __ATOMIC_SEQ_CST);
    uprintf(1, "FUTEX_WAKE (any bit), released: %d\n", futex_wake(&word_b, ALL));
    thread_join(&tids[0]);
    uprintf(1, "  joined, wake-ups %d\n", wakeups);
}

int main(void)
{
    handoff("FUTEX_PRIVATE_FLAG", FUTEX_PRIVATE_FLAG);
    handoff("shared", 0);
    wait_errors();
    interrupted("no SA_RESTART", 0);
    interrupted("SA_RESTART", SA_RESTART);
    counted_wakes();
    bitset_wakes();
    return 0;
}

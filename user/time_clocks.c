/*
 * time_clocks.c - the clocks agree and go forward:
 *
 *   - time(), CLOCK_REALTIME, clock_gettime64 and gettimeofday tell the
 *     same time, one read after the other, with the date no earlier than
 *     2024 (tests/run --icount starts the RTC at 2024-01-01);
 *   - CLOCK_MONOTONIC never goes back over many reads, and a 50 ms
 *     sleep moves it by at least 50 ms; BOOTTIME is not behind it;
 *   - the other clocks read (MONOTONIC_RAW and the COARSE ones), and
 *     clock_getres says each moves in steps of at most 10 ms;
 *   - unknown clocks give -EINVAL, bad pointers -EFAULT, as on Linux.
 *
 * No time is printed, only how times relate, so the output is the same
 * on Linux and under any clock.
 */
#include "lib/vmtest.h"

#define NS 1000000000LL
#define DATE_2024 1704067200L           /* 2024-01-01 00:00:00 UTC */
#define BAD_POINTER ((void *)1)

static long long ts64_ns(const struct timespec64 *ts)
{
    return ts->tv_sec * NS + ts->tv_nsec;
}

static void realtime_agrees(void)
{
    struct timespec real;
    struct timespec64 real64;
    struct timeval tv;
    struct timezone tz;
    long stored = 0;

    long before = time(0);
    clock_gettime(CLOCK_REALTIME, &real);
    long long real_ns = real.tv_sec * NS + real.tv_nsec;
    int r64 = clock_gettime64(CLOCK_REALTIME, &real64);
    int rtv = gettimeofday(&tv, &tz);
    long after = time(&stored);
    long long end_ns = clock_ns(CLOCK_REALTIME);

    uprintf(1, "the date is 2024 or later: %s\n", yes(before >= DATE_2024));
    /* Linux's time() is the seconds of the last tick: up to a tick behind */
    uprintf(1, "time() <= CLOCK_REALTIME <= time() read after, + 1 s: %s\n",
            yes(before <= real.tv_sec && real.tv_sec <= after + 1));
    uprintf(1, "time(&t) stores what it returns: %s\n", yes(stored == after));
    uprintf(1, "clock_gettime64: %d, between its neighbours: %s, nanoseconds in range: %s\n",
            r64, yes(real_ns <= ts64_ns(&real64) && ts64_ns(&real64) <= end_ns),
            yes(real64.tv_nsec >= 0 && real64.tv_nsec < NS));
    long long tv_ns = tv.tv_sec * NS + tv.tv_usec * 1000LL;
    uprintf(1, "gettimeofday: %d, between its neighbours: %s, microseconds in range: %s\n",
            rtv, yes(real_ns / 1000 <= tv_ns / 1000 && tv_ns <= end_ns),
            yes(tv.tv_usec >= 0 && tv.tv_usec < 1000000));
    uprintf(1, "gettimeofday(NULL, NULL): %d\n", gettimeofday(0, 0));
}

static void monotonic_goes_forward(void)
{
    long long last = clock_ns(CLOCK_MONOTONIC), backwards = 0;

    for (int i = 0; i < 20000; i++) {
        long long now = clock_ns(CLOCK_MONOTONIC);
        backwards += now < last;
        last = now;
    }
    uprintf(1, "CLOCK_MONOTONIC over 20000 reads: went back %d times\n", (int)backwards);
    long long start = clock_ns(CLOCK_MONOTONIC);
    msleep(50);
    long long slept = clock_ns(CLOCK_MONOTONIC) - start;
    uprintf(1, "a 50 ms sleep moves CLOCK_MONOTONIC by at least 50 ms: %s, by less than 5 s: %s\n",
            yes(slept >= 50000000LL), yes(slept < 5 * NS));
    long long mono = clock_ns(CLOCK_MONOTONIC), boot = clock_ns(CLOCK_BOOTTIME);
    uprintf(1, "CLOCK_BOOTTIME not behind CLOCK_MONOTONIC: %s\n", yes(boot >= mono));
}

static void other_clocks(void)
{
    static const int clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
                                  CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW,
                                  CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME };

    for (unsigned i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
        struct timespec ts = { -1, -1 }, res = { -1, -1 };
        struct timespec64 res64 = { -1, -1 };
        int r = clock_gettime(clocks[i], &ts);
        int rr = clock_getres(clocks[i], &res);
        int rr64 = clock_getres_time64(clocks[i], &res64);
        uprintf(1, "clock %d: gettime %d (in range: %s), getres %d and %d, "
                "a step of at most 10 ms: %s\n", clocks[i], r,
                yes(ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < NS), rr, rr64,
                yes(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10000000 &&
                    res64.tv_sec == 0 && res64.tv_nsec == res.tv_nsec));
    }
    uprintf(1, "clock_getres(CLOCK_MONOTONIC, NULL): %d\n", clock_getres(CLOCK_MONOTONIC, 0));
}

static void errors(void)
{
    struct timespec ts;
    struct timespec64 ts64;

    uprintf(1, "clock_gettime(16): %d\n", clock_gettime(16, &ts));
    uprintf(1, "clock_gettime(99): %d\n", clock_gettime(99, &ts));
    uprintf(1, "clock_gettime64(99): %d\n", clock_gettime64(99, &ts64));
    uprintf(1, "clock_getres(99, NULL): %d\n", clock_getres(99, 0));
    uprintf(1, "clock_gettime(CLOCK_REALTIME, NULL): %d\n", clock_gettime(CLOCK_REALTIME, 0));
    uprintf(1, "clock_gettime(CLOCK_MONOTONIC, bad): %d\n",
            clock_gettime(CLOCK_MONOTONIC, BAD_POINTER));
    uprintf(1, "clock_gettime64(CLOCK_MONOTONIC, bad): %d\n",
            clock_gettime64(CLOCK_MONOTONIC, BAD_POINTER));
    uprintf(1, "clock_getres(CLOCK_REALTIME, bad): %d\n", clock_getres(CLOCK_REALTIME, BAD_POINTER));
    uprintf(1, "gettimeofday(bad, NULL): %d\n", gettimeofday(BAD_POINTER, 0));
    uprintf(1, "gettimeofday(NULL, bad): %d\n", gettimeofday(0, BAD_POINTER));
    uprintf(1, "time(bad): %d\n", (int)time(BAD_POINTER));
}

int main(void)
{
    realtime_agrees();
    monotonic_goes_forward();
    other_clocks();
    errors();
    return 0;
}

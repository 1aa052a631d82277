/*
 * time_sleep.c - sleeps last as long as asked, by CLOCK_MONOTONIC, and
 * let other processes run meanwhile:
 *
 *   - nanosleep(200 ms) while a forked child counts in a shared page:
 *     the parent sleeps at least 200 ms and the child's count grows;
 *   - clock_nanosleep, relative and with TIMER_ABSTIME, on
 *     CLOCK_MONOTONIC and CLOCK_REALTIME, and clock_nanosleep_time64
 *     (whose tv_nsec counts only its low 32 bits on i386); a deadline
 *     already past returns at once;
 *   - a signal handler ends a sleep with -EINTR: a relative one writes
 *     the time left to rem, an absolute one leaves rem alone;
 *   - Linux's errors: -EINVAL for a bad timespec or an unknown clock,
 *     -EOPNOTSUPP for a clock that cannot sleep (MONOTONIC_RAW, the
 *     COARSE ones, the thread's CPU time) before the timespec is read,
 *     -EFAULT for a bad pointer.
 *
 * Only relations between times are printed.
 */
#include "lib/vmtest.h"
#include "lib/usignal.h"

#define NS 1000000000LL
#define MS 1000000LL
#define BAD_POINTER ((void *)1)

static volatile int alarms;

static void on_alarm(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)sig;
    (void)si;
    (void)uc;
    alarms++;
}

static struct timespec ts_of(long long ns)
{
    struct timespec ts = { (long)(ns / NS), (long)(ns % NS) };
    return ts;
}

static void sleep_while_child_counts(void)
{
    volatile unsigned *counter = (volatile unsigned *)mmap2(0, PAGE, PROT_READ | PROT_WRITE,
                                                            MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int child = fork();

    if (child == 0)
        for (;;)
            (*counter)++;
    unsigned before = *counter;
    long long start = clock_ns(CLOCK_MONOTONIC);
    struct timespec req = ts_of(200 * MS);
    int r = nanosleep(&req, 0);
    long long slept = clock_ns(CLOCK_MONOTONIC) - start;
    unsigned after = *counter;
    int status;
    kill(child, SIGKILL);
    waitpid_retry(child, &status);
    uprintf(1, "nanosleep(200 ms): %d, slept at least 200 ms: %s, less than 5 s: %s\n",
            r, yes(slept >= 200 * MS), yes(slept < 5 * NS));
    uprintf(1, "the child counted while the parent slept: %s; it died of signal %d\n",
            yes(after > before), WTERMSIG(status));
}

static void relative_and_absolute(void)
{
    long long start = clock_ns(CLOCK_MONOTONIC);
    struct timespec req = ts_of(100 * MS), rem = { -7, -7 };
    int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem);
    long long slept = clock_ns(CLOCK_MONOTONIC) - start;
    uprintf(1, "clock_nanosleep(MONOTONIC, 100 ms): %d, slept at least 100 ms: %s, "
            "rem untouched: %s\n", r, yes(slept >= 100 * MS), yes(rem.tv_sec == -7));

    long long deadline = clock_ns(CLOCK_MONOTONIC) + 150 * MS;
    req = ts_of(deadline);
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, 0);
    uprintf(1, "clock_nanosleep(MONOTONIC, TIMER_ABSTIME, now + 150 ms): %d, woke at or after "
            "it: %s\n", r, yes(clock_ns(CLOCK_MONOTONIC) >= deadline));

    deadline = clock_ns(CLOCK_REALTIME) + 100 * MS;
    req = ts_of(deadline);
    r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &req, 0);
    uprintf(1, "clock_nanosleep(REALTIME, TIMER_ABSTIME, now + 100 ms): %d, woke at or after "
            "it: %s\n", r, yes(clock_ns(CLOCK_REALTIME) >= deadline));

    start = clock_ns(CLOCK_MONOTONIC);
    req = ts_of(start > 500 * MS ? start - 500 * MS : 0);
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, 0);
    uprintf(1, "clock_nanosleep to a deadline 500 ms ago: %d, at once (under 100 ms): %s\n",
            r, yes(clock_ns(CLOCK_MONOTONIC) - start < 100 * MS));

    struct timespec64 req64 = { 0, (long long)0xFFFFFFFF00000000ULL | 50000000LL };
    start = clock_ns(CLOCK_BOOTTIME);
    r = clock_nanosleep_time64(CLOCK_BOOTTIME, 0, &req64, 0);
    slept = clock_ns(CLOCK_BOOTTIME) - start;
    uprintf(1, "clock_nanosleep_time64(BOOTTIME, 50 ms, high half of tv_nsec set): %d, slept "
            "at least 50 ms: %s, less than 5 s: %s\n", r, yes(slept >= 50 * MS), yes(slept < 5 * NS));
}

static void interrupted(void)
{
    struct timespec req = ts_of(3 * NS), rem = { -7, -7 };
    struct timespec64 req64 = { 3, 0 }, rem64 = { -7, -7 };

    sa_set(SIGALRM, on_alarm, SA_SIGINFO, 0);
    alarm(1);
    int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem);
    uprintf(1, "relative 3 s, SIGALRM after 1 s: %d, handler ran: %s, rem between 1 and 3 s: %s\n",
            r, yes(alarms == 1), yes(rem.tv_sec >= 1 && rem.tv_sec < 3 && rem.tv_nsec >= 0));

    alarm(1);
    r = clock_nanosleep_time64(CLOCK_MONOTONIC, 0, &req64, &rem64);
    uprintf(1, "time64 relative 3 s, SIGALRM after 1 s: %d, handler ran: %s, rem between 1 and "
            "3 s: %s\n", r, yes(alarms == 2),
            yes(rem64.tv_sec >= 1 && rem64.tv_sec < 3 && rem64.tv_nsec >= 0 && rem64.tv_nsec < NS));

    rem.tv_sec = -7;
    req = ts_of(clock_ns(CLOCK_MONOTONIC) + 3 * NS);
    alarm(1);
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, &rem);
    uprintf(1, "absolute now + 3 s, SIGALRM after 1 s: %d, handler ran: %s, rem untouched: %s\n",
            r, yes(alarms == 3), yes(rem.tv_sec == -7));
}

static void errors(void)
{
    struct timespec ok = { 0, 1000 }, big_nsec = { 0, 1000000000 }, negative = { -1, 0 };
    struct timespec minus_nsec = { 0, -1 };
    struct timespec64 big64 = { 0, 1000000000 }, negative64 = { -1, 0 };

    uprintf(1, "tv_nsec 1000000000: %d\n", clock_nanosleep(CLOCK_MONOTONIC, 0, &big_nsec, 0));
    uprintf(1, "tv_nsec -1: %d\n", clock_nanosleep(CLOCK_MONOTONIC, 0, &minus_nsec, 0));
    uprintf(1, "tv_sec -1: %d\n", clock_nanosleep(CLOCK_MONOTONIC, 0, &negative, 0));
    uprintf(1, "tv_sec -1, TIMER_ABSTIME: %d\n",
            clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &negative, 0));
    uprintf(1, "time64 tv_nsec 1000000000: %d\n", clock_nanosleep_time64(CLOCK_MONOTONIC, 0, &big64, 0));
    uprintf(1, "time64 tv_sec -1: %d\n", clock_nanosleep_time64(CLOCK_MONOTONIC, 0, &negative64, 0));
    uprintf(1, "clock 99: %d\n", clock_nanosleep(99, 0, &ok, 0));
    uprintf(1, "CLOCK_THREAD_CPUTIME_ID: %d\n", clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &ok, 0));
    uprintf(1, "CLOCK_MONOTONIC_RAW: %d\n", clock_nanosleep(CLOCK_MONOTONIC_RAW, 0, &ok, 0));
    uprintf(1, "CLOCK_REALTIME_COARSE: %d\n", clock_nanosleep(CLOCK_REALTIME_COARSE, 0, &ok, 0));
    uprintf(1, "CLOCK_MONOTONIC_COARSE: %d\n", clock_nanosleep(CLOCK_MONOTONIC_COARSE, 0, &ok, 0));
    uprintf(1, "bad req: %d\n", clock_nanosleep(CLOCK_MONOTONIC, 0, BAD_POINTER, 0));
    uprintf(1, "time64 bad req: %d\n", clock_nanosleep_time64(CLOCK_MONOTONIC, 0, BAD_POINTER, 0));
    uprintf(1, "clock 99, bad req: %d\n", clock_nanosleep(99, 0, BAD_POINTER, 0));
    uprintf(1, "CLOCK_THREAD_CPUTIME_ID, bad req: %d\n",
            clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, BAD_POINTER, 0));
    uprintf(1, "nanosleep tv_nsec 1000000000: %d\n", nanosleep(&big_nsec, 0));
}

int main(void)
{
    sleep_while_child_counts();
    relative_and_absolute();
    interrupted();
    errors();
    return 0;
}

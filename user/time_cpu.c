/*
 * time_cpu.c - CPU time, as times() and getrusage() report it:
 *
 *   - 300 ms of CPU spent looping in user mode shows as at least 0.2 s
 *     of user time in times(), getrusage(RUSAGE_SELF) and the CPU-time
 *     clocks, which agree with each other;
 *   - 300 ms spent making system calls shows some system time;
 *   - children's time counts only once they are waited for: then
 *     times()' cutime, getrusage(RUSAGE_CHILDREN) and wait4's rusage
 *     hold the child's time and that of the grandchild it waited for,
 *     and the parent's own time stays its own.
 *
 * Only relations are printed (Linux counts time exactly, this kernel in
 * timer ticks), with margins of a tenth of a second.
 */
#include "lib/vmtest.h"

#define MS 1000000LL

static long getppid_calls;

/* Spin in user mode until the process has used ns more of CPU time. */
static void burn_user(long long ns)
{
    long long until = clock_ns(CLOCK_PROCESS_CPUTIME_ID) + ns;

    while (clock_ns(CLOCK_PROCESS_CPUTIME_ID) < until)
        for (volatile unsigned spin = 0; spin < 1000000; spin++)   /* few clock calls: fast hosts */
            ;
}

/* Make system calls until the process has used ns more of CPU time. */
static void burn_system(long long ns)
{
    long long until = clock_ns(CLOCK_PROCESS_CPUTIME_ID) + ns;

    while (clock_ns(CLOCK_PROCESS_CPUTIME_ID) < until)
        for (int i = 0; i < 1000; i++)
            getppid_calls += getppid() > 0;
}

static long rusage_ticks(const struct timeval *tv)
{
    return tv->tv_sec * 100 + tv->tv_usec / 10000;
}

static void own_time(void)
{
    struct tms before, after;
    struct rusage ru;

    long start = times(&before);
    burn_user(300 * MS);
    long end = times(&after);
    getrusage(RUSAGE_SELF, &ru);
    long user = after.tms_utime - before.tms_utime, spent = user + after.tms_stime - before.tms_stime;
    uprintf(1, "after 300 ms of CPU in user mode: user time at least 0.2 s: %s\n", yes(user >= 20));
    uprintf(1, "times() went forward by at least the CPU time: %s\n", yes(end - start >= spent - 1));
    uprintf(1, "getrusage agrees with times (within 20 ms): %s\n",
            yes(rusage_ticks(&ru.ru_utime) - after.tms_utime <= 2 &&
                after.tms_utime - rusage_ticks(&ru.ru_utime) <= 2));
    long long process = clock_ns(CLOCK_PROCESS_CPUTIME_ID), thread = clock_ns(CLOCK_THREAD_CPUTIME_ID);
    uprintf(1, "CPU-time clocks at least 300 ms: %s, at least the user time: %s\n",
            yes(process >= 300 * MS && thread >= 300 * MS),
            yes(process / (10 * MS) >= after.tms_utime - 1));

    times(&before);
    burn_system(300 * MS);
    times(&after);
    uprintf(1, "after 300 ms of CPU in getppid calls: some system time: %s\n",
            yes(after.tms_stime > before.tms_stime));
    uprintf(1, "times(NULL) works: %s, times(bad): %d\n", yes(times(0) - end >= 0),
            (int)times((struct tms *)1));
}

static void children_time(void)
{
    struct tms mine, after;
    struct rusage children, from_wait;

    times(&mine);
    getrusage(RUSAGE_CHILDREN, &children);
    uprintf(1, "before any wait: no children's time: %s\n",
            yes(mine.tms_cutime == 0 && mine.tms_cstime == 0 && rusage_ticks(&children.ru_utime) == 0));
    int child = fork();
    if (child == 0) {
        int grandchild = fork(), status;
        if (grandchild == 0) {
            burn_user(200 * MS);
            exit(0);
        }
        burn_user(100 * MS);
        waitpid_retry(grandchild, &status);
        exit(0);
    }
    int status;
    int r = wait4(child, &status, 0, &from_wait);
    times(&after);
    getrusage(RUSAGE_CHILDREN, &children);
    uprintf(1, "wait4: the child: %s, its rusage has at least 0.25 s of user time: %s\n",
            yes(r == child), yes(rusage_ticks(&from_wait.ru_utime) >= 25));
    uprintf(1, "then times() cutime at least 0.25 s: %s, RUSAGE_CHILDREN too: %s\n",
            yes(after.tms_cutime >= 25), yes(rusage_ticks(&children.ru_utime) >= 25));
    uprintf(1, "the parent's own user time grew by less than 0.1 s: %s\n",
            yes(after.tms_utime - mine.tms_utime < 10));
}

int main(void)
{
    own_time();
    children_time();
    return 0;
}

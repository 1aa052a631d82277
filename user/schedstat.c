/*
 * schedstat.c - /proc/self/schedstat (raw): three numbers on one line,
 * time on the CPU, time waiting to run and timeslices, as on Linux
 * (Linux counts time in nanoseconds; vmkernel in TSC cycles, which under
 * -icount are instructions).
 *
 * A busy loop adds to the time on the CPU.  A sleep adds timeslices (the
 * task goes off the CPU and comes back) but little time on the CPU:
 * less than the time stamp counter advanced meanwhile, on either kernel,
 * since a sleeping task is not on the CPU and a nanosecond is longer
 * than a TSC cycle.
 */
#include "lib/vmtest.h"

struct schedstat {
    unsigned long long on_cpu, waiting;
    unsigned long timeslices;
    int fields;                 /* how many numbers the line had */
};

static const char *number(const char *p, unsigned long long *v)
{
    *v = 0;
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        *v = *v * 10 + (unsigned)(*p++ - '0');
    return p;
}

static void read_schedstat(struct schedstat *s)
{
    char text[128];
    int fd = open("/proc/self/schedstat", O_RDONLY, 0);
    int n = fd < 0 ? fd : read(fd, text, sizeof(text) - 1);
    unsigned long long slices = 0;
    const char *p = text;

    close(fd);
    s->fields = 0;
    if (n <= 0)
        return;
    text[n] = 0;
    if ((p = number(p, &s->on_cpu)) && *p++ == ' ' && (p = number(p, &s->waiting)) &&
        *p++ == ' ' && (p = number(p, &slices)) && !strcmp(p, "\n"))
        s->fields = 3;
    s->timeslices = (unsigned long)slices;
}

int main(void)
{
    struct schedstat a, b, c;
    volatile unsigned sum = 0;

    read_schedstat(&a);
    uprintf(1, "one line of three numbers: %s\n", yes(a.fields == 3));
    for (unsigned i = 0; i < 2000000; i++)
        sum += i;
    read_schedstat(&b);
    uprintf(1, "a busy loop adds time on the CPU: %s\n", yes(b.on_cpu > a.on_cpu));
    unsigned long long t0 = rdtsc();
    msleep(50);
    unsigned long long slept = rdtsc() - t0;
    read_schedstat(&c);
    uprintf(1, "a sleep adds timeslices: %s\n", yes(c.timeslices > b.timeslices));
    uprintf(1, "a sleep adds less time on the CPU than it lasts: %s\n",
            yes(c.on_cpu - b.on_cpu < slept));
    return 0;
}

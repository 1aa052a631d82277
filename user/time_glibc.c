/*
 * time_glibc.c - time through glibc, as a student's program uses it:
 * time, gmtime, localtime and strftime with TZ unset (the kernel's
 * ramdisk has no /etc/localtime, so local time is UTC), mktime back, and
 * sleep(1) (clock_nanosleep) measured by clock_gettime(CLOCK_MONOTONIC).
 *
 * A fixed instant is formatted exactly; of the present only relations
 * are printed, so the output does not depend on the day it runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static const char *yes(int cond)
{
    return cond ? "yes" : "no";
}

static long long nanoseconds(const struct timespec *ts)
{
    return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

int main(void)
{
    char text[64];
    time_t fixed = 1700000000;          /* 2023-11-14 22:13:20 UTC, a Tuesday */

    unsetenv("TZ");
    strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S %a %j", gmtime(&fixed));
    printf("gmtime(1700000000): %s\n", text);
    struct tm local = *localtime(&fixed);
    strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S %Z", &local);
    printf("localtime(1700000000), TZ unset: %s\n", text);
    printf("mktime gives it back: %s\n", yes(mktime(&local) == fixed));

    time_t now = time(NULL);
    struct tm today = *gmtime(&now);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("time() is 2024 or later: %s, gettimeofday agrees: %s\n",
           yes(today.tm_year + 1900 >= 2024), yes(tv.tv_sec - now >= 0 && tv.tv_sec - now <= 1));
    strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", &today);
    printf("strftime of now is 19 characters: %s\n", yes(strlen(text) == 19));

    struct timespec before, after;
    clock_gettime(CLOCK_MONOTONIC, &before);
    int left = sleep(1);
    clock_gettime(CLOCK_MONOTONIC, &after);
    long long slept = nanoseconds(&after) - nanoseconds(&before);     /* exact: no doubles */
    printf("sleep(1): %d, slept at least 1 s: %s, less than 5 s: %s\n",
           left, yes(slept >= 1000000000LL), yes(slept < 5000000000LL));
    clock_t cpu = clock();
    printf("clock() works: %s\n", yes(cpu != (clock_t)-1));
    return 0;
}

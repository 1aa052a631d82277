/*
 * time.h - the clocks: real time from the RTC read at boot plus the
 * timer's ticks since, monotonic time from the ticks alone, and the CPU
 * time the timer charged to the calling task.  All advance in steps of
 * one tick (TIMER_HZ per second).
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <stdint.h>
#include "arch/x86/pic.h"

#define NSEC_PER_SEC    1000000000
#define NSEC_PER_TICK   (NSEC_PER_SEC / TIMER_HZ)

/* Linux's clock ids (include/uapi/linux/time.h). */
#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7

#define TIMER_ABSTIME   1               /* clock_nanosleep: the time is a deadline */

/* A time or a duration: seconds and 0..NSEC_PER_SEC-1 nanoseconds. */
struct ktimespec {
    int64_t sec;
    uint32_t nsec;
};

/* Read the RTC and log the date: the real time at this tick. */
void time_init(void);

/* The time on clock clock_id now: 0, or -EINVAL for a clock id we do not
 * know (Linux's other clocks, and those of other processes). */
int clock_now(int clock_id, struct ktimespec *now);

/* Read a user struct timespec, of 32-bit seconds or (wide) 64-bit ones:
 * 0, -EFAULT, or -EINVAL if it is negative or its nanoseconds are not
 * 0..999999999 (Linux's timespec64_valid). */
int get_user_timespec(uint32_t user_ptr, struct ktimespec *ts, int wide);

/* Whether clock_id names one of the clocks above. */
int clock_known(int clock_id);

/* The real time in whole seconds since 1970 (time(2)). */
int64_t time_seconds(void);

/* A duration of ticks. */
void ticks_to_ktimespec(uint32_t ticks, struct ktimespec *ts);

/* The jiffies at which clock clock_id (CLOCK_REALTIME, CLOCK_MONOTONIC
 * or CLOCK_BOOTTIME) reaches `when` (TIMER_ABSTIME in flags) or is
 * `when` later than now: the first tick at or after it, so that a sleep
 * is never shorter than asked.  The jiffies now if that is already past;
 * a deadline too far off becomes one 2^31 ticks (eight months) away. */
uint32_t clock_deadline(int clock_id, int flags, const struct ktimespec *when);

#endif

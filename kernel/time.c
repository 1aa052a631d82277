/*
 * time.c - the kernel's clocks.  The RTC is read once, at boot; from then
 * on the timer's ticks (jiffies, TIMER_HZ a second) are the only source:
 *
 *   CLOCK_REALTIME   = the RTC's date at boot_tick + (jiffies - boot_tick) ticks
 *   CLOCK_MONOTONIC  = jiffies ticks (so is BOOTTIME: nothing suspends here)
 *   CPU-time clocks  = the ticks the timer charged to the caller
 *                      (kernel/sched.c, timer_interrupt)
 *
 * Nothing sets the real time, so both clocks advance together, one tick
 * at a time, and a deadline on either is a tick count.  Under QEMU
 * -icount the RTC starts at a fixed date and the ticks follow the
 * instruction count (tests/qemu.py), so a run reads the same times each
 * time.
 */
#include "arch/x86/rtc.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/time.h"

#define MAX_SLEEP_TICKS 0x7FFFFFFFu     /* keeps jiffies + ticks from wrapping */

static int64_t boot_epoch;              /* seconds since 1970 at boot_tick; set once */
static uint32_t boot_tick;              /* jiffies when the RTC was read; set once */

/*
 * Days from 1970-01-01 to year-month-day of the Gregorian calendar.  The
 * year is counted from March, so that February's leap day falls at its
 * end; an era is 400 years (146097 days), after which the calendar
 * repeats.  (Howard Hinnant's days_from_civil.)
 */
static int64_t days_from_civil(int year, int month, int day)
{
    year -= month <= 2;
    int era = (year >= 0 ? year : year - 399) / 400;
    int year_of_era = year - era * 400;                             /* 0..399 */
    int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return (int64_t)era * 146097 + day_of_era - 719468;            /* 719468: 0000-03-01 to 1970 */
}

void time_init(void)
{
    struct rtc_date d;

    rtc_read(&d);
    boot_tick = jiffies;
    boot_epoch = days_from_civil(d.year, d.month, d.day) * 86400 +
                 d.hour * 3600 + d.minute * 60 + d.second;
    printk("time: RTC says %04d-%02d-%02d %02d:%02d:%02d UTC\n",
           d.year, d.month, d.day, d.hour, d.minute, d.second);
}

void ticks_to_ktimespec(uint32_t ticks, struct ktimespec *ts)
{
    ts->sec = ticks / TIMER_HZ;
    ts->nsec = ticks % TIMER_HZ * NSEC_PER_TICK;
}

int64_t time_seconds(void)
{
    return boot_epoch + (jiffies - boot_tick) / TIMER_HZ;
}

int clock_now(int clock_id, struct ktimespec *now)
{
    switch (clock_id) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
        ticks_to_ktimespec(jiffies - boot_tick, now);
        now->sec += boot_epoch;
        return 0;
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
        ticks_to_ktimespec(jiffies, now);
        return 0;
    case CLOCK_PROCESS_CPUTIME_ID: {    /* all its threads' */
        struct task_usage all;
        thread_group_usage(current, &all);
        ticks_to_ktimespec(all.user_ticks + all.system_ticks, now);
        return 0;
    }
    case CLOCK_THREAD_CPUTIME_ID:
        ticks_to_ktimespec(current->usage.user_ticks + current->usage.system_ticks, now);
        return 0;
    default:
        return -EINVAL;
    }
}

int clock_known(int clock_id)
{
    struct ktimespec ignored;

    return clock_now(clock_id, &ignored) == 0;
}

uint32_t clock_deadline(int clock_id, int flags, const struct ktimespec *when)
{
    struct ktimespec left = *when;

    if (flags & TIMER_ABSTIME) {
        struct ktimespec now;
        if (clock_now(clock_id, &now))
            panic("clock_deadline: clock %d is not a clock", clock_id);
        if (when->sec < now.sec || (when->sec == now.sec && when->nsec <= now.nsec))
            return jiffies;
        left.sec = when->sec - now.sec;
        if (when->nsec >= now.nsec) {
            left.nsec = when->nsec - now.nsec;
        } else {
            left.sec--;
            left.nsec = when->nsec + NSEC_PER_SEC - now.nsec;
        }
    }
    uint32_t ticks = MAX_SLEEP_TICKS;
    if (left.sec < MAX_SLEEP_TICKS / TIMER_HZ)
        ticks = (uint32_t)left.sec * TIMER_HZ + (left.nsec + NSEC_PER_TICK - 1) / NSEC_PER_TICK;
    return jiffies + ticks;
}

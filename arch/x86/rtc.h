/* rtc.h - the CMOS real-time clock, read once at boot (kernel/time.c). */
#ifndef ARCH_X86_RTC_H
#define ARCH_X86_RTC_H

/* A calendar date and time of day, as the RTC keeps it (UTC here: QEMU's
 * -rtc base=utc, or the fixed base of tests/run --icount). */
struct rtc_date {
    int year;                           /* e.g. 2026 */
    int month;                          /* 1..12 */
    int day;                            /* 1..31 */
    int hour, minute, second;           /* 0..23, 0..59, 0..59 */
};

/* Read the RTC: waits for an update in progress to end, and reads until
 * two readings agree, so no field is taken from either side of a tick. */
void rtc_read(struct rtc_date *date);

#endif

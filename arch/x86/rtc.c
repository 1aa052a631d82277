/*
 * rtc.c - the MC146818 real-time clock in the CMOS, through its index
 * port 0x70 and data port 0x71.  Read once at boot; the PIT counts time
 * after that (kernel/time.c).
 *
 * Registers:
 *
 *   0x00 seconds   0x02 minutes   0x04 hours   0x07 day   0x08 month
 *   0x09 year (two digits)        0x32 century (QEMU keeps it; not read)
 *   0x0A status A: bit 7 UIP, the clock is updating its fields
 *   0x0B status B: bit 2 DM, fields are binary (else BCD)
 *                  bit 1 24H, hours run 0..23 (else 1..12 with bit 7 PM)
 */
#include "arch/x86/cpu.h"
#include "arch/x86/rtc.h"

#define CMOS_INDEX      0x70
#define CMOS_DATA       0x71

#define RTC_SECONDS     0x00
#define RTC_MINUTES     0x02
#define RTC_HOURS       0x04
#define RTC_DAY         0x07
#define RTC_MONTH       0x08
#define RTC_YEAR        0x09
#define RTC_STATUS_A    0x0A
#define RTC_STATUS_B    0x0B

#define RTC_A_UIP       0x80    /* update in progress */
#define RTC_B_BINARY    0x04    /* DM: binary fields, not BCD */
#define RTC_B_24H       0x02    /* 24-hour mode */
#define RTC_HOUR_PM     0x80    /* in 12-hour mode: the hour is after noon */

static uint8_t cmos_read(uint8_t reg)
{
    outb(CMOS_INDEX, reg);
    return inb(CMOS_DATA);
}

static int bcd_to_binary(uint8_t bcd)
{
    return (bcd >> 4) * 10 + (bcd & 0x0F);
}

/* One reading of the six fields, raw (BCD or binary, as status B says),
 * taken just after an update ends. */
static void rtc_read_raw(uint8_t raw[6])
{
    static const uint8_t regs[6] = { RTC_YEAR, RTC_MONTH, RTC_DAY,
                                     RTC_HOURS, RTC_MINUTES, RTC_SECONDS };

    while (cmos_read(RTC_STATUS_A) & RTC_A_UIP)
        ;
    for (int i = 0; i < 6; i++)
        raw[i] = cmos_read(regs[i]);
}

void rtc_read(struct rtc_date *date)
{
    uint8_t raw[6], again[6];
    int same;

    rtc_read_raw(raw);
    do {
        rtc_read_raw(again);
        same = 1;
        for (int i = 0; i < 6; i++) {
            same &= raw[i] == again[i];
            raw[i] = again[i];
        }
    } while (!same);

    uint8_t status_b = cmos_read(RTC_STATUS_B);
    int pm = !(status_b & RTC_B_24H) && (raw[3] & RTC_HOUR_PM);
    raw[3] &= (uint8_t)~RTC_HOUR_PM;
    int field[6];
    for (int i = 0; i < 6; i++)
        field[i] = status_b & RTC_B_BINARY ? raw[i] : bcd_to_binary(raw[i]);
    if (!(status_b & RTC_B_24H))
        field[3] = field[3] % 12 + (pm ? 12 : 0);      /* 12 AM is 0, 12 PM is 12 */
    date->year = field[0] + (field[0] < 70 ? 2000 : 1900);  /* as Linux's mc146818 */
    date->month = field[1];
    date->day = field[2];
    date->hour = field[3];
    date->minute = field[4];
    date->second = field[5];
}

/*
 * pit.c - the 8253/8254 timer, channel 0 in rate-generator mode at
 * TIMER_HZ.  Its IRQ 0 drives kernel time and preemption.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/pic.h"

#define PIT_CH0     0x40
#define PIT_CMD     0x43
#define PIT_FREQ    1193182
#define PIT_MODE2   0x34        /* channel 0, lobyte/hibyte, rate generator */

void pit_init(void)
{
    uint32_t divisor = PIT_FREQ / TIMER_HZ;

    outb(PIT_CMD, PIT_MODE2);
    outb(PIT_CH0, divisor & 0xFF);
    outb(PIT_CH0, divisor >> 8);
    pic_unmask(IRQ_TIMER);
}

/* time.c - the timer tick: kernel time in jiffies (1/TIMER_HZ s). */
#include "arch/x86/trap.h"
#include "kernel/trap_handlers.h"

volatile uint32_t jiffies;

void timer_interrupt(struct trap_frame *tf)
{
    (void)tf;
    jiffies++;
}

/* power.h - shutting down (the reboot syscall), with a frame-leak check. */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

#include <stdint.h>

extern uint32_t free_pages_at_boot;
void power_off(void) __attribute__((noreturn));

#endif

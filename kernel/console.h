/* console.h - where bytes go: the user console and the kernel log. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stddef.h>

void console_init(const char *cmdline);
void console_write(const char *buf, size_t len);   /* fd 1 and 2 */
void klog_write(const char *buf, size_t len);      /* printk */
int console_read_byte(void);                        /* -1 if none waiting */
int console_input_ready(void);      /* a read would not block (poll) */
const void *console_wait_channel(void);             /* woken when input arrives */
void console_rx_interrupt(void);
void console_tick(void);            /* the timer: a signal byte may be due */
/* The foreground process group (TIOCGPGRP), and setting it (TIOCSPGRP):
 * 0, -EINVAL or -EPERM (no group pgrp in the caller's session). */
int console_fg_pgrp(void);
int console_set_fg_pgrp(int pgrp);

#endif

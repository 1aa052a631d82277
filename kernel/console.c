/*
 * console.c - the serial console.  User output (fd 1 and 2) always goes
 * to COM1.  The kernel log goes to COM1 too, unless the command line has
 * klog=com2.  Input bytes from COM1 arrive by interrupt into a small ring
 * that read(0, ...) drains.
 *
 * Three input bytes are signals, as a Linux terminal's ISIG makes them:
 * Ctrl-C SIGINT, Ctrl-\ SIGQUIT, Ctrl-Z SIGTSTP, sent to the console's
 * foreground process group.  That group is init's (1) until a shell with
 * job control names another (ioctl TIOCSPGRP, console_set_fg_pgrp); our
 * own shell leaves it, so it and the programs it runs stay in the
 * foreground, and a program that moves to a group of its own (setpgid,
 * setsid) is in the background.  A signal byte takes effect in its place in the input: when
 * what was typed before it has been read and a reader asks for more, so
 * that a session typed ahead behaves as if typed slowly; or, if no reader
 * comes for SIGNAL_HOLD_TICKS (a program that hangs without reading), then,
 * and the unread input is thrown away, as Linux flushes it.
 */
#include "arch/x86/pic.h"
#include "arch/x86/serial.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/poll.h"
#include "kernel/signal.h"
#include "kernel/task.h"

#define RX_RING_SIZE 256
#define SIGNAL_HOLD_TICKS TIMER_HZ      /* a second */

static unsigned klog_port = COM1;
static char rx_ring[RX_RING_SIZE];
static unsigned rx_head, rx_tail;       /* bytes in [tail, head) */
static int held_signal;                 /* a signal byte's signal, waiting for the
                                           ring to drain; 0: none */
static uint32_t held_since;             /* jiffies of that byte, or of the last read since */

void console_init(const char *cmdline)
{
    serial_init(COM1);
    serial_enable_rx_irq(COM1);
    pic_unmask(IRQ_COM1);
    if (cmdline_has(cmdline, "klog", "com2")) {
        serial_init(COM2);
        klog_port = COM2;
    }
}

static void write_port(unsigned port, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\n' && port == klog_port)
            serial_putc(port, '\r');
        serial_putc(port, buf[i]);
    }
}

void console_write(const char *buf, size_t len)
{
    write_port(COM1, buf, len);
}

void klog_write(const char *buf, size_t len)
{
    write_port(klog_port, buf, len);
}

static int signal_of_byte(int c)
{
    return c == 0x03 ? SIGINT : c == 0x1c ? SIGQUIT : c == 0x1a ? SIGTSTP : 0;
}

/* The foreground process group.  Changed only by TIOCSPGRP, in a system
 * call. */
static int fg_pgrp = 1;

int console_fg_pgrp(void)
{
    return fg_pgrp;
}

int console_set_fg_pgrp(int pgrp)
{
    if (pgrp < 0)
        return -EINVAL;
    if (!pgrp_in_session(pgrp, current->sid))
        return -EPERM;
    fg_pgrp = pgrp;
    return 0;
}

/* A signal byte's turn has come: to the foreground group (init itself
 * takes only what it catches). */
static void send_held_signal(void)
{
    static const struct ksiginfo info = { .code = SI_KERNEL };

    rx_tail = rx_head;                  /* what is left unread is thrown away */
    kill_pgrp_info(fg_pgrp, held_signal, &info);
    held_signal = 0;
}

/*
 * Called from the COM1 interrupt, when reading, and from the timer while
 * a signal byte waits: move waiting bytes into the ring while it has
 * room.  A full ring, or a signal byte whose turn has not come, leaves
 * bytes in the UART, which then holds back the sender, so no input is
 * lost.
 */
void console_rx_interrupt(void)
{
    int c;

    for (;;) {
        if (held_signal && jiffies - held_since >= SIGNAL_HOLD_TICKS)
            send_held_signal();
        if (held_signal || rx_head - rx_tail == RX_RING_SIZE || (c = serial_getc_nowait(COM1)) < 0)
            break;
        if ((held_signal = signal_of_byte(c)) != 0)
            held_since = jiffies;
        else
            rx_ring[rx_head++ % RX_RING_SIZE] = (char)c;
    }
    if (rx_head != rx_tail || held_signal) {
        wakeup(&rx_ring);
        poll_notify();
    }
}

int console_input_ready(void)
{
    console_rx_interrupt();
    return rx_head != rx_tail || held_signal;   /* a read would return, or take the signal */
}

void console_tick(void)
{
    if (held_signal)
        console_rx_interrupt();
}

/* The channel a reader of an empty console sleeps on. */
const void *console_wait_channel(void)
{
    return &rx_ring;
}

int console_read_byte(void)
{
    console_rx_interrupt();     /* also poll, in case interrupts are off */
    if (rx_tail == rx_head && held_signal) {
        send_held_signal();             /* its turn: the reader sees the signal first */
        console_rx_interrupt();
        return -1;
    }
    if (rx_tail == rx_head)
        return -1;
    held_since = jiffies;               /* the readers are coming: a signal byte waits on */
    return (unsigned char)rx_ring[rx_tail++ % RX_RING_SIZE];
}

/*
 * console.c - the serial console.  User output (fd 1 and 2) always goes
 * to COM1.  The kernel log goes to COM1 too, unless the command line has
 * klog=com2.  Input bytes from COM1 arrive by interrupt into a small ring
 * that read(0, ...) drains.
 */
#include "arch/x86/pic.h"
#include "arch/x86/serial.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/task.h"

#define RX_RING_SIZE 256

static unsigned klog_port = COM1;
static char rx_ring[RX_RING_SIZE];
static unsigned rx_head, rx_tail;       /* bytes in [tail, head) */

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

/*
 * Called from the COM1 interrupt (and when reading): move waiting bytes
 * into the ring while it has room.  A full ring leaves bytes in the UART,
 * which then holds back the sender, so no input is lost.
 */
void console_rx_interrupt(void)
{
    int c;

    while (rx_head - rx_tail < RX_RING_SIZE && (c = serial_getc_nowait(COM1)) >= 0)
        rx_ring[rx_head++ % RX_RING_SIZE] = (char)c;
    if (rx_head != rx_tail)
        wakeup(&rx_ring);
}

/* The channel a reader of an empty console sleeps on. */
const void *console_wait_channel(void)
{
    return &rx_ring;
}

int console_read_byte(void)
{
    console_rx_interrupt();     /* also poll, in case interrupts are off */
    if (rx_tail == rx_head)
        return -1;
    return (unsigned char)rx_ring[rx_tail++ % RX_RING_SIZE];
}

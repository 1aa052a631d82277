/*
 * serial.c - polled output and interrupt-driven input on a 16550 UART,
 * 115200 baud 8N1, FIFOs off (one byte at a time each way).  Output waits
 * for the transmit holding register.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/serial.h"

#define REG_DATA  0
#define REG_IER   1
#define REG_FCR   2
#define REG_LCR   3
#define REG_MCR   4
#define REG_LSR   5
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20
#define LCR_DLAB  0x80
#define LCR_8N1   0x03
#define IER_RX    0x01
#define MCR_DTR_RTS_OUT2 0x0B

void serial_init(unsigned port)
{
    outb(port + REG_IER, 0);
    outb(port + REG_LCR, LCR_DLAB);
    outb(port + REG_DATA, 1);           /* divisor 1: 115200 baud */
    outb(port + REG_IER, 0);
    outb(port + REG_LCR, LCR_8N1);
    /* FIFOs stay off: switching them on would flush bytes already received */
    outb(port + REG_FCR, 0);
    outb(port + REG_MCR, MCR_DTR_RTS_OUT2);
}

void serial_putc(unsigned port, char c)
{
    while (!(inb(port + REG_LSR) & LSR_THR_EMPTY))
        ;
    outb(port + REG_DATA, (uint8_t)c);
}

int serial_getc_nowait(unsigned port)
{
    if (!(inb(port + REG_LSR) & LSR_DATA_READY))
        return -1;
    return inb(port + REG_DATA);
}

void serial_enable_rx_irq(unsigned port)
{
    outb(port + REG_IER, IER_RX);
}

/* serial.h - the 16550 UARTs: COM1 is the console, COM2 the optional log. */
#ifndef ARCH_X86_SERIAL_H
#define ARCH_X86_SERIAL_H

#define COM1 0x3F8
#define COM2 0x2F8

void serial_init(unsigned port);
void serial_putc(unsigned port, char c);
int serial_getc_nowait(unsigned port);   /* -1 when no byte is waiting */
void serial_enable_rx_irq(unsigned port);

#endif

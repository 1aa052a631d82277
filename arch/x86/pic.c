/*
 * pic.c - the 8259A interrupt controllers.  The BIOS leaves IRQs 0..7 on
 * vectors 8..15, which collide with CPU exceptions, so we move IRQ n to
 * vector 32 + n and start with every line masked.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/pic.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01
#define PIC_EOI   0x20

static uint16_t irq_mask = 0xFFFB;      /* all masked but the cascade (IRQ 2) */

void pic_init(void)
{
    outb(PIC1_CMD, ICW1_INIT_ICW4);
    outb(PIC2_CMD, ICW1_INIT_ICW4);
    outb(PIC1_DATA, 32);                /* ICW2: vector base */
    outb(PIC2_DATA, 40);
    outb(PIC1_DATA, 4);                 /* ICW3: slave on IRQ 2 */
    outb(PIC2_DATA, 2);
    outb(PIC1_DATA, ICW4_8086);
    outb(PIC2_DATA, ICW4_8086);
    outb(PIC1_DATA, irq_mask & 0xFF);
    outb(PIC2_DATA, irq_mask >> 8);
}

void pic_unmask(int irq)
{
    irq_mask &= ~(1u << irq);
    outb(PIC1_DATA, irq_mask & 0xFF);
    outb(PIC2_DATA, irq_mask >> 8);
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}


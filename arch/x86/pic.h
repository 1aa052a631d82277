/* pic.h - the two 8259 PICs, remapped to vectors 32..47, and the PIT. */
#ifndef ARCH_X86_PIC_H
#define ARCH_X86_PIC_H

#include <stdint.h>

#define IRQ_TIMER  0
#define IRQ_COM1   4
#define IRQ_IDE_PRIMARY 14      /* the primary ATA channel (arch/x86/ide.c) */
#define TIMER_HZ   100

void pic_init(void);
void pic_unmask(int irq);
void pic_eoi(int irq);
void pit_init(void);

#endif

/*
 * idt.c - the interrupt descriptor table: the 32 CPU exceptions, the 16
 * remapped PIC IRQs, and int $0x80 (the only gate ring 3 may use).
 */
#include <stdint.h>
#include "arch/x86/gdt.h"
#include "arch/x86/trap.h"

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t  zero;
    uint8_t  type_attr;
    uint16_t offset_high;
} __attribute__((packed));

#define GATE_INTERRUPT 0x8E     /* present, ring 0, 32-bit interrupt gate */
#define GATE_USER      0x60     /* DPL 3: callable with int from ring 3 */
#define NR_STUBS       48

static struct idt_gate idt[256];
extern const uint32_t trap_vectors[NR_STUBS];
extern void vector128(void);

static void set_gate(int n, uint32_t handler, uint8_t attr)
{
    idt[n].offset_low = handler & 0xFFFF;
    idt[n].selector = KERNEL_CS;
    idt[n].zero = 0;
    idt[n].type_attr = attr;
    idt[n].offset_high = handler >> 16;
}

/* Mark a gate not present: used by the double-fault self test, so that
 * delivering that exception itself faults. */
void idt_disable_gate(int n)
{
    idt[n].type_attr &= ~0x80;
}

void idt_init(void)
{
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) idtr;

    for (int n = 0; n < NR_STUBS; n++)
        set_gate(n, trap_vectors[n], GATE_INTERRUPT);
    set_gate(T_SYSCALL, (uint32_t)vector128, GATE_INTERRUPT | GATE_USER);
    /* int3 from user mode is a breakpoint (SIGTRAP), as on Linux, not a
     * general protection fault */
    set_gate(T_BREAKPOINT, trap_vectors[T_BREAKPOINT], GATE_INTERRUPT | GATE_USER);
    idtr.limit = sizeof(idt) - 1;
    idtr.base = (uint32_t)idt;
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

/*
 * trap.h - the one trap frame every interrupt, exception and syscall
 * builds on the kernel stack (see isr.S), lowest address first.
 */
#ifndef ARCH_X86_TRAP_H
#define ARCH_X86_TRAP_H

#include <stdint.h>

struct trap_frame {
    /* pushed by the common stub in isr.S */
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
    /* pushed by the per-vector stub */
    uint32_t vector;
    uint32_t error_code;        /* the CPU's, or 0 */
    /* pushed by the CPU */
    uint32_t eip, cs, eflags;
    uint32_t user_esp, user_ss; /* only when coming from ring 3 */
};

#define T_DIVIDE         0
#define T_BREAKPOINT     3
#define T_INVALID_OPCODE 6
#define T_DOUBLE_FAULT   8
#define T_GPF            13
#define T_PAGE_FAULT     14
#define T_X87_FPU        16
#define T_ALIGNMENT      17
#define T_SIMD_FP        19
#define T_IRQ0           32      /* PIC IRQs 0..15 are vectors 32..47 */
#define T_SYSCALL        0x80

static inline int trap_from_user(const struct trap_frame *tf)
{
    return (tf->cs & 3) == 3;
}

void idt_init(void);
void idt_disable_gate(int n);
void trap_dispatch(struct trap_frame *tf);
void oops(const char *why, struct trap_frame *tf) __attribute__((noreturn));
const char *trap_name(uint32_t vector);

#endif

/*
 * fpu.h - x87/SSE state.  glibc uses SSE (strlen, memcpy...), so the
 * kernel turns it on and saves each task's registers with fxsave on every
 * switch.  The kernel itself never touches them (-mgeneral-regs-only).
 */
#ifndef ARCH_X86_FPU_H
#define ARCH_X86_FPU_H

#include <stdint.h>

#define FPU_STATE_SIZE 512

struct fpu_state {
    uint8_t bytes[FPU_STATE_SIZE];
} __attribute__((aligned(16)));

void fpu_init(void);
void fpu_save(struct fpu_state *state);
void fpu_restore(const struct fpu_state *state);
/* The state a freshly exec'd program starts with. */
void fpu_reset(struct fpu_state *state);

#endif

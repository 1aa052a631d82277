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

/* Linux i386's struct _fpstate_32 in a signal frame: the x87 state in
 * the old fsave format (112 bytes, with "magic" 0 saying that the fxsave
 * image follows), then the 512-byte fxsave image. */
#define FPU_SIGFRAME_SIZE 624
#define FPU_SIGFRAME_FXSAVE 112         /* where the fxsave image starts */
void fpu_to_sigframe(const struct fpu_state *state, uint8_t out[FPU_SIGFRAME_SIZE]);
/* Back from a frame the program may have changed: the fxsave image, with
 * the x87 registers of the fsave part (as Linux restores them) and MXCSR
 * bits the CPU does not have cleared, so that fxrstor cannot fault. */
void fpu_from_sigframe(const uint8_t in[FPU_SIGFRAME_SIZE], struct fpu_state *state);

#endif

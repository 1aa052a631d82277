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
/* Load that state into the registers (a signal handler's start). */
void fpu_restore_clean(void);

/* Linux i386's struct _fpstate_32 in a signal frame: the x87 state in
 * the old fsave format (112 bytes, with "magic" 0 saying that the fxsave
 * image follows), then the 512-byte fxsave image. */
#define FPU_SIGFRAME_SIZE 624
#define FPU_SIGFRAME_FXSAVE 112         /* where the fxsave image starts */
/* The fsave part for state; the fxsave image that follows it in the
 * frame is state itself. */
void fpu_sigframe_env(const struct fpu_state *state, uint8_t env[FPU_SIGFRAME_FXSAVE]);
/* Back from a frame the program may have changed: state holds the
 * frame's fxsave image; put in it the x87 registers of the fsave part
 * env (as Linux restores them), and clear the MXCSR bits the CPU does
 * not have, so that fxrstor cannot fault. */
void fpu_sigframe_env_apply(const uint8_t env[FPU_SIGFRAME_FXSAVE], struct fpu_state *state);

#endif

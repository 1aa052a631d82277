/* fpu.c - see fpu.h. */
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "kernel/lib.h"

#define CR0_MP 0x00000002
#define CR0_EM 0x00000004
#define CR0_TS 0x00000008
#define CR4_OSFXSR     0x00000200
#define CR4_OSXMMEXCPT 0x00000400

static struct fpu_state clean_state;

void fpu_init(void)
{
    uint32_t cr0 = (read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP;

    __asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    __asm__ volatile("fninit");
    fpu_save(&clean_state);
}

void fpu_save(struct fpu_state *state)
{
    __asm__ volatile("fxsave %0" : "=m"(*state));
}

void fpu_restore(const struct fpu_state *state)
{
    __asm__ volatile("fxrstor %0" : : "m"(*state));
}

void fpu_reset(struct fpu_state *state)
{
    memcpy(state, &clean_state, sizeof(*state));
}

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

void fpu_restore_clean(void)
{
    fpu_restore(&clean_state);
}

/* The fxsave image's fields used below (Intel SDM vol. 1, 10.5.1). */
#define FX_FCW   0
#define FX_FSW   2
#define FX_FTW   4                      /* abridged: one bit per register, 1 = not empty */
#define FX_FOP   6
#define FX_FIP   8
#define FX_FCS   12
#define FX_FDP   16
#define FX_FDS   20
#define FX_MXCSR 24
#define FX_MXCSR_MASK 28
#define FX_ST    32                     /* ST(0)..ST(7), 16 bytes each */

/* The fsave environment at the start of the frame's _fpstate_32. */
#define ENV_CWD 0
#define ENV_SWD 4
#define ENV_TWD 8
#define ENV_FIP 12
#define ENV_FCS 16
#define ENV_FOO 20
#define ENV_FOS 24
#define ENV_ST  28                      /* ST(0)..ST(7), 10 bytes each */
#define ENV_STATUS 108
#define ENV_MAGIC  110                  /* 0: an fxsave image follows */

/* Unaligned loads and stores, inlined (each a single mov: a call to the
 * kernel's memcpy here would be most of a signal's cost). */
static uint32_t get32(const uint8_t *p) { uint32_t v; __builtin_memcpy(&v, p, 4); return v; }
static uint16_t get16(const uint8_t *p) { uint16_t v; __builtin_memcpy(&v, p, 2); return v; }
static void put32(uint8_t *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }
static void put16(uint8_t *p, uint16_t v) { __builtin_memcpy(p, &v, 2); }

/* The full x87 tag word (2 bits per physical register: 0 valid, 1 zero,
 * 2 special, 3 empty) from fxsave's abridged one and the registers. */
static uint32_t full_tag_word(const uint8_t *fx)
{
    uint32_t tags = 0, top = (get16(fx + FX_FSW) >> 11) & 7;

    if (!fx[FX_FTW])
        return 0xFFFFFFFFu;             /* all empty, as when the program uses no x87 */

    for (uint32_t i = 0; i < 8; i++) {
        uint32_t tag = 3;
        if (fx[FX_FTW] & (1u << i)) {
            const uint8_t *st = fx + FX_ST + 16 * ((i - top) & 7);
            uint32_t exponent = get16(st + 8) & 0x7FFF, low = get32(st), high = get32(st + 4);
            if (exponent == 0x7FFF)
                tag = 2;
            else if (exponent == 0)
                tag = low || high ? 2 : 1;
            else
                tag = high & 0x80000000u ? 0 : 2;
        }
        tags |= tag << (2 * i);
    }
    return tags | 0xFFFF0000u;
}

void fpu_sigframe_env(const struct fpu_state *state, uint8_t out[FPU_SIGFRAME_FXSAVE])
{
    const uint8_t *fx = state->bytes;

    put32(out + ENV_CWD, get16(fx + FX_FCW) | 0xFFFF0000u);
    put32(out + ENV_SWD, get16(fx + FX_FSW) | 0xFFFF0000u);
    put32(out + ENV_TWD, full_tag_word(fx));
    put32(out + ENV_FIP, get32(fx + FX_FIP));
    put32(out + ENV_FCS, get16(fx + FX_FCS) | ((uint32_t)get16(fx + FX_FOP) << 16));
    put32(out + ENV_FOO, get32(fx + FX_FDP));
    put32(out + ENV_FOS, get16(fx + FX_FDS) | 0xFFFF0000u);
    for (int i = 0; i < 8; i++)
        __builtin_memcpy(out + ENV_ST + 10 * i, fx + FX_ST + 16 * i, 10);
    put16(out + ENV_STATUS, get16(fx + FX_FSW));
    put16(out + ENV_MAGIC, 0);
}

void fpu_sigframe_env_apply(const uint8_t in[FPU_SIGFRAME_FXSAVE], struct fpu_state *state)
{
    uint8_t *fx = state->bytes;
    uint32_t twd = get32(in + ENV_TWD), mask = get32(clean_state.bytes + FX_MXCSR_MASK);
    uint8_t abridged = 0;

    for (int i = 0; i < 8; i++)
        if (((twd >> (2 * i)) & 3) != 3)
            abridged |= (uint8_t)(1u << i);
    put16(fx + FX_FCW, (uint16_t)get32(in + ENV_CWD));
    put16(fx + FX_FSW, (uint16_t)get32(in + ENV_SWD));
    fx[FX_FTW] = abridged;
    put16(fx + FX_FOP, (uint16_t)(get32(in + ENV_FCS) >> 16));
    put32(fx + FX_FIP, get32(in + ENV_FIP));
    put16(fx + FX_FCS, (uint16_t)get32(in + ENV_FCS));
    put32(fx + FX_FDP, get32(in + ENV_FOO));
    put16(fx + FX_FDS, (uint16_t)get32(in + ENV_FOS));
    for (int i = 0; i < 8; i++)
        __builtin_memcpy(fx + FX_ST + 16 * i, in + ENV_ST + 10 * i, 10);
    put32(fx + FX_MXCSR, get32(fx + FX_MXCSR) & (mask ? mask : 0xFFBF));
}

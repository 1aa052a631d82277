/*
 * gdt.h - segment selectors and the per-CPU TSS.
 *
 * GDT layout (index: selector):
 *   0: null   1: 0x08 kernel code   2: 0x10 kernel data
 *   3: 0x1B user code   4: 0x23 user data   5: 0x28 TSS
 *   6..8: 0x33, 0x3B, 0x43 thread-local storage slots (set_thread_area),
 *         the same indices Linux i386 uses, reloaded on every task switch.
 */
#ifndef ARCH_X86_GDT_H
#define ARCH_X86_GDT_H

#include <stdint.h>

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_CS   0x1B
#define USER_DS   0x23
#define TSS_SEL   0x28

#define GDT_TLS_FIRST   6
#define GDT_TLS_COUNT   3

/* A user's view of one TLS descriptor (Linux's struct user_desc). */
struct user_desc {
    uint32_t entry_number;
    uint32_t base_addr;
    uint32_t limit;
    uint32_t seg_32bit : 1;
    uint32_t contents : 2;
    uint32_t read_exec_only : 1;
    uint32_t limit_in_pages : 1;
    uint32_t seg_not_present : 1;
    uint32_t useable : 1;
};

/* One GDT descriptor as the CPU reads it. */
struct gdt_entry {
    uint16_t limit_low;
    uint16_t base_low;
    uint8_t  base_mid;
    uint8_t  access;
    uint8_t  flags_limit_high;
    uint8_t  base_high;
} __attribute__((packed));

void gdt_init(void);
void tss_set_kernel_stack(uint32_t esp0);
void gdt_load_tls(const struct gdt_entry tls[GDT_TLS_COUNT]);
void gdt_make_user_data(struct gdt_entry *e, uint32_t base, uint32_t limit, int pages);
/* Fill the TLS slot desc names in tls (a task's three, not loaded):
 * set_thread_area's and clone(CLONE_SETTLS)'s work.  Entry -1 takes
 * the first free slot when can_allocate, writing its number into desc.
 * 0, -ESRCH (no free slot) or -EINVAL (not a TLS slot). */
int tls_set(struct gdt_entry tls[GDT_TLS_COUNT], struct user_desc *desc, int can_allocate);

#endif

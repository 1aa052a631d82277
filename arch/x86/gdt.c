/*
 * gdt.c - the flat segments, the TSS that gives the CPU a kernel stack on
 * entry from ring 3, and the TLS slots glibc points %gs at.
 */
#include "arch/x86/gdt.h"
#include "kernel/errno.h"
#include "kernel/lib.h"

/* The hardware task-state segment; only ss0:esp0 matter to us. */
struct tss {
    uint32_t prev, esp0, ss0, unused[22];
    uint16_t trap, iomap_base;
} __attribute__((packed));

static struct gdt_entry gdt[GDT_TLS_FIRST + GDT_TLS_COUNT];
static struct tss tss;

#define ACC_PRESENT 0x80
#define ACC_RING3   0x60
#define ACC_CODE_DATA 0x10
#define ACC_EXEC    0x08
#define ACC_RW      0x02
#define ACC_TSS     0x09        /* 32-bit available TSS */
#define FLAG_4K     0x80
#define FLAG_32BIT  0x40

static void set_entry(struct gdt_entry *e, uint32_t base, uint32_t limit,
                      uint8_t access, uint8_t flags)
{
    e->limit_low = limit & 0xFFFF;
    e->base_low = base & 0xFFFF;
    e->base_mid = (base >> 16) & 0xFF;
    e->access = access;
    e->flags_limit_high = flags | ((limit >> 16) & 0x0F);
    e->base_high = base >> 24;
}

/* A present, writable ring-3 data segment: what a TLS slot holds. */
void gdt_make_user_data(struct gdt_entry *e, uint32_t base, uint32_t limit, int pages)
{
    set_entry(e, base, limit, ACC_PRESENT | ACC_RING3 | ACC_CODE_DATA | ACC_RW,
              FLAG_32BIT | (pages ? FLAG_4K : 0));
}

int tls_set(struct gdt_entry tls[GDT_TLS_COUNT], struct user_desc *desc, int can_allocate)
{
    int index = (int)desc->entry_number;

    if (index == -1 && can_allocate) {
        for (index = 0; index < GDT_TLS_COUNT; index++)
            if (!tls[index].access)
                break;
        if (index == GDT_TLS_COUNT)
            return -ESRCH;
        index += GDT_TLS_FIRST;
        desc->entry_number = (uint32_t)index;
    }
    if (index < GDT_TLS_FIRST || index >= GDT_TLS_FIRST + GDT_TLS_COUNT)
        return -EINVAL;
    gdt_make_user_data(&tls[index - GDT_TLS_FIRST], desc->base_addr, desc->limit, desc->limit_in_pages);
    return 0;
}

void gdt_init(void)
{
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) gdtr;

    set_entry(&gdt[1], 0, 0xFFFFF, ACC_PRESENT | ACC_CODE_DATA | ACC_EXEC | ACC_RW, FLAG_4K | FLAG_32BIT);
    set_entry(&gdt[2], 0, 0xFFFFF, ACC_PRESENT | ACC_CODE_DATA | ACC_RW, FLAG_4K | FLAG_32BIT);
    set_entry(&gdt[3], 0, 0xFFFFF, ACC_PRESENT | ACC_RING3 | ACC_CODE_DATA | ACC_EXEC | ACC_RW, FLAG_4K | FLAG_32BIT);
    set_entry(&gdt[4], 0, 0xFFFFF, ACC_PRESENT | ACC_RING3 | ACC_CODE_DATA | ACC_RW, FLAG_4K | FLAG_32BIT);
    tss.ss0 = KERNEL_DS;
    tss.iomap_base = sizeof(tss);
    set_entry(&gdt[5], (uint32_t)&tss, sizeof(tss) - 1, ACC_PRESENT | ACC_TSS, 0);

    gdtr.limit = sizeof(gdt) - 1;
    gdtr.base = (uint32_t)gdt;
    __asm__ volatile(
        "lgdt %0\n\t"
        "ljmp %1, $1f\n"
        "1:\n\t"
        "movw %w2, %%ax\n\t"
        "movw %%ax, %%ds\n\t"
        "movw %%ax, %%es\n\t"
        "movw %%ax, %%ss\n\t"
        "xorw %%ax, %%ax\n\t"
        "movw %%ax, %%fs\n\t"
        "movw %%ax, %%gs\n\t"
        "ltr %w3\n\t"
        "lldt %%ax"                 /* no LDT: selectors with TI set fault */
        : : "m"(gdtr), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(TSS_SEL) : "eax", "memory");
}

void tss_set_kernel_stack(uint32_t esp0)
{
    tss.esp0 = esp0;
}

/* Install a task's TLS descriptors; called on every switch to that task. */
void gdt_load_tls(const struct gdt_entry tls[GDT_TLS_COUNT])
{
    memcpy(&gdt[GDT_TLS_FIRST], tls, GDT_TLS_COUNT * sizeof(struct gdt_entry));
}

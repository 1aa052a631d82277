/*
 * boot.S - Multiboot entry: from paging-off to C in the higher half.
 *
 * The bootloader (GRUB, or QEMU's -kernel) enters _start in 32-bit
 * protected mode with paging off, EAX = Multiboot magic, EBX = physical
 * address of the Multiboot info.  This code runs at its physical address
 * (section .boot is linked at 1 MiB).  It fills the early page directory:
 *
 *   PDE 0            -> physical 0..4 MiB (identity, so the next
 *                       instruction after enabling paging still exists)
 *   PDE 768 .. 991   -> physical 0..896 MiB at 0xC0000000 (the direct map)
 *
 * using 4 MiB pages (PSE), marks the kernel ones global (PGE), turns paging
 * on and jumps to the linked (virtual) address.  kmain removes PDE 0 again.
 * EAX and EBX must survive until they are passed to kmain.
 */
#include "arch/x86/mmu.h"

#define MB_MAGIC        0x1BADB002
#define MB_FLAGS        0x00000003      /* page-align modules, give memory map */
#define KERNEL_BASE     0xC0000000
#define KERNEL_PDE      (KERNEL_BASE >> PD_SHIFT)
#define LOWMEM_PDES     224             /* 896 MiB / 4 MiB */
#define BOOT_STACK_SIZE 16384

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)

    .section .boot.text, "ax"
    .globl _start
_start:
    cli
    movl $boot_page_directory, %edi

    /* PDE 0: identity map of the first 4 MiB, removed later. */
    movl $(PTE_P | PTE_RW | PTE_PS), (%edi)

    /* PDEs 768..991: the direct map, global and supervisor-only. */
    movl $(PTE_P | PTE_RW | PTE_PS | PTE_G), %esi
    leal (KERNEL_PDE * 4)(%edi), %edx
    movl $LOWMEM_PDES, %ecx
1:  movl %esi, (%edx)
    addl $LARGE_PAGE_SIZE, %esi
    addl $4, %edx
    loop 1b

    movl %cr4, %ecx
    orl $(CR4_PSE | CR4_PGE), %ecx
    movl %ecx, %cr4
    movl %edi, %cr3
    movl %cr0, %ecx
    orl $(CR0_PG | CR0_WP), %ecx
    movl %ecx, %cr0

    movl $higher_half, %ecx
    jmp *%ecx

    .section .boot.data, "aw"
    .align 4096
    .globl boot_page_directory
boot_page_directory:
    .fill 1024, 4, 0

    .text
higher_half:
    movl $(boot_stack + BOOT_STACK_SIZE), %esp
    xorl %ebp, %ebp                 /* ends the backtrace */
    pushl %ebx                      /* Multiboot info (physical) */
    pushl %eax                      /* Multiboot magic */
    call kmain
2:  cli
    hlt
    jmp 2b

    .bss
    .align 16
    .globl boot_stack
boot_stack:
    .skip BOOT_STACK_SIZE

    .section .note.GNU-stack, "", @progbits

/*
 * init_blob.S - the init program (user/init.c, built to build/user/init)
 * embedded in the kernel image, so the kernel can start pid 1 without a
 * ramdisk.  It is placed in .rodata, after .text.
 */
    .section .rodata
    .balign 4096
    .globl init_elf_start, init_elf_end
init_elf_start:
    .incbin "build/user/init"
init_elf_end:

    .section .note.GNU-stack, "", @progbits

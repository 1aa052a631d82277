/*
 * qemu.h - leaving QEMU with a status code through its isa-debug-exit
 * device (iobase 0xf4).  QEMU exits with status (code << 1) | 1; on real
 * hardware, or without the device, the write does nothing.
 */
#ifndef ARCH_X86_QEMU_H
#define ARCH_X86_QEMU_H

#define QEMU_EXIT_PORT  0xF4
#define QEMU_EXIT_PASS  0x10    /* QEMU status 33: test mode finished normally */
#define QEMU_EXIT_FAIL  0x11    /* QEMU status 35: a self test failed */
#define QEMU_EXIT_PANIC 0x12    /* QEMU status 37: panic, oops or double fault */
#define QEMU_EXIT_NO_ROOM 0x13  /* QEMU status 39: the ramdisk does not fit in RAM */

void qemu_exit(unsigned code);

#endif

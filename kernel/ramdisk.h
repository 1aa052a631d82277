/*
 * ramdisk.h - the boot archive: a cpio newc archive (Linux's initramfs
 * format) loaded by the bootloader as a Multiboot module, whose entries
 * become the first files of the file system (kernel/tmpfs.h).
 */
#ifndef KERNEL_RAMDISK_H
#define KERNEL_RAMDISK_H

/* Names are up to NAME_MAX bytes, as on Linux. */
#define RAMDISK_NAME_MAX  255

/* Fill the file system from the archive in the first module. */
void ramdisk_init(void);

#endif

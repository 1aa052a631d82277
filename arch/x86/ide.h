/* ide.h - the primary master ATA disk (/dev/hda), PIO with IRQ14. */
#ifndef ARCH_X86_IDE_H
#define ARCH_X86_IDE_H

#include <stdint.h>

#define IDE_SECTOR_SIZE 512

void ide_init(void);
int ide_present(void);               /* 1 if a disk was found */
uint32_t ide_nr_sectors(void);       /* its size in 512-byte sectors */
/* Read or write count sectors (1..256) at lba from/to the kernel buffer buf.
 * Sleeps until done when called from a task; polls during boot.
 * Returns 0, or -EIO after logging one line. */
int ide_read(uint32_t lba, void *buf, uint32_t count);
int ide_write(uint32_t lba, const void *buf, uint32_t count);
/* The same for the one frame page (PAGE_SIZE bytes at lba), which may be
 * in HighMem: each block is moved through kmap_atomic (mm/highmem.h). */
struct page;
int ide_read_page(uint32_t lba, struct page *page);
int ide_write_page(uint32_t lba, struct page *page);

/* IRQ14, from trap.c: acknowledge the drive and wake its requester. */
void ide_interrupt(void);

#endif

/*
 * ide.c - the ATA disk on the primary IDE channel's master position
 * (/dev/hda), driven by programmed I/O: the CPU moves every 16-bit word
 * through the data port.  QEMU attaches it with
 * -drive file=IMG,format=raw,if=ide,index=0.
 *
 * ide_init sends IDENTIFY DEVICE at boot and, when the drive allows it,
 * SET MULTIPLE MODE to IDE_BLOCK_SECTORS, so that one 4 KiB page moves
 * with one READ MULTIPLE / WRITE MULTIPLE command and one interrupt
 * (without multiple mode, READ/WRITE SECTORS interrupts once per sector).
 * Addresses are LBA28: at most 2^28 sectors (128 GiB).
 *
 * Waiting: a task that issued a command sleeps on &ide and IRQ14 wakes
 * it; during boot, when current is the idle task and there is nobody to
 * give the CPU to, the driver reads the status register between
 * interrupts instead (sti; hlt, as idle_loop does).  Every wait has a
 * deadline of IDE_TIMEOUT_TICKS, kept by the timer, so a silent drive
 * gives -EIO, never a hang.
 *
 * Relies on: the PIC and the timer (jiffies) being set up; the kernel
 * running with interrupts off, so a check of the status register and
 * the sleep_on that follows cannot miss the interrupt between them.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/ide.h"
#include "arch/x86/pic.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "mm/highmem.h"


/* Command block registers of the primary channel (ATA-6, section 7). */
#define ATA_PRIMARY_IO    0x1F0
#define ATA_DATA          (ATA_PRIMARY_IO + 0)   /* 16-bit PIO data */
#define ATA_ERROR         (ATA_PRIMARY_IO + 1)   /* read: why ERR is set */
#define ATA_FEATURES      (ATA_PRIMARY_IO + 1)   /* write */
#define ATA_SECTOR_COUNT  (ATA_PRIMARY_IO + 2)   /* 0 means 256 */
#define ATA_LBA_LOW       (ATA_PRIMARY_IO + 3)   /* LBA bits 0..7 */
#define ATA_LBA_MID       (ATA_PRIMARY_IO + 4)   /* LBA bits 8..15 */
#define ATA_LBA_HIGH      (ATA_PRIMARY_IO + 5)   /* LBA bits 16..23 */
#define ATA_DEVICE        (ATA_PRIMARY_IO + 6)   /* drive select, LBA bits 24..27 */
#define ATA_STATUS        (ATA_PRIMARY_IO + 7)   /* read: status, clears INTRQ */
#define ATA_COMMAND       (ATA_PRIMARY_IO + 7)   /* write */

/* Control block register: reads as the status without clearing INTRQ. */
#define ATA_PRIMARY_CTRL  0x3F6
#define ATA_ALT_STATUS    ATA_PRIMARY_CTRL
#define ATA_DEVICE_CONTROL ATA_PRIMARY_CTRL

/* Status register bits. */
#define ATA_SR_ERR   0x01       /* the last command failed: see ATA_ERROR */
#define ATA_SR_DRQ   0x08       /* the drive wants data words moved */
#define ATA_SR_DF    0x20       /* device fault */
#define ATA_SR_DRDY  0x40       /* ready to accept a command */
#define ATA_SR_BSY   0x80       /* busy: every other bit is meaningless */

/* Device register: LBA addressing, master drive (bits 7 and 5 are obsolete, set). */
#define ATA_DEV_OBSOLETE  0xA0
#define ATA_DEV_LBA       0x40
#define ATA_DEV_MASTER    0x00
#define ATA_DEV_LBA_TOP   0x0F     /* LBA bits 24..27 go in bits 3..0 */
#define ATA_FLOATING_BUS  0xFF     /* the status of a channel with no drive at all */

/* Device control register bits. */
#define ATA_CTL_NIEN  0x02      /* 1: the drive raises no interrupts */
#define ATA_CTL_SRST  0x04      /* software reset of both drives on the channel */

/* Commands. */
#define ATA_CMD_READ_SECTORS    0x20
#define ATA_CMD_WRITE_SECTORS   0x30
#define ATA_CMD_READ_MULTIPLE   0xC4
#define ATA_CMD_WRITE_MULTIPLE  0xC5
#define ATA_CMD_SET_MULTIPLE    0xC6
#define ATA_CMD_IDENTIFY        0xEC

/* IDENTIFY DEVICE data: 256 words; the ones we read. */
#define ID_WORDS               256
#define ID_MAX_MULTIPLE        47   /* bits 7..0: most sectors per READ MULTIPLE block */
#define ID_MULTIPLE_SETTING    59   /* bit 8: bits 7..0 hold the current setting */
#define ID_LBA28_SECTORS       60   /* words 60-61: sectors addressable by LBA28 */
#define ID_MULTIPLE_MASK       0xFF

#define IDE_BLOCK_SECTORS  8            /* one 4 KiB page per DRQ block */
#define IDE_MAX_COUNT      256          /* sectors per command (count register 0) */
#define WORDS_PER_SECTOR   (IDE_SECTOR_SIZE / 2)
/* No answer in 30 s: give up, as Linux's libata does for a command.
 * Under QEMU -icount with sleep=off the guest's clock leaps ahead while
 * it idles, so 2 s of guest time could pass before the host finished
 * one write (make bench saw it once kswapd wrote while a task read). */
#define IDE_TIMEOUT_TICKS  (30 * TIMER_HZ)
#define SECTORS_PER_MIB    (1024 * 1024 / IDE_SECTOR_SIZE)

/*
 * The drive's state.  present, nr_sectors, block_sectors and the two
 * commands are set by ide_init at boot and only read afterwards (a reset
 * rewrites the multiple setting, to the same value).  busy is the one
 * thing requests share: the task that finds it 0 sets it, owns the
 * channel's registers until it clears it, and sleepers on &ide.busy wait
 * for that.  The IRQ handler touches one field, irq_pending: it sets it,
 * acknowledges the drive and wakes the owner sleeping on &ide, which
 * clears it when it takes the step's answer (ide_wait_not_busy) and
 * before each command.  All of it is changed with interrupts off, which
 * on this kernel is all kernel code.
 */
static struct ide_drive {
    int present;                /* IDENTIFY answered as an ATA disk */
    uint32_t nr_sectors;        /* LBA28 capacity in sectors */
    uint32_t block_sectors;     /* sectors per DRQ block: IDE_BLOCK_SECTORS, or 1 */
    uint8_t read_cmd;           /* READ MULTIPLE, or READ SECTORS without multiple mode */
    uint8_t write_cmd;          /* WRITE MULTIPLE, or WRITE SECTORS */
    int busy;                   /* a request owns the channel */
    int irq_pending;            /* IRQ14 came since the owner last looked */
} ide;

enum ide_dir { IDE_READ, IDE_WRITE };

/* One log line per failed request, up to PRINTK_LIMIT of them. */
static struct printk_limit ide_errors = { "ide: hda", 0 };
static const char *const dir_names[] = { "read", "write" };

static void read_words(void *buf, uint32_t words)
{
    __asm__ volatile("rep insw" : "+D"(buf), "+c"(words) : "d"(ATA_DATA) : "memory");
}

static void write_words(const void *buf, uint32_t words)
{
    __asm__ volatile("rep outsw" : "+S"(buf), "+c"(words) : "d"(ATA_DATA) : "memory");
}

/* The ATA spec's 400 ns for the status to become valid after a command
 * or a drive select: four reads of the alternate status register. */
static void ide_delay_400ns(void)
{
    for (int i = 0; i < 4; i++)
        inb(ATA_ALT_STATUS);
}

static int deadline_passed(uint32_t deadline)
{
    return (int32_t)(jiffies - deadline) >= 0;
}

/*
 * Give the drive time until the next interrupt or the deadline.  A task
 * sleeps (others run) until IRQ14, or for one tick when the drive will
 * not interrupt (the first DRQ of a write); the idle task, during boot,
 * halts with interrupts on until IRQ14 or the timer comes.
 */
static void ide_pause(uint32_t deadline, int irq_expected)
{
    if (current == &tasks[0]) {
        sti();
        hlt();
        cli();
        return;
    }
    current->wake_at = irq_expected ? deadline : jiffies + 1;
    sleep_on(&ide);
    current->wake_at = 0;
}

/*
 * Wait until the drive clears BSY and, when it will interrupt, until
 * its interrupt has come: then the status is the answer to this step.
 * Waiting for the interrupt even when the status is ready already keeps
 * the requester's path the same however fast the disk is (QEMU finishes
 * I/O in its own time, even under -icount), so the task's busy cycles
 * repeat exactly from run to run, and no interrupt of this step is left
 * to land later on some other task.  Returns the status, or -1 when the
 * deadline (in jiffies) passes first.
 */
static int ide_wait_not_busy(uint32_t deadline, int irq_expected)
{
    for (;;) {
        uint8_t status = inb(ATA_ALT_STATUS);
        if (!(status & ATA_SR_BSY) && (!irq_expected || ide.irq_pending)) {
            ide.irq_pending = 0;
            return status;
        }
        if (deadline_passed(deadline))
            return -1;
        ide_pause(deadline, irq_expected);
    }
}

static void ide_select(uint32_t lba)
{
    outb(ATA_DEVICE, ATA_DEV_OBSOLETE | ATA_DEV_LBA | ATA_DEV_MASTER | ((lba >> 24) & ATA_DEV_LBA_TOP));
    ide_delay_400ns();
}

/* Load the LBA28 address and count (1..256) and start the command. */
static void ide_issue(uint8_t command, uint32_t lba, uint32_t count)
{
    ide_select(lba);
    outb(ATA_SECTOR_COUNT, count & 0xFF);       /* 256 is written as 0 */
    outb(ATA_LBA_LOW, lba & 0xFF);
    outb(ATA_LBA_MID, (lba >> 8) & 0xFF);
    outb(ATA_LBA_HIGH, (lba >> 16) & 0xFF);
    ide.irq_pending = 0;                        /* forget any stale interrupt */
    outb(ATA_COMMAND, command);
    ide_delay_400ns();
}

/* SET MULTIPLE MODE to IDE_BLOCK_SECTORS.  Returns 0, or -EIO if refused. */
static int ide_set_multiple(void)
{
    ide_issue(ATA_CMD_SET_MULTIPLE, 0, IDE_BLOCK_SECTORS);
    int status = ide_wait_not_busy(jiffies + IDE_TIMEOUT_TICKS, 1);
    return status < 0 || (status & (ATA_SR_ERR | ATA_SR_DF)) ? -EIO : 0;
}

/*
 * Software reset of the channel after a timeout or a fault: SRST for a
 * moment, then wait for the drive to come back, and restore multiple
 * mode (a reset may return the drive to its default block size).
 */
static void ide_reset_channel(void)
{
    outb(ATA_DEVICE_CONTROL, ATA_CTL_SRST | ATA_CTL_NIEN);
    ide_delay_400ns();
    outb(ATA_DEVICE_CONTROL, 0);
    ide_delay_400ns();
    if (ide_wait_not_busy(jiffies + IDE_TIMEOUT_TICKS, 0) >= 0 &&
        ide.block_sectors == IDE_BLOCK_SECTORS)
        ide_set_multiple();
}

/*
 * Wait for the next step of a transfer: BSY clear and, for a data block,
 * DRQ set; for the end of a write, DRQ clear.  On a timeout, an error or
 * a fault, log the one line for this request, reset the channel if the
 * drive is in an unknown state, and return -EIO.
 */
static int ide_wait_step(enum ide_dir dir, uint32_t sector, int want_drq, int irq_expected)
{
    int status = ide_wait_not_busy(jiffies + IDE_TIMEOUT_TICKS, irq_expected);

    if (status < 0) {
        printk_limited(&ide_errors, "ide: hda: no answer to %s at sector %u (timeout)\n", dir_names[dir], sector);
        ide_reset_channel();
        return -EIO;
    }
    status = inb(ATA_STATUS);           /* also acknowledges a pending interrupt */
    if ((status & (ATA_SR_ERR | ATA_SR_DF)) || !(status & ATA_SR_DRQ) != !want_drq) {
        printk_limited(&ide_errors, "ide: hda: %s error at sector %u: status 0x%02x error 0x%02x\n",
               dir_names[dir], sector, status, inb(ATA_ERROR));
        if (!(status & ATA_SR_ERR))
            ide_reset_channel();        /* a fault or a lost DRQ: start clean */
        return -EIO;
    }
    return 0;
}

/* Where a request's data is: a kernel buffer, or a frame, mapped only
 * while each block moves (the waits between blocks sleep). */
struct ide_buffer {
    char *kaddr;
    struct page *page;
};

/* One command of count sectors, DRQ block by DRQ block.  The channel is ours. */
static int ide_transfer(enum ide_dir dir, uint32_t lba, struct ide_buffer buf, uint32_t count)
{
    ide_issue(dir == IDE_READ ? ide.read_cmd : ide.write_cmd, lba, count);
    for (uint32_t done = 0; done < count; done += ide.block_sectors) {
        uint32_t sectors = count - done < ide.block_sectors ? count - done : ide.block_sectors;
        /* Each read block is announced by IRQ14; the first write block is not. */
        int irq_expected = dir == IDE_READ || done > 0;
        int err = ide_wait_step(dir, lba + done, 1, irq_expected);
        if (err)
            return err;
        char *base = buf.page ? kmap_atomic(buf.page) : buf.kaddr;
        if (dir == IDE_READ)
            read_words(base + done * IDE_SECTOR_SIZE, sectors * WORDS_PER_SECTOR);
        else
            write_words(base + done * IDE_SECTOR_SIZE, sectors * WORDS_PER_SECTOR);
        kunmap_atomic(base);
    }
    if (dir == IDE_WRITE)       /* the drive interrupts once the last block is on disk */
        return ide_wait_step(dir, lba, 0, 1);
    return 0;
}

/* Check the request, take the channel, transfer, give the channel back. */
static int ide_request(enum ide_dir dir, uint32_t lba, struct ide_buffer buf, uint32_t count)
{
    if (!ide.present) {
        printk_limited(&ide_errors, "ide: hda: %s at sector %u: no disk\n", dir_names[dir], lba);
        return -EIO;
    }
    if (count < 1 || count > IDE_MAX_COUNT) {
        printk_limited(&ide_errors, "ide: hda: %s of %u sectors at sector %u: a command moves 1 to %u sectors\n",
               dir_names[dir], count, lba, IDE_MAX_COUNT);
        return -EIO;
    }
    if (lba >= ide.nr_sectors || count > ide.nr_sectors - lba) {
        printk_limited(&ide_errors, "ide: hda: %s of %u sectors at sector %u: past the end of the disk (%u sectors)\n",
               dir_names[dir], count, lba, ide.nr_sectors);
        return -EIO;
    }
    while (ide.busy)
        sleep_on(&ide.busy);            /* only tasks get here: boot has one requester */
    ide.busy = 1;
    int err = ide_transfer(dir, lba, buf, count);
    ide.busy = 0;
    wakeup(&ide.busy);
    return err;
}

int ide_read(uint32_t lba, void *buf, uint32_t count)
{
    return ide_request(IDE_READ, lba, (struct ide_buffer){ buf, 0 }, count);
}

int ide_write(uint32_t lba, const void *buf, uint32_t count)
{
    return ide_request(IDE_WRITE, lba, (struct ide_buffer){ (char *)buf, 0 }, count);
}

int ide_read_page(uint32_t lba, struct page *page)
{
    return ide_request(IDE_READ, lba, (struct ide_buffer){ 0, page }, PAGE_SIZE / IDE_SECTOR_SIZE);
}

int ide_write_page(uint32_t lba, struct page *page)
{
    return ide_request(IDE_WRITE, lba, (struct ide_buffer){ 0, page }, PAGE_SIZE / IDE_SECTOR_SIZE);
}

int ide_present(void)
{
    return ide.present;
}

uint32_t ide_nr_sectors(void)
{
    return ide.nr_sectors;
}

void ide_interrupt(void)
{
    inb(ATA_STATUS);            /* reading the status lowers INTRQ */
    ide.irq_pending = 1;
    wakeup(&ide);
}

/*
 * IDENTIFY DEVICE into id.  Returns 0 for an ATA disk; -EIO when no drive
 * answers (the status reads 0, or 0xFF from a floating bus), when it is
 * an ATAPI device (it aborts IDENTIFY and shows its signature), or on a
 * timeout.
 */
static int ide_identify(uint16_t id[ID_WORDS])
{
    ide_select(0);
    uint8_t status = inb(ATA_STATUS);
    if (status == 0 || status == ATA_FLOATING_BUS)
        return -EIO;
    ide_issue(ATA_CMD_IDENTIFY, 0, 0);
    int answer = ide_wait_not_busy(jiffies + IDE_TIMEOUT_TICKS, 1);
    if (answer < 0 || !(answer & ATA_SR_DRQ) || (answer & (ATA_SR_ERR | ATA_SR_DF)))
        return -EIO;
    inb(ATA_STATUS);
    read_words(id, ID_WORDS);
    return 0;
}

/*
 * Find the disk, log its size, and choose READ/WRITE MULTIPLE when the
 * drive supports blocks of IDE_BLOCK_SECTORS.  Called once from kmain,
 * after the PIC and the timer, before any task exists.
 */
void ide_init(void)
{
    static uint16_t id[ID_WORDS];

    outb(ATA_DEVICE_CONTROL, 0);        /* interrupts on (nIEN clear) */
    pic_unmask(IRQ_IDE_PRIMARY);
    if (ide_identify(id)) {
        printk("ide: no disk on the primary master\n");
        return;
    }
    ide.present = 1;
    ide.nr_sectors = id[ID_LBA28_SECTORS] | (uint32_t)id[ID_LBA28_SECTORS + 1] << 16;
    printk("ide: hda: %u sectors (%u MiB)\n", ide.nr_sectors, ide.nr_sectors / SECTORS_PER_MIB);

    ide.block_sectors = IDE_BLOCK_SECTORS;
    ide.read_cmd = ATA_CMD_READ_MULTIPLE;
    ide.write_cmd = ATA_CMD_WRITE_MULTIPLE;
    if ((id[ID_MAX_MULTIPLE] & ID_MULTIPLE_MASK) < IDE_BLOCK_SECTORS || ide_set_multiple()) {
        printk("ide: hda: multiple mode of %u sectors refused (IDENTIFY word 47 0x%04x, "
               "word 59 0x%04x): READ/WRITE SECTORS, one interrupt per sector\n",
               IDE_BLOCK_SECTORS, id[ID_MAX_MULTIPLE], id[ID_MULTIPLE_SETTING]);
        ide.block_sectors = 1;
        ide.read_cmd = ATA_CMD_READ_SECTORS;
        ide.write_cmd = ATA_CMD_WRITE_SECTORS;
    }
}

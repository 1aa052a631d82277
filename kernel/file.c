/*
 * file.c - opening, reading and writing files.  A regular file's data
 * goes through the page cache, so read() and write() see exactly what
 * file mappings see.  Console reads block until a byte arrives; pipes
 * are in kernel/pipe.c; /proc texts in kernel/procfs.c.
 */
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/kmsg.h"
#include "kernel/lib.h"
#include "kernel/pipe.h"
#include "kernel/poll.h"
#include "kernel/printk.h"
#include "kernel/procfs.h"
#include "kernel/task.h"
#include "kernel/time.h"
#include "kernel/tmpfs.h"
#include "kernel/uaccess.h"
#include "mm/buddy.h"
#include "mm/highmem.h"
#include "mm/kmalloc.h"
#include "mm/memlayout.h"
#include "mm/oom_kill.h"
#include "mm/pagecache.h"
#include "mm/shmem.h"

struct file *file_new(enum file_type type)
{
    struct file *f = kzalloc(sizeof(*f));
    if (f) {
        f->type = type;
        f->refcount = 1;
        f->readable = 1;
        f->writable = 1;
        f->flags = O_RDWR;
    }
    return f;
}

/* The console init starts with: /dev/console opened, so that fstat of
 * fd 0 and stat of /dev/console agree (ttyname compares them). */
struct file *file_open_console(void)
{
    struct lookup res;
    struct file *f;

    if (path_lookup("/dev/console", LOOKUP_FOLLOW, &res) || file_open_inode(res.inode, O_RDWR, &f))
        return file_new(FILE_CONSOLE);  /* no file system (a boot test) */
    return f;
}

int file_link_text(const struct file *f, char *buf, uint32_t size)
{
    if (f->type == FILE_PIPE_READ || f->type == FILE_PIPE_WRITE)
        ksnprintf(buf, size, "pipe:[%u]", pipe_ino(f->pipe));
    else if (f->inode && inode_path(f->inode, buf, size))
        ksnprintf(buf, size, "%s (deleted)", f->inode->deleted_path ? f->inode->deleted_path : "");
    else if (!f->inode)
        strlcpy(buf, f->proc_path ? f->proc_path : f->type == FILE_CONSOLE ? "/dev/console" : "/proc",
                size);
    return strlen(buf);
}

struct file *file_dup(struct file *f)
{
    f->refcount++;
    return f;
}

void file_put(struct file *f)
{
    if (--f->refcount > 0)
        return;
    if (f->type == FILE_PIPE_READ || f->type == FILE_PIPE_WRITE)
        pipe_release(f->pipe, f->type == FILE_PIPE_WRITE);
    if (f->type == FILE_REGULAR && f->writable)
        inode_put_write_access(f->inode);
    if (f->inode)
        inode_put(f->inode);
    kfree(f->proc_text);
    kfree(f->proc_path);
    kfree(f);
}

/* What an open device node is. */
static enum file_type device_type(const struct inode *inode)
{
    switch (inode->rdev) {
    case DEV_NULL: return FILE_NULL;
    case DEV_ZERO: return FILE_ZERO;
    case DEV_FULL: return FILE_FULL;
    case DEV_URANDOM: return FILE_RANDOM;
    case DEV_KMSG: return FILE_KMSG;
    case DEV_HDA: return FILE_DISK;
    default: return FILE_CONSOLE;
    }
}

/*
 * Open an inode.  A directory opens only for reading (-EISDIR); a file
 * being executed cannot be opened for writing (-ETXTBSY); O_TRUNC
 * empties a regular file.  The access mode works as on Linux, 3
 * included: it allows neither read() nor write().
 */
int file_open_inode(struct inode *inode, int flags, struct file **out)
{
    int acc = flags & O_ACCMODE;
    int writable = acc == O_WRONLY || acc == O_RDWR;
    enum file_type type;

    if (S_ISDIR(inode->mode)) {
        if (writable || (flags & O_CREAT))
            return -EISDIR;
        type = FILE_DIR;
    } else if (flags & O_DIRECTORY) {
        return -ENOTDIR;
    } else if (S_ISREG(inode->mode)) {
        type = FILE_REGULAR;
    } else if ((inode->mode & S_IFMT) == S_IFCHR || (inode->mode & S_IFMT) == S_IFBLK) {
        type = device_type(inode);
        if (type == FILE_DISK)
            return -ENXIO;              /* the swap disk belongs to swapon */
    } else {
        return -ELOOP;                  /* a symbolic link, with O_NOFOLLOW */
    }
    if (type == FILE_REGULAR && writable && inode_get_write_access(inode))
        return -ETXTBSY;
    inode_get(inode);                   /* truncating may sleep (a page in swap) */
    int err = 0;
    if (type == FILE_REGULAR && (flags & O_TRUNC) && inode->mapping->size)
        err = inode->write_count < 0 ? -ETXTBSY : tmpfs_truncate(inode, 0);
    struct file *f = err ? 0 : file_new(type);
    if (!f) {
        if (type == FILE_REGULAR && writable)
            inode_put_write_access(inode);
        inode_put(inode);
        return err ? err : -ENOMEM;
    }
    f->inode = inode;
    f->readable = acc == O_RDONLY || acc == O_RDWR;
    f->writable = writable;
    f->flags = flags & (O_ACCMODE | O_APPEND | O_NONBLOCK | O_LARGEFILE);
    *out = f;
    return 0;
}

/* Open a /proc file: its text is taken now.  The open file keeps its
 * path, with "self" made the opener's pid: it is about the opener,
 * whoever writes to it later (as on Linux), and /proc/PID/fd shows it.
 * A writable one (procfs_writable) opened for writing takes writes. */
static int proc_open(const char *path, int flags, struct file **out)
{
    char *text;
    int mode = procfs_stat_mode(path);
    struct file *f;

    if (mode < 0)
        return mode;
    if (S_ISDIR(mode)) {                /* for getdents64 */
        if ((flags & O_ACCMODE) != O_RDONLY)
            return -EISDIR;
        f = file_new(FILE_PROC_DIR);
        if (!f || !(f->proc_path = kmalloc(strlen(path) + 1))) {
            kfree(f);
            return -ENOMEM;
        }
        memcpy(f->proc_path, path, strlen(path) + 1);
        f->writable = 0;
        f->flags = O_RDONLY;
        *out = f;
        return 0;
    }
    if (flags & O_DIRECTORY)
        return -ENOTDIR;
    int len = procfs_generate(path, &text);
    if (len < 0)
        return len;
    f = file_new(FILE_PROC);
    if (!f) {
        kfree(text);
        return -ENOMEM;
    }
    f->proc_text = text;
    f->proc_size = len;
    f->writable = 0;
    f->readable = (flags & O_ACCMODE) != O_WRONLY;
    f->flags = flags & O_ACCMODE;
    uint32_t size = strlen(path) + 12;
    f->proc_path = kmalloc(size);
    if (!f->proc_path) {
        file_put(f);
        return -ENOMEM;
    }
    if (!strncmp(path, "/proc/self/", 11))
        ksnprintf(f->proc_path, size, "/proc/%d/%s", current->pid, path + 11);
    else
        memcpy(f->proc_path, path, strlen(path) + 1);
    f->writable = procfs_writable(path) && (flags & O_ACCMODE) != O_RDONLY;
    *out = f;
    return 0;
}

/*
 * open(2): with O_CREAT a missing last name is made, as a regular file
 * with mode less the umask (O_EXCL: -EEXIST if it is there, even as a
 * symbolic link); a symbolic link to a missing name makes that name, as
 * on Linux.  Otherwise every symbolic link is followed, the last one too
 * unless O_NOFOLLOW.
 */
int file_open(struct inode *dir, const char *path, int flags, uint32_t mode, struct file **out)
{
    struct lookup res;
    int err;

    for (int links = 0; flags & O_CREAT; links++) {
        err = path_lookup_at(dir, path, LOOKUP_PARENT, &res);
        if (err == LOOKUP_PROC)
            return proc_open(res.proc, flags & ~O_CREAT, out);
        if (err)
            return err;
        if (!res.last)
            return -EISDIR;
        struct inode *inode = dir_lookup(res.inode, res.last, res.last_len);
        if (inode && (flags & O_EXCL))
            return -EEXIST;
        if (inode && S_ISLNK(inode->mode) && !(flags & O_NOFOLLOW)) {
            if (links == MAX_LINKS_FOLLOWED)
                return -ELOOP;
            dir = res.inode;            /* the link's target, from its directory */
            path = inode->target;
            continue;
        }
        if (inode)
            break;                      /* there: opened below */
        if (res.trailing_slash)
            return -EISDIR;
        if (res.inode->is_procfs)
            return -EACCES;
        err = tmpfs_create(res.inode, res.last, res.last_len,
                           S_IFREG | (mode & 07777 & ~current->fs->umask), &inode);
        if (err)
            return err;
        return file_open_inode(inode, flags & ~O_TRUNC, out);
    }
    err = path_lookup_at(dir, path, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &res);
    if (err == LOOKUP_PROC)
        return proc_open(res.proc, flags, out);
    if (err)
        return err;
    return file_open_inode(res.inode, flags, out);
}

/* The page of a regular file holding pos, with a reference, retrying
 * after reclaim (or the OOM killer) when memory is short; NULL with
 * -ENOMEM or -EIO in *err. */
static struct page *file_page(struct address_space *as, uint32_t index, int *err)
{
    enum pcache_source source;
    struct page *page = pcache_get(as, index, &source);

    while (!page && source == PCACHE_NOMEM && reclaim_or_oom(OOM_PAGECACHE_PAGE))
        page = pcache_get(as, index, &source);
    if (!page)
        *err = source == PCACHE_IO_ERROR ? -EIO : -ENOMEM;
    return page;
}

/* Copy between a user buffer and a regular file at pos through the
 * page cache: bytes copied, short where the buffer runs into unmapped
 * memory.  A written page with a place in its backing store goes there
 * at once (the boot archive's memory); any other is marked dirty, so
 * that it is written back should the file shrink into its seed again. */
static int regular_io(struct address_space *as, uint32_t pos, uint32_t user_buf, uint32_t len,
                      int write, uint32_t *done)
{
    *done = 0;
    while (*done < len) {
        uint32_t at = pos + *done;
        uint32_t in_page = at % PAGE_SIZE;
        uint32_t n = MIN(len - *done, PAGE_SIZE - in_page);
        int err;
        struct page *page = file_page(as, at / PAGE_SIZE, &err);
        if (!page)
            return err;
        char *kaddr = (char *)kmap(page) + in_page;    /* the copy may fault and sleep */
        uint32_t copied = write ? copy_from_user_partial(kaddr, user_buf + *done, n)
                                : copy_to_user_partial(user_buf + *done, kaddr, n);
        kunmap(page);
        if (write && pcache_page_backed(page))
            as->ops->writepage(as, page);
        else if (write)
            page->flags |= PG_dirty;    /* newer than its seed, if it gets one again */
        put_page(page);
        *done += copied;
        if (copied < n)
            return -EFAULT;
    }
    return 0;
}

static int regular_read(struct file *f, uint32_t user_buf, uint32_t len)
{
    struct address_space *as = f->inode->mapping;
    uint32_t done;

    if (f->offset >= as->size)
        return 0;
    len = MIN(len, as->size - (uint32_t)f->offset);
    int err = regular_io(as, (uint32_t)f->offset, user_buf, len, 0, &done);
    f->offset += done;
    return done ? (int)done : err;
}

/* A write past the end grows the file first; if fewer bytes could be
 * copied, it ends where they end. */
static int regular_write(struct file *f, uint32_t user_buf, uint32_t len)
{
    struct inode *inode = f->inode;
    struct address_space *as = inode->mapping;
    uint32_t old_size = as->size, done;
    int err;

    if (f->flags & O_APPEND)
        f->offset = old_size;
    if (!len)
        return 0;
    uint64_t end = f->offset + len;
    if (end > old_size && (err = tmpfs_truncate(inode, end)))
        return err;
    err = regular_io(as, (uint32_t)f->offset, user_buf, len, 1, &done);
    if (f->offset + done < end && end > old_size)
        tmpfs_truncate(inode, MAX(old_size, f->offset + done));    /* shrinking needs nothing */
    f->offset += done;
    inode_touch(inode, 1);
    return done ? (int)done : err;
}

int file_read_kernel(struct inode *inode, uint32_t offset, void *buf, uint32_t len)
{
    struct address_space *as = inode->mapping;
    uint32_t done = 0;

    if (offset >= as->size)
        return 0;
    len = MIN(len, as->size - offset);
    while (done < len) {
        uint32_t at = offset + done, n = MIN(len - done, PAGE_SIZE - at % PAGE_SIZE);
        int err;
        struct page *page = file_page(as, at / PAGE_SIZE, &err);
        if (!page)
            return err;
        char *va = kmap_atomic(page);
        memcpy((char *)buf + done, va + at % PAGE_SIZE, n);
        kunmap_atomic(va);
        put_page(page);
        done += n;
    }
    return done;
}

static int console_read(struct file *f, uint32_t user_buf, uint32_t len)
{
    int c;

    if (!len)
        return 0;
    while ((c = console_read_byte()) < 0) {
        if (f->flags & O_NONBLOCK)
            return -EAGAIN;
        if (signal_pending(current))
            return -ERESTARTSYS;        /* -EINTR, or run again after SA_RESTART's handler */
        sleep_on(console_wait_channel());   /* the COM1 interrupt wakes us */
    }
    char ch = (char)c;
    if (copy_to_user(user_buf, &ch, 1))
        return -EFAULT;
    return 1;
}

static int proc_read(struct file *f, uint32_t user_buf, uint32_t len)
{
    char live[16];
    int live_len = f->writable ? procfs_read_live(f->proc_path, live, sizeof(live)) : -1;
    const char *text = live_len >= 0 ? live : f->proc_text;
    uint32_t size = live_len >= 0 ? (uint32_t)live_len : f->proc_size;

    if (!text)
        return -EINVAL;                 /* a file only to write to, as on Linux */
    if (f->offset >= size)
        return 0;
    uint32_t copied = copy_to_user_partial(user_buf, text + f->offset,
                                           MIN(len, size - (uint32_t)f->offset));
    f->offset += copied;
    return copied || !len ? (int)copied : -EFAULT;
}

/* /dev/zero reads zeros, /dev/urandom the kernel's generator's bytes
 * (the same as getrandom: deterministic, so tests repeat). */
static int fill_read(uint32_t user_buf, uint32_t len, int random)
{
    uint8_t buf[64];
    uint32_t done = 0;

    while (done < len) {
        uint32_t n = MIN(len - done, sizeof(buf));
        for (uint32_t i = 0; i < n; i++)
            buf[i] = random ? random_byte() : 0;
        uint32_t copied = copy_to_user_partial(user_buf + done, buf, n);
        done += copied;
        if (copied < n)
            return done ? (int)done : -EFAULT;
    }
    return done;
}

int file_read(struct file *f, uint32_t user_buf, uint32_t len)
{
    if (!f->readable)
        return -EBADF;
    if (!user_range_ok(user_buf, len))
        return -EFAULT;
    switch (f->type) {
    case FILE_CONSOLE: return console_read(f, user_buf, len);
    case FILE_REGULAR: return regular_read(f, user_buf, len);
    case FILE_PIPE_READ: return pipe_read(f->pipe, user_buf, len, f->flags & O_NONBLOCK);
    case FILE_PROC: return proc_read(f, user_buf, len);
    case FILE_NULL: return 0;
    case FILE_ZERO: case FILE_FULL: return fill_read(user_buf, len, 0);
    case FILE_RANDOM: return fill_read(user_buf, len, 1);
    case FILE_DIR: case FILE_PROC_DIR: return -EISDIR;
    default: return -EINVAL;
    }
}

/* A write to a /proc file: its first PROC_WRITE_MAX bytes go to the
 * file's handler (procfs_write), which acts on them at once. */
static int proc_write(struct file *f, uint32_t user_buf, uint32_t len)
{
    char buf[PROC_WRITE_MAX + 1];
    uint32_t n = MIN(len, PROC_WRITE_MAX);

    if (copy_from_user(buf, user_buf, n))
        return -EFAULT;
    buf[n] = 0;
    int err = procfs_write(f->proc_path, buf);
    return err < 0 ? err : (int)len;
}

/* Console and /dev/kmsg writes copy through a small bounce buffer. */
static int write_out(uint32_t user_buf, uint32_t len, void (*out)(const char *, size_t))
{
    char buf[128];
    uint32_t done = 0;

    while (done < len) {
        uint32_t n = MIN(len - done, sizeof(buf));
        uint32_t copied = copy_from_user_partial(buf, user_buf + done, n);
        out(buf, copied);
        done += copied;
        if (copied < n)
            return done ? (int)done : -EFAULT;
    }
    return done;
}

int file_write(struct file *f, uint32_t user_buf, uint32_t len)
{
    if (!f->writable)
        return -EBADF;
    if (!user_range_ok(user_buf, len))
        return -EFAULT;
    switch (f->type) {
    case FILE_CONSOLE: return write_out(user_buf, len, console_write);
    case FILE_KMSG: return kmsg_write(user_buf, len);
    case FILE_REGULAR: return regular_write(f, user_buf, len);
    case FILE_PIPE_WRITE: return pipe_write(f->pipe, user_buf, len, f->flags & O_NONBLOCK);
    case FILE_PROC: return proc_write(f, user_buf, len);
    case FILE_NULL: case FILE_ZERO: case FILE_RANDOM: return len;
    case FILE_FULL: return -ENOSPC;
    default: return -EBADF;
    }
}

int file_poll(struct file *f)
{
    int mask = (f->readable ? POLLIN : 0) | (f->writable ? POLLOUT : 0);

    switch (f->type) {
    case FILE_PIPE_READ: return pipe_poll(f->pipe, 0);
    case FILE_PIPE_WRITE: return pipe_poll(f->pipe, 1);
    case FILE_CONSOLE: return (console_input_ready() ? POLLIN : 0) | POLLOUT;
    default: return mask;               /* files, /proc and devices never block */
    }
}

#define SEEK_DATA 3
#define SEEK_HOLE 4

/*
 * lseek: regular files, directories (to an entry number) and /proc texts
 * (which have no end, as on Linux).  SEEK_DATA and SEEK_HOLE see a file
 * as data from 0 to its size (Linux's generic answer) and -ENXIO past
 * it.  Devices that read endlessly accept any offset and stay at 0; a
 * pipe or the console is -ESPIPE.  An unknown whence is -EINVAL first.
 */
int file_lseek(struct file *f, int64_t offset, int whence, uint64_t *result)
{
    int64_t base;

    if (whence < 0 || whence > SEEK_HOLE)
        return -EINVAL;
    switch (f->type) {
    case FILE_REGULAR: case FILE_PROC: case FILE_DIR: case FILE_PROC_DIR: break;
    case FILE_NULL: case FILE_ZERO: case FILE_FULL: case FILE_RANDOM:
        *result = f->offset = 0;
        return 0;
    default: return -ESPIPE;
    }
    if (whence >= SEEK_DATA) {
        if (f->type != FILE_REGULAR)
            return -EINVAL;
        uint64_t size = f->inode->mapping->size;
        if ((uint64_t)offset >= size)
            return -ENXIO;
        f->offset = whence == SEEK_DATA ? (uint64_t)offset : size;
        *result = f->offset;
        return 0;
    }
    switch (whence) {
    case 0: base = 0; break;
    case 1: base = f->offset; break;
    default:
        if (f->type != FILE_REGULAR)
            return -EINVAL;
        base = f->inode->mapping->size;
        break;
    }
    if (base + offset < 0)
        return -EINVAL;
    f->offset = (uint64_t)(base + offset);
    *result = f->offset;
    return 0;
}

/* Linux i386 struct stat64 field offsets. */
#define ST_DEV      0
#define ST_INO32    12
#define ST_MODE     16
#define ST_NLINK    20
#define ST_RDEV     32
#define ST_SIZE     44
#define ST_BLKSIZE  52
#define ST_BLOCKS   56
#define ST_ATIME    64
#define ST_MTIME    72
#define ST_CTIME    80
#define ST_INO64    88

static void put32(uint8_t *st, uint32_t at, uint32_t v)
{
    memcpy(st + at, &v, 4);
}

/* The fields every file has: its type and permissions, size, links. */
static void stat_fill(uint8_t st[96], uint32_t mode, uint32_t size, uint32_t ino, uint32_t nlink)
{
    memset(st, 0, 96);
    put32(st, ST_INO32, ino);
    put32(st, ST_INO64, ino);
    put32(st, ST_MODE, mode);
    put32(st, ST_NLINK, nlink);
    put32(st, ST_SIZE, size);
    put32(st, ST_BLKSIZE, PAGE_SIZE);
    put32(st, ST_BLOCKS, (size + 511) / 512);
}

void inode_stat64(const struct inode *inode, uint8_t st[96])
{
    uint32_t size = S_ISDIR(inode->mode) ? (inode->nr_entries + 2) * 20 : inode_size(inode);

    stat_fill(st, inode->mode, size, inode->ino, inode->nlink);
    put32(st, ST_DEV, 0x02);            /* 00:02, as /proc/PID/maps shows it */
    put32(st, ST_RDEV, inode->rdev);
    put32(st, ST_ATIME, inode->atime);
    put32(st, ST_MTIME, inode->mtime);
    put32(st, ST_CTIME, inode->ctime);
    put32(st, ST_BLOCKS, S_ISREG(inode->mode) ? shmem_nr_held_pages(inode->mapping) * (PAGE_SIZE / 512) : 0);
}

int proc_stat64(const char *path, uint8_t st[96])
{
    int mode = procfs_stat_mode(path);

    if (mode < 0)
        return mode;
    stat_fill(st, mode, 0, procfs_ino(path), S_ISDIR(mode) ? 2 : 1);
    put32(st, ST_DEV, 0x04);            /* proc: 0:4 */
    uint32_t now = (uint32_t)time_seconds();    /* made up as it is looked at */
    put32(st, ST_ATIME, now);
    put32(st, ST_MTIME, now);
    put32(st, ST_CTIME, now);
    return 0;
}

void file_stat64(struct file *f, uint8_t st[96])
{
    if (f->inode) {
        inode_stat64(f->inode, st);
        return;
    }
    switch (f->type) {
    case FILE_PIPE_READ:
    case FILE_PIPE_WRITE:
        stat_fill(st, S_IFIFO | 0600, 0, 0, 1);
        break;
    case FILE_PROC:                     /* a read-only regular file of size 0, as on Linux */
        stat_fill(st, S_IFREG | 0444, 0, 0, 1);
        break;
    case FILE_PROC_DIR:
        proc_stat64(f->proc_path, st);
        break;
    default:                            /* the console opened at boot */
        stat_fill(st, S_IFCHR | 0620, 0, 0, 1);
        put32(st, ST_RDEV, DEV_CONSOLE);
    }
}

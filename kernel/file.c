/*
 * file.c - reading and writing open files.  Ramdisk file data goes
 * through the page cache, so read() and write() see exactly what file
 * mappings see.  Console reads block until a byte arrives; pipe reads
 * block until data or end of file; pipe writes to a pipe with no reader
 * fail with -EPIPE.
 */
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/kmsg.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/procfs.h"
#include "kernel/ramdisk.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "mm/buddy.h"
#include "mm/kmalloc.h"
#include "mm/pagecache.h"
#include "mm/oom_kill.h"

#define PIPE_SIZE 2048
#define O_ACCMODE 3
#define O_RDONLY  0
#define O_WRONLY  1
#define O_RDWR    2
#define O_CREAT   0100
#define O_EXCL    0200
#define O_TRUNC   01000

/*
 * Readers wait for data on &p->head, writers for room on &p->tail, so a
 * writer that finds the pipe full never wakes another writer (two of
 * them would wake each other forever, inside the kernel).
 */
struct pipe {
    char buf[PIPE_SIZE];
    uint32_t head, tail;        /* bytes in [tail, head) */
    int readers, writers;
};

static struct file *file_new(enum file_type type)
{
    struct file *f = kzalloc(sizeof(*f));
    if (f) {
        f->type = type;
        f->refcount = 1;
        f->readable = 1;
        f->writable = 1;
    }
    return f;
}

struct file *file_open_console(void)
{
    return file_new(FILE_CONSOLE);
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
    if (f->type == FILE_PIPE_READ || f->type == FILE_PIPE_WRITE) {
        struct pipe *p = f->pipe;
        if (f->type == FILE_PIPE_READ)
            p->readers--;
        else
            p->writers--;
        wakeup(&p->head);
        wakeup(&p->tail);
        if (!p->readers && !p->writers)
            kfree(p);
    }
    if (f->type == FILE_RAMDISK && f->writable)
        rd_put_write_access(f->rd);
    kfree(f->proc_text);
    kfree(f->proc_path);
    kfree(f);
}

/*
 * Open a ramdisk file.  Files cannot be created or truncated yet, so
 * those requests fail as on a read-only Linux file system: -EROFS,
 * except that O_CREAT|O_EXCL on a file that exists is -EEXIST and
 * O_CREAT alone opens it.  A file being executed cannot be opened for
 * writing (-ETXTBSY).  A name past NAME_MAX is -ENAMETOOLONG.  The
 * access mode works as on Linux, 3 included: it allows neither read()
 * nor write().
 */
static int ramdisk_open(const char *path, int flags, struct file **out)
{
    struct rd_file *rd = ramdisk_lookup(path);
    int acc = flags & O_ACCMODE;
    const char *name = path;

    for (const char *p = path; *p; p++)
        if (*p == '/')
            name = p + 1;
    if (strlen(name) > RAMDISK_NAME_MAX)
        return -ENAMETOOLONG;           /* a name longer than NAME_MAX, as on Linux */
    if (!rd)
        return (flags & O_CREAT) ? -EROFS : -ENOENT;
    if ((flags & O_CREAT) && (flags & O_EXCL))
        return -EEXIST;
    if (flags & O_TRUNC)
        return -EROFS;
    int writable = acc == O_WRONLY || acc == O_RDWR;
    if (writable && rd_get_write_access(rd))
        return -ETXTBSY;
    struct file *f = file_new(FILE_RAMDISK);
    if (!f) {
        if (writable)
            rd_put_write_access(rd);
        return -ENOMEM;
    }
    f->rd = rd;
    f->readable = acc == O_RDONLY || acc == O_RDWR;
    f->writable = writable;
    *out = f;
    return 0;
}

int file_open(const char *path, int flags, struct file **out)
{
    struct file *f;

    if (!strcmp(path, "/dev/kmsg")) {
        f = file_new(FILE_KMSG);
    } else if (!strcmp(path, "/dev/console") || !strcmp(path, "/dev/tty")) {
        f = file_new(FILE_CONSOLE);
    } else if (procfs_is_proc_path(path)) {
        char *text;
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
        if (procfs_writable(path) && (flags & O_ACCMODE) != O_RDONLY) {
            /* kept with "self" made the opener's pid: the open file is
             * about the opener, whoever writes to it later (as on Linux) */
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
            f->writable = 1;
        }
    } else {
        return ramdisk_open(path, flags, out);
    }
    if (!f)
        return -ENOMEM;
    *out = f;
    return 0;
}

/* Copy between a user buffer and a ramdisk file through the page cache.
 * A buffer that runs into unmapped memory ends the copy there. */
static int ramdisk_io(struct file *f, uint32_t user_buf, uint32_t len, int write)
{
    struct rd_file *rd = f->rd;
    uint32_t done = 0;

    if (f->offset >= rd->size)
        return 0;
    len = MIN(len, rd->size - f->offset);
    while (done < len) {
        uint32_t pos = f->offset + done;
        uint32_t in_page = pos % PAGE_SIZE;
        uint32_t n = MIN(len - done, PAGE_SIZE - in_page);
        enum pcache_source source;
        struct page *page = pcache_get(&rd->mapping, pos / PAGE_SIZE, &source);
        while (!page && source == PCACHE_NOMEM && reclaim_or_oom(OOM_PAGECACHE_PAGE))
            page = pcache_get(&rd->mapping, pos / PAGE_SIZE, &source);
        if (!page)
            return done ? (int)done : -ENOMEM;
        char *kaddr = (char *)page_address(page) + in_page;
        uint32_t copied = write ? copy_from_user_partial(kaddr, user_buf + done, n)
                                : copy_to_user_partial(user_buf + done, kaddr, n);
        if (write)
            memcpy(rd->data + pos, kaddr, copied);  /* write through to the file */
        put_page(page);
        done += copied;
        if (copied < n)
            break;
    }
    f->offset += done;
    return done || !len ? (int)done : -EFAULT;
}

static int console_read(uint32_t user_buf, uint32_t len)
{
    int c;

    if (!len)
        return 0;
    while ((c = console_read_byte()) < 0) {
        if (signal_pending(current))
            return -ERESTARTSYS;        /* -EINTR, or run again after SA_RESTART's handler */
        sleep_on(console_wait_channel());   /* the COM1 interrupt wakes us */
    }
    char ch = (char)c;
    if (copy_to_user(user_buf, &ch, 1))
        return -EFAULT;
    return 1;
}

static int pipe_read(struct pipe *p, uint32_t user_buf, uint32_t len)
{
    while (p->head == p->tail) {
        if (!p->writers)
            return 0;
        if (signal_pending(current))
            return -ERESTARTSYS;
        sleep_on(&p->head);
    }
    uint32_t n = 0;
    while (n < len && p->tail != p->head) {
        char c = p->buf[p->tail % PIPE_SIZE];
        if (copy_to_user(user_buf + n, &c, 1))
            return n ? (int)n : -EFAULT;
        p->tail++;
        n++;
    }
    wakeup(&p->tail);
    return n;
}

static int pipe_write(struct pipe *p, uint32_t user_buf, uint32_t len)
{
    uint32_t n = 0;

    while (n < len) {
        if (!p->readers) {
            struct ksiginfo info = { .code = SI_USER, .pid = current->pid, .thread = 1 };
            send_signal(current, SIGPIPE, &info);   /* it kills unless caught or ignored */
            return n ? (int)n : -EPIPE;
        }
        if (p->head - p->tail == PIPE_SIZE) {
            wakeup(&p->head);
            if (signal_pending(current))
                return n ? (int)n : -ERESTARTSYS;
            sleep_on(&p->tail);
            continue;
        }
        char c;
        if (copy_from_user(&c, user_buf + n, 1))
            return n ? (int)n : -EFAULT;
        p->buf[p->head++ % PIPE_SIZE] = c;
        n++;
    }
    wakeup(&p->head);
    return n;
}

static int proc_read(struct file *f, uint32_t user_buf, uint32_t len)
{
    char live[16];
    int live_len = f->proc_path ? procfs_read_live(f->proc_path, live, sizeof(live)) : -1;
    const char *text = live_len >= 0 ? live : f->proc_text;
    uint32_t size = live_len >= 0 ? (uint32_t)live_len : f->proc_size;

    if (!text)
        return -EINVAL;                 /* a file only to write to, as on Linux */
    if (f->offset >= size)
        return 0;
    uint32_t copied = copy_to_user_partial(user_buf, text + f->offset, MIN(len, size - f->offset));
    f->offset += copied;
    return copied || !len ? (int)copied : -EFAULT;
}

int file_read(struct file *f, uint32_t user_buf, uint32_t len)
{
    if (!f->readable)
        return -EBADF;
    if (!user_range_ok(user_buf, len))
        return -EFAULT;
    switch (f->type) {
    case FILE_CONSOLE: return console_read(user_buf, len);
    case FILE_RAMDISK: return ramdisk_io(f, user_buf, len, 0);
    case FILE_PIPE_READ: return pipe_read(f->pipe, user_buf, len);
    case FILE_PROC: return proc_read(f, user_buf, len);
    default: return -EBADF;
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
    case FILE_RAMDISK: return ramdisk_io(f, user_buf, len, 1);
    case FILE_PIPE_WRITE: return pipe_write(f->pipe, user_buf, len);
    case FILE_PROC: return proc_write(f, user_buf, len);
    default: return -EBADF;
    }
}

int file_lseek(struct file *f, int32_t offset, int whence, uint32_t *result)
{
    int64_t base;

    if (f->type != FILE_RAMDISK && f->type != FILE_PROC)
        return -ESPIPE;
    switch (whence) {
    case 0: base = 0; break;
    case 1: base = f->offset; break;
    case 2:                             /* /proc texts have no size, as on Linux */
        if (f->type == FILE_PROC)
            return -EINVAL;
        base = f->rd->size;
        break;
    default: return -EINVAL;
    }
    if (base + offset < 0)
        return -EINVAL;
    f->offset = (uint32_t)(base + offset);
    *result = f->offset;
    return 0;
}

int file_pipe(struct file **read_end, struct file **write_end)
{
    struct pipe *p = kzalloc(sizeof(*p));
    struct file *r = file_new(FILE_PIPE_READ), *w = file_new(FILE_PIPE_WRITE);

    if (!p || !r || !w) {
        kfree(p);
        kfree(r);
        kfree(w);
        return -ENOMEM;
    }
    p->readers = p->writers = 1;
    r->pipe = w->pipe = p;
    r->writable = 0;
    w->readable = 0;
    *read_end = r;
    *write_end = w;
    return 0;
}

/* Linux i386 struct stat64 field offsets. */
#define ST_DEV      0
#define ST_INO32    12
#define ST_MODE     16
#define ST_NLINK    20
#define ST_SIZE     44
#define ST_BLKSIZE  52
#define ST_BLOCKS   56
#define ST_INO64    88

void file_stat64(struct file *f, uint8_t st[96])
{
    uint32_t mode, size = 0, ino = 0;

    memset(st, 0, 96);
    switch (f->type) {
    case FILE_RAMDISK:
        mode = f->rd->mode;
        size = f->rd->size;
        ino = f->rd->ino;
        break;
    case FILE_PIPE_READ:
    case FILE_PIPE_WRITE:
        mode = 0010600;                 /* S_IFIFO */
        break;
    case FILE_PROC:
        mode = 0100444;                 /* a read-only regular file of size 0, as on Linux */
        break;
    default:
        mode = 0020620;                 /* S_IFCHR: a terminal-like device */
    }
    memcpy(st + ST_INO32, &ino, 4);
    memcpy(st + ST_MODE, &mode, 4);
    uint32_t one = 1, blksize = PAGE_SIZE, blocks = (size + 511) / 512;
    memcpy(st + ST_NLINK, &one, 4);
    memcpy(st + ST_SIZE, &size, 4);
    memcpy(st + ST_BLKSIZE, &blksize, 4);
    memcpy(st + ST_BLOCKS, &blocks, 4);
    memcpy(st + ST_INO64, &ino, 4);
}

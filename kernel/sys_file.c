/*
 * sys_file.c - the system calls on file descriptors.  Every descriptor
 * is an index into current->files->fd, with its close-on-exec flag
 * beside it in current->files->cloexec; a bad one is -EBADF.  The calls
 * that take a path are in kernel/sys_fs.c.
 *
 * Threads share one table (CLONE_FILES), so a call that sleeps with a
 * file in hand may see another thread close its descriptor meanwhile.
 * fd_file then holds a reference on the file until the call returns
 * (Linux's fdget), and the file lives on until then.
 */
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/lib.h"
#include "kernel/pipe.h"
#include "kernel/procfs.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/tmpfs.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"
#include "mm/memlayout.h"
#include "mm/pagecache.h"

struct file *fd_file(uint32_t fd)
{
    struct file *f = fd < NR_OPEN ? current->files->fd[fd] : 0;

    if (!f || current->files->refs == 1)
        return f;                       /* nobody else can close it */
    for (int i = 0; i < current->nr_held_files; i++)
        if (current->held_files[i] == f)
            return f;
    if (current->nr_held_files == NR_OPEN)
        return 0;                       /* a call that kept finding new files: -EBADF */
    current->held_files[current->nr_held_files++] = file_dup(f);
    return f;
}

void fd_release_held(void)
{
    while (current->nr_held_files > 0)
        file_put(current->held_files[--current->nr_held_files]);
}

struct files_table *files_table_copy(const struct files_table *from)
{
    struct files_table *ft = kzalloc(sizeof(*ft));

    if (!ft)
        return 0;
    ft->refs = 1;
    for (int fd = 0; from && fd < NR_OPEN; fd++)
        if (from->fd[fd]) {
            ft->fd[fd] = file_dup(from->fd[fd]);
            ft->cloexec[fd] = from->cloexec[fd];
        }
    return ft;
}

void files_table_put(struct files_table *ft)
{
    KASSERT(ft->refs > 0);
    if (--ft->refs)
        return;
    for (int fd = 0; fd < NR_OPEN; fd++)
        if (ft->fd[fd])
            file_put(ft->fd[fd]);
    kfree(ft);
}

int fd_install_from(struct file *f, uint32_t lowest, int cloexec)
{
    for (uint32_t fd = lowest; fd < NR_OPEN; fd++)
        if (!current->files->fd[fd]) {
            current->files->fd[fd] = f;
            current->files->cloexec[fd] = !!cloexec;
            return fd;
        }
    return -EMFILE;
}

static void fd_close(uint32_t fd)
{
    struct file *f = current->files->fd[fd];

    current->files->fd[fd] = 0;
    current->files->cloexec[fd] = 0;
    file_put(f);
}

void fd_close_on_exec(void)
{
    for (uint32_t fd = 0; fd < NR_OPEN; fd++)
        if (current->files->fd[fd] && current->files->cloexec[fd])
            fd_close(fd);
}

SYSCALL(sys_read)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    return f ? file_read(f, a2, a3) : -EBADF;
}

SYSCALL(sys_write)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    return f ? file_write(f, a2, a3) : -EBADF;
}

/* readv and writev: each buffer in turn, stopping at a short one. */
static int do_iov(uint32_t fd, uint32_t iov_addr, uint32_t count,
                  int (*io)(struct file *, uint32_t, uint32_t))
{
    struct file *f = fd_file(fd);
    uint32_t total = 0;

    if (!f)
        return -EBADF;
    if ((int)count < 0 || count > 1024)
        return -EINVAL;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t iov[2];
        if (copy_from_user(iov, iov_addr + i * 8, 8))
            return total ? (int)total : -EFAULT;
        if ((int)iov[1] < 0 || total + iov[1] > 0x7FFFFFFFu)
            return total ? (int)total : -EINVAL;
        int n = io(f, iov[0], iov[1]);
        if (n < 0)
            return total ? (int)total : n;
        total += n;
        if ((uint32_t)n < iov[1])
            break;
    }
    return total;
}

SYSCALL(sys_readv) { UNUSED_ARGS6; return do_iov(a1, a2, a3, file_read); }
SYSCALL(sys_writev) { UNUSED_ARGS6; return do_iov(a1, a2, a3, file_write); }

/* pread64 and pwrite64: at a 64-bit offset (a4 low, a5 high), leaving
 * the file's own offset alone. */
static int do_pio(uint32_t fd, uint32_t buf, uint32_t len, uint64_t pos,
                  int (*io)(struct file *, uint32_t, uint32_t))
{
    struct file *f = fd_file(fd);

    if (!f)
        return -EBADF;
    if (f->type != FILE_REGULAR)
        return f->type == FILE_DIR ? -EISDIR : -ESPIPE;
    if ((int64_t)pos < 0)
        return -EINVAL;
    uint64_t saved = f->offset;
    f->offset = pos;                    /* with O_APPEND a write still appends, as on Linux */
    int n = io(f, buf, len);
    f->offset = saved;
    return n;
}

SYSCALL(sys_pread64)
{
    UNUSED_ARGS6;
    return do_pio(a1, a2, a3, (uint64_t)a5 << 32 | a4, file_read);
}

SYSCALL(sys_pwrite64)
{
    UNUSED_ARGS6;
    return do_pio(a1, a2, a3, (uint64_t)a5 << 32 | a4, file_write);
}

SYSCALL(sys_close)
{
    UNUSED_ARGS6;
    if (!fd_file(a1))
        return -EBADF;
    fd_close(a1);
    return 0;
}

SYSCALL(sys_dup)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    if (!f)
        return -EBADF;
    int fd = fd_install_from(f, 0, 0);
    if (fd >= 0)
        file_dup(f);
    return fd;
}

/* dup3: newfd becomes a copy of oldfd (closing what it was), with
 * O_CLOEXEC as its only flag; the same descriptor twice is -EINVAL. */
SYSCALL(sys_dup3)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);

    if ((a3 & ~O_CLOEXEC) || a1 == a2)  /* in Linux's order */
        return -EINVAL;
    if (a2 >= NR_OPEN || !f)
        return -EBADF;
    file_dup(f);
    if (current->files->fd[a2])
        fd_close(a2);
    current->files->fd[a2] = f;
    current->files->cloexec[a2] = !!(a3 & O_CLOEXEC);
    return a2;
}

SYSCALL(sys_dup2)
{
    UNUSED_ARGS6;
    if (a1 == a2)
        return fd_file(a1) ? (int)a2 : -EBADF;
    return sys_dup3(a1, a2, 0, 0, 0, 0);
}

#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC      1
#define SETFL_MASK      (O_APPEND | O_NONBLOCK)

/* fcntl and fcntl64: descriptor flags and status flags.  Record locks
 * are not kept, so their commands are -EINVAL, as for any unknown one. */
SYSCALL(sys_fcntl64)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    int fd;

    if (!f)
        return -EBADF;
    switch (a2) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (a3 >= NR_OPEN)
            return -EINVAL;
        fd = fd_install_from(f, a3, a2 == F_DUPFD_CLOEXEC);
        if (fd >= 0)
            file_dup(f);
        return fd;
    case F_GETFD:
        return current->files->cloexec[a1] ? FD_CLOEXEC : 0;
    case F_SETFD:
        current->files->cloexec[a1] = a3 & FD_CLOEXEC;
        return 0;
    case F_GETFL:
        return f->flags;
    case F_SETFL:
        f->flags = (f->flags & ~SETFL_MASK) | (a3 & SETFL_MASK);
        return 0;
    default:
        return -EINVAL;
    }
}

/* lseek, with the 32-bit result Linux checks: -EOVERFLOW past 2 GiB
 * (the offset has moved all the same, as on Linux i386). */
SYSCALL(sys_lseek)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    uint64_t pos;

    if (!f)
        return -EBADF;
    int err = file_lseek(f, (int32_t)a2, (int)a3, &pos);
    if (!err && pos > 0x7FFFFFFF)
        return -EOVERFLOW;
    return err ? err : (int)pos;
}

/* _llseek(fd, offset_high, offset_low, loff_t *result, whence). */
SYSCALL(sys_llseek)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    uint64_t pos;

    if (!f)
        return -EBADF;
    int err = file_lseek(f, (int64_t)((uint64_t)a2 << 32 | a3), (int)a5, &pos);
    if (err)
        return err;
    return copy_to_user(a4, &pos, sizeof(pos));
}

/* pipe2: flags O_CLOEXEC and O_NONBLOCK, for both ends. */
SYSCALL(sys_pipe2)
{
    UNUSED_ARGS6;
    struct file *r, *w;
    int fds[2];

    if (a2 & ~(O_CLOEXEC | O_NONBLOCK))
        return -EINVAL;
    int err = pipe_create(&r, &w);
    if (err)
        return err;
    r->flags |= a2 & O_NONBLOCK;
    w->flags |= a2 & O_NONBLOCK;
    fds[0] = fd_install_from(r, 0, a2 & O_CLOEXEC);
    fds[1] = fds[0] >= 0 ? fd_install_from(w, 0, a2 & O_CLOEXEC) : -EMFILE;
    if (fds[1] < 0) {
        if (fds[0] >= 0)
            current->files->fd[fds[0]] = 0;
        file_put(r);
        file_put(w);
        return -EMFILE;
    }
    if (copy_to_user(a1, fds, sizeof(fds))) {
        fd_close(fds[0]);
        fd_close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

SYSCALL(sys_pipe) { UNUSED_ARGS6; return sys_pipe2(a1, 0, 0, 0, 0, 0); }

SYSCALL(sys_fstat64)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    uint8_t st[96];

    if (!f)
        return -EBADF;
    file_stat64(f, st);
    return copy_to_user(a2, st, sizeof(st));
}

/* ftruncate and ftruncate64 (length in a2, and a3 high): a regular
 * file open for writing, else -EINVAL as on Linux. */
static int do_ftruncate(uint32_t fd, int64_t length)
{
    struct file *f = fd_file(fd);

    if (!f)
        return -EBADF;
    if (f->type != FILE_REGULAR || !f->writable || length < 0)
        return -EINVAL;
    return tmpfs_truncate(f->inode, (uint64_t)length);
}

SYSCALL(sys_ftruncate) { UNUSED_ARGS6; return do_ftruncate(a1, (int32_t)a2); }

SYSCALL(sys_ftruncate64)
{
    UNUSED_ARGS6;
    return do_ftruncate(a1, (int64_t)((uint64_t)a3 << 32 | a2));
}

/* sync, fsync, fdatasync: files live in memory, so there is nothing to
 * write; fsync of a pipe or the console is -EINVAL, as on Linux. */
SYSCALL(sys_sync) { UNUSED_ARGS6; return 0; }

SYSCALL(sys_fsync)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);

    if (!f)
        return -EBADF;
    return f->type == FILE_PIPE_READ || f->type == FILE_PIPE_WRITE || f->type == FILE_CONSOLE
           ? -EINVAL : 0;
}

SYSCALL(sys_fchmod)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);

    if (!f)
        return -EBADF;
    if (!f->inode)
        return -EPERM;
    f->inode->mode = (f->inode->mode & S_IFMT) | (a2 & 07777);
    inode_touch(f->inode, 0);
    return 0;
}

/*
 * sendfile: copy count bytes of the regular file open as in_fd, from
 * *offset (which moves; the file's own offset does not) or from its
 * offset, to out_fd, through a kernel buffer that file_write takes as if
 * it were the user's.  Returns the bytes written, short when out_fd takes
 * fewer; Linux's errors: -EBADF for the wrong access modes, -EINVAL for
 * an in_fd that is not a regular file or an out_fd with O_APPEND.
 */
static int do_sendfile(uint32_t out_fd, uint32_t in_fd, uint64_t *offset, uint32_t count)
{
    struct file *out = fd_file(out_fd), *in = fd_file(in_fd);

    if (!out || !in || !in->readable || !out->writable)
        return -EBADF;
    if (in->type != FILE_REGULAR || (out->flags & O_APPEND))
        return -EINVAL;
    char *buf = kmalloc(PAGE_SIZE);
    if (!buf)
        return -ENOMEM;
    uint64_t pos = offset ? *offset : in->offset;
    uint32_t done = 0;
    int err = 0;
    count = MIN(count, 0x7FFFF000u);    /* Linux's limit on one transfer */
    while (done < count && pos < 0xFFFFFFFFu) {
        int n = file_read_kernel(in->inode, (uint32_t)pos, buf, MIN(count - done, PAGE_SIZE));
        if (n <= 0) {
            err = n;
            break;
        }
        current->uaccess_kernel = 1;
        int w = file_write(out, (uint32_t)buf, n);
        current->uaccess_kernel = 0;
        if (w <= 0) {
            err = w;
            break;
        }
        done += w;
        pos += w;
        if (w < n)
            break;
    }
    kfree(buf);
    if (offset)
        *offset = pos;
    else
        in->offset = pos;
    return done ? (int)done : err;
}

SYSCALL(sys_sendfile)
{
    UNUSED_ARGS6;
    uint32_t off32;
    uint64_t off;

    if (a3 && copy_from_user(&off32, a3, 4))
        return -EFAULT;
    off = off32;
    int n = do_sendfile(a1, a2, a3 ? &off : 0, a4);
    if (a3 && n >= 0 && (off32 = (uint32_t)off, copy_to_user(a3, &off32, 4)))
        return -EFAULT;
    return n;
}

SYSCALL(sys_sendfile64)
{
    UNUSED_ARGS6;
    uint64_t off;

    if (a3 && copy_from_user(&off, a3, 8))
        return -EFAULT;
    if (a3 && (int64_t)off < 0)
        return -EINVAL;
    int n = do_sendfile(a1, a2, a3 ? &off : 0, a4);
    if (a3 && n >= 0 && copy_to_user(a3, &off, 8))
        return -EFAULT;
    return n;
}

/* The user buffer getdents64 fills, one record at a time. */
struct dirent_buf {
    uint32_t user;
    uint32_t size, used;
    int err;
};


/*
 * One struct linux_dirent64: d_ino (8), d_off (8, the position after
 * it), d_reclen (2), d_type (1), the name and its NUL, padded to 8.
 * Returns 1 when it did not fit (the caller stops there).
 */
static int emit_dirent(void *ctx, const char *name, uint32_t ino, unsigned char type)
{
    struct dirent_buf *b = ctx;
    uint32_t len = strlen(name), reclen = (19 + len + 1 + 7) & ~7u;
    uint8_t rec[19 + NAME_MAX + 1 + 8];

    if (b->used + reclen > b->size) {
        if (!b->used)
            b->err = -EINVAL;           /* not even one fits */
        return 1;
    }
    memset(rec, 0, reclen);
    uint64_t ino64 = ino, off = 0;
    memcpy(rec, &ino64, 8);
    memcpy(rec + 8, &off, 8);           /* the caller fills in d_off */
    memcpy(rec + 16, &reclen, 2);
    rec[18] = type;
    memcpy(rec + 19, name, len);
    if (copy_to_user(b->user + b->used, rec, reclen)) {
        b->err = -EFAULT;
        return 1;
    }
    b->used += reclen;
    return 0;
}

/* Write d_off of the record just emitted at b->used - its length. */
static void set_doff(struct dirent_buf *b, uint32_t rec_start, uint64_t next)
{
    if (b->used > rec_start)
        copy_to_user(b->user + rec_start + 8, &next, 8);
}

/* A tmpfs directory: ".", "..", then its entries, oldest first.  The
 * offset is 0 or 1 for those two, else 2 + the pos of the next dentry
 * (tmpfs.h), so removing names already read skips none. */
static void read_tmpfs_dir(struct file *f, struct dirent_buf *b)
{
    struct inode *dir = f->inode;

    for (;;) {
        uint32_t pos = (uint32_t)f->offset, start = b->used, next = pos + 1;
        int full;
        if (pos == 0)
            full = emit_dirent(b, ".", dir->ino, DT_DIR);
        else if (pos == 1)
            full = emit_dirent(b, "..", dir->parent->ino, DT_DIR);
        else {
            struct dentry *d = tmpfs_dir_entry(dir, pos - 2);
            if (!d)
                return;
            full = emit_dirent(b, d->name, d->inode->ino, MODE_DT(d->inode->mode));
            next = d->pos + 3;
        }
        if (full)
            return;
        f->offset = next;
        set_doff(b, start, f->offset);
    }
}

/* procfs_readdir's emit: a record whose d_off is the position after it
 * (procfs moves the position once emit took the entry, so each d_off is
 * filled in at the next call, and the last one at the end). */
struct proc_dir_ctx {
    struct dirent_buf *b;
    uint32_t *pos;
    uint32_t last_start;                /* of the record waiting for its d_off */
    int waiting;
};

static int emit_proc_dirent(void *ctx, const char *name, uint32_t ino, unsigned char type)
{
    struct proc_dir_ctx *c = ctx;

    if (c->waiting)
        set_doff(c->b, c->last_start, *c->pos + 2);
    c->waiting = 0;
    uint32_t start = c->b->used;
    if (emit_dirent(c->b, name, ino, type))
        return 1;
    c->last_start = start;
    c->waiting = 1;
    return 0;
}

/* A directory of /proc: ".", "..", then what procfs lists; the offset
 * is 2 + procfs's position. */
static void read_proc_dir(struct file *f, const char *path, struct dirent_buf *b)
{
    uint32_t start = b->used;

    if (f->offset == 0 && !emit_dirent(b, ".", procfs_ino(path), DT_DIR))
        set_doff(b, start, ++f->offset);
    start = b->used;
    if (f->offset == 1 && !emit_dirent(b, "..", f->inode ? tmpfs_root()->ino : procfs_ino("/proc"), DT_DIR))
        set_doff(b, start, ++f->offset);
    if (f->offset < 2)
        return;
    uint32_t pos = (uint32_t)f->offset - 2;
    struct proc_dir_ctx c = { b, &pos, 0, 0 };
    procfs_readdir(path, &pos, emit_proc_dirent, &c);
    if (c.waiting)
        set_doff(b, c.last_start, pos + 2);
    f->offset = pos + 2;
}

SYSCALL(sys_getdents64)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    struct dirent_buf b = { a2, a3, 0, 0 };

    if (!f)
        return -EBADF;
    if (f->type != FILE_DIR && f->type != FILE_PROC_DIR)
        return -ENOTDIR;
    if (!user_range_ok(a2, a3))
        return -EFAULT;
    if (f->type == FILE_PROC_DIR)
        read_proc_dir(f, f->proc_path, &b);
    else if (f->inode->is_procfs)
        read_proc_dir(f, "/proc", &b);
    else
        read_tmpfs_dir(f, &b);
    return b.used ? (int)b.used : b.err;
}

#define TCGETS      0x5401
#define TCSETS      0x5402
#define TCSETSW     0x5403
#define TCSETSF     0x5404
#define TIOCGPGRP   0x540F
#define TIOCSPGRP   0x5410
#define TIOCGWINSZ  0x5413
#define FIONREAD    0x541B

/*
 * ioctl: the console answers the terminal requests that isatty(),
 * tcgetattr() and a shell make, with a fixed set of attributes (the
 * console line is not configurable), a 24x80 window and the foreground
 * process group (a shell's job control moves it); anything else,
 * and any file that is not a terminal, is -ENOTTY, as on Linux.
 */
SYSCALL(sys_ioctl)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    /* the kernel's struct termios: iflag ICRNL|IXON, oflag OPOST|ONLCR,
     * cflag B38400|CS8|CREAD, lflag ISIG|ICANON|ECHO|ECHOE|ECHOK|
     * ECHOCTL|ECHOKE|IEXTEN, line 0, then the 19 c_cc: ^C ^\ DEL ^U ^D,
     * VTIME 0, VMIN 1, 0, ^Q ^S ^Z, 0, ^R ^O ^W ^V, 0 0 0 */
    static const uint8_t termios[36] = {
        0x00, 0x05, 0, 0,  0x05, 0, 0, 0,  0xbf, 0, 0, 0,  0x3b, 0x8a, 0, 0,  0,
        3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0,
    };
    static const uint16_t winsize[4] = { 24, 80, 0, 0 };

    if (!f)
        return -EBADF;
    if (f->type != FILE_CONSOLE)
        return -ENOTTY;
    switch (a2) {
    case TCGETS: return copy_to_user(a3, termios, sizeof(termios));
    case TCSETS: case TCSETSW: case TCSETSF: return 0;
    case TIOCGWINSZ: return copy_to_user(a3, winsize, sizeof(winsize));
    case TIOCGPGRP: {
        int pgrp = console_fg_pgrp();
        return copy_to_user(a3, &pgrp, sizeof(pgrp));
    }
    case TIOCSPGRP: {
        int pgrp;
        return copy_from_user(&pgrp, a3, sizeof(pgrp)) ? -EFAULT : console_set_fg_pgrp(pgrp);
    }
    default: return -ENOTTY;
    }
}

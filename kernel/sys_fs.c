/*
 * sys_fs.c - the system calls that take a path: open, stat, access,
 * mkdir, rmdir, unlink, rename, link, symlink, readlink, chdir, getcwd,
 * chmod, truncate, utimensat, statfs, and their *at forms.  A path is
 * copied in whole (PATH_MAX bytes at most, else -ENAMETOOLONG) and
 * looked up in kernel/tmpfs.c; errors are Linux's.
 */
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/lib.h"
#include "kernel/procfs.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/tmpfs.h"
#include "kernel/uaccess.h"
#include "mm/buddy.h"
#include "mm/kmalloc.h"
#include "mm/memlayout.h"
#include "mm/vma.h"

#define AT_FDCWD            (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR        0x200
#define AT_SYMLINK_FOLLOW   0x400
#define AT_EMPTY_PATH       0x1000

/* Copy a user path into a new PATH_MAX buffer: 0 or -EFAULT,
 * -ENAMETOOLONG, -ENOMEM.  The caller kfrees *out. */
static int getname(uint32_t user, char **out)
{
    char *buf = kmalloc(PATH_MAX);

    if (!buf)
        return -ENOMEM;
    int len = strncpy_from_user(buf, user, PATH_MAX);
    if (len < 0) {
        kfree(buf);
        return len;
    }
    *out = buf;
    return 0;
}

/* Where a relative path of an *at call starts: NULL for AT_FDCWD (the
 * working directory), else the directory open as dirfd. */
static int at_dir(int dirfd, const char *path, struct inode **dir)
{
    *dir = 0;
    if (dirfd == AT_FDCWD || path[0] == '/')
        return 0;
    struct file *f = fd_file(dirfd);
    if (!f)
        return -EBADF;
    if (f->type != FILE_DIR)
        return -ENOTDIR;
    *dir = f->inode;
    return 0;
}

/* Look up a user path for an *at call: getname, at_dir, path_lookup_at.
 * The path buffer goes to *name (kfree it) on success or LOOKUP_PROC. */
static int lookup_user(int dirfd, uint32_t upath, int flags, struct lookup *res, char **name)
{
    struct inode *dir;
    int err = getname(upath, name);

    if (err)
        return err;
    err = **name ? at_dir(dirfd, *name, &dir) : -ENOENT;
    if (!err)
        err = path_lookup_at(dir, *name, flags, res);
    if (err < 0) {
        kfree(*name);
        *name = 0;
    }
    return err;
}

/* lookup_user for a lookup whose result needs no name from the path
 * (not LOOKUP_PARENT): the path is freed at once. */
static int lookup_path(int dirfd, uint32_t upath, int flags, struct lookup *res)
{
    char *path;
    int err = lookup_user(dirfd, upath, flags, res, &path);

    if (err >= 0)
        kfree(path);
    return err;
}

static int do_openat(int dirfd, uint32_t upath, uint32_t flags, uint32_t mode)
{
    char *path;
    struct inode *dir;
    struct file *f;
    int err = getname(upath, &path);

    if (err)
        return err;
    err = *path ? at_dir(dirfd, path, &dir) : -ENOENT;
    if (!err)
        err = file_open(dir, path, flags, mode, &f);
    kfree(path);
    if (err)
        return err;
    int fd = fd_install_from(f, 0, flags & O_CLOEXEC);
    if (fd < 0)
        file_put(f);
    return fd;
}

SYSCALL(sys_open) { UNUSED_ARGS6; return do_openat(AT_FDCWD, a1, a2, a3); }
SYSCALL(sys_openat) { UNUSED_ARGS6; return do_openat((int)a1, a2, a3, a4); }

SYSCALL(sys_creat)
{
    UNUSED_ARGS6;
    return do_openat(AT_FDCWD, a1, O_CREAT | O_WRONLY | O_TRUNC, a2);
}

static int do_stat(int dirfd, uint32_t upath, uint32_t ubuf, uint32_t flags)
{
    struct lookup res;
    uint8_t st[96];

    char first;

    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    if ((flags & AT_EMPTY_PATH) && !copy_from_user(&first, upath, 1) && !first)
        return sys_fstat64(dirfd, ubuf, 0, 0, 0, 0);    /* of the descriptor itself */
    int err = lookup_path(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &res);
    if (err < 0)
        return err;
    if (err == LOOKUP_PROC)
        err = proc_stat64(res.proc, st);
    else
        inode_stat64(res.inode, st);
    return err ? err : copy_to_user(ubuf, st, sizeof(st));
}

SYSCALL(sys_stat64) { UNUSED_ARGS6; return do_stat(AT_FDCWD, a1, a2, 0); }
SYSCALL(sys_lstat64) { UNUSED_ARGS6; return do_stat(AT_FDCWD, a1, a2, AT_SYMLINK_NOFOLLOW); }
SYSCALL(sys_fstatat64) { UNUSED_ARGS6; return do_stat((int)a1, a2, a3, a4); }

#define X_OK 1
#define W_OK 2
#define R_OK 4

/* access: everyone is root, so a file that exists may be read and
 * written; executing needs an x bit somewhere, as for root on Linux. */
static int do_access(int dirfd, uint32_t upath, uint32_t mode, uint32_t flags)
{
    struct lookup res;

    if (mode & ~(R_OK | W_OK | X_OK) || (flags & ~(AT_SYMLINK_NOFOLLOW | 0x200 | AT_EMPTY_PATH)))
        return -EINVAL;
    int err = lookup_path(dirfd, upath, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &res);
    if (err < 0)
        return err;
    if (err == LOOKUP_PROC)
        return (mode & X_OK) ? -EACCES : 0;
    if ((mode & X_OK) && !S_ISDIR(res.inode->mode) && !(res.inode->mode & 0111))
        return -EACCES;
    return 0;
}

SYSCALL(sys_access) { UNUSED_ARGS6; return do_access(AT_FDCWD, a1, a2, 0); }
SYSCALL(sys_faccessat) { UNUSED_ARGS6; return do_access((int)a1, a2, a3, 0); }
SYSCALL(sys_faccessat2) { UNUSED_ARGS6; return do_access((int)a1, a2, a3, a4); }

/* The parent lookup of the calls that make or remove a name.  /proc
 * takes no new names. */
static int lookup_parent(int dirfd, uint32_t upath, struct lookup *res, char **path)
{
    int err = lookup_user(dirfd, upath, LOOKUP_PARENT, res, path);

    if (err == LOOKUP_PROC) {
        kfree(*path);
        return -EACCES;
    }
    return err;
}

static int is_dot(const struct lookup *res)
{
    return res->last_len == 1 && res->last[0] == '.';
}

static int is_dotdot(const struct lookup *res)
{
    return res->last_len == 2 && res->last[0] == '.' && res->last[1] == '.';
}

static int do_mkdir(int dirfd, uint32_t upath, uint32_t mode)
{
    struct lookup res;
    struct inode *inode;
    char *path;
    int err = lookup_parent(dirfd, upath, &res, &path);

    if (err)
        return err;
    if (!res.last || dir_lookup(res.inode, res.last, res.last_len))
        err = -EEXIST;
    else
        err = tmpfs_create(res.inode, res.last, res.last_len,
                           S_IFDIR | (mode & 01777 & ~current->fs->umask), &inode);
    kfree(path);
    return err;
}

SYSCALL(sys_mkdir) { UNUSED_ARGS6; return do_mkdir(AT_FDCWD, a1, a2); }
SYSCALL(sys_mkdirat) { UNUSED_ARGS6; return do_mkdir((int)a1, a2, a3); }

/* unlink, or with rmdir set rmdir, of the last name of a path. */
static int do_remove(int dirfd, uint32_t upath, int rmdir)
{
    struct lookup res;
    char *path;
    int err = lookup_parent(dirfd, upath, &res, &path);

    if (err)
        return err;
    struct inode *victim = res.last ? dir_lookup(res.inode, res.last, res.last_len) : res.inode;
    if (!res.last)
        err = rmdir ? -EBUSY : -EISDIR;         /* "/" */
    else if (rmdir && is_dot(&res))
        err = -EINVAL;
    else if (rmdir && is_dotdot(&res))
        err = -ENOTEMPTY;
    else if (!victim)
        err = -ENOENT;
    else if (rmdir && !S_ISDIR(victim->mode))
        err = -ENOTDIR;
    else if (!rmdir && S_ISDIR(victim->mode))
        err = -EISDIR;
    else if (!rmdir && res.trailing_slash)
        err = -ENOTDIR;
    else
        err = rmdir ? tmpfs_rmdir(res.inode, res.last, res.last_len)
                    : tmpfs_unlink(res.inode, res.last, res.last_len);
    kfree(path);
    return err;
}

SYSCALL(sys_unlink) { UNUSED_ARGS6; return do_remove(AT_FDCWD, a1, 0); }
SYSCALL(sys_rmdir) { UNUSED_ARGS6; return do_remove(AT_FDCWD, a1, 1); }

SYSCALL(sys_unlinkat)
{
    UNUSED_ARGS6;
    if (a3 & ~AT_REMOVEDIR)
        return -EINVAL;
    return do_remove((int)a1, a2, a3 & AT_REMOVEDIR);
}

#define RENAME_NOREPLACE 1

static int do_rename(int olddirfd, uint32_t oldpath, int newdirfd, uint32_t newpath, uint32_t flags)
{
    struct lookup from, to;
    char *p1, *p2;

    if (flags & ~RENAME_NOREPLACE)
        return -EINVAL;
    int err = lookup_parent(olddirfd, oldpath, &from, &p1);
    if (err)
        return err;
    err = lookup_parent(newdirfd, newpath, &to, &p2);
    if (err) {
        kfree(p1);
        return err;
    }
    struct inode *src = from.last ? dir_lookup(from.inode, from.last, from.last_len) : 0;
    struct inode *dst = to.last ? dir_lookup(to.inode, to.last, to.last_len) : 0;
    if (!from.last || !to.last || is_dot(&from) || is_dotdot(&from) || is_dot(&to) || is_dotdot(&to))
        err = -EBUSY;
    else if (!src)
        err = -ENOENT;
    else if ((from.trailing_slash || to.trailing_slash) && !S_ISDIR(src->mode))
        err = -ENOTDIR;
    else if (dst && (flags & RENAME_NOREPLACE))
        err = -EEXIST;
    else
        err = tmpfs_rename(from.inode, from.last, from.last_len, to.inode, to.last, to.last_len);
    kfree(p1);
    kfree(p2);
    return err;
}

SYSCALL(sys_rename) { UNUSED_ARGS6; return do_rename(AT_FDCWD, a1, AT_FDCWD, a2, 0); }
SYSCALL(sys_renameat) { UNUSED_ARGS6; return do_rename((int)a1, a2, (int)a3, a4, 0); }
SYSCALL(sys_renameat2) { UNUSED_ARGS6; return do_rename((int)a1, a2, (int)a3, a4, a5); }

static int do_link(int olddirfd, uint32_t oldpath, int newdirfd, uint32_t newpath, uint32_t flags)
{
    struct lookup old, new;
    char *p1, *p2;

    if (flags & ~AT_SYMLINK_FOLLOW)
        return -EINVAL;
    int err = lookup_user(olddirfd, oldpath, flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0, &old, &p1);
    if (err == LOOKUP_PROC) {
        kfree(p1);
        return -EXDEV;                  /* another file system */
    }
    if (err)
        return err;
    err = lookup_parent(newdirfd, newpath, &new, &p2);
    if (err) {
        kfree(p1);
        return err;
    }
    if (S_ISDIR(old.inode->mode))
        err = -EPERM;
    else if (!new.last || dir_lookup(new.inode, new.last, new.last_len))
        err = -EEXIST;
    else
        err = tmpfs_link(new.inode, new.last, new.last_len, old.inode);
    kfree(p1);
    kfree(p2);
    return err;
}

SYSCALL(sys_link) { UNUSED_ARGS6; return do_link(AT_FDCWD, a1, AT_FDCWD, a2, 0); }
SYSCALL(sys_linkat) { UNUSED_ARGS6; return do_link((int)a1, a2, (int)a3, a4, a5); }

static int do_symlink(uint32_t utarget, int newdirfd, uint32_t newpath)
{
    struct lookup res;
    char *target, *path;
    int err = getname(utarget, &target);

    if (err)
        return err;
    err = lookup_parent(newdirfd, newpath, &res, &path);
    if (err) {
        kfree(target);
        return err;
    }
    if (!*target)
        err = -ENOENT;
    else if (!res.last || dir_lookup(res.inode, res.last, res.last_len))
        err = -EEXIST;
    else
        err = tmpfs_symlink(res.inode, res.last, res.last_len, target);
    kfree(target);
    kfree(path);
    return err;
}

SYSCALL(sys_symlink) { UNUSED_ARGS6; return do_symlink(a1, AT_FDCWD, a2); }
SYSCALL(sys_symlinkat) { UNUSED_ARGS6; return do_symlink(a1, (int)a2, a3); }

static int do_readlink(int dirfd, uint32_t upath, uint32_t ubuf, int32_t size)
{
    struct lookup res;
    char target[NAME_MAX + 64];
    int err = lookup_path(dirfd, upath, 0, &res);

    if (err < 0)
        return err;
    struct inode *link = err == LOOKUP_PROC ? 0 : res.inode;
    if (link)
        err = S_ISLNK(link->mode) ? 0 : -EINVAL;
    else
        err = MIN(procfs_readlink(res.proc, target, sizeof(target)), 0);
    if (err)
        return err;
    if (size <= 0)
        return -EINVAL;
    const char *text = link ? link->target : target;
    uint32_t n = MIN(strlen(text), (uint32_t)size);
    if (link)
        inode_get(link);                /* the copy may fault and sleep */
    err = copy_to_user(ubuf, text, n) ? -EFAULT : (int)n;
    if (link)
        inode_put(link);
    return err;
}

SYSCALL(sys_readlink) { UNUSED_ARGS6; return do_readlink(AT_FDCWD, a1, a2, (int32_t)a3); }
SYSCALL(sys_readlinkat) { UNUSED_ARGS6; return do_readlink((int)a1, a2, a3, (int32_t)a4); }

/* Make dir the working directory (a directory, else -ENOTDIR). */
static int set_cwd(struct inode *dir)
{
    if (!S_ISDIR(dir->mode))
        return -ENOTDIR;
    inode_get(dir);
    if (current->fs->cwd)
        inode_put(current->fs->cwd);
    current->fs->cwd = dir;
    return 0;
}

struct fs_context *fs_context_copy(const struct fs_context *from)
{
    struct fs_context *fs = kzalloc(sizeof(*fs));

    if (!fs)
        return 0;
    fs->refs = 1;
    fs->cwd = from->cwd;
    fs->umask = from->umask;
    if (fs->cwd)
        inode_get(fs->cwd);
    return fs;
}

void fs_context_put(struct fs_context *fs)
{
    KASSERT(fs->refs > 0);
    if (--fs->refs)
        return;
    if (fs->cwd)
        inode_put(fs->cwd);
    kfree(fs);
}

SYSCALL(sys_chdir)
{
    UNUSED_ARGS6;
    struct lookup res;
    int err = lookup_path(AT_FDCWD, a1, LOOKUP_FOLLOW, &res);

    if (err < 0)
        return err;
    if (err == LOOKUP_PROC)
        return -EACCES;                 /* a working directory inside /proc: not kept */
    return set_cwd(res.inode);
}

SYSCALL(sys_fchdir)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);

    if (!f)
        return -EBADF;
    return f->inode ? set_cwd(f->inode) : -ENOTDIR;
}

/* getcwd: the length with its NUL; -ERANGE if it does not fit, -ENOENT
 * if the directory was removed. */
SYSCALL(sys_getcwd)
{
    UNUSED_ARGS6;
    char *buf = kmalloc(PATH_MAX);

    if (!buf)
        return -ENOMEM;
    int err = inode_path(current->fs->cwd ? current->fs->cwd : tmpfs_root(), buf, PATH_MAX);
    uint32_t len = err ? 0 : strlen(buf) + 1;
    if (!err && len > a2)
        err = -ERANGE;
    if (!err && copy_to_user(a1, buf, len))
        err = -EFAULT;
    kfree(buf);
    return err ? err : (int)len;
}

static int do_chmod(int dirfd, uint32_t upath, uint32_t mode)
{
    struct lookup res;
    int err = lookup_path(dirfd, upath, LOOKUP_FOLLOW, &res);

    if (err < 0)
        return err;
    if (err == LOOKUP_PROC)
        return -EPERM;
    res.inode->mode = (res.inode->mode & S_IFMT) | (mode & 07777);
    inode_touch(res.inode, 0);
    return 0;
}

SYSCALL(sys_chmod) { UNUSED_ARGS6; return do_chmod(AT_FDCWD, a1, a2); }
SYSCALL(sys_fchmodat) { UNUSED_ARGS6; return do_chmod((int)a1, a2, a3); }

/* truncate and truncate64 of a path: a regular file (a directory is
 * -EISDIR, anything else -EINVAL), not a running program (-ETXTBSY). */
static int do_truncate(uint32_t upath, int64_t length)
{
    struct lookup res;
    int err = lookup_path(AT_FDCWD, upath, LOOKUP_FOLLOW, &res);

    if (err < 0)
        return err;
    if (err == LOOKUP_PROC)
        return -EACCES;
    if (S_ISDIR(res.inode->mode))
        return -EISDIR;
    if (!S_ISREG(res.inode->mode) || length < 0)
        return -EINVAL;
    if (res.inode->write_count < 0)
        return -ETXTBSY;
    inode_get(res.inode);               /* truncating may sleep */
    err = tmpfs_truncate(res.inode, (uint64_t)length);
    inode_put(res.inode);
    return err;
}

SYSCALL(sys_truncate) { UNUSED_ARGS6; return do_truncate(a1, (int32_t)a2); }

SYSCALL(sys_truncate64)
{
    UNUSED_ARGS6;
    return do_truncate(a1, (int64_t)((uint64_t)a3 << 32 | a2));
}

#define UTIME_NOW  ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

/* utimensat(dirfd, path, times[2], flags); a NULL path is the file open
 * as dirfd (futimens).  Times are whole seconds here. */
SYSCALL(sys_utimensat)
{
    UNUSED_ARGS6;
    struct lookup res;
    struct inode *inode;
    int32_t ts[4];

    if (a4 & ~AT_SYMLINK_NOFOLLOW)
        return -EINVAL;
    if (a3 && copy_from_user(ts, a3, sizeof(ts)))
        return -EFAULT;
    if (!a2) {
        struct file *f = fd_file(a1);
        if (!f)
            return -EBADF;
        if (!f->inode)
            return -EPERM;
        inode = f->inode;
    } else {
        int err = lookup_path((int)a1, a2, a4 & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &res);
        if (err < 0)
            return err;
        if (err == LOOKUP_PROC)
            return -EPERM;
        inode = res.inode;
    }
    for (int i = 0; a3 && i < 2; i++)
        if (ts[2 * i + 1] != UTIME_NOW && ts[2 * i + 1] != UTIME_OMIT &&
            (uint32_t)ts[2 * i + 1] >= 1000000000u)
            return -EINVAL;
    inode_touch(inode, 0);
    if (!a3 || ts[1] != UTIME_OMIT)
        inode->atime = !a3 || ts[1] == UTIME_NOW ? inode->ctime : (uint32_t)ts[0];
    if (!a3 || ts[3] != UTIME_OMIT)
        inode->mtime = !a3 || ts[3] == UTIME_NOW ? inode->ctime : (uint32_t)ts[2];
    return 0;
}

#define TMPFS_MAGIC 0x01021994

/* struct statfs64 of i386 (84 bytes) for the one file system. */
static int put_statfs64(uint32_t size, uint32_t ubuf)
{
    uint32_t st[21];

    if (size != sizeof(st))
        return -EINVAL;
    memset(st, 0, sizeof(st));
    uint32_t total = nr_managed_pages() / 2, used = tmpfs_pages_used();
    st[0] = TMPFS_MAGIC;
    st[1] = PAGE_SIZE;
    st[2] = total;                      /* f_blocks, f_bfree, f_bavail: 64-bit */
    st[4] = st[6] = total > used ? total - used : 0;
    st[8] = total;                      /* f_files, f_ffree: 64-bit */
    st[10] = total - tmpfs_inodes_used();
    st[14] = NAME_MAX;
    st[15] = PAGE_SIZE;                 /* f_frsize */
    st[16] = 0x20;                      /* f_flags: ST_RELATIME */
    return copy_to_user(ubuf, st, sizeof(st));
}

SYSCALL(sys_statfs64)
{
    UNUSED_ARGS6;
    struct lookup res;
    int err = lookup_path(AT_FDCWD, a1, LOOKUP_FOLLOW, &res);

    if (err < 0)
        return err;
    return put_statfs64(a2, a3);
}

SYSCALL(sys_fstatfs64) { UNUSED_ARGS6; return fd_file(a1) ? put_statfs64(a2, a3) : -EBADF; }

/* chown and its forms: everyone is root and files keep no owner, so
 * the owner may be "changed" to root (0) or left (-1); anyone else is
 * -EPERM, as for setuid (kernel/sys_info.c).  The path must exist. */
static int chown_ids_ok(uint32_t uid, uint32_t gid)
{
    return (uid == 0 || uid == 0xFFFFFFFFu) && (gid == 0 || gid == 0xFFFFFFFFu) ? 0 : -EPERM;
}

static int do_chown(int dirfd, uint32_t upath, uint32_t uid, uint32_t gid, int follow)
{
    struct lookup res;
    int err = lookup_path(dirfd, upath, follow ? LOOKUP_FOLLOW : 0, &res);

    return err < 0 ? err : chown_ids_ok(uid, gid);
}

SYSCALL(sys_chown32) { UNUSED_ARGS6; return do_chown(AT_FDCWD, a1, a2, a3, 1); }
SYSCALL(sys_lchown32) { UNUSED_ARGS6; return do_chown(AT_FDCWD, a1, a2, a3, 0); }
SYSCALL(sys_fchownat) { UNUSED_ARGS6; return do_chown((int)a1, a2, a3, a4, !(a5 & AT_SYMLINK_NOFOLLOW)); }
SYSCALL(sys_fchown32) { UNUSED_ARGS6; return fd_file(a1) ? chown_ids_ok(a2, a3) : -EBADF; }

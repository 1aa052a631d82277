/*
 * sys_file.c - file descriptor system calls.  Every descriptor is an
 * index into current->files; a bad one is -EBADF.
 */
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/lib.h"
#include "kernel/ramdisk.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"

#define AT_FDCWD (-100)

static struct file *fd_file(uint32_t fd)
{
    return fd < NR_OPEN ? current->files[fd] : 0;
}

static int fd_install(struct file *f)
{
    for (int fd = 0; fd < NR_OPEN; fd++)
        if (!current->files[fd]) {
            current->files[fd] = f;
            return fd;
        }
    return -EMFILE;
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

SYSCALL(sys_writev)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    int total = 0;

    if (!f)
        return -EBADF;
    if ((int)a3 < 0 || a3 > 1024)
        return -EINVAL;
    for (uint32_t i = 0; i < a3; i++) {
        uint32_t iov[2];
        if (copy_from_user(iov, a2 + i * 8, 8))
            return -EFAULT;
        int n = file_write(f, iov[0], iov[1]);
        if (n < 0)
            return total ? total : n;
        total += n;
        if ((uint32_t)n < iov[1])
            break;
    }
    return total;
}

SYSCALL(sys_open)
{
    UNUSED_ARGS6;
    char path[RAMDISK_PATH_MAX];
    struct file *f;
    int err = strncpy_from_user(path, a1, sizeof(path));

    if (err < 0)
        return err;
    err = file_open(path, (int)a2, &f);
    if (err)
        return err;
    int fd = fd_install(f);
    if (fd < 0)
        file_put(f);
    return fd;
}

/* openat: only AT_FDCWD or absolute paths (everything lives in "/"). */
SYSCALL(sys_openat)
{
    UNUSED_ARGS6;
    char first;

    if ((int)a1 != AT_FDCWD) {
        if (copy_from_user(&first, a2, 1))
            return -EFAULT;
        if (first != '/')
            return fd_file(a1) ? -ENOTDIR : -EBADF;
    }
    return sys_open(a2, a3, a4, 0, 0, 0);
}

SYSCALL(sys_close)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    if (!f)
        return -EBADF;
    current->files[a1] = 0;
    file_put(f);
    return 0;
}

SYSCALL(sys_dup)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    if (!f)
        return -EBADF;
    int fd = fd_install(f);
    if (fd >= 0)
        file_dup(f);
    return fd;
}

SYSCALL(sys_dup2)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    if (!f || a2 >= NR_OPEN)
        return -EBADF;
    if (a1 == a2)
        return a2;
    if (current->files[a2])
        file_put(current->files[a2]);
    current->files[a2] = file_dup(f);
    return a2;
}

/* The ramdisk has one directory, "/", so cwd is always "/". */
SYSCALL(sys_chdir)
{
    UNUSED_ARGS6;
    char path[RAMDISK_PATH_MAX];
    int err = strncpy_from_user(path, a1, sizeof(path));
    if (err < 0)
        return err == -ENAMETOOLONG ? -ENOENT : err;
    if (!strcmp(path, "/") || !strcmp(path, "."))
        return 0;
    return ramdisk_lookup(path) ? -ENOTDIR : -ENOENT;
}

SYSCALL(sys_getcwd)
{
    UNUSED_ARGS6;
    if (a2 < 2)
        return -ERANGE;
    return copy_to_user(a1, "/", 2) ? -EFAULT : 2;
}

SYSCALL(sys_lseek)
{
    UNUSED_ARGS6;
    struct file *f = fd_file(a1);
    uint32_t pos;

    if (!f)
        return -EBADF;
    int err = file_lseek(f, (int32_t)a2, (int)a3, &pos);
    return err ? err : (int)pos;
}

SYSCALL(sys_pipe)
{
    UNUSED_ARGS6;
    struct file *r, *w;
    int fds[2];
    int err = file_pipe(&r, &w);

    if (err)
        return err;
    fds[0] = fd_install(r);
    fds[1] = fds[0] >= 0 ? fd_install(w) : -EMFILE;
    if (fds[1] < 0) {
        if (fds[0] >= 0)
            current->files[fds[0]] = 0;
        file_put(r);
        file_put(w);
        return -EMFILE;
    }
    if (copy_to_user(a1, fds, sizeof(fds))) {
        current->files[fds[0]] = current->files[fds[1]] = 0;
        file_put(r);
        file_put(w);
        return -EFAULT;
    }
    return 0;
}

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

#define AT_EMPTY_PATH 0x1000

/* fstatat64: of the descriptor itself (AT_EMPTY_PATH and ""), or of a
 * path, which glibc's stat() uses.  Everything lives in "/". */
SYSCALL(sys_fstatat64)
{
    UNUSED_ARGS6;
    char path[RAMDISK_PATH_MAX];
    uint8_t st[96];
    struct file *f;
    int err = strncpy_from_user(path, a2, sizeof(path));

    if (err < 0)
        return err == -ENAMETOOLONG ? -ENOENT : err;
    if (!path[0])
        return (a4 & AT_EMPTY_PATH) ? sys_fstat64(a1, a3, 0, 0, 0, 0) : -ENOENT;
    if ((int)a1 != AT_FDCWD && path[0] != '/' && !fd_file(a1))
        return -EBADF;
    err = file_open(path, 0, &f);
    if (err)
        return err;
    file_stat64(f, st);
    file_put(f);
    return copy_to_user(a3, st, sizeof(st));
}

/* readlink: only /proc/self/exe exists, naming the running program. */
SYSCALL(sys_readlink)
{
    UNUSED_ARGS6;
    char path[32], target[TASK_NAME_LEN + 1];

    int err = strncpy_from_user(path, a1, sizeof(path));
    if (err < 0)
        return err == -ENAMETOOLONG ? -ENOENT : err;
    if (strcmp(path, "/proc/self/exe"))
        return ramdisk_lookup(path) ? -EINVAL : -ENOENT;    /* files are no links */
    if ((int)a3 <= 0)
        return -EINVAL;
    ksnprintf(target, sizeof(target), "/%s", current->name);
    uint32_t n = MIN(strlen(target), a3);
    return copy_to_user(a2, target, n) ? -EFAULT : (int)n;
}

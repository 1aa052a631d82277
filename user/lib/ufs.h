/*
 * ufs.h - file-system calls for raw user programs (the fs_* tests):
 * creating, linking, renaming and removing names, directories and their
 * entries (getdents64), sizes (ftruncate64), modes, and stat64 by path.
 * Linux i386 numbers and structures; each wrapper returns what the
 * kernel returns (-errno on failure), like those of syscall.h.
 */
#ifndef USER_UFS_H
#define USER_UFS_H

#include "ulib.h"

#define SYS_link         9
#define SYS_chmod       15
#define SYS_rename      38
#define SYS_mkdir       39
#define SYS_rmdir       40
#define SYS_symlink     83
#define SYS_fchdir     133
#define SYS_ftruncate64 194
#define SYS_mkdirat    296
#define SYS_unlinkat   301
#define SYS_utimensat  320

#define ENODEV    19

#define O_NOFOLLOW  0400000
#define AT_REMOVEDIR 0x200

static inline int link(const char *from, const char *to) { return syscall2(SYS_link, (long)from, (long)to); }
static inline int chmod(const char *path, int mode)     { return syscall2(SYS_chmod, (long)path, mode); }
static inline int rename(const char *from, const char *to) { return syscall2(SYS_rename, (long)from, (long)to); }
static inline int mkdir(const char *path, int mode)     { return syscall2(SYS_mkdir, (long)path, mode); }
static inline int rmdir(const char *path)               { return syscall1(SYS_rmdir, (long)path); }
static inline int fchdir(int fd)                        { return syscall1(SYS_fchdir, fd); }
static inline int symlink(const char *target, const char *path)
{
    return syscall2(SYS_symlink, (long)target, (long)path);
}

/* The 64-bit length goes in two registers, low word first. */
static inline int ftruncate(int fd, unsigned long long len)
{
    return syscall3(SYS_ftruncate64, fd, (long)(unsigned)len, (long)(unsigned)(len >> 32));
}

static inline int mkdirat(int dirfd, const char *path, int mode)
{
    return syscall3(SYS_mkdirat, dirfd, (long)path, mode);
}

static inline int unlinkat(int dirfd, const char *path, int flags)
{
    return syscall3(SYS_unlinkat, dirfd, (long)path, flags);
}

/* A call's result as the tests print it: the number, or "-ENAME" for
 * the errors the fs tests meet (e.g. "-EEXIST"). */
static inline const char *result_text(int r)
{
    static const char *const names[] = {
        [EPERM] = "EPERM", [ENOENT] = "ENOENT", [EBADF] = "EBADF", [EACCES] = "EACCES",
        [EFAULT] = "EFAULT", [EEXIST] = "EEXIST", [ENOTDIR] = "ENOTDIR", [EISDIR] = "EISDIR",
        [EINVAL] = "EINVAL", [ENOSPC] = "ENOSPC", [ESPIPE] = "ESPIPE",
        [ENAMETOOLONG] = "ENAMETOOLONG", [ENOTEMPTY] = "ENOTEMPTY", [ELOOP] = "ELOOP",
        [ERANGE] = "ERANGE", [ENODEV] = "ENODEV", [EBUSY] = "EBUSY",
    };
    static char text[4][16];
    static int next;
    char *out = text[next++ % 4], *p = out + sizeof(text[0]) - 1;
    unsigned n = r < 0 ? -r : r;

    if (r < 0 && n < sizeof(names) / sizeof(names[0]) && names[n]) {
        out[0] = '-';
        memcpy(out + 1, names[n], strlen(names[n]) + 1);
        return out;
    }
    *p = 0;
    do
        *--p = (char)('0' + n % 10);
    while (n /= 10);
    if (r < 0)
        *--p = '-';
    return p;
}

/* Prints "what = result" (result_text). */
static inline void show_result(const char *what, int r)
{
    uprintf(1, "%s = %s\n", what, result_text(r));
}

/* uprintf has no %o: a mode in octal, e.g. "100644" or "40755". */
static inline const char *mode_text(unsigned mode)
{
    static char text[4][16];
    static int next;
    char *p = text[next++ % 4] + sizeof(text[0]) - 1;

    *p = 0;
    do
        *--p = (char)('0' + (mode & 7));
    while (mode >>= 3);
    return p;
}

/* Sets a file's access and modification times to t seconds. */
static inline int set_times(const char *path, long t)
{
    struct timespec ts[2] = { { t, 0 }, { t, 0 } };
    return syscall4(SYS_utimensat, AT_FDCWD, (long)path, (long)ts, 0);
}

/* A file's size by path (-errno if stat fails). */
static inline long long path_size(const char *path)
{
    struct stat64 st;
    int r = stat64(path, &st);
    return r < 0 ? r : st.st_size;
}

#endif

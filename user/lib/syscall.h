/*
 * syscall.h - system calls for raw user programs, Linux i386 ABI.
 *
 * A system call is `int $0x80` with the call number in eax and up to six
 * arguments in ebx, ecx, edx, esi, edi, ebp.  The result comes back in
 * eax: a value >= 0 on success, or -errno on failure (-4095..-1).  These
 * wrappers return that value as it is: there is no errno variable, so
 * callers test `r < 0` and print -r.
 */
#ifndef USER_SYSCALL_H
#define USER_SYSCALL_H

/* Call numbers (arch/x86/entry/syscalls/syscall_32.tbl in Linux). */
#define SYS_exit          1
#define SYS_fork          2
#define SYS_read          3
#define SYS_write         4
#define SYS_open          5
#define SYS_close         6
#define SYS_waitpid       7
#define SYS_execve       11
#define SYS_chdir        12
#define SYS_lseek        19
#define SYS_getpid       20
#define SYS_kill         37
#define SYS_dup          41
#define SYS_pipe         42
#define SYS_brk          45
#define SYS_dup2         63
#define SYS_getppid      64
#define SYS_setrlimit    75
#define SYS_getrusage    77
#define SYS_reboot       88
#define SYS_swapon       87
#define SYS_munmap       91
#define SYS_swapoff     115
#define SYS_wait4       114
#define SYS_uname       122
#define SYS_mprotect    125
#define SYS_msync       144
#define SYS_sched_yield 158
#define SYS_nanosleep   162
#define SYS_ugetrlimit  191
#define SYS_getcwd      183
#define SYS_mmap2       192
#define SYS_madvise     219
#define SYS_mlock       150
#define SYS_munlock     151
#define SYS_mlockall    152
#define SYS_munlockall  153
#define SYS_mremap      163
#define SYS_exit_group  252
/* used by syscalls_more and procfs (the wrappers are at the end) */
#define SYS_readlink         85
#define SYS_writev          146
#define SYS_fstat64         197
#define SYS_set_thread_area 243
#define SYS_set_tid_address 258
#define SYS_openat          295
#define SYS_fstatat64       300
#define SYS_getrandom       355
/* process groups and sessions (process_groups, kill_all) */
#define SYS_setpgid          57
#define SYS_getpgrp          65
#define SYS_setsid           66
#define SYS_getpgid         132
#define SYS_getsid          147

/* Error numbers used by the tests (include/uapi/asm-generic/errno-base.h). */
#define EPERM    1
#define ENOENT   2
#define ESRCH    3
#define EINTR    4
#define EIO      5
#define E2BIG    7
#define ENOEXEC  8
#define EBADF    9
#define ECHILD  10
#define EAGAIN  11
#define ENOMEM  12
#define EACCES  13
#define EFAULT  14
#define EINVAL  22
#define ENOTDIR 20
#define EMFILE  24
#define ESPIPE  29
#define EPIPE   32
#define ERANGE  34
#define ENOSYS  38
/* more that the shell and the tools name (toolslib.c errno_text) */
#define EEXIST  17
#define EISDIR  21
#define ETXTBSY 26
#define ENOSPC  28
#define EROFS   30
#define ENAMETOOLONG 36
#define EBUSY   16
#define EXDEV   18
#define EFBIG   27
#define ENOTEMPTY 39
#define ELOOP   40

/* open() flags, lseek() whence. */
#define O_RDONLY    0
#define O_WRONLY    1
#define O_RDWR      2
#define O_CREAT     0100
#define O_TRUNC     01000
#define O_APPEND    02000
#define SEEK_SET    0
#define SEEK_CUR    1
#define SEEK_END    2

/* mmap2() and mprotect(). */
#define PROT_NONE     0
#define PROT_READ     1
#define PROT_WRITE    2
#define PROT_EXEC     4
#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MS_ASYNC      1             /* msync() flags */
#define MS_INVALIDATE 2
#define MS_SYNC       4
#define MADV_DONTNEED 4             /* madvise(): drop the pages, zero on next touch */
#define MADV_PAGEOUT 21             /* madvise(): reclaim the pages now (to swap) */
#define MREMAP_MAYMOVE 1            /* mremap(): it may move to grow */
#define MREMAP_FIXED   2            /*   move it to new_addr */
#define MCL_CURRENT 1               /* mlockall(): what is mapped now */
#define MCL_FUTURE  2               /*   and what will be mapped */
#define MCL_ONFAULT 4               /*   only once touched */

/* getrlimit() and setrlimit(). */
#define RLIMIT_STACK  3
#define RLIMIT_NOFILE 7
#define RLIM_INFINITY (~0UL)

/* Signals. */
#define SIGINT   2
#define SIGBUS   7
#define SIGKILL  9
#define SIGSEGV 11
#define SIGPIPE 13
#define SIGTERM 15

/* wait status decoding, as in <sys/wait.h>. */
#define WIFEXITED(s)    (((s) & 0x7f) == 0)
#define WEXITSTATUS(s)  (((s) >> 8) & 0xff)
#define WIFSIGNALED(s)  (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WNOHANG         1

/* reboot() magic numbers and the power-off command. */
#define REBOOT_MAGIC1      0xfee1dead
#define REBOOT_MAGIC2      672274793
#define REBOOT_CMD_POWER_OFF 0x4321fedc

struct timespec {
    long tv_sec;
    long tv_nsec;
};

struct utsname {                    /* struct new_utsname, for SYS_uname */
    char sysname[65];
    char nodename[65];
    char release[65];
    char version[65];
    char machine[65];
    char domainname[65];
};

struct timeval {
    long tv_sec;
    long tv_usec;
};

struct rusage {
    struct timeval ru_utime;
    struct timeval ru_stime;
    long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss;
    long ru_minflt;                 /* page faults served without I/O */
    long ru_majflt;                 /* page faults that read the file */
    long ru_rest[8];                /* nswap ... nivcsw */
};

#define RUSAGE_SELF 0

struct rlimit {
    unsigned long rlim_cur, rlim_max;
};

/* ---- the raw traps ---- */

static inline long syscall0(long n)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n) : "memory");
    return r;
}

static inline long syscall1(long n, long a)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a) : "memory");
    return r;
}

static inline long syscall2(long n, long a, long b)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b) : "memory");
    return r;
}

static inline long syscall3(long n, long a, long b, long c)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

static inline long syscall4(long n, long a, long b, long c, long d)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d) : "memory");
    return r;
}

static inline long syscall5(long n, long a, long b, long c, long d, long e)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r)
                     : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e) : "memory");
    return r;
}

/* The sixth argument goes in ebp, which the compiler may be using as the
 * frame pointer: save it, load it from memory through ebx, restore it. */
static inline long syscall6(long n, long a, long b, long c, long d, long e, long f)
{
    long r;
    long af[2] = { a, f };
    long *p = af;
    __asm__ volatile("pushl %%ebp\n\t"
                     "movl 4(%%ebx), %%ebp\n\t"
                     "movl (%%ebx), %%ebx\n\t"
                     "int $0x80\n\t"
                     "popl %%ebp"
                     : "=a"(r), "+b"(p)
                     : "a"(n), "c"(b), "d"(c), "S"(d), "D"(e) : "memory");
    return r;
}

/* ---- one wrapper per call ---- */

static inline void exit(int code)
{
    syscall1(SYS_exit, code);
    for (;;)
        ;
}

static inline void exit_group(int code)
{
    syscall1(SYS_exit_group, code);
    for (;;)
        ;
}

static inline int fork(void)                { return syscall0(SYS_fork); }
static inline int getpid(void)              { return syscall0(SYS_getpid); }
static inline int getppid(void)             { return syscall0(SYS_getppid); }
static inline int sched_yield(void)         { return syscall0(SYS_sched_yield); }
static inline int close(int fd)             { return syscall1(SYS_close, fd); }
static inline int dup(int fd)               { return syscall1(SYS_dup, fd); }
static inline int dup2(int fd, int to)      { return syscall2(SYS_dup2, fd, to); }
static inline int pipe(int fds[2])          { return syscall1(SYS_pipe, (long)fds); }
static inline int chdir(const char *path)   { return syscall1(SYS_chdir, (long)path); }
static inline int kill(int pid, int sig)    { return syscall2(SYS_kill, pid, sig); }
static inline int uname(struct utsname *u)  { return syscall1(SYS_uname, (long)u); }
static inline int setpgid(int pid, int pgid) { return syscall2(SYS_setpgid, pid, pgid); }
static inline int getpgid(int pid)          { return syscall1(SYS_getpgid, pid); }
static inline int getpgrp(void)             { return syscall0(SYS_getpgrp); }
static inline int setsid(void)              { return syscall0(SYS_setsid); }
static inline int getsid(int pid)           { return syscall1(SYS_getsid, pid); }

static inline int read(int fd, void *buf, unsigned n)
{
    return syscall3(SYS_read, fd, (long)buf, n);
}

static inline int write(int fd, const void *buf, unsigned n)
{
    return syscall3(SYS_write, fd, (long)buf, n);
}

static inline int open(const char *path, int flags, int mode)
{
    return syscall3(SYS_open, (long)path, flags, mode);
}

static inline long lseek(int fd, long off, int whence)
{
    return syscall3(SYS_lseek, fd, off, whence);
}

static inline int waitpid(int pid, int *status, int options)
{
    return syscall3(SYS_waitpid, pid, (long)status, options);
}

static inline int wait4(int pid, int *status, int options, struct rusage *ru)
{
    return syscall4(SYS_wait4, pid, (long)status, options, (long)ru);
}

static inline int execve(const char *path, char *const argv[], char *const envp[])
{
    return syscall3(SYS_execve, (long)path, (long)argv, (long)envp);
}

/* The raw brk call: returns the new break, or the old one on failure
 * (brk(0) just returns the current break). */
static inline unsigned long brk(unsigned long addr)
{
    return syscall1(SYS_brk, addr);
}

static inline int nanosleep(const struct timespec *req, struct timespec *rem)
{
    return syscall2(SYS_nanosleep, (long)req, (long)rem);
}

/* offset is in 4 KiB pages.  Returns the address, or -errno: compare the
 * result as unsigned, an address may be above 2 GiB (see syscalls_basic.c). */
static inline long mmap2(void *addr, unsigned len, int prot, int flags, int fd, long pgoff)
{
    return syscall6(SYS_mmap2, (long)addr, len, prot, flags, fd, pgoff);
}

static inline int munmap(void *addr, unsigned len)
{
    return syscall2(SYS_munmap, (long)addr, len);
}

static inline int mprotect(void *addr, unsigned len, int prot)
{
    return syscall3(SYS_mprotect, (long)addr, len, prot);
}

static inline int getrusage(int who, struct rusage *ru)
{
    return syscall2(SYS_getrusage, who, (long)ru);
}

static inline int msync(void *addr, unsigned len, int flags)
{
    return syscall3(SYS_msync, (long)addr, len, flags);
}

static inline int madvise(void *addr, unsigned len, int advice)
{
    return syscall3(SYS_madvise, (long)addr, len, advice);
}

/* Returns the address, or -errno (compare it as unsigned, as mmap2's). */
static inline long mremap(void *old_addr, unsigned old_len, unsigned new_len, int flags, void *new_addr)
{
    return syscall5(SYS_mremap, (long)old_addr, old_len, new_len, flags, (long)new_addr);
}

static inline int mlock(const void *addr, unsigned len)
{
    return syscall2(SYS_mlock, (long)addr, len);
}

static inline int munlock(const void *addr, unsigned len)
{
    return syscall2(SYS_munlock, (long)addr, len);
}

static inline int mlockall(int flags)
{
    return syscall1(SYS_mlockall, flags);
}

static inline int munlockall(void)
{
    return syscall0(SYS_munlockall);
}

static inline int getrlimit(int resource, struct rlimit *rl)
{
    return syscall2(SYS_ugetrlimit, resource, (long)rl);
}

static inline int setrlimit(int resource, const struct rlimit *rl)
{
    return syscall2(SYS_setrlimit, resource, (long)rl);
}

static inline int getcwd(char *buf, unsigned size)
{
    return syscall2(SYS_getcwd, (long)buf, size);
}

static inline int reboot(unsigned magic1, unsigned magic2, unsigned cmd, void *arg)
{
    return syscall4(SYS_reboot, magic1, magic2, cmd, (long)arg);
}

/* ---- files, descriptors, TLS (syscalls_more) ---- */

#define AT_FDCWD        (-100)
#define AT_EMPTY_PATH   0x1000
#define S_IFMT          0170000
#define S_IFREG         0100000
#define S_IFIFO         0010000

/* Linux i386 struct stat64 (96 bytes); only the fields the tests read. */
struct stat64 {
    unsigned long long st_dev;
    unsigned char __pad0[4];
    unsigned long __st_ino;
    unsigned st_mode;
    unsigned st_nlink;
    unsigned long st_uid, st_gid;
    unsigned long long st_rdev;
    unsigned char __pad3[4];
    long long st_size;
    unsigned long st_blksize;
    unsigned long long st_blocks;
    unsigned long st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec, st_ctime_, st_ctime_nsec;
    unsigned long long st_ino;
} __attribute__((packed));

struct iovec {
    const void *iov_base;
    unsigned iov_len;
};

/* struct user_desc for set_thread_area (asm/ldt.h). */
struct user_desc {
    unsigned entry_number;
    unsigned base_addr;
    unsigned limit;
    unsigned flags;             /* seg_32bit:1 contents:2 read_exec_only:1 limit_in_pages:1
                                   seg_not_present:1 useable:1 */
};

static inline int readlink(const char *path, char *buf, int size)
{
    return syscall3(SYS_readlink, (long)path, (long)buf, size);
}

static inline int writev(int fd, const struct iovec *iov, int count)
{
    return syscall3(SYS_writev, fd, (long)iov, count);
}

static inline int fstat64(int fd, struct stat64 *st)
{
    return syscall2(SYS_fstat64, fd, (long)st);
}

static inline int fstatat64(int dirfd, const char *path, struct stat64 *st, int flags)
{
    return syscall4(SYS_fstatat64, dirfd, (long)path, (long)st, flags);
}

static inline int openat(int dirfd, const char *path, int flags, int mode)
{
    return syscall4(SYS_openat, dirfd, (long)path, flags, mode);
}

static inline int set_thread_area(struct user_desc *u)
{
    return syscall1(SYS_set_thread_area, (long)u);
}

static inline int set_tid_address(int *tidptr)
{
    return syscall1(SYS_set_tid_address, (long)tidptr);
}

static inline int getrandom(void *buf, unsigned n, unsigned flags)
{
    return syscall3(SYS_getrandom, (long)buf, n, flags);
}

/* ---- descriptors: pipe2, fcntl, dup3, 64-bit offsets, vectors, directories,
 * ioctl, sendfile (the fd_* and dev_files tests) ---- */

#define SYS_unlink       10
#define SYS_ioctl        54
#define SYS__llseek     140
#define SYS_readv       145
#define SYS_pread64     180
#define SYS_pwrite64    181
#define SYS_stat64      195
#define SYS_lstat64     196
#define SYS_getdents64  220
#define SYS_fcntl64     221
#define SYS_sendfile64  239
#define SYS_dup3        330
#define SYS_pipe2       331

#define ENXIO      6
#define ENOTTY    25
#define EOVERFLOW 75

#define O_ACCMODE   03
#define O_EXCL      0200
#define O_NONBLOCK  04000
#define O_LARGEFILE 0100000
#define O_DIRECTORY 0200000
#define O_CLOEXEC   02000000

#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC      1

#define S_IFDIR   0040000
#define S_IFCHR   0020000
#define S_IFLNK   0120000

#define TCGETS    0x5401

/* One record of getdents64 (struct linux_dirent64): d_reclen bytes. */
struct dirent64 {
    unsigned long long d_ino;
    long long d_off;                /* where the next record starts */
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
} __attribute__((packed));

static inline int unlink(const char *path) { return syscall1(SYS_unlink, (long)path); }
static inline int pipe2(int fds[2], int flags) { return syscall2(SYS_pipe2, (long)fds, flags); }
static inline int dup3(int fd, int to, int flags) { return syscall3(SYS_dup3, fd, to, flags); }
static inline int fcntl(int fd, int cmd, long arg) { return syscall3(SYS_fcntl64, fd, cmd, arg); }
static inline int ioctl(int fd, unsigned request, void *arg) { return syscall3(SYS_ioctl, fd, request, (long)arg); }

/* _llseek: the new offset in *result, 0 or -errno returned. */
static inline int llseek(int fd, long long offset, long long *result, int whence)
{
    return syscall5(SYS__llseek, fd, (long)(offset >> 32), (long)offset, (long)result, whence);
}

static inline int pread64(int fd, void *buf, unsigned n, long long pos)
{
    return syscall5(SYS_pread64, fd, (long)buf, n, (long)pos, (long)(pos >> 32));
}

static inline int pwrite64(int fd, const void *buf, unsigned n, long long pos)
{
    return syscall5(SYS_pwrite64, fd, (long)buf, n, (long)pos, (long)(pos >> 32));
}

static inline int readv(int fd, const struct iovec *iov, int count)
{
    return syscall3(SYS_readv, fd, (long)iov, count);
}

static inline int getdents64(int fd, void *buf, unsigned size)
{
    return syscall3(SYS_getdents64, fd, (long)buf, size);
}

static inline int stat64(const char *path, struct stat64 *st)
{
    return syscall2(SYS_stat64, (long)path, (long)st);
}

static inline int lstat64(const char *path, struct stat64 *st)
{
    return syscall2(SYS_lstat64, (long)path, (long)st);
}

/* offset: NULL to read from (and move) in_fd's own offset. */
static inline int sendfile64(int out_fd, int in_fd, long long *offset, unsigned count)
{
    return syscall4(SYS_sendfile64, out_fd, in_fd, (long)offset, count);
}

/* ---- time (time_clocks, time_sleep, time_cpu) ---- */

#define SYS_time                     13
#define SYS_times                    43
#define SYS_gettimeofday             78
#define SYS_clock_gettime           265
#define SYS_clock_getres            266
#define SYS_clock_nanosleep         267
#define SYS_clock_gettime64         403
#define SYS_clock_getres_time64     406
#define SYS_clock_nanosleep_time64  407

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define TIMER_ABSTIME            1
#define RUSAGE_CHILDREN        (-1)
#define EOPNOTSUPP              95

struct timespec64 {                 /* the *_time64 calls' struct __kernel_timespec */
    long long tv_sec;
    long long tv_nsec;
};

struct timezone {
    int tz_minuteswest;
    int tz_dsttime;
};

struct tms {                        /* in clock ticks, 100 a second on i386 */
    long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

static inline long time(long *t)    { return syscall1(SYS_time, (long)t); }
static inline long times(struct tms *buf) { return syscall1(SYS_times, (long)buf); }

static inline int gettimeofday(struct timeval *tv, struct timezone *tz)
{
    return syscall2(SYS_gettimeofday, (long)tv, (long)tz);
}

static inline int clock_gettime(int clock, struct timespec *ts)
{
    return syscall2(SYS_clock_gettime, clock, (long)ts);
}

static inline int clock_gettime64(int clock, struct timespec64 *ts)
{
    return syscall2(SYS_clock_gettime64, clock, (long)ts);
}

static inline int clock_getres(int clock, struct timespec *res)
{
    return syscall2(SYS_clock_getres, clock, (long)res);
}

static inline int clock_getres_time64(int clock, struct timespec64 *res)
{
    return syscall2(SYS_clock_getres_time64, clock, (long)res);
}

/* The raw call: -errno, not glibc's positive error number. */
static inline int clock_nanosleep(int clock, int flags, const struct timespec *req,
                                  struct timespec *rem)
{
    return syscall4(SYS_clock_nanosleep, clock, flags, (long)req, (long)rem);
}

static inline int clock_nanosleep_time64(int clock, int flags, const struct timespec64 *req,
                                         struct timespec64 *rem)
{
    return syscall4(SYS_clock_nanosleep_time64, clock, flags, (long)req, (long)rem);
}

/* The clock's time in nanoseconds (-1 if it cannot be read). */
static inline long long clock_ns(int clock)
{
    struct timespec ts;

    if (clock_gettime(clock, &ts))
        return -1;
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* ---- System V shared memory (the shm_* tests): the direct calls and the
 * ipc(2) multiplexer, as in include/uapi/linux/ipc.h and shm.h ---- */

#define SYS_ipc      117
#define SYS_shmget   395
#define SYS_shmctl   396
#define SYS_shmat    397
#define SYS_shmdt    398

#define IPC_SHMAT_CALL 21          /* ipc(2) call numbers (the shm ones) */
#define IPC_SHMDT_CALL 22
#define IPC_SHMGET_CALL 23
#define IPC_SHMCTL_CALL 24

#define IPC_PRIVATE 0
#define IPC_CREAT   01000
#define IPC_EXCL    02000
#define IPC_RMID    0
#define IPC_SET     1
#define IPC_STAT    2
#define IPC_INFO    3
#define IPC_64      0x0100          /* ipc(SHMCTL): cmd | IPC_64, the 64-bit layout */
#define SHM_RDONLY  010000
#define SHM_RND     020000
#define SHM_STAT    13
#define SHM_INFO    14
#define SHM_DEST    01000           /* in shm_perm.mode: removed, still attached */
#define SHMLBA      4096
#define EIDRM       43

struct ipc64_perm {
    int key;
    unsigned uid, gid, cuid, cgid;
    unsigned short mode, pad1;
    unsigned short seq, pad2;
    unsigned long unused1, unused2;
};

/* IPC_STAT's struct shmid64_ds, i386 layout (84 bytes). */
struct shmid64_ds {
    struct ipc64_perm shm_perm;
    unsigned long shm_segsz;
    unsigned long shm_atime, shm_atime_high;
    unsigned long shm_dtime, shm_dtime_high;
    unsigned long shm_ctime, shm_ctime_high;
    int shm_cpid, shm_lpid;
    unsigned long shm_nattch;
    unsigned long unused4, unused5;
};

static inline int shmget(int key, unsigned size, int flags)
{
    return syscall3(SYS_shmget, key, size, flags);
}

/* The address, or -errno (-4095..-1, as for mmap2). */
static inline long shmat(int id, const void *addr, int flags)
{
    return syscall3(SYS_shmat, id, (long)addr, flags);
}

static inline int shmdt(const void *addr) { return syscall1(SYS_shmdt, (long)addr); }

static inline int shmctl(int id, int cmd, void *buf)
{
    return syscall3(SYS_shmctl, id, cmd, (long)buf);
}

/* ipc(call, first, second, third, ptr, fifth), as glibc calls it. */
static inline int ipc(int call, long first, long second, long third, void *ptr, long fifth)
{
    return syscall6(SYS_ipc, call, first, second, third, (long)ptr, fifth);
}

#endif

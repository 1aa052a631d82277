/*
 * fd_misc.c - the small calls real programs make around files: sync,
 * fsync and fdatasync (0 for a file, -EINVAL for a pipe, -EBADF for no
 * file), chown32/fchown32/lchown32 to root (0, as for root on Linux),
 * prlimit64 reading RLIMIT_NOFILE (as getrlimit gives it) and refusing
 * another pid that is not there (-ESRCH), and vfork (the child's exit
 * status reaches the parent).
 */
#include "lib/vmtest.h"

#define SYS_sync       36
#define SYS_fsync     118
#define SYS_fdatasync 148
#define SYS_vfork     190
#define SYS_lchown32  198
#define SYS_fchown32  207
#define SYS_chown32   212
#define SYS_prlimit64 340

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT, 0644), p[2];

    pipe(p);
    uprintf(1, "sync: %d\n", (int)syscall0(SYS_sync));
    uprintf(1, "fsync file %d, pipe %d, bad fd %d\n", (int)syscall1(SYS_fsync, fd),
            (int)syscall1(SYS_fsync, p[1]), (int)syscall1(SYS_fsync, 99));
    uprintf(1, "fdatasync file %d, pipe %d\n", (int)syscall1(SYS_fdatasync, fd),
            (int)syscall1(SYS_fdatasync, p[0]));
    uprintf(1, "chown32 to 0:0 %d, to -1:-1 %d, missing file %d\n",
            (int)syscall3(SYS_chown32, (long)"f", 0, 0), (int)syscall3(SYS_chown32, (long)"f", -1, -1),
            (int)syscall3(SYS_chown32, (long)"nope", 0, 0));
    uprintf(1, "fchown32 %d, lchown32 %d\n", (int)syscall3(SYS_fchown32, fd, 0, 0),
            (int)syscall3(SYS_lchown32, (long)"f", 0, 0));

    struct rlimit rl;
    unsigned long long lim[2] = { 0, 0 };
    getrlimit(RLIMIT_NOFILE, &rl);
    int r = syscall4(SYS_prlimit64, 0, RLIMIT_NOFILE, 0, (long)lim);
    uprintf(1, "prlimit64 NOFILE: %d, the same as getrlimit: %s\n", r,
            lim[0] == rl.rlim_cur && lim[1] == rl.rlim_max ? "yes" : "no");
    uprintf(1, "prlimit64 of no such pid: %d\n", (int)syscall4(SYS_prlimit64, 99999, RLIMIT_NOFILE, 0, (long)lim));
    uprintf(1, "prlimit64 of resource 99: %d\n", (int)syscall4(SYS_prlimit64, 0, 99, 0, (long)lim));

    int pid = syscall0(SYS_vfork), status;
    if (pid == 0)
        exit(7);
    uprintf(1, "vfork: the child ran: %s, ", waitpid(pid, &status, 0) == pid ? "yes" : "no");
    uprintf(1, "its status %d\n", (status >> 8) & 0xff);
    return 0;
}

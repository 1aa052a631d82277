/*
 * fd_fcntl.c - descriptor calls, as on Linux:
 *
 *   fcntl  F_DUPFD (the lowest free descriptor >= arg), F_DUPFD_CLOEXEC,
 *          F_GETFD/F_SETFD (only FD_CLOEXEC kept), F_GETFL (the access
 *          mode, O_APPEND, O_NONBLOCK), F_SETFL (changes O_APPEND and
 *          O_NONBLOCK only, and O_APPEND then appends); -EBADF, -EINVAL
 *   dup    the lowest free descriptor, sharing the offset, without
 *          close-on-exec; dup2 of a descriptor onto itself returns it,
 *          dup3 of one onto itself is -EINVAL, dup3 O_CLOEXEC sets it
 *   execve closes exactly the close-on-exec descriptors: the program
 *          runs itself with the argument "report", which lists the
 *          descriptors it has; a failed execve closes none
 *
 * With the argument "high" (test fd_fcntl_high): descriptors up to the
 * RLIMIT_NOFILE soft limit (1024 by default on Linux) can be had with
 * F_DUPFD, dup2 and dup3, as bash does with F_DUPFD 255.
 *
 * With the argument "order" (test fd_dup3_order): when several things
 * are wrong, dup3 reports what Linux checks first: the flags, then the
 * same descriptor twice, then the target's range, then the source.
 *
 * F_GETFL is printed masked with O_ACCMODE|O_APPEND|O_NONBLOCK (Linux
 * adds O_LARGEFILE on a 64-bit kernel).
 */
#include "lib/ulib.h"

#define SHOWN_FLAGS (O_ACCMODE | O_APPEND | O_NONBLOCK)
#define FILE_NAME "fd_fcntl.tmp"
#define MAX_FD 32

static int getfl(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);
    return flags < 0 ? flags : flags & SHOWN_FLAGS;
}

/* The exec'd image: which descriptors are open, and with FD_CLOEXEC? */
static int report(void)
{
    char line[256];
    int len = 0, cloexec = 0;

    for (int fd = 0; fd < MAX_FD; fd++) {
        int r = fcntl(fd, F_GETFD, 0);
        if (r == -EBADF)
            continue;
        if (r < 0)
            uprintf(1, "report: F_GETFD %d = %d\n", fd, r);
        cloexec |= r > 0;
        line[len++] = ' ';
        if (fd >= 10)
            line[len++] = (char)('0' + fd / 10);
        line[len++] = (char)('0' + fd % 10);
    }
    line[len] = 0;
    uprintf(1, "after execve: open:%s\n", line);
    uprintf(1, "after execve: any FD_CLOEXEC left: %s\n", cloexec ? "yes" : "no");
    char buf[16] = { 0 };
    uprintf(1, "after execve: lseek(3, 0, SEEK_CUR) = %d\n", (int)lseek(3, 0, SEEK_CUR));
    uprintf(1, "after execve: pread of fd 3: %d \"%s\"\n", pread64(3, buf, sizeof(buf) - 1, 0), buf);
    return 0;
}

static void dupfd_and_fd_flags(int fd)
{
    uprintf(1, "F_DUPFD(fd, 10) = %d\n", fcntl(fd, F_DUPFD, 10));
    uprintf(1, "F_DUPFD(fd, 10) = %d\n", fcntl(fd, F_DUPFD, 10));
    uprintf(1, "F_DUPFD(fd, 0) = %d\n", fcntl(fd, F_DUPFD, 0));
    uprintf(1, "F_GETFD(4) = %d\n", fcntl(4, F_GETFD, 0));
    uprintf(1, "F_GETFD(10) = %d\n", fcntl(10, F_GETFD, 0));
    uprintf(1, "F_DUPFD_CLOEXEC(fd, 20) = %d\n", fcntl(fd, F_DUPFD_CLOEXEC, 20));
    uprintf(1, "F_GETFD(20) = %d\n", fcntl(20, F_GETFD, 0));
    uprintf(1, "F_DUPFD_CLOEXEC(fd, 20) = %d\n", fcntl(fd, F_DUPFD_CLOEXEC, 20));
    uprintf(1, "F_SETFD(21, 0) = %d\n", fcntl(21, F_SETFD, 0));
    uprintf(1, "F_GETFD(21) = %d\n", fcntl(21, F_GETFD, 0));
    uprintf(1, "F_SETFD(11, FD_CLOEXEC|2) = %d\n", fcntl(11, F_SETFD, FD_CLOEXEC | 2));
    uprintf(1, "F_GETFD(11) = %d\n", fcntl(11, F_GETFD, 0));
    uprintf(1, "F_DUPFD(fd, -1) = %d\n", fcntl(fd, F_DUPFD, -1));
    uprintf(1, "F_GETFD(25) = %d (not open)\n", fcntl(25, F_GETFD, 0));
    uprintf(1, "fcntl(fd, 9999) = %d\n", fcntl(fd, 9999, 0));
    uprintf(1, "fcntl(-1, F_GETFL) = %d\n", fcntl(-1, F_GETFL, 0));
}

static void dups(int fd)
{
    uprintf(1, "dup(fd) = %d\n", dup(fd));
    close(5);
    uprintf(1, "dup2(fd, fd) = %d\n", dup2(fd, fd));
    uprintf(1, "dup2(25, 25) = %d (not open)\n", dup2(25, 25));
    uprintf(1, "dup2(25, 5) = %d (not open)\n", dup2(25, 5));
    uprintf(1, "dup2(fd, 0x7fffffff) = %d\n", dup2(fd, 0x7fffffff));
    uprintf(1, "dup3(fd, fd, 0) = %d\n", dup3(fd, fd, 0));
    uprintf(1, "dup3(fd, 13, O_APPEND) = %d\n", dup3(fd, 13, O_APPEND));
    uprintf(1, "dup3(fd, 12, O_CLOEXEC) = %d\n", dup3(fd, 12, O_CLOEXEC));
    uprintf(1, "F_GETFD(12) = %d\n", fcntl(12, F_GETFD, 0));
    uprintf(1, "dup2(20, 22) = %d\n", dup2(20, 22));
    uprintf(1, "F_GETFD(22) = %d\n", fcntl(22, F_GETFD, 0));
    uprintf(1, "dup2(fd, 12) = %d (onto an open descriptor)\n", dup2(fd, 12));
    uprintf(1, "F_GETFD(12) = %d\n", fcntl(12, F_GETFD, 0));
    uprintf(1, "dup3(fd, 12, O_CLOEXEC) = %d\n", dup3(fd, 12, O_CLOEXEC));
    uprintf(1, "F_GETFD(12) = %d\n", fcntl(12, F_GETFD, 0));
    write(fd, "hello", 5);
    uprintf(1, "after writing 5 bytes to fd: lseek(10, 0, SEEK_CUR) = %d (the offset is shared)\n",
            (int)lseek(10, 0, SEEK_CUR));
}

static void status_flags(void)
{
    int rd = open(FILE_NAME, O_RDONLY, 0);
    int wr = open(FILE_NAME, O_WRONLY, 0);
    int ap = open(FILE_NAME, O_RDWR | O_APPEND, 0);
    int nb = open(FILE_NAME, O_RDONLY | O_NONBLOCK, 0);

    uprintf(1, "F_GETFL: O_RDONLY 0x%x, O_WRONLY 0x%x, O_RDWR|O_APPEND 0x%x, O_RDONLY|O_NONBLOCK 0x%x\n",
            getfl(rd), getfl(wr), getfl(ap), getfl(nb));
    uprintf(1, "F_SETFL(rd, O_WRONLY|O_APPEND) = %d\n", fcntl(rd, F_SETFL, O_WRONLY | O_APPEND));
    uprintf(1, "F_GETFL(rd) = 0x%x\n", getfl(rd));
    uprintf(1, "write to it = %d\n", write(rd, "x", 1));
    uprintf(1, "F_SETFL(nb, 0) = %d\n", fcntl(nb, F_SETFL, 0));
    uprintf(1, "F_GETFL(nb) = 0x%x\n", getfl(nb));
    uprintf(1, "F_SETFL(ap, 0) = %d\n", fcntl(ap, F_SETFL, 0));
    uprintf(1, "F_GETFL(ap) = 0x%x\n", getfl(ap));
    uprintf(1, "F_SETFL(wr, O_APPEND) = %d\n", fcntl(wr, F_SETFL, O_APPEND));
    uprintf(1, "F_GETFL(wr) = 0x%x\n", getfl(wr));
    uprintf(1, "write \"!\" at offset 0 with O_APPEND = %d\n", write(wr, "!", 1));
    uprintf(1, "lseek(wr, 0, SEEK_CUR) = %d\n", (int)lseek(wr, 0, SEEK_CUR));
    char buf[16] = { 0 };
    uprintf(1, "the file: %d \"%s\"\n", pread64(rd, buf, sizeof(buf) - 1, 0), buf);
    close(rd);
    close(wr);
    close(ap);
    close(nb);
}

/* The descriptors now: 0-2, 3 the file, 4 10 21 22 without FD_CLOEXEC,
 * 11 12 20 with it; a pipe2(O_CLOEXEC) adds two more. */
static void exec_closes(char *self)
{
    int fds[2], status;
    char *args[] = { self, "report", 0 };

    int r = pipe2(fds, O_CLOEXEC);
    uprintf(1, "pipe2(O_CLOEXEC) = %d: fds %d %d\n", r, fds[0], fds[1]);
    uprintf(1, "execve(\"/nonexistent\") = %d\n", execve("/nonexistent", args, environ));
    uprintf(1, "F_GETFD(11) = %d after it\n", fcntl(11, F_GETFD, 0));
    int pid = fork();
    if (pid == 0) {
        execve(self, args, environ);
        exit(99);
    }
    waitpid_retry(pid, &status);
    uprintf(1, "exec child: exit %d\n", WEXITSTATUS(status));
    uprintf(1, "parent still has 11: F_GETFD(11) = %d\n", fcntl(11, F_GETFD, 0));
}

/* fd_fcntl_high: descriptors far above the first free one. */
static int high_descriptors(void)
{
    struct rlimit rl;

    getrlimit(RLIMIT_NOFILE, &rl);
    uprintf(1, "RLIMIT_NOFILE soft limit at least 256: %s\n", rl.rlim_cur >= 256 ? "yes" : "no");
    uprintf(1, "F_DUPFD(0, 255) = %d\n", fcntl(0, F_DUPFD, 255));
    uprintf(1, "F_GETFD(255) = %d\n", fcntl(255, F_GETFD, 0));
    uprintf(1, "F_DUPFD_CLOEXEC(0, 100) = %d\n", fcntl(0, F_DUPFD_CLOEXEC, 100));
    uprintf(1, "dup2(0, 200) = %d\n", dup2(0, 200));
    uprintf(1, "dup3(0, 201, O_CLOEXEC) = %d\n", dup3(0, 201, O_CLOEXEC));
    uprintf(1, "F_GETFD(201) = %d\n", fcntl(201, F_GETFD, 0));
    uprintf(1, "dup(0) = %d (the lowest free one)\n", dup(0));
    uprintf(1, "close(255) = %d, close(200) = %d\n", close(255), close(200));
    uprintf(1, "F_GETFD(255) = %d\n", fcntl(255, F_GETFD, 0));
    return 0;
}

/* fd_dup3_order: which error wins. */
static int dup3_order(void)
{
    uprintf(1, "dup3(25, 25, 0) = %d (the same, not open)\n", dup3(25, 25, 0));
    uprintf(1, "dup3(25, 5, O_APPEND) = %d (bad flags, not open)\n", dup3(25, 5, O_APPEND));
    uprintf(1, "dup3(0, 0x7fffffff, O_APPEND) = %d (bad flags, out of range)\n", dup3(0, 0x7fffffff, O_APPEND));
    uprintf(1, "dup3(25, 0x7fffffff, 0) = %d (not open, out of range)\n", dup3(25, 0x7fffffff, 0));
    uprintf(1, "dup2(25, 0x7fffffff) = %d\n", dup2(25, 0x7fffffff));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "report"))
        return report();
    if (argc > 1 && !strcmp(argv[1], "high"))
        return high_descriptors();
    if (argc > 1 && !strcmp(argv[1], "order"))
        return dup3_order();
    int fd = open(FILE_NAME, O_RDWR | O_CREAT | O_TRUNC, 0644);
    uprintf(1, "open = %d\n", fd);
    dupfd_and_fd_flags(fd);
    dups(fd);
    exec_closes(argv[0]);
    status_flags();
    uprintf(1, "unlink = %d\n", unlink(FILE_NAME));
    return 0;
}

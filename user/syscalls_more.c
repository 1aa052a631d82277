/*
 * syscalls_more.c - the system calls syscalls_basic leaves out, with
 * their normal results and their error returns (raw).
 *
 * lseek, fstat64, fstatat64, writev, readlink, pipe, getrusage, execve,
 * set_thread_area, ugetrlimit, getrandom, set_tid_address, exit and
 * exit_group, dup and dup2, chdir and getcwd, openat, kill, nanosleep,
 * wait4, msync and madvise.  Each line prints what the raw call returned
 * (-errno on failure), so a wrong errno shows in the diff against
 * tests/user/syscalls_more.expected, which is Linux's output: nothing
 * printed depends on pids, addresses, the current directory or limits
 * the host may set otherwise.
 *
 * Needs pattern10000 (10000 bytes, byte i = i % 251) in the current
 * directory, the ramdisk's root.  With argv[1] = "child" the program is
 * its own execve target: it prints one line and exits 5.
 */
#include "lib/vmtest.h"

#define KERNEL_HALF ((void *)0xC0000000)
#define DATA "pattern10000"
#define DATA_SIZE 10000

_Static_assert(sizeof(struct stat64) == 96, "struct stat64 is 96 bytes on i386");

/* An address that nothing maps, here or on Linux: 16 MiB, below the
 * program (0x08048000) and far from where either kernel places mmap. */
static char *const gone = (char *)0x01000000;
static char *ro;                        /* a PROT_READ page */

static void print_status(const char *what, int status)
{
    char buf[24];
    uprintf(1, "%s: %s\n", what, status_text(status, buf));
}

static const char *basename(const char *path, int len, char *out)
{
    int start = len;

    while (start > 0 && path[start - 1] != '/')
        start--;
    memcpy(out, path + start, len - start);
    out[len - start] = 0;
    return out;
}

static void test_lseek(void)
{
    unsigned char b[4];
    int fd = open(DATA, O_RDONLY, 0), p[2];

    uprintf(1, "-- lseek\n");
    uprintf(1, "lseek SEEK_SET 100: %d\n", (int)lseek(fd, 100, SEEK_SET));
    read(fd, b, 4);
    uprintf(1, "read there: %d %d %d %d\n", b[0], b[1], b[2], b[3]);
    uprintf(1, "lseek SEEK_CUR +10: %d\n", (int)lseek(fd, 10, SEEK_CUR));
    uprintf(1, "lseek SEEK_CUR 0 (where am I): %d\n", (int)lseek(fd, 0, SEEK_CUR));
    uprintf(1, "lseek SEEK_END -1: %d\n", (int)lseek(fd, -1, SEEK_END));
    read(fd, b, 1);
    uprintf(1, "read the last byte: %d\n", b[0]);
    uprintf(1, "lseek SEEK_END 0: %d\n", (int)lseek(fd, 0, SEEK_END));
    uprintf(1, "read at the end: %d\n", read(fd, b, 4));
    uprintf(1, "lseek SEEK_SET past the end: %d\n", (int)lseek(fd, 20000, SEEK_SET));
    uprintf(1, "read past the end: %d\n", read(fd, b, 4));
    uprintf(1, "lseek SEEK_SET -1: %d\n", (int)lseek(fd, -1, SEEK_SET));
    uprintf(1, "lseek SEEK_END -10001: %d\n", (int)lseek(fd, -10001, SEEK_END));
    uprintf(1, "lseek SEEK_CUR -20001: %d\n", (int)lseek(fd, -20001, SEEK_CUR));
    uprintf(1, "offset unchanged by the failures: %d\n", (int)lseek(fd, 0, SEEK_CUR));
    uprintf(1, "lseek whence 7: %d\n", (int)lseek(fd, 0, 7));
    uprintf(1, "lseek bad fd: %d\n", (int)lseek(99, 0, SEEK_SET));
    uprintf(1, "lseek negative fd: %d\n", (int)lseek(-1, 0, SEEK_SET));
    pipe(p);
    uprintf(1, "lseek on a pipe's read end: %d\n", (int)lseek(p[0], 0, SEEK_SET));
    uprintf(1, "lseek on a pipe's write end: %d\n", (int)lseek(p[1], 0, SEEK_CUR));
    close(p[0]);
    close(p[1]);
    close(fd);
}

static void test_fstat(void)
{
    struct stat64 st;
    int fd = open(DATA, O_RDONLY, 0), p[2], r;

    uprintf(1, "-- fstat64, fstatat64\n");
    memset(&st, 0, sizeof(st));
    r = fstat64(fd, &st);
    uprintf(1, "fstat64 of a file: %d, size %d, regular: %s, permissions 0644: %s\n", r,
            (int)st.st_size, yes((st.st_mode & S_IFMT) == S_IFREG), yes((st.st_mode & 07777) == 0644));
    uprintf(1, "inode numbers agree, nonzero: %s, 1 link: %s\n",
            yes(st.st_ino == st.__st_ino && st.st_ino != 0), yes(st.st_nlink == 1));
    pipe(p);
    memset(&st, 0, sizeof(st));
    r = fstat64(p[0], &st);
    uprintf(1, "fstat64 of a pipe's read end: %d, FIFO: %s\n", r, yes((st.st_mode & S_IFMT) == S_IFIFO));
    memset(&st, 0, sizeof(st));
    r = fstat64(p[1], &st);
    uprintf(1, "fstat64 of a pipe's write end: %d, FIFO: %s\n", r, yes((st.st_mode & S_IFMT) == S_IFIFO));
    close(p[0]);
    close(p[1]);
    uprintf(1, "fstat64 bad fd: %d\n", fstat64(99, &st));
    uprintf(1, "fstat64 into NULL: %d\n", fstat64(fd, NULL));
    uprintf(1, "fstat64 into the kernel half: %d\n", fstat64(fd, KERNEL_HALF));
    uprintf(1, "fstat64 into a PROT_READ page: %d\n", fstat64(fd, (struct stat64 *)ro));
    int m = open("/proc/meminfo", O_RDONLY, 0);
    memset(&st, 0, sizeof(st));
    r = fstat64(m, &st);
    uprintf(1, "fstat64 of /proc/meminfo: %d, regular: %s, size %d\n", r,
            yes((st.st_mode & S_IFMT) == S_IFREG), (int)st.st_size);
    close(m);

    memset(&st, 0, sizeof(st));
    r = fstatat64(fd, "", &st, AT_EMPTY_PATH);
    uprintf(1, "fstatat64 fd, \"\", AT_EMPTY_PATH: %d, size %d\n", r, (int)st.st_size);
    uprintf(1, "fstatat64 fd, \"\", no flags: %d\n", fstatat64(fd, "", &st, 0));
    memset(&st, 0, sizeof(st));
    r = fstatat64(AT_FDCWD, DATA, &st, 0);
    uprintf(1, "fstatat64 AT_FDCWD, %s: %d, size %d\n", DATA, r, (int)st.st_size);
    uprintf(1, "fstatat64 AT_FDCWD, a missing file: %d\n", fstatat64(AT_FDCWD, "no_such_file", &st, 0));
    uprintf(1, "fstatat64 with an unmapped path: %d\n", fstatat64(AT_FDCWD, gone, &st, 0));
    close(fd);
}

static void test_writev(void)
{
    struct iovec iov[3] = { { "writev: ", 8 }, { "three ", 6 }, { "pieces\n", 7 } };
    struct iovec bad[1] = { { NULL, 4 } };
    int p[2], r;
    char buf[16];

    uprintf(1, "-- writev\n");
    r = writev(1, iov, 3);
    uprintf(1, "writev of 3 pieces: %d\n", r);
    uprintf(1, "writev of 0 pieces: %d\n", writev(1, iov, 0));
    uprintf(1, "writev of -1 pieces: %d\n", writev(1, iov, -1));
    uprintf(1, "writev of 1025 pieces: %d\n", writev(1, iov, 1025));
    uprintf(1, "writev bad fd: %d\n", writev(99, iov, 3));
    uprintf(1, "writev with an unmapped iovec array: %d\n", writev(1, (struct iovec *)gone, 2));
    uprintf(1, "writev with a NULL iovec array: %d\n", writev(1, NULL, 2));
    pipe(p);
    uprintf(1, "writev to a pipe, only piece NULL: %d\n", writev(p[1], bad, 1));
    uprintf(1, "writev to a pipe: %d\n", writev(p[1], iov + 1, 2));
    r = read(p[0], buf, sizeof(buf));
    uprintf(1, "the pipe holds both pieces: %s\n", yes(r == 13 && !memcmp(buf, "three pieces\n", 13)));
    close(p[0]);
    close(p[1]);
}

static void test_readlink(void)
{
    char buf[256], name[256];
    int r;

    uprintf(1, "-- readlink\n");
    memset(buf, 'X', sizeof(buf));
    r = readlink("/proc/self/exe", buf, sizeof(buf));
    uprintf(1, "readlink /proc/self/exe: > 0: %s, absolute: %s, no NUL added: %s, basename %s\n",
            yes(r > 0), yes(buf[0] == '/'), yes(r > 0 && r < 256 && buf[r] == 'X'),
            r > 0 ? basename(buf, r, name) : "-");
    memset(buf, 'X', sizeof(buf));
    r = readlink("/proc/self/exe", buf, 3);
    uprintf(1, "readlink into 3 bytes: %d, no NUL added: %s\n", r, yes(buf[3] == 'X'));
    uprintf(1, "readlink into 0 bytes: %d\n", readlink("/proc/self/exe", buf, 0));
    uprintf(1, "readlink into NULL: %d\n", readlink("/proc/self/exe", NULL, 256));
    uprintf(1, "readlink into the kernel half: %d\n", readlink("/proc/self/exe", KERNEL_HALF, 256));
    uprintf(1, "readlink of a missing file: %d\n", readlink("no_such_link", buf, 256));
    uprintf(1, "readlink of a regular file: %d\n", readlink(DATA, buf, 256));
    uprintf(1, "readlink of an unmapped path: %d\n", readlink(gone, buf, 256));
}

static void test_pipe(void)
{
    int p[2] = { -1, -1 }, r;
    char buf[16];

    uprintf(1, "-- pipe\n");
    uprintf(1, "pipe into NULL: %d\n", pipe(NULL));
    uprintf(1, "pipe into the kernel half: %d\n", pipe(KERNEL_HALF));
    uprintf(1, "pipe into a PROT_READ page: %d\n", pipe((int *)ro));
    r = pipe(p);
    uprintf(1, "pipe: %d, two new fds: %s\n", r, yes(p[0] > 2 && p[1] > 2 && p[0] != p[1]));
    uprintf(1, "write 5 bytes: %d\n", write(p[1], "hello", 5));
    uprintf(1, "write 3 more: %d\n", write(p[1], "abc", 3));
    r = read(p[0], buf, 5);
    uprintf(1, "read 5: %d, in order: %s\n", r, yes(r == 5 && !memcmp(buf, "hello", 5)));
    uprintf(1, "read from the write end: %d\n", read(p[1], buf, 1));
    uprintf(1, "write to the read end: %d\n", write(p[0], "x", 1));
    uprintf(1, "close the write end: %d\n", close(p[1]));
    r = read(p[0], buf, sizeof(buf));
    uprintf(1, "read what is left: %d, in order: %s\n", r, yes(r == 3 && !memcmp(buf, "abc", 3)));
    uprintf(1, "then EOF: %d\n", read(p[0], buf, sizeof(buf)));
    uprintf(1, "and EOF again: %d\n", read(p[0], buf, sizeof(buf)));
    close(p[0]);
}

static void test_getrusage(void)
{
    struct rusage ru;

    uprintf(1, "-- getrusage\n");
    uprintf(1, "getrusage RUSAGE_SELF: %d\n", getrusage(RUSAGE_SELF, &ru));
    uprintf(1, "getrusage RUSAGE_THREAD: %d\n", getrusage(1, &ru));
    uprintf(1, "getrusage who 2: %d\n", getrusage(2, &ru));
    uprintf(1, "getrusage who -2: %d\n", getrusage(-2, &ru));
    uprintf(1, "getrusage into NULL: %d\n", getrusage(RUSAGE_SELF, NULL));
    uprintf(1, "getrusage into the kernel half: %d\n", getrusage(RUSAGE_SELF, KERNEL_HALF));
}

static void test_execve(char **argv)
{
    char *args[] = { argv[0], "child", NULL };
    char *bad_string[] = { argv[0], (char *)KERNEL_HALF, NULL };
    int pid, status;

    uprintf(1, "-- execve\n");
    pid = fork();
    if (pid == 0) {
        execve(argv[0], args, environ);
        exit(99);
    }
    waitpid_retry(pid, &status);
    print_status("the re-executed program", status);
    uprintf(1, "execve NULL path: %d\n", execve(NULL, args, environ));
    uprintf(1, "execve kernel-half path: %d\n", execve(KERNEL_HALF, args, environ));
    uprintf(1, "execve unmapped argv: %d\n", execve(argv[0], (char **)gone, environ));
    uprintf(1, "execve kernel-half argv: %d\n", execve(argv[0], KERNEL_HALF, environ));
    uprintf(1, "execve argv with a bad string: %d\n", execve(argv[0], bad_string, environ));
    uprintf(1, "execve unmapped envp: %d\n", execve(argv[0], args, (char **)gone));
    uprintf(1, "execve missing file: %d\n", execve("no_such_program", args, environ));
    uprintf(1, "still running after the failed calls: yes\n");
}

static int tls_word = 0x1234abcd;

static void test_tls_and_small_calls(void)
{
    struct user_desc d;
    struct rlimit rl;
    unsigned char rnd[16];
    int r, i, nonzero = 0, tid;

    uprintf(1, "-- set_thread_area\n");
    uprintf(1, "set_thread_area NULL: %d\n", set_thread_area(NULL));
    uprintf(1, "set_thread_area kernel half: %d\n", set_thread_area(KERNEL_HALF));
    d.entry_number = -1;
    d.base_addr = (unsigned)&tls_word;
    d.limit = 0xfffff;
    d.flags = 0x51;                     /* seg_32bit, limit_in_pages, useable */
    r = set_thread_area(&d);
    uprintf(1, "set_thread_area entry -1: %d, got a TLS entry: %s\n", r, yes(d.entry_number != (unsigned)-1));
    if (r == 0) {
        unsigned sel = d.entry_number * 8 + 3, v, zero = 0;
        __asm__ volatile("movw %w1, %%gs\n\tmovl %%gs:0, %0\n\tmovw %w2, %%gs"
                         : "=r"(v) : "r"(sel), "r"(zero));
        uprintf(1, "%%gs:0 through it reads the variable: %s\n", yes(v == 0x1234abcd));
        uprintf(1, "set_thread_area the same entry again: %d\n", set_thread_area(&d));
    }
    d.entry_number = 3;
    uprintf(1, "set_thread_area entry 3: %d\n", set_thread_area(&d));

    uprintf(1, "-- ugetrlimit, getrandom, set_tid_address\n");
    uprintf(1, "ugetrlimit RLIMIT_STACK: %d\n", getrlimit(RLIMIT_STACK, &rl));
    uprintf(1, "ugetrlimit into NULL: %d\n", getrlimit(RLIMIT_STACK, NULL));
    uprintf(1, "ugetrlimit into the kernel half: %d\n", getrlimit(RLIMIT_STACK, KERNEL_HALF));
    uprintf(1, "ugetrlimit resource 99: %d\n", getrlimit(99, &rl));
    memset(rnd, 0, sizeof(rnd));
    r = getrandom(rnd, sizeof(rnd), 0);
    for (i = 0; i < (int)sizeof(rnd); i++)
        nonzero |= rnd[i];
    uprintf(1, "getrandom 16 bytes: %d, not all zero: %s\n", r, yes(nonzero != 0));
    uprintf(1, "getrandom 0 bytes: %d\n", getrandom(rnd, 0, 0));
    uprintf(1, "getrandom into NULL: %d\n", getrandom(NULL, 16, 0));
    uprintf(1, "getrandom into the kernel half: %d\n", getrandom(KERNEL_HALF, 16, 0));
    uprintf(1, "getrandom unknown flag 0x100: %d\n", getrandom(rnd, 16, 0x100));
    uprintf(1, "set_tid_address returns the pid: %s\n", yes(set_tid_address(&tid) == getpid()));
}

static void test_exit(void)
{
    int pid, status;

    uprintf(1, "-- exit, exit_group\n");
    if ((pid = fork()) == 0)
        exit_group(42);
    waitpid_retry(pid, &status);
    print_status("child exit_group(42)", status);
    if ((pid = fork()) == 0)
        exit_group(300);
    waitpid_retry(pid, &status);
    print_status("child exit_group(300)", status);
    if ((pid = fork()) == 0)
        exit(-1);
    waitpid_retry(pid, &status);
    print_status("child exit(-1)", status);
}

static void test_dup(void)
{
    int fd = open(DATA, O_RDONLY, 0), d, r;
    unsigned char b[2];

    uprintf(1, "-- dup, dup2\n");
    uprintf(1, "dup bad fd: %d\n", dup(99));
    uprintf(1, "dup negative fd: %d\n", dup(-1));
    d = dup(1);
    uprintf(1, "dup(1) gives a new fd: %s\n", yes(d > 2 && d != fd));
    r = write(d, "written through dup(1)\n", 23);
    uprintf(1, "write through it: %d\n", r);
    uprintf(1, "dup2 onto itself: %s\n", yes(dup2(d, d) == d));
    uprintf(1, "dup2 bad fd onto itself: %d\n", dup2(99, 99));
    uprintf(1, "dup2 bad fd: %d\n", dup2(99, d));
    uprintf(1, "dup2 onto a negative fd: %d\n", dup2(1, -1));
    uprintf(1, "dup2 the file over it: %s\n", yes(dup2(fd, d) == d));
    lseek(fd, 250, SEEK_SET);
    r = read(d, b, 2);
    uprintf(1, "the copy shares the offset: %d bytes, %d %d, offset now %d\n", r, b[0], b[1],
            (int)lseek(fd, 0, SEEK_CUR));
    r = close(d);
    uprintf(1, "close the copy: %d, the original still reads: %d\n", r, read(fd, b, 1));
    uprintf(1, "close it again: %d\n", close(d));
    close(fd);
}

static void test_dirs(void)
{
    char buf[256];
    int pid, status, r;

    uprintf(1, "-- chdir, getcwd, openat\n");
    r = getcwd(buf, sizeof(buf));
    uprintf(1, "getcwd > 0: %s, absolute: %s, length includes the NUL: %s\n", yes(r > 0),
            yes(buf[0] == '/'), yes(r > 0 && (unsigned)r == strlen(buf) + 1));
    uprintf(1, "getcwd into 1 byte: %d\n", getcwd(buf, 1));
    uprintf(1, "getcwd into NULL: %d\n", getcwd(NULL, sizeof(buf)));
    uprintf(1, "chdir .: %d\n", chdir("."));
    uprintf(1, "chdir to a missing directory: %d\n", chdir("no_such_dir"));
    uprintf(1, "chdir to a file: %d\n", chdir(DATA));
    uprintf(1, "chdir NULL: %d\n", chdir(NULL));
    if ((pid = fork()) == 0) {          /* Linux's cwd is a temporary directory: leave it only here */
        r = chdir("/");
        int n = getcwd(buf, sizeof(buf));
        uprintf(1, "child: chdir /: %d, getcwd: %d %s\n", r, n, n > 0 ? buf : "-");
        exit(0);
    }
    waitpid_retry(pid, &status);

    int fd = openat(AT_FDCWD, DATA, O_RDONLY, 0);
    unsigned char b[3] = { 9, 9, 9 };
    r = read(fd, b, 3);
    uprintf(1, "openat AT_FDCWD: fd > 2: %s, reads %d: %d %d %d\n", yes(fd > 2), r, b[0], b[1], b[2]);
    uprintf(1, "openat AT_FDCWD, missing: %d\n", openat(AT_FDCWD, "no_such_file", O_RDONLY, 0));
    uprintf(1, "openat AT_FDCWD, NULL path: %d\n", openat(AT_FDCWD, NULL, O_RDONLY, 0));
    uprintf(1, "openat bad dirfd, relative path: %d\n", openat(99, DATA, O_RDONLY, 0));
    uprintf(1, "openat a file as dirfd, relative path: %d\n", openat(fd, DATA, O_RDONLY, 0));
    int m = openat(99, "/proc/meminfo", O_RDONLY, 0);
    uprintf(1, "openat bad dirfd, absolute path: fd > 2: %s\n", yes(m > 2));
    close(m);
    close(fd);
}

static void test_kill(void)
{
    int pid, status, r, p[2];
    char c;

    uprintf(1, "-- kill\n");
    pid = fork();
    if (pid == 0)
        for (;;)
            ;
    uprintf(1, "kill a busy child with signal 0: %d\n", kill(pid, 0));
    uprintf(1, "kill it with signal 99: %d\n", kill(pid, 99));
    uprintf(1, "kill it with signal -1: %d\n", kill(pid, -1));
    uprintf(1, "kill it with SIGKILL: %d\n", kill(pid, SIGKILL));
    r = waitpid_retry(pid, &status);
    print_status("the busy child", r == pid ? status : -1);
    uprintf(1, "kill the reaped pid: %d\n", kill(pid, 0));

    pipe(p);
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        exit(6);
    }
    close(p[1]);
    read(p[0], &c, 1);                  /* EOF: the child has closed its files, exiting */
    close(p[0]);
    msleep(50);
    uprintf(1, "kill a zombie with signal 0: %d\n", kill(pid, 0));
    uprintf(1, "kill a zombie with SIGKILL: %d\n", kill(pid, SIGKILL));
    waitpid_retry(pid, &status);
    print_status("the zombie", status);
}

static void test_nanosleep(void)
{
    struct timespec ts;

    uprintf(1, "-- nanosleep\n");
    uprintf(1, "nanosleep NULL: %d\n", nanosleep(NULL, NULL));
    uprintf(1, "nanosleep kernel half: %d\n", nanosleep(KERNEL_HALF, NULL));
    ts.tv_sec = 0;
    ts.tv_nsec = 1000000000;
    uprintf(1, "nanosleep 1e9 ns: %d\n", nanosleep(&ts, NULL));
    ts.tv_nsec = -1;
    uprintf(1, "nanosleep -1 ns: %d\n", nanosleep(&ts, NULL));
    ts.tv_sec = -1;
    ts.tv_nsec = 0;
    uprintf(1, "nanosleep -1 s: %d\n", nanosleep(&ts, NULL));
    ts.tv_sec = 0;
    uprintf(1, "nanosleep 0: %d\n", nanosleep(&ts, NULL));
    ts.tv_nsec = 1000000;
    uprintf(1, "nanosleep 1 ms, bad rem pointer: %d\n", nanosleep(&ts, (struct timespec *)gone));
}

static void child_touches(int pages)
{
    char *m = map_anon(pages);
    for (int i = 0; i < pages; i++)
        m[i * PAGE] = 1;
}

static void test_wait4(void)
{
    struct rusage ru, before, after;
    int pid, status = 0, r, p[2];
    char c;

    uprintf(1, "-- wait4, getrusage RUSAGE_CHILDREN\n");
    getrusage(-1, &before);
    pipe(p);
    pid = fork();
    if (pid == 0) {
        close(p[1]);
        child_touches(100);
        read(p[0], &c, 1);              /* waits for the parent's close */
        exit(3);
    }
    close(p[0]);
    uprintf(1, "wait4 WNOHANG before it ends: %d\n", wait4(pid, &status, WNOHANG, &ru));
    close(p[1]);
    memset(&ru, 0, sizeof(ru));
    r = wait4(pid, &status, 0, &ru);
    uprintf(1, "wait4 with rusage: returns the pid: %s\n", yes(r == pid));
    print_status("its status", status);
    uprintf(1, "the rusage counts the child's 100 page faults: %s\n", yes(ru.ru_minflt >= 100));
    getrusage(-1, &after);
    uprintf(1, "getrusage RUSAGE_CHILDREN counts them too: %s\n",
            yes(after.ru_minflt - before.ru_minflt >= 100));

    pid = fork();
    if (pid == 0)
        exit(4);
    r = wait4(pid, &status, 0, NULL);
    uprintf(1, "wait4 without rusage: returns the pid: %s\n", yes(r == pid));
    print_status("its status", status);

    pid = fork();
    if (pid == 0)
        exit(5);
    msleep(20);
    uprintf(1, "wait4 with a bad rusage pointer: %d\n", wait4(pid, &status, 0, (struct rusage *)ro));
    uprintf(1, "the child was reaped all the same: %d\n", wait4(pid, &status, 0, &ru));
    uprintf(1, "wait4 with no children: %d\n", wait4(-1, &status, 0, &ru));
}

static void test_msync_madvise(void)
{
    char *m = map_anon(2);

    uprintf(1, "-- msync, madvise\n");
    uprintf(1, "msync of anonymous memory: %d\n", msync(m, 2 * PAGE, MS_SYNC));
    uprintf(1, "msync unaligned: %d\n", msync(m + 1, PAGE, MS_SYNC));
    uprintf(1, "msync of an unmapped page: %d\n", msync(gone, PAGE, MS_SYNC));
    uprintf(1, "madvise DONTNEED: %d\n", madvise(m, 2 * PAGE, MADV_DONTNEED));
    uprintf(1, "madvise unaligned: %d\n", madvise(m + 1, PAGE, MADV_DONTNEED));
    uprintf(1, "madvise of an unmapped page: %d\n", madvise(gone, PAGE, MADV_DONTNEED));
}

int main(int argc, char **argv)
{
    struct rusage ru;

    if (argc == 2 && !strcmp(argv[1], "child")) {
        uprintf(1, "execve: the new program runs, argc %d, argv[1] %s\n", argc, argv[1]);
        return 5;
    }
    /* before any child is reaped, RUSAGE_CHILDREN is all zero */
    memset(&ru, 0xff, sizeof(ru));
    uprintf(1, "getrusage RUSAGE_CHILDREN: %d\n", getrusage(-1, &ru));
    uprintf(1, "no child yet: ru_minflt %d, ru_majflt %d\n", (int)ru.ru_minflt, (int)ru.ru_majflt);

    ro = (char *)mmap2(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    test_lseek();
    test_fstat();
    test_writev();
    test_readlink();
    test_pipe();
    test_getrusage();
    test_execve(argv);
    test_tls_and_small_calls();
    test_exit();
    test_dup();
    test_dirs();
    test_kill();
    test_nanosleep();
    test_wait4();
    test_msync_madvise();
    uprintf(1, "done\n");
    return 0;
}

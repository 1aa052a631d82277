/*
 * dev_files.c - the device nodes of /dev, as on Linux (mem(4), null(4),
 * full(4), random(4)):
 *
 *   stat64     each is a character device with Linux's numbers in
 *              st_rdev (null 1:3, zero 1:5, full 1:7, urandom 1:9, tty
 *              5:0, console 5:1) and mode 0666 (but the console's)
 *   /dev/null  reads end at once, writes take everything, lseek gives 0;
 *              it cannot be mapped (-ENODEV)
 *   /dev/zero  reads zeros, writes take everything; MAP_PRIVATE of it is
 *              private zeroed memory (a child's writes stay its own),
 *              MAP_SHARED of it is shared with a forked child, and two
 *              such mappings are two different objects; MAP_SHARED and
 *              PROT_WRITE need it open for writing (-EACCES)
 *   /dev/full  writes fail with -ENOSPC, reads give zeros
 *   /dev/urandom  reads give the count asked (the bytes are not printed)
 *   ioctl      TCGETS (isatty) on a regular file, a pipe and /dev/null is
 *              -ENOTTY; on a closed descriptor -EBADF
 *
 * The console and /dev/tty are not opened: under tests/run --linux there
 * is no controlling terminal and fds 0-2 are a pipe and /dev/null.
 */
#include "lib/vmtest.h"

#define FILE_NAME "dev_files.tmp"

static char buf[5000];

/* The permission bits in octal, e.g. "0666". */
static const char *octal(unsigned mode)
{
    static char text[6];

    text[0] = '0';
    for (int i = 0; i < 3; i++)
        text[1 + i] = (char)('0' + ((mode >> (6 - 3 * i)) & 7));
    text[4] = mode & 07000 ? '?' : 0;
    return text;
}

static void show_node(const char *path, int show_mode)
{
    struct stat64 st;
    int r = stat64(path, &st);

    if (r < 0) {
        uprintf(1, "%s: stat64 = %d\n", path, r);
        return;
    }
    unsigned rdev = (unsigned)st.st_rdev;
    uprintf(1, "%s: %s, rdev %u:%u", path,
            (st.st_mode & S_IFMT) == S_IFCHR ? "character device" : "not a character device",
            (rdev >> 8) & 0xfff, (rdev & 0xff) | ((rdev >> 12) & 0xfff00));
    if (show_mode)
        uprintf(1, ", mode %s", octal(st.st_mode & 07777));
    uprintf(1, "\n");
}

static int all_zero(const char *p, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static void null_zero_full_urandom(void)
{
    int null = open("/dev/null", O_RDWR, 0);
    uprintf(1, "/dev/null: read = %d, write 5000 = %d, lseek(100, SEEK_SET) = %d\n",
            read(null, buf, sizeof(buf)), write(null, buf, sizeof(buf)),
            (int)lseek(null, 100, SEEK_SET));
    long addr = mmap2(0, PAGE, PROT_READ, MAP_PRIVATE, null, 0);
    uprintf(1, "/dev/null: mmap2 = %d\n", MAP_FAILED(addr) ? (int)addr : 0);
    close(null);

    int zero = open("/dev/zero", O_RDWR, 0);
    memset(buf, 0xAA, sizeof(buf));
    int r = read(zero, buf, 3000);
    uprintf(1, "/dev/zero: read 3000 = %d, zeros: %s, the rest untouched: %s\n", r,
            all_zero(buf, 3000) ? "yes" : "no", (unsigned char)buf[3000] == 0xAA ? "yes" : "no");
    uprintf(1, "/dev/zero: write 100 = %d\n", write(zero, buf, 100));
    close(zero);

    int full = open("/dev/full", O_RDWR, 0);
    memset(buf, 0xAA, sizeof(buf));
    uprintf(1, "/dev/full: write 10 = %d\n", write(full, buf, 10));
    r = read(full, buf, 100);
    uprintf(1, "/dev/full: read 100 = %d, zeros: %s\n", r, all_zero(buf, 100) ? "yes" : "no");
    close(full);

    int urandom = open("/dev/urandom", O_RDONLY, 0);
    memset(buf, 0, sizeof(buf));
    r = read(urandom, buf, sizeof(buf));
    uprintf(1, "/dev/urandom: read 5000 = %d, all zero: %s\n", r, all_zero(buf, sizeof(buf)) ? "yes" : "no");
    uprintf(1, "/dev/urandom: read 1 = %d\n", read(urandom, buf, 1));
    close(urandom);
}

/* Map two pages of /dev/zero, or the error as a negative number. */
static char *map_zero(int fd, int prot, int flags)
{
    long addr = mmap2(0, 2 * PAGE, prot, flags, fd, 0);
    return (char *)addr;
}

static void zero_mappings(void)
{
    int zero = open("/dev/zero", O_RDWR, 0), status;
    char *priv = map_zero(zero, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    char *shared = map_zero(zero, PROT_READ | PROT_WRITE, MAP_SHARED);
    char *other = map_zero(zero, PROT_READ | PROT_WRITE, MAP_SHARED);

    if (MAP_FAILED(priv) || MAP_FAILED(shared) || MAP_FAILED(other)) {
        uprintf(1, "mmap2 of /dev/zero failed: %d %d %d\n", (int)priv, (int)shared, (int)other);
        return;
    }
    uprintf(1, "MAP_PRIVATE: zeros %s\n", all_zero(priv, 2 * PAGE) ? "yes" : "no");
    priv[0] = 1;
    priv[PAGE + 5] = 2;
    uprintf(1, "MAP_PRIVATE: written %d %d\n", priv[0], priv[PAGE + 5]);
    uprintf(1, "MAP_SHARED: zeros %s\n", all_zero(shared, 2 * PAGE) ? "yes" : "no");
    shared[10] = 7;
    int pid = fork();
    if (pid == 0) {
        priv[0] = 50;
        shared[PAGE + 1] = 42;
        shared[10]++;
        exit(0);
    }
    waitpid_retry(pid, &status);
    uprintf(1, "after the child's writes: private %d, shared %d %d\n", priv[0], shared[10], shared[PAGE + 1]);
    uprintf(1, "the other MAP_SHARED mapping: zeros %s\n", all_zero(other, 2 * PAGE) ? "yes" : "no");
    memset(buf, 0xAA, 100);
    read(zero, buf, 100);
    uprintf(1, "read(/dev/zero) still zeros: %s\n", all_zero(buf, 100) ? "yes" : "no");
    munmap(priv, 2 * PAGE);
    munmap(shared, 2 * PAGE);
    munmap(other, 2 * PAGE);
    close(zero);
    int rdonly = open("/dev/zero", O_RDONLY, 0);
    long addr = (long)map_zero(rdonly, PROT_READ | PROT_WRITE, MAP_SHARED);
    uprintf(1, "MAP_SHARED|PROT_WRITE of a read-only /dev/zero = %d\n", MAP_FAILED(addr) ? (int)addr : 0);
    char *ro = map_zero(rdonly, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    uprintf(1, "MAP_PRIVATE|PROT_WRITE of it = %s\n", MAP_FAILED(ro) ? "failed" : "ok");
    if (!MAP_FAILED(ro)) {
        ro[3] = 9;
        uprintf(1, "written %d\n", ro[3]);
        munmap(ro, 2 * PAGE);
    }
    close(rdonly);
}

static void not_terminals(void)
{
    char termios[64];
    int fds[2];
    int file = open(FILE_NAME, O_RDWR | O_CREAT | O_TRUNC, 0644);
    int null = open("/dev/null", O_RDWR, 0);

    pipe(fds);
    uprintf(1, "TCGETS on a regular file = %d\n", ioctl(file, TCGETS, termios));
    uprintf(1, "TCGETS on a pipe = %d %d\n", ioctl(fds[0], TCGETS, termios), ioctl(fds[1], TCGETS, termios));
    uprintf(1, "TCGETS on /dev/null = %d\n", ioctl(null, TCGETS, termios));
    close(file);
    close(null);
    close(fds[0]);
    close(fds[1]);
    uprintf(1, "TCGETS on a closed descriptor = %d\n", ioctl(fds[0], TCGETS, termios));
    unlink(FILE_NAME);
}

int main(void)
{
    show_node("/dev/null", 1);
    show_node("/dev/zero", 1);
    show_node("/dev/full", 1);
    show_node("/dev/urandom", 1);
    show_node("/dev/tty", 1);
    show_node("/dev/console", 0);
    null_zero_full_urandom();
    zero_mappings();
    not_terminals();
    return 0;
}

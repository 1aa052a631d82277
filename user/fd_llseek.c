/*
 * fd_llseek.c - file offsets, as on Linux i386:
 *
 *   _llseek   64-bit offsets: SEEK_SET to 5 GiB, SEEK_CUR and SEEK_END
 *             past 4 GiB give the exact result, a read there returns 0;
 *             a negative result or a bad whence is -EINVAL and leaves
 *             the offset alone; a pipe is -ESPIPE
 *   lseek     up to 2^31 - 1; a pipe is -ESPIPE
 *   pread64, pwrite64  at an offset, leaving the file's offset alone; a
 *             write past the end leaves a hole of zeros; with O_APPEND
 *             pwrite64 appends (Linux's documented bug); -EINVAL, -ESPIPE
 *   readv, writev  several buffers, an empty one among them; -EINVAL
 *
 * With the argument "data" (test fd_seek_data): SEEK_DATA and SEEK_HOLE
 * on a file without holes (data from 0 to the end, the one hole at the
 * end, -ENXIO past it), whence checked before the file type on a pipe,
 * and /dev/null's lseek giving 0 for every whence.
 *
 * With the argument "overflow" (test fd_lseek_overflow): plain lseek to
 * a position past 2 GiB is -EOVERFLOW on a 32-bit kernel, and Linux has
 * moved the offset all the same.
 */
#include "lib/ulib.h"

#define FILE_NAME "fd_llseek.tmp"
#define GiB (1LL << 30)

/* A 64-bit number in decimal, in a static buffer (one of four). */
static const char *dec64(long long v)
{
    static char text[4][24];
    static int next;
    char *end = text[next++ % 4] + 23, *p = end;
    unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;

    *p = 0;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    return p;
}

static void show_llseek(int fd, const char *what, long long offset, int whence)
{
    long long result = -12345;
    int r = llseek(fd, offset, &result, whence);

    uprintf(1, "_llseek(%s) = %d, result %s\n", what, r, r ? "untouched" : dec64(result));
}

static void seeks_past_4g(int fd)
{
    char buf[16];

    show_llseek(fd, "5 GiB, SEEK_SET", 5 * GiB, SEEK_SET);
    uprintf(1, "read there = %d\n", read(fd, buf, sizeof(buf)));
    show_llseek(fd, "1 GiB + 7, SEEK_CUR", GiB + 7, SEEK_CUR);
    show_llseek(fd, "4 GiB, SEEK_END", 4 * GiB, SEEK_END);
    show_llseek(fd, "-1, SEEK_SET", -1, SEEK_SET);
    show_llseek(fd, "-(4 GiB + 101), SEEK_CUR", -(4 * GiB + 101), SEEK_CUR);
    show_llseek(fd, "0, whence 5", 0, 5);
    show_llseek(fd, "0, SEEK_CUR", 0, SEEK_CUR);
    show_llseek(fd, "-4 GiB, SEEK_CUR", -4 * GiB, SEEK_CUR);
    show_llseek(fd, "-90, SEEK_END", -90, SEEK_END);
    int r = read(fd, buf, 5);
    buf[r > 0 ? r : 0] = 0;
    uprintf(1, "read 5 = %d \"%s\"\n", r, buf);
    uprintf(1, "pread64 at 5 GiB = %d\n", pread64(fd, buf, sizeof(buf), 5 * GiB));
}

static void plain_lseek(int fd, int pipe_fds[2])
{
    long long result;

    uprintf(1, "lseek(0x7fffffff, SEEK_SET) = %d\n", (int)lseek(fd, 0x7fffffff, SEEK_SET));
    uprintf(1, "lseek(-1, SEEK_SET) = %d\n", (int)lseek(fd, -1, SEEK_SET));
    uprintf(1, "lseek(-100, SEEK_END) = %d\n", (int)lseek(fd, -100, SEEK_END));
    uprintf(1, "lseek(pipe) = %d\n", (int)lseek(pipe_fds[0], 0, SEEK_CUR));
    uprintf(1, "_llseek(pipe) = %d\n", llseek(pipe_fds[0], 0, &result, SEEK_SET));
    uprintf(1, "pread64(pipe) = %d\n", pread64(pipe_fds[0], &result, 1, 0));
    uprintf(1, "pwrite64(pipe) = %d\n", pwrite64(pipe_fds[1], &result, 1, 0));
}

static void pio(int fd)
{
    char buf[16];

    lseek(fd, 3, SEEK_SET);
    uprintf(1, "pwrite64(\"WXYZ\", at 200) = %d\n", pwrite64(fd, "WXYZ", 4, 200));
    int r = pread64(fd, buf, 8, 98);
    uprintf(1, "pread64(8, at 98) = %d:", r);
    for (int i = 0; i < r; i++)
        uprintf(1, " %x", (unsigned char)buf[i]);
    uprintf(1, "\n");
    uprintf(1, "the offset is still %d\n", (int)lseek(fd, 0, SEEK_CUR));
    uprintf(1, "pread64(at -1) = %d\n", pread64(fd, buf, 1, -1));
    uprintf(1, "pread64(at the end) = %d\n", pread64(fd, buf, 1, 204));
    int ap = open(FILE_NAME, O_WRONLY | O_APPEND, 0);
    uprintf(1, "pwrite64(\"Q\", at 0) on an O_APPEND descriptor = %d\n", pwrite64(ap, "Q", 1, 0));
    close(ap);
    struct stat64 st;
    fstat64(fd, &st);
    uprintf(1, "size %d\n", (int)st.st_size);
    r = pread64(fd, buf, 4, 0);
    buf[r > 0 ? r : 0] = 0;
    uprintf(1, "the first 4 bytes: \"%s\"\n", buf);
    r = pread64(fd, buf, 1, 204);
    uprintf(1, "the last byte: %d '%c'\n", r, buf[0]);
}

static void vectors(int fd)
{
    struct iovec out[3] = { { "ab", 2 }, { "", 0 }, { "cdef", 4 } };
    char a[1], b[3], c[10], tail[8];
    struct iovec in[3] = { { a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) } };

    lseek(fd, 0, SEEK_SET);
    uprintf(1, "writev(\"ab\", \"\", \"cdef\") = %d\n", writev(fd, out, 3));
    uprintf(1, "offset %d\n", (int)lseek(fd, 0, SEEK_CUR));
    lseek(fd, 0, SEEK_SET);
    uprintf(1, "readv(1, 3, 10) = %d", readv(fd, in, 3));
    uprintf(1, ": \"%c\" \"%c%c%c\" \"", a[0], b[0], b[1], b[2]);
    write(1, c, sizeof(c));
    uprintf(1, "\"\n");
    struct iovec end[2] = { { tail, 4 }, { tail + 4, 4 } };
    lseek(fd, 202, SEEK_SET);
    uprintf(1, "readv(4, 4) at 202 = %d\n", readv(fd, end, 2));
    uprintf(1, "readv at the end = %d\n", readv(fd, end, 2));
    uprintf(1, "writev(count 0) = %d\n", writev(fd, out, 0));
    uprintf(1, "readv(count -1) = %d\n", readv(fd, in, -1));
    uprintf(1, "readv(count 1025) = %d\n", readv(fd, in, 1025));
}

#define SEEK_DATA 3
#define SEEK_HOLE 4

/* fd_seek_data: the whences after SEEK_END. */
static void data_and_holes(int fd)
{
    long long result;
    int fds[2], null = open("/dev/null", O_RDWR, 0);

    pipe(fds);
    uprintf(1, "lseek(0, SEEK_DATA) = %d\n", (int)lseek(fd, 0, SEEK_DATA));
    uprintf(1, "lseek(50, SEEK_DATA) = %d\n", (int)lseek(fd, 50, SEEK_DATA));
    uprintf(1, "lseek(0, SEEK_HOLE) = %d\n", (int)lseek(fd, 0, SEEK_HOLE));
    uprintf(1, "lseek(100, SEEK_DATA) = %d\n", (int)lseek(fd, 100, SEEK_DATA));
    uprintf(1, "lseek(100, SEEK_HOLE) = %d\n", (int)lseek(fd, 100, SEEK_HOLE));
    uprintf(1, "lseek(-1, SEEK_DATA) = %d\n", (int)lseek(fd, -1, SEEK_DATA));
    show_llseek(fd, "3, SEEK_HOLE", 3, SEEK_HOLE);
    uprintf(1, "lseek(pipe, 0, whence 5) = %d\n", (int)lseek(fds[0], 0, 5));
    uprintf(1, "_llseek(pipe, 0, whence 5) = %d\n", llseek(fds[0], 0, &result, 5));
    uprintf(1, "lseek(/dev/null, 0, SEEK_DATA) = %d\n", (int)lseek(null, 0, SEEK_DATA));
    uprintf(1, "lseek(/dev/null, 0, SEEK_HOLE) = %d\n", (int)lseek(null, 0, SEEK_HOLE));
    close(fds[0]);
    close(fds[1]);
    close(null);
}

/* fd_lseek_overflow: the 32-bit lseek cannot return 2^31. */
static void overflow(int fd)
{
    long long result;

    uprintf(1, "lseek(0x7fffffff, SEEK_SET) = %d\n", (int)lseek(fd, 0x7fffffff, SEEK_SET));
    uprintf(1, "lseek(1, SEEK_CUR) = %d\n", (int)lseek(fd, 1, SEEK_CUR));
    llseek(fd, 0, &result, SEEK_CUR);
    uprintf(1, "the offset after it: %s\n", dec64(result));
    llseek(fd, 5 * GiB, &result, SEEK_SET);
    uprintf(1, "at 5 GiB: lseek(0, SEEK_CUR) = %d\n", (int)lseek(fd, 0, SEEK_CUR));
    uprintf(1, "lseek(-100, SEEK_END) = %d\n", (int)lseek(fd, -100, SEEK_END));
}

int main(int argc, char **argv)
{
    char text[100];
    int fds[2];

    for (int i = 0; i < 100; i++)
        text[i] = (char)('0' + i % 10);
    int fd = open(FILE_NAME, O_RDWR | O_CREAT | O_TRUNC, 0644);
    uprintf(1, "write 100 = %d\n", write(fd, text, sizeof(text)));
    if (argc > 1 && !strcmp(argv[1], "overflow")) {
        overflow(fd);
    } else if (argc > 1 && !strcmp(argv[1], "data")) {
        data_and_holes(fd);
    } else {
        pipe(fds);
        seeks_past_4g(fd);
        plain_lseek(fd, fds);
        pio(fd);
        vectors(fd);
    }
    close(fd);
    uprintf(1, "unlink = %d\n", unlink(FILE_NAME));
    return 0;
}

/*
 * fd_sendfile.c - sendfile64(2), as on Linux: from a regular file
 *
 *   to a pipe     without an offset pointer it reads at the file's own
 *                 offset and moves it; with one it reads at *offset,
 *                 moves *offset and leaves the file's offset alone; short
 *                 at the end of the file, 0 past it
 *   to a file     at the output file's offset, which moves
 *   errors        a negative *offset -EINVAL, a bad offset pointer
 *                 -EFAULT, an input not open for reading or an output not
 *                 open for writing -EBADF, an O_APPEND output -EINVAL
 *
 * The source's byte i is i % 251; the bytes that arrive are compared
 * with it.  At most 3000 bytes go into the pipe at once (it holds 4096
 * here, 65536 on Linux).
 */
#include "lib/ulib.h"

#define SOURCE "fd_sendfile.src"
#define TARGET "fd_sendfile.dst"
#define SOURCE_SIZE 10000

static char buf[SOURCE_SIZE + 4096];

/* Are the n bytes at p the source's bytes from offset from? */
static const char *same_as_source(const char *p, int n, int from)
{
    for (int i = 0; i < n; i++)
        if (p[i] != (char)((from + i) % 251))
            return "no";
    return "yes";
}

/* Read up to n bytes from the pipe (non-blocking: the bytes are there
 * already); say whether they are the source's from offset from. */
static void check_pipe(int fd, int n, int from)
{
    int got = 0, r;

    while (got < n && (r = read(fd, buf + got, n - got)) > 0)
        got += r;
    uprintf(1, "  the pipe gave %d bytes, the source's from %d: %s\n", got, from, same_as_source(buf, got, from));
}

static void to_pipe(int src)
{
    int fds[2];
    long long offset;

    pipe(fds);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);  /* a missing byte must not hang the test */
    uprintf(1, "sendfile64(pipe, src, NULL, 3000) = %d\n", sendfile64(fds[1], src, 0, 3000));
    uprintf(1, "  src offset %d\n", (int)lseek(src, 0, SEEK_CUR));
    check_pipe(fds[0], 3000, 0);
    offset = 9000;
    uprintf(1, "sendfile64(pipe, src, &9000, 3000) = %d\n", sendfile64(fds[1], src, &offset, 3000));
    uprintf(1, "  offset %d, src offset %d\n", (int)offset, (int)lseek(src, 0, SEEK_CUR));
    check_pipe(fds[0], 1000, 9000);
    uprintf(1, "sendfile64(pipe, src, &10000, 3000) = %d\n", sendfile64(fds[1], src, &offset, 3000));
    uprintf(1, "  offset %d\n", (int)offset);
    offset = 20;
    uprintf(1, "sendfile64(pipe, src, &20, 0) = %d\n", sendfile64(fds[1], src, &offset, 0));
    uprintf(1, "  offset %d\n", (int)offset);
    offset = -1;
    uprintf(1, "sendfile64(pipe, src, &-1, 10) = %d\n", sendfile64(fds[1], src, &offset, 10));
    uprintf(1, "sendfile64(pipe, src, bad pointer, 10) = %d\n",
            (int)syscall4(SYS_sendfile64, fds[1], src, 16, 10));
    close(fds[0]);
    close(fds[1]);
}

static void to_file(int src)
{
    int dst = open(TARGET, O_RDWR | O_CREAT | O_TRUNC, 0644);
    long long offset = 100;
    struct stat64 st;

    uprintf(1, "sendfile64(dst, src, &100, 5000) = %d\n", sendfile64(dst, src, &offset, 5000));
    uprintf(1, "  offset %d, src offset %d, dst offset %d\n", (int)offset,
            (int)lseek(src, 0, SEEK_CUR), (int)lseek(dst, 0, SEEK_CUR));
    uprintf(1, "sendfile64(dst, src, NULL, 8000) = %d\n", sendfile64(dst, src, 0, 8000));
    uprintf(1, "  src offset %d, dst offset %d\n", (int)lseek(src, 0, SEEK_CUR), (int)lseek(dst, 0, SEEK_CUR));
    fstat64(dst, &st);
    uprintf(1, "  dst size %d\n", (int)st.st_size);
    int r = pread64(dst, buf, sizeof(buf), 0);
    uprintf(1, "  dst bytes 0-4999 are the source's from 100: %s\n", same_as_source(buf, 5000, 100));
    uprintf(1, "  dst bytes 5000-11999 are the source's from 3000: %s\n",
            r == 12000 ? same_as_source(buf + 5000, 7000, 3000) : "no");
    close(dst);

    int rdonly = open(TARGET, O_RDONLY, 0), wronly = open(SOURCE, O_WRONLY, 0);
    int append = open(TARGET, O_WRONLY | O_APPEND, 0);
    offset = 0;
    uprintf(1, "sendfile64(read-only dst, src, &0, 10) = %d\n", sendfile64(rdonly, src, &offset, 10));
    uprintf(1, "sendfile64(dst, write-only src, &0, 10) = %d\n", sendfile64(append, wronly, &offset, 10));
    uprintf(1, "sendfile64(O_APPEND dst, src, &0, 10) = %d\n", sendfile64(append, src, &offset, 10));
    uprintf(1, "sendfile64(-1, src, &0, 10) = %d\n", sendfile64(-1, src, &offset, 10));
    uprintf(1, "  offset %d\n", (int)offset);
    close(rdonly);
    close(wronly);
    close(append);
}

int main(void)
{
    for (int i = 0; i < SOURCE_SIZE; i++)
        buf[i] = (char)(i % 251);
    int src = open(SOURCE, O_RDWR | O_CREAT | O_TRUNC, 0644);
    uprintf(1, "write the source = %d\n", write(src, buf, SOURCE_SIZE));
    lseek(src, 0, SEEK_SET);
    to_pipe(src);
    to_file(src);
    close(src);
    uprintf(1, "unlink = %d %d\n", unlink(SOURCE), unlink(TARGET));
    return 0;
}

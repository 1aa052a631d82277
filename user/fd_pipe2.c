/*
 * fd_pipe2.c - pipe2(2) and the status flags of a pipe, as on Linux:
 *
 *   O_CLOEXEC   both ends have FD_CLOEXEC (F_GETFD), plain pipe() neither
 *   O_NONBLOCK  both ends show it in F_GETFL; a read of an empty pipe is
 *               -EAGAIN, writes into a full one end in -EAGAIN, and the
 *               bytes come back in order; F_SETFL 0 clears it (a read
 *               then waits for a writer)
 *   bad flags   -EINVAL; a bad fds pointer -EFAULT, and no descriptor
 *               is left behind
 *   PIPE_BUF    two writers of 4096-byte blocks: the reader finds every
 *               block whole, never two writers' bytes mixed
 *
 * The pipe's capacity differs (4096 bytes here, 65536 on Linux), so it
 * is not printed.  Flags are printed masked with O_ACCMODE|O_APPEND|
 * O_NONBLOCK.
 */
#include "lib/ulib.h"

#define SHOWN_FLAGS (O_ACCMODE | O_APPEND | O_NONBLOCK)
#define BLOCK 4096                      /* PIPE_BUF on Linux */
#define BLOCKS_EACH 8

static char chunk[1024];
static char got[2 * BLOCKS_EACH * BLOCK];

static void show_fd_flags(const char *what, int fds[2])
{
    uprintf(1, "%s: F_GETFD %d %d, F_GETFL 0x%x 0x%x\n", what,
            fcntl(fds[0], F_GETFD, 0), fcntl(fds[1], F_GETFD, 0),
            fcntl(fds[0], F_GETFL, 0) & SHOWN_FLAGS, fcntl(fds[1], F_GETFL, 0) & SHOWN_FLAGS);
}

static void close_both(int fds[2])
{
    close(fds[0]);
    close(fds[1]);
}

static void flags_and_errors(void)
{
    int fds[2];

    uprintf(1, "pipe2(0) = %d\n", pipe2(fds, 0));
    show_fd_flags("pipe2(0)", fds);
    close_both(fds);
    uprintf(1, "pipe2(O_CLOEXEC) = %d\n", pipe2(fds, O_CLOEXEC));
    show_fd_flags("pipe2(O_CLOEXEC)", fds);
    close_both(fds);
    uprintf(1, "pipe2(O_CLOEXEC|O_NONBLOCK) = %d\n", pipe2(fds, O_CLOEXEC | O_NONBLOCK));
    show_fd_flags("pipe2(O_CLOEXEC|O_NONBLOCK)", fds);
    close_both(fds);
    uprintf(1, "pipe2(O_APPEND) = %d\n", pipe2(fds, O_APPEND));
    uprintf(1, "pipe2(O_RDWR) = %d\n", pipe2(fds, O_RDWR));
    uprintf(1, "pipe2(O_CLOEXEC|O_TRUNC) = %d\n", pipe2(fds, O_CLOEXEC | O_TRUNC));
    int lowest = dup(0);
    close(lowest);
    uprintf(1, "pipe2(bad pointer) = %d\n", (int)syscall2(SYS_pipe2, 16, 0));
    int after = dup(0);
    close(after);
    uprintf(1, "lowest free descriptor unchanged: %s\n", after == lowest ? "yes" : "no");
}

/* Fill the non-blocking pipe with 1 KiB writes (byte i of the stream
 * is i % 251), drain it, then clear O_NONBLOCK and wait for a writer. */
static void nonblocking(void)
{
    int fds[2];
    char buf[64];

    uprintf(1, "pipe2(O_NONBLOCK) = %d\n", pipe2(fds, O_NONBLOCK));
    show_fd_flags("pipe2(O_NONBLOCK)", fds);
    uprintf(1, "read of the empty pipe = %d\n", read(fds[0], buf, sizeof(buf)));
    unsigned total = 0;
    int r;
    for (;;) {
        for (unsigned i = 0; i < sizeof(chunk); i++)
            chunk[i] = (char)((total + i) % 251);
        r = write(fds[1], chunk, sizeof(chunk));
        if (r < 0 || total > (1u << 24))
            break;
        total += r;
    }
    uprintf(1, "writes until the pipe is full: the last one = %d, bytes before it > 0: %s\n",
            r, total > 0 ? "yes" : "no");
    r = read(fds[0], buf, 16);
    int in_order = r == 16;
    for (int i = 0; i < r; i++)
        in_order &= buf[i] == (char)(i % 251);
    uprintf(1, "read 16 = %d, the first bytes written: %s\n", r, in_order ? "yes" : "no");
    unsigned drained = r > 0 ? r : 0;
    while ((r = read(fds[0], got, sizeof(got))) > 0)
        drained += r;
    uprintf(1, "drained: %s, then read = %d\n", drained == total ? "all bytes" : "wrong count", r);
    uprintf(1, "F_SETFL 0 on the read end = %d\n", fcntl(fds[0], F_SETFL, 0));
    show_fd_flags("after F_SETFL", fds);
    int pid = fork();
    if (pid == 0) {
        msleep(50);
        write(fds[1], "late", 4);
        exit(0);
    }
    r = read(fds[0], buf, sizeof(buf));
    uprintf(1, "blocking read waited for the writer: %d bytes, \"%s\"\n", r,
            r == 4 && !memcmp(buf, "late", 4) ? "late" : "?");
    int status;
    waitpid_retry(pid, &status);
    close_both(fds);
}

static int writer(int fd, char c)
{
    int pid = fork();
    if (pid == 0) {
        static char block[BLOCK];
        memset(block, c, sizeof(block));
        for (int i = 0; i < BLOCKS_EACH; i++)
            if (write(fd, block, sizeof(block)) != BLOCK)
                exit(1);
        exit(0);
    }
    return pid;
}

/* Two writers of whole PIPE_BUF blocks: each block read back is one
 * writer's alone. */
static void atomic_writes(void)
{
    int fds[2], status;
    unsigned len = 0;
    int r;

    pipe(fds);
    int a = writer(fds[1], 'A'), b = writer(fds[1], 'B');
    close(fds[1]);
    while (len < sizeof(got) && (r = read(fds[0], got + len, sizeof(got) - len)) > 0)
        len += r;
    close(fds[0]);
    waitpid_retry(a, &status);
    uprintf(1, "writer A: exit %d\n", WEXITSTATUS(status));
    waitpid_retry(b, &status);
    uprintf(1, "writer B: exit %d\n", WEXITSTATUS(status));
    int mixed = 0, as = 0, bs = 0;
    for (unsigned at = 0; at + BLOCK <= len; at += BLOCK) {
        for (unsigned i = 1; i < BLOCK; i++)
            if (got[at + i] != got[at]) {
                mixed++;
                break;
            }
        as += got[at] == 'A';
        bs += got[at] == 'B';
    }
    uprintf(1, "read %u bytes: %u blocks, %d mixed, %d of A, %d of B\n",
            len, len / BLOCK, mixed, as, bs);
}

int main(void)
{
    flags_and_errors();
    nonblocking();
    atomic_writes();
    return 0;
}

/*
 * fd_poll.c - poll(2) on pipes as Linux answers it: nothing ready with a
 * zero timeout; POLLIN once data is there; POLLHUP when the writer is
 * gone; POLLOUT on a write end with room; POLLERR when the reader is
 * gone; POLLNVAL for a descriptor that is not open; a negative fd is
 * skipped; a timeout sleeps at least that long; a sleeping poller wakes
 * when a child writes.
 */
#include "lib/vmtest.h"

#define SYS_poll 168
#define POLLIN   0x001
#define POLLOUT  0x004
#define POLLERR  0x008
#define POLLHUP  0x010
#define POLLNVAL 0x020

struct pollfd {
    int fd;
    short events, revents;
};

static int poll(struct pollfd *fds, unsigned n, int timeout)
{
    return syscall3(SYS_poll, (long)fds, n, timeout);
}

static long now_ms(void)
{
    struct timespec ts;

    clock_gettime(1 /* CLOCK_MONOTONIC */, &ts);
    return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void show(const char *what, int r, const struct pollfd *p)
{
    uprintf(1, "%s: %d, revents 0x%x\n", what, r, (unsigned)(unsigned short)p->revents);
}

int main(void)
{
    int fds[2];
    struct pollfd p = { 0, POLLIN, 0 };

    pipe(fds);
    p.fd = fds[0];
    show("empty pipe, timeout 0", poll(&p, 1, 0), &p);
    write(fds[1], "x", 1);
    show("one byte in it", poll(&p, 1, 0), &p);
    char c;
    read(fds[0], &c, 1);
    struct pollfd w = { fds[1], POLLOUT, 0 };
    show("write end with room", poll(&w, 1, 0), &w);

    long start = now_ms();
    int r = poll(&p, 1, 150);
    long slept = now_ms() - start;
    uprintf(1, "timeout 150 ms: %d, slept at least 150 ms: %s\n", r, slept >= 150 ? "yes" : "no");

    int pid = fork();
    if (pid == 0) {
        struct timespec ts = { 0, 100000000 };
        nanosleep(&ts, 0);
        write(fds[1], "y", 1);
        exit(0);
    }
    show("woken by a child's write (timeout none)", poll(&p, 1, -1), &p);
    waitpid(pid, 0, 0);
    read(fds[0], &c, 1);

    close(fds[1]);
    show("writer closed", poll(&p, 1, 0), &p);
    close(fds[0]);

    pipe(fds);
    close(fds[0]);
    w.fd = fds[1];
    show("reader closed, POLLOUT asked", poll(&w, 1, 0), &w);
    close(fds[1]);

    struct pollfd set[3] = { { 99, POLLIN, 0 }, { -1, POLLIN, 0 }, { 0, 0, 0 } };
    pipe(fds);
    set[2].fd = fds[1];
    set[2].events = POLLOUT;
    r = poll(set, 3, 0);
    uprintf(1, "three: %d, revents 0x%x 0x%x 0x%x\n", r, (unsigned)(unsigned short)set[0].revents,
            (unsigned)(unsigned short)set[1].revents, (unsigned)(unsigned short)set[2].revents);
    uprintf(1, "bad pointer: %d\n", poll((struct pollfd *)8, 1, 0));
    return 0;
}

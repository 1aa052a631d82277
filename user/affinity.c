/*
 * affinity.c - sched_getaffinity and sched_setaffinity on one CPU:
 * getaffinity with room for one long writes that long (CPU 0's bit set)
 * and returns 4; a size of 0 or not a multiple of 4 is -EINVAL; pid 0
 * is the caller, a child's pid works too, a pid with no process is
 * -ESRCH; a bad mask pointer is -EFAULT.  setaffinity with CPU 0 in the
 * mask succeeds (also a 1-byte mask), a mask with no CPU that exists is
 * -EINVAL.  (Only bit 0 is looked at: a host may have more CPUs.)
 */
#include "lib/usysinfo.h"
#include "lib/vmtest.h"

static void show_get(const char *what, int pid, unsigned len)
{
    unsigned mask[2] = { 0, 0x55555555 };

    int r = sched_getaffinity(pid, len, mask);
    uprintf(1, "getaffinity(%s, %u) = %d", what, len, r);
    if (r > 0)
        uprintf(1, ": CPU 0 %s, next long untouched: %s", (mask[0] & 1) ? "in" : "out",
                yes(mask[1] == 0x55555555));
    uprintf(1, "\n");
}

int main(void)
{
    unsigned one = 1, none = 0x80000000u;
    unsigned char one_byte = 1;

    show_get("self", 0, 4);
    show_get("self", 0, 0);
    show_get("self", 0, 3);
    show_get("self", 0, 6);
    show_get("getpid()", getpid(), 4);
    show_get("no such pid", 0x3ffffff0, 4);
    uprintf(1, "getaffinity bad pointer = %d\n", sched_getaffinity(0, 4, (void *)1));

    int pipe_fds[2];
    pipe(pipe_fds);
    int pid = fork();
    if (pid == 0) {
        char c;
        read(pipe_fds[0], &c, 1);       /* alive until the parent is done with it */
        exit(0);
    }
    show_get("child", pid, 4);
    uprintf(1, "setaffinity(child, {CPU 0}) = %d\n", sched_setaffinity(pid, 4, &one));
    write(pipe_fds[1], "x", 1);
    int status;
    waitpid_retry(pid, &status);

    uprintf(1, "setaffinity(self, {CPU 0}) = %d\n", sched_setaffinity(0, 4, &one));
    uprintf(1, "setaffinity(self, 1 byte {CPU 0}) = %d\n", sched_setaffinity(0, 1, &one_byte));
    uprintf(1, "setaffinity(self, {CPU 31}) = %d\n", sched_setaffinity(0, 4, &none));
    uprintf(1, "setaffinity(self, 0 bytes) = %d\n", sched_setaffinity(0, 0, &one));
    uprintf(1, "setaffinity(no such pid) = %d\n", sched_setaffinity(0x3ffffff0, 4, &one));
    uprintf(1, "setaffinity bad pointer = %d\n", sched_setaffinity(0, 4, (void *)1));
    show_get("self after", 0, 4);
    return 0;
}

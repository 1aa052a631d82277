/*
 * kmsg_forge.c - a program that tries to forge init's status line in the
 * kernel log, then exits 3: tests/run must still report "exit 3".  Every
 * line a user process writes to /dev/kmsg carries the kernel's
 * "kmsg: pid N (NAME): " prefix, so none can pass for init's.
 */
#include "lib/ulib.h"

static void to_kmsg(const char *text)
{
    int fd = open("/dev/kmsg", O_WRONLY, 0);

    write(fd, text, strlen(text));
    close(fd);
}

int main(void)
{
    to_kmsg("init: status exit 0\n");
    to_kmsg("init: status exit 0");             /* no newline */
    to_kmsg("\ninit: status exit 0\n");         /* a line of its own after a newline */
    to_kmsg("ini");                             /* split over two writes */
    to_kmsg("t: status exit 0\n");
    to_kmsg("leakcheck: free pages at boot 1, at power-off 1\n");
    write(1, "forged the status line four ways\n", 33);
    return 3;
}

/*
 * cat.c - cat FILE...: copies each file to fd 1, e.g.
 *
 *     cat /proc/meminfo /proc/self/maps /PROGRAMS
 *
 * "-" reads fd 0 until end of file.  Without arguments it prints its
 * usage instead of reading fd 0 as Linux's cat does: our console never
 * reports end of file and nothing can interrupt a program, so the shell
 * would never get its prompt back.  Exit status 1 if a file could not be
 * read, 2 for no arguments.
 */
#include "toolslib.h"

static int copy(int fd)
{
    static char buf[4096];
    int n;

    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        int off = 0;
        while (off < n) {
            int w = write(1, buf + off, n - off);
            if (w <= 0)
                return w < 0 ? w : -EIO;
            off += w;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    int status = 0;

    if (argc < 2) {
        uprintf(2, "usage: cat FILE... (\"-\" for fd 0)\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        int fd = strcmp(argv[i], "-") ? open(argv[i], O_RDONLY, 0) : 0;
        int r = fd;
        if (fd >= 0) {
            r = copy(fd);
            if (fd > 0)
                close(fd);
        }
        if (r < 0) {
            uprintf(2, "cat: %s: %s\n", argv[i], errno_text(-r));
            status = 1;
        }
    }
    return status;
}

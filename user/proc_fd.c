/*
 * proc_fd.c - /proc/self/fd: one symbolic link per open descriptor,
 * listed by getdents64, pointing at what it is: a file's path (with
 * " (deleted)" once unlinked), "pipe:[N]" for a pipe, a device's node;
 * stat through the link is the file itself, lstat the link.
 */
#include "lib/vmtest.h"

static char target[512];

/* "/proc/self/fd/FD" into path (32 bytes). */
static const char *fd_path(int fd, char *path)
{
    char digits[12];
    int n = 0;

    do
        digits[n++] = '0' + fd % 10;
    while ((fd /= 10) > 0);
    memcpy(path, "/proc/self/fd/", 14);
    for (int i = 0; i < n; i++)
        path[14 + i] = digits[n - 1 - i];
    path[14 + n] = 0;
    return path;
}

static const char *link_of(int fd)
{
    char path[32];
    int n = readlink(fd_path(fd, path), target, sizeof(target) - 1);

    target[n < 0 ? 0 : n] = 0;
    return target;
}

static int ends_with(const char *s, const char *tail)
{
    unsigned a = strlen(s), b = strlen(tail);
    return a >= b && !strcmp(s + a - b, tail);
}

int main(void)
{
    int f = open("f", O_RDWR | O_CREAT, 0644), g = open("g", O_RDWR | O_CREAT, 0644);
    int null = open("/dev/null", O_RDONLY, 0), p[2];
    struct stat64 st;

    pipe(p);
    uprintf(1, "a file: ends with /f: %s\n", ends_with(link_of(f), "/f") ? "yes" : "no");
    unlink("g");
    uprintf(1, "an unlinked file: ends with /g (deleted): %s\n",
            ends_with(link_of(g), "/g (deleted)") ? "yes" : "no");
    uprintf(1, "/dev/null: %s\n", link_of(null));
    uprintf(1, "a pipe: starts with pipe:[ %s, both ends the same: ",
            !strncmp(link_of(p[0]), "pipe:[", 6) ? "yes" : "no");
    char first[64];
    memcpy(first, target, sizeof(first));
    uprintf(1, "%s\n", !strcmp(first, link_of(p[1])) ? "yes" : "no");

    char path[32];
    lstat64(fd_path(null, path), &st);
    uprintf(1, "lstat: a link: %s\n", (st.st_mode & 0170000) == 0120000 ? "yes" : "no");
    stat64(path, &st);
    uprintf(1, "stat: a character device %u:%u\n", (unsigned)(st.st_rdev >> 8) & 0xfff,
            (unsigned)st.st_rdev & 0xff);

    char buf[2048];
    int dir = open("/proc/self/fd", O_RDONLY, 0), n, found = 0, total = 0;
    while ((n = getdents64(dir, buf, sizeof(buf))) > 0)
        for (int off = 0; off < n; off += ((struct dirent64 *)(buf + off))->d_reclen) {
            const char *name = ((struct dirent64 *)(buf + off))->d_name;
            total++;
            found += !strcmp(name, "0") || !strcmp(name, "1") || !strcmp(name, "2");
        }
    uprintf(1, "getdents64: 0, 1 and 2 listed: %s, %d entries (., .., 0-2 and the 6 opened here)\n",
            found == 3 ? "yes" : "no", total);
    close(g);
    uprintf(1, "a closed descriptor: %d\n", readlink(fd_path(g, path), target, sizeof(target)));
    return 0;
}

/*
 * ls.c - ls [-la] [PATH...]: the names in each directory, sorted, one per
 * line (as Linux's ls writes them when its output is not a terminal),
 * or the file itself for a PATH that is not a directory.  -a shows the
 * names that start with '.', -l one line per file:
 *
 *     drwxr-xr-x  2     40 dev
 *     -rwxr-xr-x  1   9944 init
 *     lrwxrwxrwx  1      5 l -> ../x
 *
 * (the mode, the link count, the size, the name).  It reads directories
 * with getdents64 and each file with lstat64: a small look at how the
 * file system hands out its entries.  Exit status 1 if a path could not
 * be listed.
 */
#include "toolslib.h"

#define MAX_NAMES 1024
#define NAMES_BYTES (64u << 10)

static int long_format, show_all;
static char *names[MAX_NAMES];
static char name_store[NAMES_BYTES];

static void mode_string(unsigned mode, char out[11])
{
    static const char types[16] = { '?', 'p', 'c', '?', 'd', '?', 'b', '?',
                                    '-', '?', 'l', '?', 's', '?', '?', '?' };
    const char *rwx = "rwxrwxrwx";

    out[0] = types[(mode >> 12) & 15];
    for (int i = 0; i < 9; i++)
        out[1 + i] = mode & (0400u >> i) ? rwx[i] : '-';
    if (mode & 01000)                   /* sticky (/tmp): t over the others' x */
        out[9] = mode & 1 ? 't' : 'T';
    out[10] = 0;
}

/* One line for the file at path (shown as name). */
static int show(const char *path, const char *name)
{
    struct stat64 st;
    char mode[11], target[256];

    if (!long_format) {
        uprintf(1, "%s\n", name);
        return 0;
    }
    int err = lstat64(path, &st);
    if (err < 0) {
        uprintf(2, "ls: %s: %s\n", path, errno_text(-err));
        return 1;
    }
    mode_string(st.st_mode, mode);
    uprintf(1, "%s %2u %6u %s", mode, st.st_nlink, (unsigned)st.st_size, name);
    int n = (st.st_mode & 0170000) == 0120000 ? readlink(path, target, sizeof(target) - 1) : -1;
    if (n >= 0) {
        target[n] = 0;
        uprintf(1, " -> %s", target);
    }
    uprintf(1, "\n");
    return 0;
}

static int before(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a < (unsigned char)*b;
}

/* Read every name of the directory open as fd into names[]: how many. */
static int read_names(int fd)
{
    static char buf[4096];
    unsigned used = 0;
    int count = 0, n;

    while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
        for (int off = 0; off < n; off += *(unsigned short *)(buf + off + 16)) {
            const char *name = buf + off + 19;
            unsigned len = strlen(name) + 1;
            if ((name[0] == '.' && !show_all) || count == MAX_NAMES || used + len > NAMES_BYTES)
                continue;
            names[count] = name_store + used;
            memcpy(names[count++], name, len);
            used += len;
        }
    }
    return n < 0 ? n : count;
}

static int list(const char *path)
{
    struct stat64 st;
    int err = stat64(path, &st);

    if (err < 0) {
        uprintf(2, "ls: %s: %s\n", path, errno_text(-err));
        return 1;
    }
    if ((st.st_mode & 0170000) != 0040000)
        return show(path, path);
    int fd = open(path, O_RDONLY, 0);
    int count = fd < 0 ? fd : read_names(fd);
    if (fd >= 0)
        close(fd);
    if (count < 0) {
        uprintf(2, "ls: %s: %s\n", path, errno_text(-count));
        return 1;
    }
    for (int i = 1; i < count; i++)         /* insertion sort: directories are small */
        for (int j = i; j > 0 && before(names[j], names[j - 1]); j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    int status = 0;
    for (int i = 0; i < count; i++) {
        char full[512];
        int len = strlen(path);
        if (len + strlen(names[i]) + 2 > sizeof(full))
            continue;
        memcpy(full, path, len);
        full[len] = '/';
        memcpy(full + len + 1, names[i], strlen(names[i]) + 1);
        status |= show(full, names[i]);
    }
    return status;
}

int main(int argc, char **argv)
{
    int i = 1, status = 0, paths;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'l')
                long_format = 1;
            else if (*o == 'a')
                show_all = 1;
            else {
                uprintf(2, "usage: ls [-la] [PATH...]\n");
                return 2;
            }
        }
    paths = argc - i;
    if (!paths)
        return list(".");
    for (; i < argc; i++) {
        if (paths > 1)
            uprintf(1, "%s:\n", argv[i]);
        status |= list(argv[i]);
    }
    return status;
}

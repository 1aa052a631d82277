/*
 * proc_dir.c - /proc as a directory tree, as on Linux (proc(5)):
 *
 *   getdents64 of /proc lists ".", "..", "self" (a link), "meminfo" (a
 *              file), the program's pid and a forked child's (directories);
 *              once the child is reaped its pid is gone
 *   getdents64 of /proc/self lists maps, status, stat and cmdline
 *   offsets    lseek to a record's d_off resumes at the record after it;
 *              lseek to 0 starts again from "."
 *   errors     a buffer too small for one record is -EINVAL, a file is
 *              -ENOTDIR
 *   stat64     /proc is a directory; /proc/self is a symbolic link to
 *              lstat64 and a directory to stat64
 *   readlink   /proc/self is the pid; /proc/self/exe is an absolute path
 *              ending in the program's name
 *
 * Pids are never printed, only whether each was found.
 */
#include "lib/ulib.h"

#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

static char dirbuf[8192];

/* The name in decimal, in text (at least 12 bytes). */
static void decimal(char *text, int n)
{
    char digits[12];
    int len = 0;

    do {
        digits[len++] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    for (int i = 0; i < len; i++)
        text[i] = digits[len - 1 - i];
    text[len] = 0;
}

/*
 * Read the whole directory at path with getdents64 (in small reads, so
 * that it takes several calls) and report, for each of names[], whether
 * it was there and its d_type (printed as labels[i]).
 */
static void list_dir(const char *what, const char *path, const char **names,
                     const char **labels, int count)
{
    int found[8] = { 0 }, types[8] = { 0 }, r;
    int fd = open(path, O_RDONLY | O_DIRECTORY, 0);

    if (fd < 0) {
        uprintf(1, "%s: open = %d\n", what, fd);
        return;
    }
    while ((r = getdents64(fd, dirbuf, 512)) > 0) {
        for (int at = 0; at < r;) {
            struct dirent64 *d = (struct dirent64 *)(dirbuf + at);
            for (int i = 0; i < count; i++)
                if (!strcmp(d->d_name, names[i])) {
                    found[i]++;
                    types[i] = d->d_type;
                }
            at += d->d_reclen;
        }
    }
    close(fd);
    uprintf(1, "%s: getdents64 ended with %d\n", what, r);
    for (int i = 0; i < count; i++)
        uprintf(1, "%s: %s: found %d time%s, d_type %s\n", what,
                labels[i],
                found[i], found[i] == 1 ? "" : "s",
                types[i] == DT_DIR ? "DT_DIR" : types[i] == DT_REG ? "DT_REG" :
                types[i] == DT_LNK ? "DT_LNK" : "other");
}

static void proc_root(void)
{
    char self[12], child[12];
    int fds[2], status;

    pipe(fds);
    int pid = fork();
    if (pid == 0) {
        char c;
        close(fds[1]);
        read(fds[0], &c, 1);            /* until the parent closes its end */
        exit(0);
    }
    close(fds[0]);
    decimal(self, getpid());
    decimal(child, pid);
    const char *names[] = { ".", "..", "self", "meminfo", self, child };
    const char *labels[] = { ".", "..", "self", "meminfo", "the pid", "the child's pid" };
    list_dir("/proc", "/proc", names, labels, 6);
    close(fds[1]);
    waitpid_retry(pid, &status);
    const char *after[] = { "self", self, child };
    const char *after_labels[] = { "self", "the pid", "the child's pid" };
    list_dir("/proc after the child was reaped", "/proc", after, after_labels, 3);
}

static void proc_self(void)
{
    const char *names[] = { ".", "..", "maps", "status", "stat", "cmdline" };
    list_dir("/proc/self", "/proc/self", names, names, 6);
}

/* The name of the first record getdents64 gives from the offset now. */
static const char *next_name(int fd)
{
    int r = getdents64(fd, dirbuf, sizeof(dirbuf));
    return r > 0 ? ((struct dirent64 *)dirbuf)->d_name : "(none)";
}

static void offsets(void)
{
    static char third[256], fourth[256];
    int fd = open("/proc", O_RDONLY | O_DIRECTORY, 0);
    int r = getdents64(fd, dirbuf, sizeof(dirbuf));
    struct dirent64 *d = (struct dirent64 *)dirbuf;

    for (int i = 0; i < 2 && r > 0; i++)
        d = (struct dirent64 *)((char *)d + d->d_reclen);
    long long third_off = d->d_off;
    memcpy(third, d->d_name, strlen(d->d_name) + 1);
    d = (struct dirent64 *)((char *)d + d->d_reclen);
    memcpy(fourth, d->d_name, strlen(d->d_name) + 1);
    uprintf(1, "lseek to the third record's d_off = %s\n",
            lseek(fd, (long)third_off, SEEK_SET) == third_off ? "that offset" : "wrong");
    uprintf(1, "the next record is the fourth: %s\n", !strcmp(next_name(fd), fourth) ? "yes" : "no");
    uprintf(1, "lseek(0) = %d\n", (int)lseek(fd, 0, SEEK_SET));
    uprintf(1, "the next record: %s\n", next_name(fd));
    uprintf(1, "the third is not the fourth: %s\n", strcmp(third, fourth) ? "yes" : "no");
    close(fd);
}

static void errors(void)
{
    int fd = open("/proc", O_RDONLY | O_DIRECTORY, 0);
    uprintf(1, "getdents64(/proc, 10 bytes) = %d\n", getdents64(fd, dirbuf, 10));
    close(fd);
    fd = open("/proc/self/status", O_RDONLY, 0);
    uprintf(1, "getdents64(/proc/self/status) = %d\n", getdents64(fd, dirbuf, sizeof(dirbuf)));
    close(fd);
    uprintf(1, "open(/proc/self/status, O_DIRECTORY) = %d\n", open("/proc/self/status", O_RDONLY | O_DIRECTORY, 0));
}

static const char *file_type(unsigned mode)
{
    switch (mode & S_IFMT) {
    case S_IFDIR: return "directory";
    case S_IFLNK: return "symbolic link";
    case S_IFREG: return "regular file";
    default: return "other";
    }
}

static void stats_and_links(const char *name)
{
    struct stat64 st;
    char link[256], pid[12];
    int r;

    r = stat64("/proc", &st);
    uprintf(1, "stat64(/proc) = %d: %s\n", r, file_type(st.st_mode));
    r = lstat64("/proc/self", &st);
    uprintf(1, "lstat64(/proc/self) = %d: %s\n", r, file_type(st.st_mode));
    r = stat64("/proc/self", &st);
    uprintf(1, "stat64(/proc/self) = %d: %s\n", r, file_type(st.st_mode));
    r = readlink("/proc/self", link, sizeof(link) - 1);
    link[r > 0 ? r : 0] = 0;
    decimal(pid, getpid());
    uprintf(1, "readlink(/proc/self) is the pid: %s\n", !strcmp(link, pid) ? "yes" : "no");
    r = readlink("/proc/self/exe", link, sizeof(link) - 1);
    link[r > 0 ? r : 0] = 0;
    const char *slash = strrchr(link, '/');
    uprintf(1, "readlink(/proc/self/exe): absolute %s, ends in /%s: %s\n", link[0] == '/' ? "yes" : "no",
            name, slash && !strcmp(slash + 1, name) ? "yes" : "no");
}

int main(int argc, char **argv)
{
    const char *name = strrchr(argv[0], '/');

    (void)argc;
    proc_root();
    proc_self();
    offsets();
    errors();
    stats_and_links(name ? name + 1 : argv[0]);
    return 0;
}

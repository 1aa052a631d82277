/*
 * fs_unlink_open.c - a file outlives its last name while something uses
 * it (raw).  After unlink, or after a rename replaces it, an open file
 * can still be read, written, grown and cut through its descriptors
 * (fstat says nlink 0), by a forked child too after the parent closed
 * its copy; its name is free for a new, different file.  A shared
 * mapping of a file closed and unlinked still sees and changes the data,
 * and /proc/self/maps names it "... (deleted)".  A program written to a
 * new file runs, and can remove its own file while it runs.  When the
 * last user goes,
 * the pages go: the harness's frame-leak check after the run says
 * whether they did.
 */
#include "lib/ufs.h"
#include "lib/vmtest.h"

#define SIZE 5000
#define MAP_PAGES 3

static char buf[16384];

static void fill(char *p, unsigned n, unsigned seed)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (char)((i + seed) % 251);
}

static int filled(const char *p, unsigned n, unsigned seed)
{
    for (unsigned i = 0; i < n; i++)
        if (p[i] != (char)((i + seed) % 251))
            return 0;
    return 1;
}

static void show_fstat(const char *what, int fd)
{
    struct stat64 st;
    int r = fstat64(fd, &st);

    if (r < 0)
        show_result(what, r);
    else
        uprintf(1, "%s: size %d nlink %u\n", what, (int)st.st_size, st.st_nlink);
}

/* Reads fd from offset 0 and checks n bytes of the pattern seed. */
static void check_read(const char *what, int fd, unsigned n, unsigned seed)
{
    memset(buf, 0, sizeof(buf));
    lseek(fd, 0, SEEK_SET);
    int r = read(fd, buf, sizeof(buf));
    uprintf(1, "%s: read %s, data intact: %s\n", what, result_text(r),
            yes(r == (int)n && filled(buf, n, seed)));
}

static void unlink_open(void)
{
    struct stat64 st, old;
    int fd = open("u", O_RDWR | O_CREAT | O_EXCL, 0644), fd2, fd3, status, to_child[2];

    fill(buf, SIZE, 0);
    write(fd, buf, SIZE);
    fd2 = open("u", O_RDONLY, 0);
    fstat64(fd, &old);
    show_result("unlink(u)", unlink("u"));
    show_result("stat(u)", stat64("u", &st));
    show_result("open(u, O_RDONLY)", open("u", O_RDONLY, 0));
    show_fstat("fd after unlink", fd);
    check_read("fd2 after unlink", fd2, SIZE, 0);

    fill(buf, 3000, SIZE);
    show_result("write 3000 more through fd", write(fd, buf, 3000));
    check_read("fd2 reads the grown file", fd2, SIZE + 3000, 0);
    show_result("ftruncate(fd, 4000)", ftruncate(fd, 4000));
    show_fstat("fd2", fd2);

    fd3 = open("u", O_RDWR | O_CREAT | O_EXCL, 0644);
    fstat64(fd3, &st);
    uprintf(1, "a new u: size %d, another inode: %s\n", (int)st.st_size, yes(st.st_ino != old.st_ino));
    close(fd3);
    unlink("u");

    /* the last descriptor is a child's */
    pipe(to_child);
    int pid = fork();
    if (pid == 0) {
        close(to_child[1]);
        read(to_child[0], buf, 1);
        check_read("child, after the parent closed both", fd, 4000, 0);
        show_result("child: write through its fd", write(fd, "x", 1));
        show_fstat("child: fd", fd);
        exit(0);
    }
    close(fd);
    close(fd2);
    close(to_child[0]);
    write(to_child[1], "go", 1);
    close(to_child[1]);
    waitpid_retry(pid, &status);
    uprintf(1, "child status %d\n", status);
}

static void rename_over_open(void)
{
    int fd, r;

    fd = open("r1", O_RDWR | O_CREAT, 0644);
    write(fd, "old", 3);
    close(open("r2", O_WRONLY | O_CREAT, 0644));
    show_result("rename(r2, r1) over the open r1", rename("r2", "r1"));
    show_fstat("the old r1", fd);
    lseek(fd, 0, SEEK_SET);
    r = read(fd, buf, 10);
    buf[r > 0 ? r : 0] = 0;
    uprintf(1, "the old r1 reads \"%s\"; the new r1 has size %d\n", buf, (int)path_size("r1"));
    close(fd);
    unlink("r1");
}

/* Whether /proc/self/maps names the mapping at addr ".../name (deleted)". */
static int maps_say_deleted(unsigned long addr, const char *name)
{
    static char maps[8192];
    char suffix[64];

    read_all(open("/proc/self/maps", O_RDONLY, 0), maps, sizeof(maps));
    suffix[0] = '/';
    memcpy(suffix + 1, name, strlen(name));
    memcpy(suffix + 1 + strlen(name), " (deleted)", 11);
    for (char *line = maps; *line;) {
        char *end = strchr(line, '\n');
        if (!end)
            break;
        *end = 0;
        unsigned n = strlen(suffix), len = end - line;
        if (proc_area_start(line) == addr)
            return len >= n && !strcmp(line + len - n, suffix);
        line = end + 1;
    }
    return 0;
}

static void mapped_after_unlink(void)
{
    int fd = open("m", O_RDWR | O_CREAT, 0644), status;
    char *p;

    fill(buf, MAP_PAGES * PAGE, 7);
    write(fd, buf, MAP_PAGES * PAGE);
    p = (char *)mmap2(NULL, MAP_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (MAP_FAILED(p)) {
        show_result("mmap", (int)(long)p);
        return;
    }
    show_result("close(fd of m)", close(fd));
    show_result("unlink(m)", unlink("m"));
    uprintf(1, "the mapping still holds the data: %s\n", yes(filled(p, MAP_PAGES * PAGE, 7)));
    uprintf(1, "/proc/self/maps: .../m (deleted): %s\n", yes(maps_say_deleted((unsigned long)p, "m")));
    p[PAGE + 5] = 'W';
    int pid = fork();
    if (pid == 0) {
        uprintf(1, "child sees the write through the mapping: %s\n", yes(p[PAGE + 5] == 'W'));
        p[2 * PAGE] = 'C';
        exit(0);
    }
    waitpid_retry(pid, &status);
    uprintf(1, "parent sees the child's write: %s\n", yes(p[2 * PAGE] == 'C'));
    show_result("munmap", munmap(p, MAP_PAGES * PAGE));
}

/* Copies the program's own file (argv[0], in the working directory) to
 * "copy", runs the copy, which removes its own file while it runs, and
 * checks the directory is refused. */
static void run_a_copy(const char *self)
{
    int in = open(self, O_RDONLY, 0), out = open("copy", O_WRONLY | O_CREAT | O_EXCL, 0755), n;
    int status = 0;

    while ((n = read(in, buf, sizeof(buf))) > 0)
        write(out, buf, n);
    close(in);
    close(out);
    int pid = fork();
    if (pid == 0) {
        char *argv[] = { "copy", "copy-child", NULL };
        int r = execve("copy", argv, environ);
        uprintf(1, "execve(copy) = %s\n", result_text(r));
        exit(1);
    }
    waitpid_retry(pid, &status);
    uprintf(1, "the copy's status: exit %d; stat(copy) = %s\n", WEXITSTATUS(status),
            result_text(stat64("copy", (struct stat64 *)buf)));
    char *argv[] = { ".", NULL };
    show_result("execve(.)", execve(".", argv, environ));
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "copy-child")) {
        show_result("copy: running; unlink(copy)", unlink("copy"));
        uprintf(1, "copy: still running after that: %s\n", yes(getpid() > 0));
        return 5;
    }
    unlink_open();
    rename_over_open();
    mapped_after_unlink();
    run_a_copy(argv[0]);
    return 0;
}

/*
 * fs_dirs.c - directories and names of the writable file system (raw),
 * below the current directory: mkdir and rmdir with their errors,
 * rename (over a file, over an empty and a non-empty directory, a file
 * over a directory, a directory into itself, a name onto itself), hard
 * links and their counts, symbolic links (relative targets, dangling,
 * loops, lstat against stat), chdir and getcwd with relative paths, the
 * *at calls relative to a directory descriptor, getdents64 over 300
 * entries with a small buffer (also resuming at an entry's d_off, and
 * removing each entry as it comes, as rm -r does), and the name-length
 * limit.  Errors are
 * Linux's; getcwd is printed relative to where the program started.
 */
#include "lib/ufs.h"
#include "lib/usysinfo.h"
#include "lib/vmtest.h"

#define NFILES 300

static char base[512];                  /* the starting directory */
static char buf[1024];

static struct stat64 stat_of(const char *path)
{
    struct stat64 st;

    if (stat64(path, &st) < 0)
        memset(&st, 0, sizeof(st));
    return st;
}

static void show_stat(const char *path)
{
    struct stat64 st;
    int r = stat64(path, &st);

    if (r < 0)
        uprintf(1, "stat(%s) = %s\n", path, result_text(r));
    else
        uprintf(1, "stat(%s): mode %s nlink %u\n", path, mode_text(st.st_mode), st.st_nlink);
}

static void make_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    write(fd, text, strlen(text));
    close(fd);
}

/* The file's first bytes as a string ("" if it cannot be read). */
static const char *contents(const char *path)
{
    int fd = open(path, O_RDONLY, 0), n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);

    buf[n > 0 ? n : 0] = 0;
    close(fd);
    return buf;
}

/* getcwd relative to base: "." or "./d/..." */
static void show_cwd(const char *what)
{
    char cwd[512];
    int r = getcwd(cwd, sizeof(cwd)), n = strlen(base);
    const char *rest = n == 1 ? (cwd[1] ? cwd : "") : cwd + n;

    if (r < 0)
        uprintf(1, "%s: getcwd = %s\n", what, result_text(r));
    else if (strncmp(cwd, base, n) || (*rest && *rest != '/'))
        uprintf(1, "%s: getcwd outside the start directory\n", what);
    else
        uprintf(1, "%s: getcwd = .%s (returned length %s)\n", what, rest,
                r == (int)strlen(cwd) + 1 ? "right" : "WRONG");
}

static void mkdir_rmdir(void)
{
    show_result("mkdir(d, 0777)", mkdir("d", 0777));
    show_stat("d");
    show_result("mkdir(d)", mkdir("d", 0755));
    show_result("mkdir(nodir/x)", mkdir("nodir/x", 0755));
    make_file("f", "file f");
    show_result("mkdir(f/x)", mkdir("f/x", 0755));
    show_result("mkdir(d/sub)", mkdir("d/sub", 0755));
    show_stat("d");
    make_file("d/sub/g", "g");
    show_result("rmdir(d)", rmdir("d"));
    show_result("rmdir(d/sub)", rmdir("d/sub"));
    show_result("rmdir(f)", rmdir("f"));
    show_result("rmdir(missing)", rmdir("missing"));
    show_result("rmdir(.)", rmdir("."));
    show_result("rmdir(d/sub/.)", rmdir("d/sub/."));
    show_result("rmdir(d/sub/..)", rmdir("d/sub/.."));
    show_result("unlink(d/sub)", unlink("d/sub"));
    show_result("unlink(d/sub/g)", unlink("d/sub/g"));
    show_result("unlink(d/sub/g) again", unlink("d/sub/g"));
    show_result("rmdir(d/sub/)", rmdir("d/sub/"));
    show_stat("d");
    show_result("open(d, O_WRONLY)", open("d", O_WRONLY, 0));
    show_result("open(d, O_RDWR|O_CREAT)", open("d", O_RDWR | O_CREAT, 0644));
    show_result("open(f/, O_RDONLY)", open("f/", O_RDONLY, 0));
    show_result("open(f, O_DIRECTORY)", open("f", O_RDONLY | O_DIRECTORY, 0));
    show_result("open(f/.., O_RDONLY)", open("f/..", O_RDONLY, 0));
    int dfd = open("d", O_RDONLY, 0);
    show_result("read of a directory", read(dfd, buf, 10));
    show_result("write to a directory opened O_RDONLY", write(dfd, "x", 1));
    close(dfd);
}

/* A trailing slash says "a directory". */
static void trailing_slashes(void)
{
    show_result("open(nf/, O_CREAT)", open("nf/", O_WRONLY | O_CREAT, 0644));
    show_result("mkdir(nd/)", mkdir("nd/", 0755));
    show_result("rename(f, g/)", rename("f", "g/"));
    show_result("rename(nd/, nd2/)", rename("nd/", "nd2/"));
    show_result("unlink(f/)", unlink("f/"));
    show_result("stat(f/)", stat64("f/", (struct stat64 *)buf));
    show_result("rmdir(nd2/)", rmdir("nd2/"));
    uprintf(1, "/.. is /: %s\n", yes(stat_of("/..").st_ino == stat_of("/").st_ino));
}

/* "." and ".." as the last name, and empty paths. */
static void dot_names(void)
{
    show_result("mkdir(.)", mkdir(".", 0755));
    show_result("unlink(.)", unlink("."));
    show_result("unlink(d/..)", unlink("d/.."));
    show_result("rename(d/., x)", rename("d/.", "x"));
    show_result("rename(f, d/..)", rename("f", "d/.."));
    show_result("open(\"\", O_RDONLY)", open("", O_RDONLY, 0));
    show_result("mkdir(\"\")", mkdir("", 0755));
    show_result("stat(\"\")", stat64("", (struct stat64 *)buf));
    show_result("chdir(\"\")", chdir(""));
    show_result("symlink(\"\", empty)", symlink("", "empty"));
}

static void renames(void)
{
    make_file("a", "A");
    make_file("b", "B");
    show_result("rename(a, b)", rename("a", "b"));
    uprintf(1, "b holds \"%s\"\n", contents("b"));
    show_stat("a");
    show_result("rename(missing, c)", rename("missing", "c"));
    mkdir("e1", 0755);
    mkdir("e2", 0755);
    make_file("e1/x", "x in e1");
    show_result("rename(e1, e2) over an empty directory", rename("e1", "e2"));
    uprintf(1, "e2/x holds \"%s\"\n", contents("e2/x"));
    show_stat("e1");
    mkdir("e3", 0755);
    show_result("rename(e3, e2) over a non-empty directory", rename("e3", "e2"));
    show_result("rename(b, e2) a file over a directory", rename("b", "e2"));
    show_result("rename(e3, b) a directory over a file", rename("e3", "b"));
    mkdir("e2/sub", 0755);
    show_result("rename(e2, e2/sub/e) into itself", rename("e2", "e2/sub/e"));
    show_result("rename(b, b)", rename("b", "b"));
    show_result("rename(e2, e2)", rename("e2", "e2"));
    show_result("rename(e2/x, e2/sub/y)", rename("e2/x", "e2/sub/y"));
    uprintf(1, "e2/sub/y holds \"%s\"\n", contents("e2/sub/y"));

    /* a directory moving to another parent carries its ".." along */
    mkdir("p1", 0755);
    mkdir("p2", 0755);
    mkdir("p1/c", 0755);
    show_stat("p1");
    show_result("rename(p1/c, p2/c)", rename("p1/c", "p2/c"));
    show_stat("p1");
    show_stat("p2");
    uprintf(1, "p2/c/.. is p2: %s\n", yes(stat_of("p2/c/..").st_ino == stat_of("p2").st_ino));

    /* a directory replacing another in the same parent: one fewer ".." */
    mkdir("r", 0755);
    mkdir("r/e1", 0755);
    mkdir("r/e2", 0755);
    show_stat("r");
    show_result("rename(r/e1, r/e2)", rename("r/e1", "r/e2"));
    show_stat("r");
    show_result("rmdir(r/e2)", rmdir("r/e2"));
    show_result("rmdir(r)", rmdir("r"));

    /* the same across parents: the old parent loses one */
    mkdir("q1", 0755);
    mkdir("q1/x", 0755);
    mkdir("q2", 0755);
    mkdir("q2/y", 0755);
    show_result("rename(q1/x, q2/y)", rename("q1/x", "q2/y"));
    show_stat("q1");
    show_stat("q2");
}

static void links(void)
{
    show_result("link(b, bl)", link("b", "bl"));
    show_stat("b");
    show_stat("bl");
    show_result("link(b, bl) again", link("b", "bl"));
    show_result("link(e2, e2l) of a directory", link("e2", "e2l"));
    show_result("link(missing, m2)", link("missing", "m2"));
    show_result("rename(b, bl) of two links to one file", rename("b", "bl"));
    show_stat("b");
    show_result("unlink(bl)", unlink("bl"));
    show_stat("b");
}

static void show_readlink(const char *path, int size)
{
    char target[64];
    int r = readlink(path, target, size);

    if (r < 0)
        uprintf(1, "readlink(%s, %d) = %s\n", path, size, result_text(r));
    else
        uprintf(1, "readlink(%s, %d) = %d \"%s\"\n", path, size, r, (target[r] = 0, target));
}

static void symlinks(void)
{
    struct stat64 st, lst;

    show_result("symlink(b, sl)", symlink("b", "sl"));
    show_readlink("sl", 64);
    show_readlink("sl", 1);
    stat64("sl", &st);
    lstat64("sl", &lst);
    uprintf(1, "sl: stat mode %s size %d; lstat mode %s size %d\n", mode_text(st.st_mode),
            (int)st.st_size, mode_text(lst.st_mode), (int)lst.st_size);
    uprintf(1, "sl reads \"%s\"\n", contents("sl"));
    show_result("symlink(../b, d/up)", symlink("../b", "d/up"));
    uprintf(1, "d/up reads \"%s\"\n", contents("d/up"));
    show_result("symlink(x, b) over a file", symlink("x", "b"));
    show_readlink("b", 64);
    show_result("symlink(nowhere, dang)", symlink("nowhere", "dang"));
    show_result("stat(dang)", stat64("dang", &st));
    show_result("lstat(dang)", lstat64("dang", &st));
    show_result("open(dang, O_RDONLY)", open("dang", O_RDONLY, 0));
    show_result("open(dang, O_CREAT|O_EXCL)", open("dang", O_WRONLY | O_CREAT | O_EXCL, 0644));
    close(open("dang", O_WRONLY | O_CREAT, 0644));
    show_stat("nowhere");
    show_result("symlink(loop2, loop1)", symlink("loop2", "loop1"));
    show_result("symlink(loop1, loop2)", symlink("loop1", "loop2"));
    show_result("stat(loop1)", stat64("loop1", &st));
    show_result("open(loop1, O_RDONLY)", open("loop1", O_RDONLY, 0));
    show_result("lstat(loop1)", lstat64("loop1", &st));
    show_result("open(sl, O_NOFOLLOW)", open("sl", O_RDONLY | O_NOFOLLOW, 0));
    show_result("link(sl, sl2) links the symbolic link itself", link("sl", "sl2"));
    lstat64("sl2", &lst);
    uprintf(1, "sl2: lstat mode %s nlink %u\n", mode_text(lst.st_mode), lst.st_nlink);
    unlink("sl2");
    show_result("symlink(d, dl)", symlink("d", "dl"));
    show_result("stat(dl/up)", stat64("dl/up", &st));
    show_result("rmdir(dl)", rmdir("dl"));
    show_result("unlink(dl/)", unlink("dl/"));
    show_result("lstat(dl/) follows it", lstat64("dl/", &st));
    uprintf(1, "dl/: mode %s\n", mode_text(st.st_mode));
    show_result("unlink(dl)", unlink("dl"));
    show_stat("d");
}

static void directories(void)
{
    int fd;

    show_cwd("start");
    show_result("chdir(d)", chdir("d"));
    show_cwd("in d");
    make_file("here", "made in d");
    show_result("chdir(..)", chdir(".."));
    show_cwd("back");
    char cwd[512], link_text[512];
    int n = readlink("/proc/self/cwd", link_text, sizeof(link_text) - 1);
    link_text[n > 0 ? n : 0] = 0;
    getcwd(cwd, sizeof(cwd));
    uprintf(1, "readlink(/proc/self/cwd) is getcwd: %s\n", yes(!strcmp(cwd, link_text)));
    fd = open(".", O_RDONLY | O_DIRECTORY, 0);
    show_result("chdir(/)", chdir("/"));
    getcwd(cwd, sizeof(cwd));
    uprintf(1, "getcwd in / is \"/\": %s\n", yes(!strcmp(cwd, "/")));
    show_result("fchdir back", fchdir(fd));
    close(fd);
    show_cwd("back");
    uprintf(1, "d/here holds \"%s\"\n", contents("d/here"));
    show_result("chdir(d/../p2/./c/)", chdir("d/../p2/./c/"));
    show_cwd("in p2/c");
    show_result("chdir(../../d)", chdir("../../d"));
    show_cwd("in d");
    uprintf(1, "../f holds \"%s\"\n", contents("../f"));
    show_result("chdir(here)", chdir("here"));
    show_result("chdir(missing)", chdir("missing"));
    show_result("getcwd(buf, 2)", getcwd(buf, 2));
    fd = open("..", O_RDONLY | O_DIRECTORY, 0);
    show_result("fchdir(fd of ..)", fchdir(fd));
    close(fd);
    show_cwd("after fchdir");
    show_result("symlink(p2/c, cl)", symlink("p2/c", "cl"));
    show_result("chdir(cl)", chdir("cl"));
    show_cwd("through the link cl");
    show_result("rename(../c, ../c2) of the working directory", rename("../c", "../c2"));
    show_cwd("after the rename");
    show_result("rename(../c2, ../c)", rename("../c2", "../c"));

    /* the working directory removed under us */
    show_result("mkdir(gone)", mkdir("gone", 0755));
    show_result("chdir(gone)", chdir("gone"));
    show_result("rmdir(../gone)", rmdir("../gone"));
    show_cwd("in the removed gone");
    show_result("open(new, O_CREAT) in it", open("new", O_WRONLY | O_CREAT, 0644));
    show_result("mkdir(sub) in it", mkdir("sub", 0755));
    show_stat(".");
    show_result("chdir(../../..)", chdir("../../.."));
    show_cwd("back");
}

static void at_calls(void)
{
    int dfd = open("d", O_RDONLY | O_DIRECTORY, 0), ffd = open("f", O_RDONLY, 0), fd;

    show_result("mkdirat(d, m)", mkdirat(dfd, "m", 0755));
    fd = openat(dfd, "m/file", O_WRONLY | O_CREAT, 0644);
    write(fd, "made at", 7);
    close(fd);
    uprintf(1, "d/m/file holds \"%s\"\n", contents("d/m/file"));
    show_result("openat(f, x) with a file as dirfd", openat(ffd, "x", O_RDONLY, 0));
    show_result("mkdirat(f, x) with a file as dirfd", mkdirat(ffd, "x", 0755));
    show_result("openat(99, x)", openat(99, "x", O_RDONLY, 0));
    show_result("unlinkat(d, m, 0)", unlinkat(dfd, "m", 0));
    show_result("unlinkat(d, m, AT_REMOVEDIR)", unlinkat(dfd, "m", AT_REMOVEDIR));
    show_result("unlinkat(d, m/file, AT_REMOVEDIR)", unlinkat(dfd, "m/file", AT_REMOVEDIR));
    show_result("unlinkat(d, m/file, 1)", unlinkat(dfd, "m/file", 1));
    show_result("unlinkat(d, m/file, 0)", unlinkat(dfd, "m/file", 0));
    show_result("unlinkat(d, m, AT_REMOVEDIR)", unlinkat(dfd, "m", AT_REMOVEDIR));
    show_result("unlinkat(AT_FDCWD, d/here, 0)", unlinkat(AT_FDCWD, "d/here", 0));
    close(ffd);
    close(dfd);
}

static void name_of(char *name, int i)
{
    name[0] = 'e';
    name[1] = (char)('0' + i / 100);
    name[2] = (char)('0' + i / 10 % 10);
    name[3] = (char)('0' + i % 10);
    name[4] = 0;
}

/* Reads the whole directory with a 512-byte buffer and checks what it
 * saw: each of the NFILES names once, "." and "..", the types. */
static void list_big(int dfd)
{
    static unsigned char seen[NFILES];
    char dents[512];
    int calls = 0, entries = 0, dots = 0, dotdots = 0, bad = 0, twice = 0, r;

    memset(seen, 0, sizeof(seen));
    while ((r = getdents64(dfd, dents, sizeof(dents))) > 0) {
        calls++;
        for (int at = 0; at < r;) {
            struct dirent64 *de = (struct dirent64 *)(dents + at);
            const char *n = de->d_name;
            at += de->d_reclen;
            entries++;
            if (!strcmp(n, "."))
                dots += de->d_type == 4;
            else if (!strcmp(n, ".."))
                dotdots += de->d_type == 4;
            else if (n[0] == 'e' && strlen(n) == 4 && de->d_type == 8) {
                int i = (n[1] - '0') * 100 + (n[2] - '0') * 10 + (n[3] - '0');
                if (i >= 0 && i < NFILES)
                    twice += seen[i]++ > 0;
                else
                    bad++;
            } else
                bad++;
        }
    }
    int missing = 0;
    for (int i = 0; i < NFILES; i++)
        missing += !seen[i];
    uprintf(1, "getdents64: last = %s, entries %d, several calls %s, missing %d, twice %d, "
            "others %d, \".\" %d, \"..\" %d\n", result_text(r), entries, yes(calls > 3), missing,
            twice, bad, dots, dotdots);
}

/* lseek to the d_off of an entry: the next getdents64 goes on with the
 * entry after it. */
static void resume_at_offset(int dfd)
{
    char dents[512], next[16];
    struct dirent64 *de = (struct dirent64 *)dents;
    long long off;
    int r;

    lseek(dfd, 0, SEEK_SET);
    r = getdents64(dfd, dents, sizeof(dents));
    for (int i = 0; i < 5; i++)
        de = (struct dirent64 *)((char *)de + de->d_reclen);
    off = de->d_off;
    de = (struct dirent64 *)((char *)de + de->d_reclen);
    if ((char *)de >= dents + r) {
        uprintf(1, "getdents64 gave fewer than 7 entries in 512 bytes\n");
        return;
    }
    memcpy(next, de->d_name, strlen(de->d_name) + 1);
    lseek(dfd, (long)off, SEEK_SET);
    getdents64(dfd, dents, sizeof(dents));
    de = (struct dirent64 *)dents;
    uprintf(1, "after lseek to the 6th entry's d_off, getdents64 starts at the 7th: %s\n",
            yes(!strcmp(de->d_name, next)));
}

/* Removes each file as soon as getdents64 returns it, as rm -r does:
 * every file not yet returned must still come, once. */
static void remove_while_reading(int dfd)
{
    char dents[512];
    int removed = 0, failed = 0, r;

    lseek(dfd, 0, SEEK_SET);
    while ((r = getdents64(dfd, dents, sizeof(dents))) > 0) {
        for (int at = 0; at < r;) {
            struct dirent64 *de = (struct dirent64 *)(dents + at);
            at += de->d_reclen;
            if (de->d_name[0] == '.')
                continue;
            if (unlinkat(dfd, de->d_name, 0))
                failed++;
            else
                removed++;
        }
    }
    uprintf(1, "removing each file as it is read: removed %d, failed %d, last = %s\n", removed,
            failed, result_text(r));
}

static void big_directory(void)
{
    char name[8], tiny[8];
    int dfd, ffd;

    mkdir("big", 0755);
    dfd = open("big", O_RDONLY | O_DIRECTORY, 0);
    for (int i = 0; i < NFILES; i++) {
        name_of(name, i);
        close(openat(dfd, name, O_WRONLY | O_CREAT, 0644));
    }
    show_result("getdents64 into 8 bytes", getdents64(dfd, tiny, sizeof(tiny)));
    list_big(dfd);
    show_result("getdents64 again at the end", getdents64(dfd, buf, sizeof(buf)));
    lseek(dfd, 0, SEEK_SET);
    list_big(dfd);
    resume_at_offset(dfd);
    remove_while_reading(dfd);
    lseek(dfd, 0, SEEK_SET);
    list_big(dfd);
    close(dfd);
    show_result("rmdir(big)", rmdir("big"));
    ffd = open("f", O_RDONLY, 0);
    show_result("getdents64 of a file", getdents64(ffd, buf, sizeof(buf)));
    close(ffd);
}

static void long_names(void)
{
    char name[260];
    int fd;

    memset(name, 'n', 256);
    name[256] = 0;
    show_result("open(256-byte name, O_CREAT)", open(name, O_WRONLY | O_CREAT, 0644));
    show_result("mkdir(256-byte name)", mkdir(name, 0755));
    show_result("stat(256-byte name)", stat64(name, (struct stat64 *)buf));
    name[255] = 0;
    fd = open(name, O_WRONLY | O_CREAT, 0644);
    uprintf(1, "open(255-byte name, O_CREAT) works: %s\n", yes(fd >= 0));
    close(fd);
    show_result("unlink(255-byte name)", unlink(name));
}

int main(void)
{
    int r = getcwd(base, sizeof(base));

    if (r < 0) {
        uprintf(1, "getcwd = %s\n", result_text(r));
        return 1;
    }
    umask(022);
    mkdir_rmdir();
    trailing_slashes();
    dot_names();
    renames();
    links();
    symlinks();
    directories();
    at_calls();
    big_directory();
    long_names();
    return 0;
}

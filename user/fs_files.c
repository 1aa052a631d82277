/*
 * fs_files.c - regular files of the writable file system (raw), in the
 * current directory: what open's flags do (O_CREAT with the mode less
 * the umask, O_EXCL, O_TRUNC, O_APPEND shared by two descriptors), a
 * file growing by a write past its end (the hole reads as zeros and has
 * no blocks), ftruncate shrinking (the data past the cut is gone) and
 * growing (zeros), lseek from the end, the sizes stat, lstat and fstat
 * report, st_nlink, st_blocks, chmod keeping the permission bits, read
 * and write with a buffer that runs into an unmapped page, and which
 * calls move a file's and a directory's times.
 *
 * st_blocks counts the 512-byte units of the pages a file holds, as on
 * Linux's tmpfs (and ext4, with 4 KiB blocks): 8 for one page with data,
 * none for a hole or for the part a grow by ftruncate added.
 */
#include "lib/ufs.h"
#include "lib/usysinfo.h"
#include "lib/vmtest.h"

static char buf[12288];

static void show_fstat(const char *what, int fd)
{
    struct stat64 st;
    int r = fstat64(fd, &st);

    if (r < 0) {
        show_result(what, r);
        return;
    }
    uprintf(1, "%s: mode %s size %d nlink %u\n", what, mode_text(st.st_mode), (int)st.st_size,
            st.st_nlink);
}

static struct stat64 fstat_of(int fd)
{
    struct stat64 st;

    if (fstat64(fd, &st) < 0)
        memset(&st, 0xff, sizeof(st));
    return st;
}

static unsigned blocks_of(int fd)
{
    return (unsigned)fstat_of(fd).st_blocks;
}

/* Whether buf[from..to) holds only byte c. */
static int all_are(const char *p, unsigned from, unsigned to, char c)
{
    for (unsigned i = from; i < to; i++)
        if (p[i] != c)
            return 0;
    return 1;
}

static void create_modes(void)
{
    int fd;

    umask(022);
    fd = open("f1", O_WRONLY | O_CREAT, 0666);
    show_fstat("f1 created with 0666 under umask 022", fd);
    close(fd);
    umask(077);
    fd = open("f2", O_RDWR | O_CREAT, 0755);
    show_fstat("f2 created with 0755 under umask 077", fd);
    close(fd);
    umask(022);
    fd = open("f2", O_RDWR | O_CREAT, 0666);
    show_fstat("f2 opened again with O_CREAT and 0666", fd);
    close(fd);
    show_result("open(f1, O_CREAT|O_EXCL)", open("f1", O_WRONLY | O_CREAT | O_EXCL, 0644));
    show_result("open(missing, O_RDONLY)", open("missing", O_RDONLY, 0));
    show_result("open(nodir/f, O_CREAT)", open("nodir/f", O_WRONLY | O_CREAT, 0644));
    fd = open("f3", O_WRONLY | O_CREAT | O_EXCL, 0640);
    show_fstat("f3 created with O_EXCL", fd);
    show_result("read of an O_WRONLY fd", read(fd, buf, 1));
    close(fd);
}

static void truncate_on_open(void)
{
    int fd = open("f1", O_WRONLY, 0);

    show_result("write 11 bytes to f1", write(fd, "hello world", 11));
    close(fd);
    uprintf(1, "f1 size after close: %d\n", (int)path_size("f1"));
    fd = open("f1", O_RDONLY, 0);
    show_result("write to an O_RDONLY fd", write(fd, "x", 1));
    close(fd);
    fd = open("f1", O_RDWR | O_TRUNC, 0);
    show_fstat("f1 opened with O_TRUNC", fd);
    show_result("read of the truncated file", read(fd, buf, sizeof(buf)));
    close(fd);
}

static void append(void)
{
    int a = open("log", O_WRONLY | O_CREAT | O_APPEND, 0644);
    int b = open("log", O_WRONLY | O_APPEND, 0);
    int fd;

    write(a, "aaa", 3);
    write(b, "bb", 2);
    write(a, "c", 1);
    show_result("offset of fd a after its appends", lseek(a, 0, SEEK_CUR));
    lseek(a, 0, SEEK_SET);
    write(a, "d", 1);
    show_result("offset of fd a after lseek(0) and a write", lseek(a, 0, SEEK_CUR));
    show_result("pwrite(b, \"P\", 1, offset 0) still appends", pwrite64(b, "P", 1, 0));
    show_result("offset of fd b after it", lseek(b, 0, SEEK_CUR));
    memset(buf, 0, 16);
    show_result("pread(a, 4 bytes at 5) of a write-only fd", pread64(a, buf, 4, 5));
    close(a);
    close(b);
    fd = open("log", O_RDONLY, 0);
    memset(buf, 0, 16);
    show_result("pread(log, 4 bytes at 5)", pread64(fd, buf, 4, 5));
    uprintf(1, "they are \"%s\"; the offset stays %s\n", buf, result_text(lseek(fd, 0, SEEK_CUR)));
    memset(buf, 0, 16);
    show_result("read of log", read(fd, buf, sizeof(buf)));
    uprintf(1, "log holds \"%s\"\n", buf);
    close(fd);
}

static void hole(void)
{
    int fd = open("sparse", O_RDWR | O_CREAT, 0644);
    unsigned empty_blocks = blocks_of(fd), one_blocks, sparse_blocks;

    write(fd, "A", 1);
    one_blocks = blocks_of(fd);
    show_result("lseek(sparse, 10000, SEEK_SET)", lseek(fd, 10000, SEEK_SET));
    show_result("write Z at 10000", write(fd, "Z", 1));
    sparse_blocks = blocks_of(fd);
    show_fstat("sparse", fd);
    uprintf(1, "st_blocks: %u when empty, %u with one byte, %u with bytes in pages 0 and 2\n",
            empty_blocks, one_blocks, sparse_blocks);
    lseek(fd, 0, SEEK_SET);
    memset(buf, 0x55, sizeof(buf));
    show_result("read of sparse", read(fd, buf, sizeof(buf)));
    uprintf(1, "A, 9999 zeros, Z: %s\n",
            yes(buf[0] == 'A' && all_are(buf, 1, 10000, 0) && buf[10000] == 'Z'));
    show_result("read at the end", read(fd, buf, sizeof(buf)));
    close(fd);
}

static void truncate_calls(void)
{
    int fd = open("cut", O_RDWR | O_CREAT, 0644);

    memset(buf, 'x', 8192);
    write(fd, buf, 8192);
    show_result("ftruncate(cut, 100)", ftruncate(fd, 100));
    show_fstat("cut", fd);
    show_result("lseek(cut, 0, SEEK_CUR) is kept", lseek(fd, 0, SEEK_CUR));
    show_result("read at 8192 past the end", read(fd, buf, 10));
    show_result("ftruncate(cut, 8192)", ftruncate(fd, 8192));
    show_fstat("cut", fd);
    memset(buf, 0x55, sizeof(buf));
    lseek(fd, 0, SEEK_SET);
    show_result("read of cut", read(fd, buf, sizeof(buf)));
    uprintf(1, "100 x, then zeros to 8192: %s\n", yes(all_are(buf, 0, 100, 'x') && all_are(buf, 100, 8192, 0)));
    show_result("ftruncate(cut, 0)", ftruncate(fd, 0));
    show_result("blocks after ftruncate 0", (int)blocks_of(fd));
    show_result("ftruncate(cut, 3000)", ftruncate(fd, 3000));
    show_result("blocks after growing by ftruncate", (int)blocks_of(fd));
    show_result("ftruncate(cut, -1)", syscall3(SYS_ftruncate64, fd, -1, -1));
    show_result("lseek(cut, 0, SEEK_END)", lseek(fd, 0, SEEK_END));
    show_result("lseek(cut, -10, SEEK_END)", lseek(fd, -10, SEEK_END));
    show_result("lseek(cut, 5, SEEK_END)", lseek(fd, 5, SEEK_END));
    show_result("lseek(cut, -3001, SEEK_END)", lseek(fd, -3001, SEEK_END));
    show_result("lseek(cut, 0, 7)", lseek(fd, 0, 7));
    close(fd);
    fd = open("cut", O_RDONLY, 0);
    show_result("ftruncate of an O_RDONLY fd", ftruncate(fd, 0));
    close(fd);
}

static void stats_and_modes(void)
{
    struct stat64 st, lst;
    int fd = open("cut", O_RDONLY, 0);

    stat64("cut", &st);
    lstat64("cut", &lst);
    uprintf(1, "cut: stat size %d, lstat size %d, fstat size %d, nlink %u\n", (int)st.st_size,
            (int)lst.st_size, (int)fstat_of(fd).st_size, lst.st_nlink);
    show_result("chmod(cut, 0751)", chmod("cut", 0751));
    show_fstat("cut after chmod", fd);
    show_result("chmod(cut, 0170640)", chmod("cut", 0170640));
    show_fstat("cut after chmod with type bits", fd);
    show_result("chmod(missing, 0644)", chmod("missing", 0644));
    close(fd);
    show_result("stat(f1/x)", stat64("f1/x", &st));
}

/* A user buffer that ends in an unmapped page: read and write copy what
 * they can and return the short count; nothing at all is -EFAULT. */
static void bad_buffers(void)
{
    char *p = (char *)mmap2(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int fd = open("faulty", O_RDWR | O_CREAT, 0644);

    munmap(p + PAGE, PAGE);
    memset(p, 'q', PAGE);
    show_result("write of 200 bytes, 100 of them mapped", write(fd, p + PAGE - 100, 200));
    show_result("write from an unmapped buffer", write(fd, p + PAGE, 10));
    show_fstat("faulty", fd);
    lseek(fd, 0, SEEK_SET);
    memset(buf, 'r', 300);
    write(fd, buf, 300);
    lseek(fd, 0, SEEK_SET);
    show_result("read of 200 bytes into 100 mapped", read(fd, p + PAGE - 100, 200));
    uprintf(1, "the 100 bytes read: %s\n", yes(all_are(p, PAGE - 100, PAGE, 'r')));
    show_result("offset after the short read", lseek(fd, 0, SEEK_CUR));
    show_result("read into an unmapped buffer", read(fd, p + PAGE, 10));
    close(fd);
    munmap(p, PAGE);
}

#define OLD_TIME 1000000000L              /* 2001-09-09, long before any test runs */

/* Whether each change moves the time it should, from OLD_TIME set by
 * utimensat: a write or ftruncate changes the file's mtime and ctime,
 * chmod only its ctime; creating, removing or renaming a name changes
 * the directory's mtime. */
static void file_times(void)
{
    struct stat64 st;
    int fd = open("times", O_RDWR | O_CREAT, 0644);

    show_result("utimensat(times, 1000000000)", set_times("times", OLD_TIME));
    stat64("times", &st);
    uprintf(1, "times: mtime set: %s, ctime now: %s\n", yes(st.st_mtime_ == OLD_TIME),
            yes(st.st_ctime_ > OLD_TIME));
    chmod("times", 0600);
    stat64("times", &st);
    uprintf(1, "after chmod: mtime kept: %s\n", yes(st.st_mtime_ == OLD_TIME));
    write(fd, "t", 1);
    stat64("times", &st);
    uprintf(1, "after write: mtime moved: %s\n", yes(st.st_mtime_ > OLD_TIME));
    set_times("times", OLD_TIME);
    ftruncate(fd, 100);
    stat64("times", &st);
    uprintf(1, "after ftruncate: mtime moved: %s\n", yes(st.st_mtime_ > OLD_TIME));
    close(fd);

    mkdir("tdir", 0755);
    static const char *const steps[] = { "create", "rename", "unlink" };
    for (int i = 0; i < 3; i++) {
        set_times("tdir", OLD_TIME);
        if (i == 0)
            close(open("tdir/x", O_WRONLY | O_CREAT, 0644));
        else if (i == 1)
            rename("tdir/x", "tdir/y");
        else
            unlink("tdir/y");
        stat64("tdir", &st);
        uprintf(1, "directory mtime moved by %s: %s\n", steps[i], yes(st.st_mtime_ > OLD_TIME));
    }
    rmdir("tdir");
}

int main(void)
{
    create_modes();
    truncate_on_open();
    append();
    hole();
    truncate_calls();
    stats_and_modes();
    bad_buffers();
    file_times();
    return 0;
}

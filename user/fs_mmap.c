/*
 * fs_mmap.c - mappings of a file the program created on the writable
 * file system (raw).  The file's pages are page-cache pages, so:
 *
 *   - MAP_SHARED: a store through the mapping is what read() returns, a
 *     write() is what the mapping shows, and a forked child, or a child
 *     that opens the file by name and maps or reads it, sees the same;
 *   - MAP_PRIVATE: the mapping shows the file until it writes a page;
 *     from then that page is its own copy, which read() never sees;
 *   - mmap's checks of the open mode (a shared writable mapping needs
 *     O_RDWR; O_APPEND does not matter to it), and read()/write() whose buffer is a
 *     mapping of the very file they copy to or from;
 *   - the POSIX shared-memory pattern: ftruncate a new file to 64 KiB,
 *     map it shared, touch every page, and a child sees them all;
 *   - shrinking the file under the mapping: the tail of the last page
 *     reads zeros, a page past the end gives SIGBUS (BUS_ADRERR at the
 *     address); the handler grows the file again, and the retried
 *     access reads 0;
 *   - fault counts (getrusage) that Linux gives exactly too: one minor
 *     fault per fresh page written through a shared or a private
 *     mapping, and per first read of a cached page in its own 64 KiB
 *     block (Linux maps the cached neighbours of a read fault within
 *     its 64 KiB fault-around block: fault_counts_linux.c).
 */
#include "lib/ufs.h"
#include "lib/usignal.h"
#include "lib/vmtest.h"

#define SEG (64 * 1024)
#define BLOCK (16 * PAGE)
#define BIG_BLOCKS 10

static char buf[2 * PAGE];
static int seg_fd;
static volatile int got_sig, got_code;
static volatile unsigned got_addr;

static char *map_file(int fd, unsigned len, int flags)
{
    char *p = (char *)mmap2(NULL, len, PROT_READ | PROT_WRITE, flags, fd, 0);
    return MAP_FAILED(p) ? NULL : p;
}

/* The byte at offset in the file, by pread-free lseek and read. */
static int byte_at(int fd, unsigned offset)
{
    unsigned char c = 0;

    lseek(fd, offset, SEEK_SET);
    return read(fd, &c, 1) == 1 ? c : -1;
}

static void put_byte(int fd, unsigned offset, char c)
{
    lseek(fd, offset, SEEK_SET);
    write(fd, &c, 1);
}

static void shared_child(void *arg)
{
    char *p = arg;
    int fd = open("shared", O_RDWR, 0);
    char *own = map_file(fd, 2 * PAGE, MAP_SHARED);

    uprintf(1, "child: inherited mapping sees 'M' and \"WR\": %s\n",
            yes(p[100] == 'M' && p[PAGE + 7] == 'W' && p[PAGE + 8] == 'R'));
    uprintf(1, "child: reopened by name, read() sees 'M': %s, its own mapping sees \"WR\": %s\n",
            yes(byte_at(fd, 100) == 'M'), yes(own && own[PAGE + 7] == 'W'));
    p[200] = 'K';
    own[PAGE + 300] = 'O';
    close(fd);
}

static void shared_mapping(void)
{
    int fd = open("shared", O_RDWR | O_CREAT | O_EXCL, 0644), status;
    char *p;

    memset(buf, 'a', sizeof(buf));
    write(fd, buf, sizeof(buf));
    p = map_file(fd, 2 * PAGE, MAP_SHARED);
    if (!p) {
        uprintf(1, "mmap of shared failed\n");
        exit(1);
    }
    uprintf(1, "the mapping shows what write() wrote: %s\n", yes(p[0] == 'a' && p[2 * PAGE - 1] == 'a'));
    p[100] = 'M';
    uprintf(1, "read() sees the store through the mapping: %s\n", yes(byte_at(fd, 100) == 'M'));
    lseek(fd, PAGE + 7, SEEK_SET);
    write(fd, "WR", 2);
    uprintf(1, "the mapping sees write(\"WR\"): %s\n", yes(p[PAGE + 7] == 'W' && p[PAGE + 8] == 'R'));
    status = status_of_child(shared_child, p);
    uprintf(1, "child status %d; the parent sees its stores: %s %s, read() too: %s\n", status,
            yes(p[200] == 'K'), yes(p[PAGE + 300] == 'O'), yes(byte_at(fd, PAGE + 300) == 'O'));
    munmap(p, 2 * PAGE);
    close(fd);
}

static void private_mapping(void)
{
    int fd = open("shared", O_RDWR, 0);
    char *q = map_file(fd, 2 * PAGE, MAP_PRIVATE);

    uprintf(1, "private: shows the file: %s\n", yes(q[100] == 'M' && q[200] == 'K'));
    put_byte(fd, 400, 'X');
    uprintf(1, "private: sees a write() to a page it did not write: %s\n", yes(q[400] == 'X'));
    q[300] = 'P';
    put_byte(fd, 500, 'Y');
    uprintf(1, "private: its store is not in the file: %s; it no longer sees write()s to that page: %s\n",
            yes(byte_at(fd, 300) == 'a'), yes(q[500] == 'a'));
    put_byte(fd, PAGE + 500, 'Z');
    uprintf(1, "private: still sees write()s to its other page: %s\n", yes(q[PAGE + 500] == 'Z'));
    munmap(q, 2 * PAGE);
    close(fd);
}

static void segment_child(void *arg)
{
    unsigned char *p = arg;
    int bad = 0;

    for (unsigned i = 0; i < SEG / PAGE; i++)
        bad += p[i * PAGE] != i + 1 || p[i * PAGE + PAGE - 1] != i + 1;
    uprintf(1, "segment: the child sees all %d pages: %s\n", SEG / PAGE, yes(!bad));
    p[SEG - 1] = 0xcc;
}

static void bus_handler(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (unsigned)si->addr;
    ftruncate(seg_fd, SEG);             /* the retried access then finds a page */
}

static void shared_segment(void)
{
    unsigned char *p;
    int status;

    seg_fd = open("segment", O_RDWR | O_CREAT | O_EXCL, 0600);
    show_result("ftruncate(segment, 64 KiB)", ftruncate(seg_fd, SEG));
    p = (unsigned char *)map_file(seg_fd, SEG, MAP_SHARED);
    for (unsigned i = 0; i < SEG / PAGE; i++)
        memset(p + i * PAGE, i + 1, PAGE);
    status = status_of_child(segment_child, p);
    uprintf(1, "segment: child status %d; read() sees its last byte: %s\n", status,
            yes(byte_at(seg_fd, SEG - 1) == 0xcc));

    /* shrink to 2 pages and 100 bytes under the mapping */
    show_result("ftruncate(segment, 8292)", ftruncate(seg_fd, 2 * PAGE + 100));
    uprintf(1, "segment: byte 8291 kept: %s, bytes 8292.. of that page read 0: %s\n",
            yes(p[2 * PAGE + 99] == 3), yes(p[2 * PAGE + 100] == 0 && p[3 * PAGE - 1] == 0));
    sa_set(SIGBUS, bus_handler, SA_SIGINFO, 0);
    unsigned v = *(volatile unsigned char *)(p + 5 * PAGE + 8);
    uprintf(1, "segment: a read past the end: signal %d code %d, si_addr right: %s; after the "
            "handler grew the file it reads %u\n", got_sig, got_code,
            yes(got_addr == (unsigned)(p + 5 * PAGE + 8)), v);
    got_sig = 0;
    show_result("ftruncate(segment, 4096)", ftruncate(seg_fd, PAGE));
    p[PAGE + 1] = 7;
    uprintf(1, "segment: a write past the end: signal %d code %d; the write landed: %s, "
            "read() sees it: %s\n", got_sig, got_code, yes(p[PAGE + 1] == 7),
            yes(byte_at(seg_fd, PAGE + 1) == 7));
    sa_set(SIGBUS, (void *)SIG_DFL, 0, 0);
    munmap(p, SEG);
    close(seg_fd);
}

/* What mmap allows for each way the file is open. */
static void mmap_permissions(void)
{
    static const struct { const char *what; int flags, prot, map; } cases[] = {
        { "O_RDONLY, PROT_WRITE, MAP_SHARED", O_RDONLY, PROT_READ | PROT_WRITE, MAP_SHARED },
        { "O_RDONLY, PROT_WRITE, MAP_PRIVATE", O_RDONLY, PROT_READ | PROT_WRITE, MAP_PRIVATE },
        { "O_WRONLY, PROT_READ, MAP_SHARED", O_WRONLY, PROT_READ, MAP_SHARED },
        { "O_RDWR|O_APPEND, PROT_WRITE, MAP_SHARED", O_RDWR | O_APPEND, PROT_READ | PROT_WRITE, MAP_SHARED },
        { "a directory, PROT_READ, MAP_PRIVATE", -1, PROT_READ, MAP_PRIVATE },
    };

    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int fd = cases[i].flags < 0 ? open(".", O_RDONLY, 0) : open("shared", cases[i].flags, 0);
        long p = mmap2(NULL, PAGE, cases[i].prot, cases[i].map, fd, 0);
        uprintf(1, "mmap(%s) = %s\n", cases[i].what, MAP_FAILED(p) ? result_text((int)p) : "mapped");
        if (!MAP_FAILED(p))
            munmap((void *)p, PAGE);
        close(fd);
    }
}

/* read() and write() whose user buffer is a mapping of the file they
 * read or write: the copy faults on a page of the same file. */
static void copy_within_file(void)
{
    int fd = open("shared", O_RDWR, 0);
    char *p = map_file(fd, 2 * PAGE, MAP_SHARED);

    memset(p, 'a', 2 * PAGE);
    memset(p + PAGE, 'b', PAGE);
    lseek(fd, 0, SEEK_SET);
    show_result("write of page 1's mapping onto page 0",
         write(fd, p + PAGE, PAGE));
    uprintf(1, "page 0 now holds page 1's bytes: %s\n", yes(p[0] == 'b' && p[PAGE - 1] == 'b'));
    memset(p, 'c', 100);
    lseek(fd, 10, SEEK_SET);
    show_result("write of 100 bytes of page 0 onto page 0, 10 bytes on", write(fd, p, 100));
    uprintf(1, "bytes 10..109 are c: %s\n", yes(p[10] == 'c' && p[109] == 'c' && p[110] == 'b'));
    munmap(p, 2 * PAGE);

    ftruncate(fd, 4 * PAGE);
    p = map_file(fd, 4 * PAGE, MAP_SHARED);
    memset(p + 3 * PAGE, 'd', PAGE);
    lseek(fd, 3 * PAGE, SEEK_SET);
    show_result("read of page 3 into the mapping of page 2 (a hole)", read(fd, p + 2 * PAGE, PAGE));
    uprintf(1, "page 2 now holds d: %s\n", yes(p[2 * PAGE] == 'd' && p[3 * PAGE - 1] == 'd'));
    munmap(p, 4 * PAGE);
    close(fd);
}

/* ---- fault counts ---- */

static long min0, maj0;

static void begin(void)
{
    warm_stack();
    min0 = ru_minflt();
    maj0 = ru_majflt();
    min0 = ru_minflt();
    maj0 = ru_majflt();
}

static void end(const char *what)
{
    long min = ru_minflt(), maj = ru_majflt();
    uprintf(1, "%s: minflt +%d, majflt +%d\n", what, (int)(min - min0), (int)(maj - maj0));
}

/* The same, printing minor + major: a file system on disk (a Linux host
 * running the test in an ext4 directory) may count a write fault on a
 * hole as major; tmpfs counts it minor. */
static void end_sum(const char *what)
{
    long min = ru_minflt(), maj = ru_majflt();
    uprintf(1, "%s: faults +%d\n", what, (int)(min - min0 + maj - maj0));
}

static void fault_counts(void)
{
    int fd = open("counted", O_RDWR | O_CREAT | O_EXCL, 0644);
    char *p;

    touch_image(1);
    begin();
    end("warm-up");

    ftruncate(fd, 10 * PAGE);
    p = map_file(fd, 10 * PAGE, MAP_SHARED);
    begin();
    for (int i = 0; i < 10; i++)
        p[i * PAGE] = 1;
    end_sum("write 10 pages of a new file grown by ftruncate (MAP_SHARED)");
    munmap(p, 10 * PAGE);

    ftruncate(fd, BIG_BLOCKS * BLOCK);
    memset(buf, 'w', PAGE);
    for (unsigned off = 10 * PAGE; off < BIG_BLOCKS * BLOCK; off += PAGE)
        write(fd, buf, PAGE);
    p = map_file(fd, BIG_BLOCKS * BLOCK, MAP_SHARED);
    begin();
    for (int i = 0; i < BIG_BLOCKS; i++)
        (void)*(volatile char *)(p + i * BLOCK);
    end("read one cached page in each of 10 64 KiB blocks (MAP_SHARED)");
    munmap(p, BIG_BLOCKS * BLOCK);

    p = map_file(fd, BIG_BLOCKS * BLOCK, MAP_PRIVATE);
    begin();
    for (int i = 0; i < BIG_BLOCKS; i++)
        p[PAGE + i * BLOCK] = 1;
    end("write one cached page in each of 10 64 KiB blocks (MAP_PRIVATE)");
    munmap(p, BIG_BLOCKS * BLOCK);
    close(fd);
}

int main(void)
{
    shared_mapping();
    private_mapping();
    mmap_permissions();
    copy_within_file();
    shared_segment();
    fault_counts();
    return 0;
}

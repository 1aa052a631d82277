/*
 * smapsdump.c - smapsdump [FILE]: prints /proc/self/smaps of a process
 * whose address space holds every kind of page, for the diagram of
 * `make diagram` (tools/vmdiagram.py, docs/diagram.md).
 *
 * The parent builds the address space, then forks; the child changes a
 * few pages and prints its own smaps while the rest is still shared
 * copy-on-write with the parent, which only waits:
 *
 *   .data          written before the fork: anonymous, COW-shared
 *   heap (brk)     64 KiB; 12 pages written before the fork (COW-shared),
 *                  3 of them written again by the child (private copies),
 *                  4 never touched (not resident)
 *   anonymous      256 KiB; 8 pages written before the fork (COW-shared),
 *   mmap           24 only read (the zero page), 2 of those then written
 *                  by the child (private), the rest never touched
 *   shared anon    MAP_SHARED|MAP_ANONYMOUS, 16 KiB: 2 pages written before
 *                  the fork (shared with the parent), 1 by the child alone
 *   FILE           mapped MAP_PRIVATE read-write (default pattern1048576,
 *                  1 MiB): 8 pages read before the fork (page cache,
 *                  mapped by both), 4 more read by the child (page cache,
 *                  mapped only here), 1 written by the child (a private
 *                  anonymous copy), the rest never touched
 *   stack          COW-shared, but for what the child writes
 *
 * The output is raw smaps text (no other line), so it differs from run
 * to run only when the kernel or the program changes; on Linux it is
 * Linux's smaps of the same program (tests/run --linux).
 *
 *   tests/run build/user/smapsdump build/user/data/pattern1048576
 */
#include "toolslib.h"

#define PAGE 4096u
#define FAILED(p) ((unsigned long)(p) >= -4095UL)

static char text[PROC_MAX];
static volatile int data_word = 1;      /* .data */

static void die(const char *what, long err)
{
    uprintf(2, "smapsdump: %s: %d\n", what, (int)err);
    exit(1);
}

static void write_all(const char *p, unsigned n)
{
    while (n > 0) {
        int w = write(1, p, n);
        if (w <= 0)
            die("write", w);
        p += w;
        n -= w;
    }
}

int main(int argc, char **argv)
{
    const char *file = argc > 1 ? argv[1] : "pattern1048576";
    volatile char sink = 0;
    int status;

    data_word = 2;

    unsigned long heap = brk(0);
    if (brk(heap + 16 * PAGE) != heap + 16 * PAGE)
        die("brk", -ENOMEM);
    for (unsigned i = 0; i < 12; i++)
        ((volatile char *)heap)[i * PAGE] = 'h';

    long anon = mmap2(0, 64 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (FAILED(anon))
        die("mmap anonymous", anon);
    for (unsigned i = 0; i < 8; i++)
        ((volatile char *)anon)[i * PAGE] = 'a';
    for (unsigned i = 8; i < 32; i++)
        sink += ((volatile char *)anon)[i * PAGE];

    long shared = mmap2(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (FAILED(shared))
        die("mmap shared", shared);
    ((volatile char *)shared)[0] = 's';
    ((volatile char *)shared)[PAGE] = 's';

    int fd = open(file, O_RDONLY, 0);
    if (fd < 0)
        die(file, fd);
    long len = lseek(fd, 0, SEEK_END);
    if (len < 16 * (long)PAGE)
        die("file shorter than 16 pages", len);
    long map = mmap2(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (FAILED(map))
        die("mmap file", map);
    close(fd);
    for (unsigned i = 0; i < 8; i++)
        sink += ((volatile char *)map)[i * PAGE];

    int child = fork();
    if (child < 0)
        die("fork", child);
    if (child == 0) {
        for (unsigned i = 0; i < 3; i++)
            ((volatile char *)heap)[i * PAGE] = 'H';
        ((volatile char *)anon)[8 * PAGE] = 'A';
        ((volatile char *)anon)[9 * PAGE] = 'A';
        ((volatile char *)shared)[2 * PAGE] = 'S';
        for (unsigned i = 8; i < 12; i++)
            sink += ((volatile char *)map)[i * PAGE];
        ((volatile char *)map)[12 * PAGE] = 'F';
        int n = read_file("/proc/self/smaps", text, sizeof(text));
        if (n < 0)
            die("/proc/self/smaps", n);
        write_all(text, n);
        exit(0);
    }
    waitpid_retry(child, &status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

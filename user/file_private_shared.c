/*
 * file_private_shared.c - private and shared mappings of a file (raw).
 *
 * The file, pattern10000 (tests/user/file_private_shared.files), is
 * 10000 bytes, byte i being i % 251: two whole pages and 1808 bytes of
 * a third.  The test checks:
 *
 *   - a MAP_PRIVATE mapping shows the file, and zeros past the end of
 *     the file in its last page;
 *   - a write to it is not seen by read(), while a later write() to the
 *     file is seen in a page the mapping has not written;
 *   - a MAP_SHARED write is seen by read() at once, after msync and after
 *     munmap, and by another process's mapping; a write() is seen by a
 *     shared mapping;
 *   - writing past the end of the file in its last page does not grow it;
 *   - touching a page wholly beyond the end of the file gives SIGBUS;
 *   - MAP_SHARED + PROT_WRITE on a read-only descriptor is refused.
 */
#include "lib/vmtest.h"

#define FILE_NAME "pattern10000"
#define FILE_SIZE 10000

static int fd;

static unsigned char pattern(unsigned offset)
{
    return offset % 251;
}

/* One byte of the file through read(). */
static int file_byte(unsigned offset)
{
    unsigned char c;

    lseek(fd, offset, SEEK_SET);
    return read(fd, &c, 1) == 1 ? c : -1;
}

static void put_file_byte(unsigned offset, char c)
{
    lseek(fd, offset, SEEK_SET);
    write(fd, &c, 1);
}

static char *map_file(int npages, int prot, int flags, int pgoff)
{
    long p = mmap2(NULL, npages * PAGE, prot, flags, fd, pgoff);
    return MAP_FAILED(p) ? NULL : (char *)p;
}

static void touch_beyond_eof_read(void *arg)
{
    char *m = map_file(4, PROT_READ, MAP_PRIVATE, 0);
    (void)arg;
    if (m)
        uprintf(1, "(not killed: read %d)\n", ((volatile char *)m)[3 * PAGE]);
}

static void touch_beyond_eof_write(void *arg)
{
    char *m = map_file(4, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
    (void)arg;
    if (m)
        ((volatile char *)m)[3 * PAGE + 1] = 1;
}

static void child_writes_shared(void *arg)
{
    char *m = map_file(3, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
    (void)arg;
    if (m)
        m[2 * PAGE + 10] = 'C';
}

int main(void)
{
    char buf[24];
    char *priv, *shared;
    int i, ok, status;

    fd = open(FILE_NAME, O_RDWR, 0);
    if (fd < 0) {
        uprintf(1, "open %s: %d\n", FILE_NAME, fd);
        return 1;
    }
    uprintf(1, "file size: %d\n", (int)lseek(fd, 0, SEEK_END));

    /* ---- MAP_PRIVATE ---- */
    priv = map_file(3, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
    if (!priv) {
        uprintf(1, "mmap private failed\n");
        return 1;
    }
    for (i = 0, ok = 1; i < FILE_SIZE; i++)
        ok &= (unsigned char)priv[i] == pattern(i);
    uprintf(1, "private mapping shows the file: %s\n", yes(ok));
    for (i = FILE_SIZE, ok = 1; i < 3 * (int)PAGE; i++)
        ok &= priv[i] == 0;
    uprintf(1, "bytes past the end of the file in the last page read zero: %s\n", yes(ok));

    priv[5] = 'P';
    uprintf(1, "private write seen by the mapping: %s\n", yes(priv[5] == 'P'));
    uprintf(1, "private write not seen by read(): %s\n", yes(file_byte(5) == pattern(5)));
    put_file_byte(PAGE + 10, 'W');
    uprintf(1, "later write() seen by a private page not written: %s\n",
            yes(priv[PAGE + 10] == 'W'));
    put_file_byte(6, 'W');
    uprintf(1, "later write() not seen by a private page already written: %s\n",
            yes((unsigned char)priv[6] == pattern(6)));
    uprintf(1, "munmap private: %d\n", munmap(priv, 3 * PAGE));
    uprintf(1, "file still has its byte 5: %s\n", yes(file_byte(5) == pattern(5)));

    /* ---- MAP_SHARED ---- */
    shared = map_file(3, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
    if (!shared) {
        uprintf(1, "mmap shared failed\n");
        return 1;
    }
    shared[100] = 'S';
    uprintf(1, "shared write seen by read() at once: %s\n", yes(file_byte(100) == 'S'));
    shared[PAGE + 200] = 'T';
    uprintf(1, "msync: %d\n", msync(shared, 3 * PAGE, MS_SYNC));
    uprintf(1, "shared write seen by read() after msync: %s\n", yes(file_byte(PAGE + 200) == 'T'));
    put_file_byte(2 * PAGE + 400, 'V');
    uprintf(1, "write() seen by the shared mapping: %s\n", yes(shared[2 * PAGE + 400] == 'V'));
    status = status_of_child(child_writes_shared, NULL);
    uprintf(1, "another process's shared write seen by this mapping: %s (child %s)\n",
            yes(shared[2 * PAGE + 10] == 'C'), status_text(status, buf));
    shared[2 * PAGE + 300] = 'U';
    uprintf(1, "munmap shared: %d\n", munmap(shared, 3 * PAGE));
    uprintf(1, "shared write seen by read() after munmap: %s\n", yes(file_byte(2 * PAGE + 300) == 'U'));

    shared = map_file(3, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
    if (!shared) {
        uprintf(1, "mmap shared again failed\n");
        return 1;
    }
    uprintf(1, "new shared mapping sees the earlier writes: %s\n",
            yes(shared[100] == 'S' && shared[PAGE + 200] == 'T' && shared[2 * PAGE + 300] == 'U' &&
                shared[PAGE + 10] == 'W' && (unsigned char)shared[5] == pattern(5)));
    for (i = FILE_SIZE, ok = 1; i < 3 * (int)PAGE; i++)
        ok &= shared[i] == 0;
    uprintf(1, "shared: bytes past the end of the file read zero: %s\n", yes(ok));
    shared[FILE_SIZE + 100] = 'Z';
    int size = (int)lseek(fd, 0, SEEK_END);
    int n = read(fd, buf, 1);
    uprintf(1, "write past the end of the file in its last page: size still %d, read() at the end: %d\n",
            size, n);
    munmap(shared, 3 * PAGE);

    /* ---- an offset, and the pages beyond the end of the file ---- */
    priv = map_file(1, PROT_READ, MAP_PRIVATE, 1);
    uprintf(1, "mapping at page offset 1 starts at file byte 4096: %s\n",
            yes(priv && (unsigned char)priv[0] == pattern(PAGE) && (unsigned char)priv[1] == pattern(PAGE + 1)));
    if (priv)
        munmap(priv, PAGE);
    status = status_of_child(touch_beyond_eof_read, NULL);
    uprintf(1, "read of a page wholly beyond the end of the file: %s\n", status_text(status, buf));
    status = status_of_child(touch_beyond_eof_write, NULL);
    uprintf(1, "shared write to a page wholly beyond the end of the file: %s\n", status_text(status, buf));

    /* ---- a read-only descriptor ---- */
    close(fd);
    fd = open(FILE_NAME, O_RDONLY, 0);
    long r = mmap2(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    uprintf(1, "MAP_SHARED with PROT_WRITE on a read-only descriptor: %d\n", MAP_FAILED(r) ? (int)r : 0);
    r = mmap2(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    uprintf(1, "MAP_PRIVATE with PROT_WRITE on a read-only descriptor: %s\n", MAP_FAILED(r) ? "refused" : "ok");
    if (!MAP_FAILED(r)) {
        ((char *)r)[0] = 'Q';
        uprintf(1, "  its write stays private: %s\n", yes(file_byte(0) == pattern(0)));
    }
    return 0;
}

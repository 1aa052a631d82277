/*
 * procfs_big.c - /proc files of any size, read in pieces of any size.
 *
 * The program makes 2000 one-page mappings that cannot merge (every
 * other page read-only), so /proc/self/maps passes 64 KiB and smaps
 * passes a megabyte.  Each file is read whole several times, with read()
 * calls of 1, 7, 4096 and 1048576 bytes: every reading must give the
 * same text, in which every one of the 2000 mappings appears.  Then
 * lseek: SEEK_SET and SEEK_CUR land where they should; SEEK_END is
 * -EINVAL on a /proc text file, as on Linux.
 */
#include "lib/vmtest.h"

#define NPAGES 2000
#define TEXT_MAX (4u << 20)

static char first[TEXT_MAX], again[TEXT_MAX];

/* Reads path whole into buf with read() calls of `chunk` bytes; returns
 * the length, or a negative errno. */
static int read_whole(const char *path, char *buf, unsigned chunk)
{
    int fd = open(path, O_RDONLY, 0), len = 0, r;

    if (fd < 0)
        return fd;
    while (len + chunk < TEXT_MAX && (r = read(fd, buf + len, chunk)) > 0)
        len += r;
    close(fd);
    buf[len] = 0;
    return len;
}

static unsigned long hex(const char **p)
{
    unsigned long v = 0;

    for (;; (*p)++) {
        char c = **p;
        if (c >= '0' && c <= '9')
            v = v * 16 + c - '0';
        else if (c >= 'a' && c <= 'f')
            v = v * 16 + c - 'a' + 10;
        else
            return v;
    }
}

/* How many lines of text are exactly "start-end" of one of our pages. */
static int count_ours(const char *text, unsigned long base)
{
    int found = 0;

    for (const char *line = text; *line;) {
        const char *p = line;
        unsigned long start = hex(&p), end = 0;
        if (*p == '-') {
            p++;
            end = hex(&p);
        }
        if (*p == ' ' && start >= base && start < base + NPAGES * PAGE &&
            (start - base) % PAGE == 0 && end == start + PAGE)
            found++;
        const char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : line + strlen(line);
    }
    return found;
}

static void check_file(const char *path, unsigned long base, int with_single_bytes)
{
    static const unsigned chunks[] = { 1, 7, 4096, 1048576 };
    int len = read_whole(path, first, 4096), same = 1;

    for (unsigned i = 0; i < 4; i++) {
        if (chunks[i] == 1 && !with_single_bytes)
            continue;
        int n = read_whole(path, again, chunks[i]);
        same &= n == len && !memcmp(first, again, len);
    }
    uprintf(1, "%s: %s 64 KiB, %d of %d mappings found, every reading identical: %s\n", path,
            len > 65536 ? "more than" : "less than", count_ours(first, base), NPAGES, yes(same));

    int fd = open(path, O_RDONLY, 0);
    char piece[64], byte;
    long at = lseek(fd, 70000, SEEK_SET);
    int n = read(fd, piece, sizeof(piece));
    long cur = lseek(fd, -100, SEEK_CUR);
    int m = read(fd, &byte, 1);
    uprintf(1, "%s: lseek SEEK_SET 70000: %d, read %d bytes, as in the whole text: %s\n", path,
            (int)at, n, yes(n == 64 && !memcmp(first + 70000, piece, 64)));
    uprintf(1, "%s: lseek SEEK_CUR -100: %d, that byte: %s\n", path, (int)cur,
            yes(m == 1 && byte == first[70064 - 100]));
    uprintf(1, "%s: lseek SEEK_END: %d\n", path, (int)lseek(fd, 0, SEEK_END));
    close(fd);
}

int main(void)
{
    char *base = map_anon(NPAGES);

    /* Touch the buffers first, so that reading into them changes no
     * figure of smaps (Rss and the like) between two readings. */
    memset(first, 1, sizeof(first));
    memset(again, 1, sizeof(again));

    for (int i = 1; i < NPAGES; i += 2)
        mprotect(base + i * PAGE, PAGE, PROT_READ);
    check_file("/proc/self/maps", (unsigned long)base, 1);
    check_file("/proc/self/smaps", (unsigned long)base, 0);
    return 0;
}

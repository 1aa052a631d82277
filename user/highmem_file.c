/*
 * highmem_file.c - a file whose page-cache pages are in ZONE_HIGHMEM,
 * through read(), write() and mappings (raw; 3 GiB of RAM:
 * highmem_file.mem).
 *
 * The program write()s a 4 MiB file on the writable file system, page by
 * page (each page's first and last word name the page), and then:
 *
 *   - maps it MAP_SHARED and reads every page through the mapping: what
 *     write() put there;
 *   - stores a new first word into every page through the mapping, and
 *     pread()s every page: read() sees the stores;
 *   - pwrite()s a new last word into every page, and reads the mapping:
 *     it shows the writes;
 *   - maps 16 pages MAP_PRIVATE and writes them: the mapping has its own
 *     copies (copied out of HighMem page-cache frames), pread() still
 *     returns the file;
 *   - unlinks the file and unmaps everything.
 *
 * The kernel copies between the user's buffer and a HighMem page-cache
 * frame through kmap.  Where /proc/meminfo has HighFree (not on x86-64
 * Linux: highmem_file.linux-differs), each step prints by how much it
 * fell: by the file's 4 MiB while it is written (page-cache pages prefer
 * HighMem), by 64 kB for the private copies, by nothing otherwise; and
 * at the end HighFree is back where it was.
 */
#include "lib/ufs.h"
#include "lib/vmtest.h"

#define NPAGES 1024u
#define WORDS (PAGE / 4)
#define FIRST(i) ((i) ^ 0x9e3779b9u)
#define LAST(i) ((i) ^ 0x7f4a7c15u)
#define STORED(i) ((i) ^ 0x6a09e667u)
#define WRITTEN(i) ((i) ^ 0x3c6ef372u)
#define PRIVATE(i) ((i) ^ 0x510e527fu)
#define NPRIVATE 16u

static unsigned buf[WORDS];
static unsigned has_high, high_start, high0;

static void begin(void)
{
    high0 = proc_kb("/proc/meminfo", 0, "HighFree");
}

/* Prints "WHAT: N pages wrong" and, with HighMem, HighFree's fall. */
static void end(const char *what, unsigned wrong)
{
    unsigned high1 = proc_kb("/proc/meminfo", 0, "HighFree");

    uprintf(1, "%s: %u pages wrong", what, wrong);
    if (has_high)
        uprintf(1, ", HighFree -%d kB", (int)(high0 - high1));
    uprintf(1, "\n");
}

/* The pages of the file whose first and last words (read with pread)
 * are not first(i) and last(i). */
static unsigned wrong_in_file(int fd, unsigned (*first)(unsigned), unsigned (*last)(unsigned))
{
    unsigned wrong = 0;

    for (unsigned i = 0; i < NPAGES; i++) {
        int r = pread64(fd, buf, PAGE, (long long)i * PAGE);
        wrong += r != (int)PAGE || buf[0] != first(i) || buf[WORDS - 1] != last(i);
    }
    return wrong;
}

/* The same through a mapping. */
static unsigned wrong_in_map(const unsigned *map, unsigned n, unsigned (*first)(unsigned),
                             unsigned (*last)(unsigned))
{
    unsigned wrong = 0;

    for (unsigned i = 0; i < n; i++)
        wrong += map[i * WORDS] != first(i) || map[i * WORDS + WORDS - 1] != last(i);
    return wrong;
}

static unsigned first_of(unsigned i) { return FIRST(i); }
static unsigned last_of(unsigned i) { return LAST(i); }
static unsigned stored_of(unsigned i) { return STORED(i); }
static unsigned written_of(unsigned i) { return WRITTEN(i); }
static unsigned private_of(unsigned i) { return PRIVATE(i); }

static unsigned *map_file(int fd, unsigned npages, int flags)
{
    long p = mmap2(NULL, npages * PAGE, PROT_READ | PROT_WRITE, flags, fd, 0);
    return MAP_FAILED(p) ? NULL : (unsigned *)p;
}

int main(void)
{
    unsigned wrong = 0;

    has_high = proc_kb("/proc/meminfo", 0, "HighTotal") != 0;
    int fd = open("highmem_file.data", O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        uprintf(1, "open: %d\n", fd);
        return 1;
    }
    touch_image(1);                     /* buf's frames before the first figure */
    warm_stack();
    high_start = proc_kb("/proc/meminfo", 0, "HighFree");
    begin();
    for (unsigned i = 0; i < NPAGES; i++) {
        for (unsigned w = 0; w < WORDS; w++)
            buf[w] = i * WORDS + w;
        buf[0] = FIRST(i);
        buf[WORDS - 1] = LAST(i);
        wrong += write(fd, buf, PAGE) != (int)PAGE;
    }
    end("write() 1024 pages", wrong);

    unsigned *map = map_file(fd, NPAGES, MAP_SHARED);
    if (!map)
        return 2;
    begin();
    end("read them through a MAP_SHARED mapping", wrong_in_map(map, NPAGES, first_of, last_of));

    begin();
    for (unsigned i = 0; i < NPAGES; i++)
        map[i * WORDS] = STORED(i);
    end("store into every page through it, pread() them", wrong_in_file(fd, stored_of, last_of));

    begin();
    wrong = 0;
    for (unsigned i = 0; i < NPAGES; i++) {
        unsigned v = WRITTEN(i);
        wrong += pwrite64(fd, &v, 4, (long long)i * PAGE + PAGE - 4) != 4;
    }
    wrong += wrong_in_map(map, NPAGES, stored_of, written_of);
    end("pwrite() into every page, read the mapping", wrong);

    unsigned *priv = map_file(fd, NPRIVATE, MAP_PRIVATE);
    if (!priv)
        return 3;
    begin();
    for (unsigned i = 0; i < NPRIVATE; i++)
        priv[i * WORDS] = PRIVATE(i);
    wrong = wrong_in_map(priv, NPRIVATE, private_of, written_of);
    end("write 16 pages of a MAP_PRIVATE mapping, read it", wrong);
    begin();
    end("pread() the file", wrong_in_file(fd, stored_of, written_of));
    begin();
    end("read the MAP_SHARED mapping", wrong_in_map(map, NPAGES, stored_of, written_of));

    munmap(priv, NPRIVATE * PAGE);
    munmap(map, NPAGES * PAGE);
    close(fd);
    unlink("highmem_file.data");
    if (has_high) {
        unsigned high_end = proc_kb("/proc/meminfo", 0, "HighFree");
        uprintf(1, "unlinked, unmapped: HighFree back as at the start: %s\n", yes(high_end == high_start));
        if (high_end != high_start)
            uprintf(1, "  HighFree %u kB at the start, %u kB at the end\n", high_start, high_end);
    }
    return 0;
}

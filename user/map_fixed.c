/*
 * map_fixed.c - MAP_FIXED replaces whatever was mapped in its range
 * (raw).
 *
 * Four anonymous pages, page i filled with 'A' + i.  MAP_FIXED over pages
 * 1 and 2 gives exactly that address and fresh zeroed memory there, while
 * pages 0 and 3 keep their bytes.  Then a read-only MAP_FIXED (a write to
 * it is SIGSEGV), a file mapped with MAP_FIXED over anonymous memory, a
 * MAP_FIXED across a hole, an unaligned MAP_FIXED (-EINVAL), and a plain
 * hint at an occupied address, which must not replace anything.
 */
#include "lib/vmtest.h"

static char *base;

static int page_is(int i, char c)
{
    for (unsigned j = 0; j < PAGE; j++)
        if (base[i * PAGE + j] != c)
            return 0;
    return 1;
}

static void write_byte(void *arg)
{
    *(volatile char *)arg = 1;
}

int main(int argc, char **argv)
{
    char buf[24];
    long r;
    int i;

    (void)argc;
    base = map_anon(4);
    if (!base) {
        uprintf(1, "mmap failed\n");
        return 1;
    }
    for (i = 0; i < 4; i++)
        memset(base + i * PAGE, 'A' + i, PAGE);

    r = mmap2(base + PAGE, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uprintf(1, "MAP_FIXED over pages 1-2 returns that address: %s\n", yes(r == (long)(base + PAGE)));
    uprintf(1, "pages 1 and 2 are zero: %s %s\n", yes(page_is(1, 0)), yes(page_is(2, 0)));
    uprintf(1, "pages 0 and 3 intact: %s %s\n", yes(page_is(0, 'A')), yes(page_is(3, 'D')));
    memset(base + PAGE, 'x', 2 * PAGE);
    uprintf(1, "new pages writable: %s\n", yes(page_is(1, 'x') && page_is(2, 'x')));

    r = mmap2(base, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uprintf(1, "read-only MAP_FIXED over page 0: %s, reads zero: %s\n", yes(r == (long)base),
            yes(page_is(0, 0)));
    uprintf(1, "write to it: %s\n", status_text(status_of_child(write_byte, base), buf));
    uprintf(1, "page 1 intact: %s\n", yes(page_is(1, 'x')));

    /* the program file itself, over page 3 */
    int fd = open(argv[0], O_RDONLY, 0);
    r = mmap2(base + 3 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
    uprintf(1, "file MAP_FIXED over anonymous page 3: %s, shows the file (ELF magic): %s\n",
            yes(r == (long)(base + 3 * PAGE)), yes(!memcmp(base + 3 * PAGE, "\177ELF", 4)));
    close(fd);
    uprintf(1, "page 2 intact: %s\n", yes(page_is(2, 'x')));

    /* across a hole: pages 0-3 become one fresh mapping */
    munmap(base + PAGE, PAGE);
    r = mmap2(base, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uprintf(1, "MAP_FIXED across a hole and three mappings: %s\n", yes(r == (long)base));
    uprintf(1, "all four pages zero: %s\n",
            yes(page_is(0, 0) && page_is(1, 0) && page_is(2, 0) && page_is(3, 0)));
    memset(base, 'y', 4 * PAGE);
    uprintf(1, "all four pages writable: %s\n", yes(page_is(0, 'y') && page_is(3, 'y')));

    r = mmap2(base + 1, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uprintf(1, "unaligned MAP_FIXED: %d\n", (int)r);

    /* without MAP_FIXED an occupied address is only a hint */
    r = mmap2(base + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uprintf(1, "hint at an occupied address: mapped elsewhere: %s, old pages intact: %s\n",
            yes(!MAP_FAILED(r) && ((unsigned long)r + PAGE <= (unsigned long)base ||
                                   (unsigned long)r >= (unsigned long)(base + 4 * PAGE))),
            yes(page_is(1, 'y') && page_is(2, 'y')));
    return 0;
}

/*
 * munmap_middle.c - unmapping the middle of a mapping splits it in two
 * (raw).
 *
 * Five anonymous pages, page i filled with 'a' + i; munmap page 2.  The
 * hole then faults (SIGSEGV, in a child), pages 0, 1, 3, 4 keep their
 * bytes, and /proc/self/maps shows two areas where there was one.  Then
 * the edges: unmapping the first and the last page, unmapping the hole
 * again (not an error), mprotect across the hole (-ENOMEM) and of one
 * page (a split), and a new mapping put into the hole with MAP_FIXED.
 * Addresses are printed relative to the first page.
 */
#include "lib/vmtest.h"

static char *base;

static unsigned parse_hex(const char **s)
{
    unsigned v = 0;

    for (;; (*s)++) {
        char c = **s;
        if (c >= '0' && c <= '9')
            v = v * 16 + (c - '0');
        else if (c >= 'a' && c <= 'f')
            v = v * 16 + (c - 'a' + 10);
        else
            return v;
    }
}

/* Prints the /proc/self/maps lines that overlap the five pages, as page
 * numbers relative to base, with their permissions. */
static void show_maps(const char *when)
{
    static char text[16384];
    unsigned lo = (unsigned)base, hi = lo + 5 * PAGE;
    int fd = open("/proc/self/maps", O_RDONLY, 0), len = 0, r;

    if (fd < 0) {
        uprintf(1, "open /proc/self/maps: %d\n", fd);
        return;
    }
    while (len < (int)sizeof(text) - 1 && (r = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
        len += r;
    close(fd);
    text[len] = 0;
    uprintf(1, "maps %s:", when);
    for (const char *line = text; *line;) {
        const char *p = line;
        unsigned start = parse_hex(&p), end;
        p++;                                    /* '-' */
        end = parse_hex(&p);
        p++;                                    /* ' ' */
        if (start < hi && end > lo) {
            /* signed page numbers: an area reaching outside shows it */
            int s = ((int)start - (int)lo) / (int)PAGE, e = ((int)end - (int)lo) / (int)PAGE;
            uprintf(1, " [%d-%d) %c%c%c%c", s, e, p[0], p[1], p[2], p[3]);
        }
        while (*line && *line != '\n')
            line++;
        if (*line)
            line++;
    }
    uprintf(1, "\n");
}

static void touch_page(void *arg)
{
    uprintf(1, "(not killed: read %d)\n", *(volatile char *)arg);
}

static int page_intact(int i)
{
    for (unsigned j = 0; j < PAGE; j++)
        if (base[i * PAGE + j] != 'a' + i)
            return 0;
    return 1;
}

int main(void)
{
    char buf[24];
    int i;

    base = map_anon(5);
    if (!base) {
        uprintf(1, "mmap failed\n");
        return 1;
    }
    for (i = 0; i < 5; i++)
        memset(base + i * PAGE, 'a' + i, PAGE);
    show_maps("after mmap of 5 pages");

    uprintf(1, "munmap page 2: %d\n", munmap(base + 2 * PAGE, PAGE));
    show_maps("after munmap of page 2");
    uprintf(1, "touch page 2: %s\n", status_text(status_of_child(touch_page, base + 2 * PAGE), buf));
    uprintf(1, "touch the last byte of page 2: %s\n",
            status_text(status_of_child(touch_page, base + 3 * PAGE - 1), buf));
    uprintf(1, "pages 0 1 3 4 intact: %s %s %s %s\n", yes(page_intact(0)), yes(page_intact(1)),
            yes(page_intact(3)), yes(page_intact(4)));
    uprintf(1, "munmap page 2 again: %d\n", munmap(base + 2 * PAGE, PAGE));
    /* the same protection they have: Linux changes the pages before the
     * hole before it fails, our kernel checks first; both leave rw- here */
    uprintf(1, "mprotect across the hole: %d\n", mprotect(base, 5 * PAGE, PROT_READ | PROT_WRITE));
    uprintf(1, "mprotect of page 1 alone: %d\n", mprotect(base + PAGE, PAGE, PROT_READ));
    show_maps("after mprotect of page 1");

    uprintf(1, "munmap page 0: %d\n", munmap(base, PAGE));
    uprintf(1, "munmap page 4: %d\n", munmap(base + 4 * PAGE, PAGE));
    show_maps("after munmap of pages 0 and 4");
    uprintf(1, "touch page 0: %s\n", status_text(status_of_child(touch_page, base), buf));
    uprintf(1, "touch page 4: %s\n", status_text(status_of_child(touch_page, base + 4 * PAGE), buf));
    uprintf(1, "pages 1 3 intact: %s %s\n", yes(page_intact(1)), yes(page_intact(3)));

    /* r-x: permissions no neighbour has, so Linux cannot merge it with one */
    long r = mmap2(base + 2 * PAGE, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    uprintf(1, "MAP_FIXED into the hole at page 2: %s\n", yes(r == (long)(base + 2 * PAGE)));
    show_maps("after MAP_FIXED into the hole");
    uprintf(1, "new page 2 reads zero: %s\n", yes(base[2 * PAGE] == 0 && base[3 * PAGE - 1] == 0));
    uprintf(1, "munmap of pages 0 to 4 (holes included): %d\n", munmap(base, 5 * PAGE));
    show_maps("after munmap of all 5");
    return 0;
}

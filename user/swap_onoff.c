/*
 * swap_onoff.c - swapon(2) and swapoff(2) with Linux's errors, and what
 * swapoff promises: every swapped page comes back into memory, or, when
 * they cannot all fit, the call fails with -ENOMEM and leaves the area on
 * with every page intact.  Runs in 16 MiB with a swap disk enabled at
 * boot (swap_onoff.mem, .swap); on Linux swapoff of /dev/hda means
 * another disk (swap_onoff.linux-differs).
 */
#include "lib/vmtest.h"

#define EBUSY 16
#define BIG   (24u << 20)               /* more than RAM */
#define SMALL (8u << 20)                /* what is left after munmap: fits */

static int swapon(const char *path, int flags) { return syscall2(SYS_swapon, (long)path, flags); }
static int swapoff(const char *path) { return syscall1(SYS_swapoff, (long)path); }

static unsigned bad_pages(const unsigned *p, unsigned bytes)
{
    unsigned bad = 0;

    for (unsigned i = 0; i < bytes / PAGE; i++)
        bad += p[i * (PAGE / 4)] != i * 7919u;
    return bad;
}

/* The first line of /proc/swaps after its header up to its Size column
 * (Used depends on what reclaim chose), or "(none)". */
static void show_swaps(void)
{
    static char text[512];
    int fd = open("/proc/swaps", O_RDONLY, 0), n = read(fd, text, sizeof(text) - 1);
    close(fd);
    text[n > 0 ? n : 0] = 0;
    char *line = strchr(text, '\n');
    char *type = line ? strchr(line, '\t') : 0;       /* "partition\tSIZE\t" */
    char *end = type ? strchr(type + 1, '\t') : 0;
    if (end)
        *end = 0;
    uprintf(1, "/proc/swaps: %s\n", line && line[1] ? line + 1 : "(none)");
}

int main(void)
{
    unsigned *p = (unsigned *)map_anon(BIG / PAGE);

    show_swaps();
    for (unsigned i = 0; i < BIG / PAGE; i++)
        p[i * (PAGE / 4)] = i * 7919u;
    uprintf(1, "swapon again: %d\n", swapon("/dev/hda", 0));
    uprintf(1, "swapon with bad flags: %d\n", swapon("/dev/hda", 1 << 20));
    uprintf(1, "swapoff of a missing file: %d\n", swapoff("/nosuch"));
    uprintf(1, "swapoff of a file that is no swap area: %d\n", swapoff("/proc/meminfo"));
    uprintf(1, "swapoff with 24 MiB swapped out, 16 MiB of RAM: %d\n", swapoff("/dev/hda"));
    show_swaps();
    uprintf(1, "pages wrong after the failed swapoff: %u\n", bad_pages(p, BIG));
    munmap((char *)p + SMALL, BIG - SMALL);
    uprintf(1, "swapoff with 8 MiB left: %d\n", swapoff("/dev/hda"));
    show_swaps();
    uprintf(1, "pages wrong after swapoff: %u\n", bad_pages(p, SMALL));
    uprintf(1, "swapoff again: %d\n", swapoff("/dev/hda"));
    uprintf(1, "swapon: %d\n", swapon("/dev/hda", 0));
    uprintf(1, "swapon again: %d\n", swapon("/dev/hda", 0));
    show_swaps();
    return 0;
}

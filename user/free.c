/*
 * free.c - memory use from /proc/meminfo, in the layout of Linux's
 * `free -k` (procps-ng 4), all figures in kB:
 *
 *                    total        used        free      shared  buff/cache   available
 *     Mem:          128836        1436      127272           0         128      127400
 *     Swap:              0           0           0
 *
 *   total       MemTotal: the frames the buddy allocator manages
 *   free        MemFree
 *   shared      0: meminfo has no Shmem line here
 *   buff/cache  Buffers + Cached (the page cache of files)
 *   available   MemAvailable: free frames plus page-cache frames
 *   used        total - available, as procps-ng 4 computes it
 */
#include "toolslib.h"

int main(void)
{
    static char text[4096];
    unsigned total, free, avail, buffers, cached, swap_total, swap_free;
    int r = read_file("/proc/meminfo", text, sizeof(text));

    if (r < 0) {
        uprintf(2, "free: /proc/meminfo: %s\n", errno_text(-r));
        return 1;
    }
    find_field(text, "MemTotal", &total);
    find_field(text, "MemFree", &free);
    if (!find_field(text, "MemAvailable", &avail))
        avail = free;
    find_field(text, "Buffers", &buffers);
    find_field(text, "Cached", &cached);
    find_field(text, "SwapTotal", &swap_total);
    find_field(text, "SwapFree", &swap_free);

    uprintf(1, "%20s%12s%12s%12s%12s%12s\n", "total", "used", "free", "shared",
            "buff/cache", "available");
    uprintf(1, "%-8s%12u%12u%12u%12u%12u%12u\n", "Mem:", total, total - avail, free, 0,
            buffers + cached, avail);
    uprintf(1, "%-8s%12u%12u%12u\n", "Swap:", swap_total, swap_total - swap_free, swap_free);
    return 0;
}

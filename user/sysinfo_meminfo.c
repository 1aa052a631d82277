/*
 * sysinfo_meminfo.c - sysinfo(2) against /proc/meminfo and /proc/uptime,
 * read back to back: totalram and totalswap are MemTotal and SwapTotal
 * exactly (in mem_unit bytes, converted to kB), freeram and freeswap are
 * MemFree and SwapFree within 1 MiB (opening the /proc file may itself
 * take a few pages), bufferram is Buffers; the uptime is /proc/uptime's
 * seconds, rounded up; procs counts this process at least; a bad
 * pointer is -EFAULT.  The test runs with a swap area (.swap), so that
 * the swap figures are not 0 on our kernel.
 */
#include "lib/usysinfo.h"
#include "lib/vmtest.h"

/* value in mem_unit units, in kB */
static unsigned long long kb(unsigned long value, unsigned mem_unit)
{
    return (unsigned long long)value * mem_unit / 1024;
}

static const char *close_to(unsigned long long a, unsigned long long b, unsigned long long slack)
{
    return yes(a <= b + slack && b <= a + slack);
}

int main(void)
{
    static char text[4096];
    struct sysinfo si;
    unsigned total = 0, free = 0, buffers = 0, swap_total = 0, swap_free = 0;

    memset(&si, 0x55, sizeof(si));
    int r = sysinfo(&si);
    read_all(open("/proc/meminfo", O_RDONLY, 0), text, sizeof(text));
    for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : 0) {
        proc_field(line, "MemTotal", &total);
        proc_field(line, "MemFree", &free);
        proc_field(line, "Buffers", &buffers);
        proc_field(line, "SwapTotal", &swap_total);
        proc_field(line, "SwapFree", &swap_free);
    }
    uprintf(1, "sysinfo = %d\n", r);
    uprintf(1, "mem_unit a power of two up to 4096: %s\n",
            yes(si.mem_unit && si.mem_unit <= 4096 && !(si.mem_unit & (si.mem_unit - 1))));
    uprintf(1, "totalram = MemTotal: %s\n", yes(kb(si.totalram, si.mem_unit) == total));
    uprintf(1, "totalswap = SwapTotal: %s\n", yes(kb(si.totalswap, si.mem_unit) == swap_total));
    uprintf(1, "freeram ~ MemFree: %s\n", close_to(kb(si.freeram, si.mem_unit), free, 1024));
    uprintf(1, "freeswap ~ SwapFree: %s\n", close_to(kb(si.freeswap, si.mem_unit), swap_free, 1024));
    uprintf(1, "bufferram ~ Buffers: %s\n", close_to(kb(si.bufferram, si.mem_unit), buffers, 1024));
    uprintf(1, "freeram <= totalram: %s\n", yes(si.freeram <= si.totalram));
    uprintf(1, "freeswap <= totalswap: %s\n", yes(si.freeswap <= si.totalswap));
    uprintf(1, "procs >= 1: %s\n", yes(si.procs >= 1));

    read_all(open("/proc/uptime", O_RDONLY, 0), text, sizeof(text));
    const char *p = text;
    unsigned seconds = parse_decimal(&p);
    uprintf(1, "uptime is /proc/uptime's seconds rounded up: %s\n",
            yes((unsigned long)si.uptime >= seconds && (unsigned long)si.uptime <= seconds + 2));

    memset(&si, 0, sizeof(si));
    uprintf(1, "sysinfo(NULL) = %d\n", sysinfo(0));
    uprintf(1, "sysinfo(1) = %d\n", sysinfo((struct sysinfo *)1));
    return 0;
}

/*
 * vmwss.c - VmWSS: in /proc/self/status (our kernel's own line): the
 * process's working-set estimate, its resident pages whose accessed bit
 * is set, that is, those used since the clock hand or clear_refs last
 * cleared it.  After clear_refs, reading 10 pages of a 64-page region
 * adds exactly those 10 to it; the rest of VmWSS is the program's own
 * text, stack and data, which it uses to look.
 */
#include "lib/vmtest.h"

#define PAGES 64

int main(void)
{
    char *region = map_anon(PAGES);
    unsigned sum = 0, i;

    for (i = 0; i < PAGES; i++)
        region[i * PAGE] = 1;
    unsigned all = proc_kb("/proc/self/status", 0, "VmWSS");
    int fd = open("/proc/self/clear_refs", O_WRONLY, 0);
    write(fd, "1", 1);
    unsigned own = proc_kb("/proc/self/status", 0, "VmWSS");
    write(fd, "1", 1);
    for (i = 0; i < 10; i++)
        sum += (unsigned char)region[i * 6 * PAGE];
    unsigned after = proc_kb("/proc/self/status", 0, "VmWSS");
    close(fd);
    uprintf(1, "after writing all %u pages: VmWSS counts them: %s\n", PAGES, yes(all >= PAGES * 4));
    uprintf(1, "after clear_refs: the region is out of it: %s\n", yes(own < PAGES * 4));
    uprintf(1, "after clear_refs and reading 10 pages: VmWSS - the program's own = %d kB\n",
            (int)after - (int)own);
    uprintf(1, "sum %u\n", sum);
    return 0;
}

/*
 * swap_short.c - a swap disk shorter than its header claims (raw;
 * swap_short.swap: a 64 MiB swap area on a disk cut to 8 MiB, with 16 MiB
 * of RAM).
 *
 * The kernel warns at swapon and uses the area; a page written to a slot
 * past the end of the disk fails with an I/O error, which the kernel logs
 * (swap_short.klog) and survives: the page stays in memory and its slot
 * is never used again.  A bystander writes 64 pages and sleeps; a
 * sweeper then writes 48 MiB, more than the RAM and the real swap space
 * together, so it runs out of memory and the OOM killer kills it
 * (SIGKILL): it is the worst by far, so the one to go.  The bystander's pages are all intact
 * afterwards, and so are the parent's.  On Linux, with RAM to spare, the
 * sweeper finishes (swap_short.linux-differs).
 */
#include "lib/vmtest.h"

#define BYSTANDER_PAGES 64u
#define SWEEP_PAGES 12288u              /* 48 MiB */

static void bystander(int from_parent)
{
    char *p = map_anon(BYSTANDER_PAGES);
    unsigned wrong = 0;

    for (unsigned i = 0; i < BYSTANDER_PAGES; i++)
        *(volatile unsigned *)(p + i * PAGE) = i * 7;
    wait_for(from_parent);
    for (unsigned i = 0; i < BYSTANDER_PAGES; i++)
        wrong += *(volatile unsigned *)(p + i * PAGE) != i * 7;
    uprintf(1, "bystander: pages wrong: %u\n", wrong);
    exit(wrong != 0);
}

static void sweeper(void *arg)
{
    char *p = map_anon(SWEEP_PAGES);

    (void)arg;
    for (unsigned i = 0; p && i < SWEEP_PAGES; i++)
        p[i * PAGE] = 1;
}

int main(void)
{
    int to_bystander[2];
    char buf[24];

    pipe(to_bystander);
    int pid = fork();
    if (pid == 0)
        bystander(to_bystander[0]);
    int status = status_of_child(sweeper, 0);
    uprintf(1, "sweeper: %s\n", status_text(status, buf));
    signal_other(to_bystander[1]);
    report_end("bystander", pid);
    return 0;
}

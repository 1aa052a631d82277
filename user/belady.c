/*
 * belady.c - page faults of a reference string, with the program itself
 * locked in memory (mlockall) so that the frame budget (userframes=N)
 * holds exactly the pages of the string.  Each touch writes one byte of
 * page R of a fresh region; it faults when page R has no frame (its first
 * touch, a zero fill, or a swap-in after reclaim took it): /proc/vmstat
 * counts those (frame_faults), and not the faults reclaim=lru takes to
 * watch the order of touches (lru_touch), which need no frame.
 *
 * The default string, 1 2 3 4 1 2 5 1 2 3 4 5, is the one of Belady's
 * anomaly: under reclaim=fifo it takes 9 faults with 3 frames and 10
 * with 4 (tests belady_fifo3, belady_fifo4).  argv[1] may give another
 * string, as page numbers 1..9 separated by commas.  Linux has neither
 * the budget nor these counters (.linux-differs).
 *
 * Each touch comes 50 ms after the one before, one step of the string's
 * time: with background aging once a step (reclaim=age agescan=50) the
 * ages follow the order of use, and Belady's string takes 9 faults with
 * 3 frames and 7 with 4: no anomaly (tests belady_agescan3, 4).
 */
#include "lib/vmtest.h"

#define MAX_PAGE 9

int main(int argc, char **argv)
{
    const char *refs = argc > 1 ? argv[1] : "1,2,3,4,1,2,5,1,2,3,4,5";
    char line[128];
    int len = 0, faults = 0, touches = 0;

    if (mlockall(MCL_CURRENT)) {
        uprintf(1, "belady: mlockall failed\n");
        return 1;
    }
    char *region = map_anon(MAX_PAGE);
    for (const char *p = refs; *p; p++) {
        if (*p < '1' || *p > '0' + MAX_PAGE)
            continue;
        int page = *p - '0';
        struct timespec step = { 0, 50 * 1000 * 1000 };
        nanosleep(&step, 0);
        long before = frame_faults();
        region[(page - 1) * PAGE] = (char)page;
        int faulted = frame_faults() > before;
        faults += faulted;
        touches++;
        line[len++] = ' ';
        line[len++] = (char)*p;
        line[len++] = faulted ? '*' : ' ';
    }
    while (len && line[len - 1] == ' ')
        len--;
    line[len] = 0;
    uprintf(1, "touches (* = fault):%s\n", line);
    uprintf(1, "%d faults in %d touches\n", faults, touches);
    return 0;
}

/*
 * swap_read_error.c - a page that cannot be read back from swap kills
 * only the task that needs it, with SIGBUS, as on Linux.  The swap disk
 * fails every read of sector 8, the first sector of slot 1
 * (swap_read_error.disk-error), and writes work.  A child sends one page
 * of its own to swap with madvise(MADV_PAGEOUT), which takes slot 1, and
 * reads it back: the read fails, the child dies of SIGBUS.  Its parent
 * then does the same with a page of its own, which goes to slot 2 and
 * comes back intact, and a page written before the fork is intact too.
 * On Linux, with no swap area, nothing goes to swap and both reads work
 * (swap_read_error.linux-differs).
 */
#include "lib/vmtest.h"

static char *page_out_and_back(char *page, char value)
{
    page[0] = value;
    madvise(page, PAGE, MADV_PAGEOUT);
    warm_stack();
    long maj = ru_majflt();
    char got = page[0];
    long dmaj = ru_majflt() - maj;
    uprintf(1, "  read back: %s, major faults %d\n", got == value ? "intact" : "WRONG", (int)dmaj);
    return page;
}

int main(void)
{
    char *before = map_anon(1);
    before[0] = 'b';
    int pid = fork();
    if (pid == 0) {
        uprintf(1, "child pages out its page (slot 1):\n");
        page_out_and_back(map_anon(1), 'c');
        exit(0);
    }
    int status;
    char text[24];
    waitpid_retry(pid, &status);
    uprintf(1, "child: %s\n", status_text(status, text));
    uprintf(1, "parent pages out its page (slot 2):\n");
    page_out_and_back(map_anon(1), 'p');
    uprintf(1, "page written before the fork: %s\n", before[0] == 'b' ? "intact" : "WRONG");
    return 0;
}

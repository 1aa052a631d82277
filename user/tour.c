/*
 * tour.c - the program behind docs/tour.md: one of each kind of page
 * fault, in the order the tour watches them in gdb.
 *
 *   1. a read of fresh anonymous memory        -> do_zero_page_fault
 *   2. the first write to it                   -> do_anonymous_fault
 *   3. a write to it in a forked child         -> do_cow_fault
 *   4. the child maps tour.txt, whose page 0 the parent already read()
 *      into the page cache                     -> do_file_fault (minor)
 *   5. the parent touches page 1 of tour.txt   -> do_file_fault (major)
 *   6. a second child writes to address 0      -> do_invalid_fault, SIGSEGV
 *   7. the parent sends its page of step 2 to swap with
 *      madvise(MADV_PAGEOUT) and reads it back  -> swap_out_page, then
 *                                                 do_swap_fault (major)
 *
 * It prints no addresses or pids, so Linux prints the same (where, with
 * no swap area, MADV_PAGEOUT leaves the page in memory).
 * Run: tests/run --swap 64M build/user/tour user/tour.txt
 */
#include "lib/ulib.h"

#define PAGE 4096

static char *map_file(const char *name)
{
    int fd = open(name, O_RDONLY, 0);
    if (fd < 0) {
        uprintf(1, "tour: cannot open %s: %d\n", name, fd);
        exit(1);
    }
    char *p = (char *)mmap2(0, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    return p;
}

int main(void)
{
    char first_line[32];
    int status;

    char *anon = (char *)mmap2(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uprintf(1, "1. read of fresh memory: byte %d (the zero page)\n", anon[0]);
    anon[0] = 'A';
    uprintf(1, "2. first write: '%c' in a private zeroed frame\n", anon[0]);

    int fd = open("tour.txt", O_RDONLY, 0);         /* read() fills the page cache */
    int n = read(fd, first_line, 20);
    close(fd);
    first_line[n > 0 ? n : 0] = 0;

    int child = fork();
    if (child == 0) {
        anon[0] = 'B';
        uprintf(1, "3. child wrote '%c' to its copy\n", anon[0]);
        char *file = map_file("tour.txt");
        uprintf(1, "4. child maps tour.txt, page 0 is cached: %s\n",
                file[0] == first_line[0] ? "same bytes as read()" : "different!");
        exit(0);
    }
    waitpid_retry(child, &status);
    uprintf(1, "3. parent still sees '%c'\n", anon[0]);

    char *file = map_file("tour.txt");
    uprintf(1, "5. parent reads page 1 of tour.txt from the disk: '%c'\n", file[PAGE]);

    child = fork();
    if (child == 0) {
        *(volatile int *)0 = 1;
        exit(0);
    }
    waitpid_retry(child, &status);
    uprintf(1, "6. child writing to address 0 was killed by signal %d\n",
            WIFSIGNALED(status) ? WTERMSIG(status) : 0);

    madvise(anon, PAGE, MADV_PAGEOUT);
    uprintf(1, "7. parent's page sent to swap and read back: '%c'\n", anon[0]);
    return 0;
}

/*
 * swap_exit.c - munmap, exit and exec of processes whose pages are in
 * swap.  Each child writes 24 MiB, more than its test's RAM
 * (swap_exit.mem, .swap), so much of it is in swap; then one unmaps a
 * part and exits, one runs exec.  Every slot they held must be free
 * again: the kernel's leak check after the program counts the slots.
 */
#include "lib/vmtest.h"

#define SIZE (24u << 20)

static char *written_region(void)
{
    char *p = map_anon(SIZE / PAGE);

    for (unsigned i = 0; p && i < SIZE; i += PAGE)
        p[i] = (char)i;
    return p;
}

static void unmap_and_exit(void *arg)
{
    (void)arg;
    char *p = written_region();
    munmap(p + SIZE / 4, SIZE / 2);
    exit(0);
}

static void exec_self(void *arg)
{
    char *argv[] = { arg, "after-exec", 0 };

    written_region();
    execve(arg, argv, 0);
    exit(100);
}

int main(int argc, char **argv)
{
    char buf[24];

    if (argc > 1) {
        uprintf(1, "exec'd with 24 MiB in swap: %s\n", argv[1]);
        return 0;
    }
    uprintf(1, "munmap part, then exit: %s\n", status_text(status_of_child(unmap_and_exit, 0), buf));
    uprintf(1, "exec: %s\n", status_text(status_of_child(exec_self, argv[0]), buf));
    return 0;
}

/*
 * cow_isolation.c - after fork, parent and child each see only their own
 * writes, in every kind of private memory (raw).
 *
 * Before the fork the parent writes a known value into .data, the heap
 * (brk), its stack and an anonymous private mapping, and leaves two more
 * mapped pages alone: one only read (the zero page), one never touched.
 * Then, in turn and synchronised by two pipes:
 *
 *   1. the child writes its own value everywhere, with user stores and
 *      with read() from a pipe (the kernel writing into a COW page);
 *   2. the parent checks it still sees its original values and zeros,
 *      then writes its own values everywhere;
 *   3. the child checks it still sees its own values, prints, exits;
 *   4. the parent checks its values and prints.
 *
 * Only one process prints at a time: the child before it exits, the
 * parent after waiting for it.
 */
#include "lib/vmtest.h"

#define NREGIONS 7

static int data_word = 1000;                    /* .data */
static char data_page[2 * PAGE] = { 1 };        /* .data, a page of its own */

static const char *const region_name[NREGIONS] = {
    ".data word", ".data page", "heap (brk)", "stack", "anonymous mmap",
    "anonymous page only read before fork", "anonymous page untouched before fork",
};

static volatile int *region[NREGIONS];

static int to_child[2], to_parent[2];

/* Writes value + i into region i; regions 1 and 4 through read() from a
 * pipe, so the kernel's copy_to_user has to break COW too. */
static void write_all(int value)
{
    int p[2], i;

    pipe(p);
    for (i = 0; i < NREGIONS; i++) {
        int v = value + i;
        if (i == 1 || i == 4) {
            write(p[1], &v, sizeof(v));
            if (read(p[0], (void *)region[i], sizeof(v)) != sizeof(v))
                exit_group(97);
        } else {
            *region[i] = v;
        }
    }
    close(p[0]);
    close(p[1]);
}

/* Prints one line per region: does it hold value + i (or the original)? */
static void check_all(const char *who, const char *what, const int *want)
{
    for (int i = 0; i < NREGIONS; i++)
        uprintf(1, "%s: %s %s: %s\n", who, region_name[i], what, yes(*region[i] == want[i]));
}

int main(void)
{
    volatile int stack_word = 3000;
    char *heap = (char *)brk(0), *anon = map_anon(3);
    int before[NREGIONS] = { 1000, 2000, 3000, 3000, 4000, 0, 0 };
    int child_values[NREGIONS], parent_values[NREGIONS], status, pid, i;

    heap = (char *)(((unsigned long)heap + PAGE - 1) & ~(PAGE - 1));
    if (brk((unsigned long)heap + PAGE) != (unsigned long)heap + PAGE || !anon) {
        uprintf(1, "setup failed\n");
        return 1;
    }
    region[0] = &data_word;
    region[1] = (volatile int *)(data_page + PAGE);
    region[2] = (volatile int *)heap;
    region[3] = &stack_word;
    region[4] = (volatile int *)anon;
    region[5] = (volatile int *)(anon + PAGE);
    region[6] = (volatile int *)(anon + 2 * PAGE);
    *region[1] = 2000;
    *region[2] = 3000;
    *region[4] = 4000;
    uprintf(1, "before fork, page only read is zero: %s\n", yes(*region[5] == 0));
    for (i = 0; i < NREGIONS; i++) {
        child_values[i] = 10000 + i;
        parent_values[i] = 20000 + i;
    }

    pipe(to_child);
    pipe(to_parent);
    pid = fork();
    if (pid < 0) {
        uprintf(1, "fork failed: %d\n", pid);
        return 1;
    }
    if (pid == 0) {
        write_all(10000);
        signal_other(to_parent[1]);
        wait_for(to_child[0]);
        check_all("child", "has the child's write", child_values);
        exit(0);
    }
    wait_for(to_parent[0]);
    /* the child has written everything; nothing of it may show here */
    int unchanged = 1;
    for (i = 0; i < NREGIONS; i++)
        unchanged &= *region[i] == before[i];
    write_all(20000);
    signal_other(to_child[1]);
    if (waitpid_retry(pid, &status) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
        uprintf(1, "child failed: status 0x%x\n", status);
        return 1;
    }
    uprintf(1, "parent: saw none of the child's writes: %s\n", yes(unchanged));
    check_all("parent", "has the parent's write", parent_values);

    /* after the child is gone: the parent's pages are its own again */
    for (i = 0; i < NREGIONS; i++)
        *region[i] = 30000 + i;
    for (i = 0; i < NREGIONS && *region[i] == 30000 + i; i++)
        ;
    uprintf(1, "parent: writes after the child exited: %s\n", yes(i == NREGIONS));
    return 0;
}

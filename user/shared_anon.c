/*
 * shared_anon.c - MAP_SHARED | MAP_ANONYMOUS memory stays shared across
 * fork (raw).
 *
 * The parent maps 4 shared pages and writes page 0 before forking; pages
 * 1 to 3 are first touched after the fork (by the child, or, for page 3,
 * by the parent while the child waits).  Each process sees the other's
 * writes at once, a grandchild shares them too, and a munmap in a child
 * takes nothing from the parent.  A private anonymous mapping made at the
 * same time is the control: it is not shared.
 */
#include "lib/vmtest.h"

#define NPAGES 4

static volatile int *word(char *base, int page, int i)
{
    return (volatile int *)(base + page * PAGE) + i;
}

static int to_child[2], to_parent[2];

int main(void)
{
    long m = mmap2(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *shared = (char *)m, *private = map_anon(1);
    int status, pid, i, ok;

    if (MAP_FAILED(m) || !private) {
        uprintf(1, "mmap failed: %d\n", (int)m);
        return 1;
    }
    for (i = 0, ok = 1; i < NPAGES * (int)PAGE; i++)
        ok &= shared[i] == 0;
    uprintf(1, "new shared mapping reads zero: %s\n", yes(ok));
    *word(shared, 0, 0) = 111;
    *(volatile int *)private = 1;

    pipe(to_child);
    pipe(to_parent);
    pid = fork();
    if (pid == 0) {
        /* sees the parent's write from before the fork */
        int saw = *word(shared, 0, 0);
        *word(shared, 0, 1) = 222;                       /* page touched before fork */
        *word(shared, 1, 0) = 333;                       /* first touched here */
        *word(shared, 2, 5) = 444;
        *(volatile int *)private = 2;
        signal_other(to_parent[1]);
        wait_for(to_child[0]);                           /* the parent wrote page 3 */
        uprintf(1, "child: saw the parent's write from before the fork: %s\n", yes(saw == 111));
        uprintf(1, "child: sees the parent's write to a page first touched after the fork: %s\n",
                yes(*word(shared, 3, 0) == 555));
        uprintf(1, "child: sees the parent's later write to page 0: %s\n",
                yes(*word(shared, 0, 2) == 666));
        uprintf(1, "child: private mapping keeps the child's value: %s\n",
                yes(*(volatile int *)private == 2));
        exit(0);
    }
    wait_for(to_parent[0]);
    ok = *word(shared, 0, 1) == 222 && *word(shared, 1, 0) == 333 && *word(shared, 2, 5) == 444;
    int private_ok = *(volatile int *)private == 1;
    *word(shared, 3, 0) = 555;
    *word(shared, 0, 2) = 666;
    signal_other(to_child[1]);
    waitpid_retry(pid, &status);
    uprintf(1, "parent: sees the child's writes while it runs: %s\n", yes(ok));
    uprintf(1, "parent: private mapping keeps the parent's value: %s\n", yes(private_ok));
    uprintf(1, "child exit status: %d\n", WEXITSTATUS(status));

    /* a grandchild writes; a child unmaps its copy: the parent keeps the memory */
    pid = fork();
    if (pid == 0) {
        int grandchild = fork(), st;
        if (grandchild == 0) {
            *word(shared, 2, 6) = 777;
            exit(0);
        }
        waitpid_retry(grandchild, &st);
        munmap(shared, NPAGES * PAGE);
        exit(0);
    }
    waitpid_retry(pid, &status);
    uprintf(1, "parent: sees the grandchild's write: %s\n", yes(*word(shared, 2, 6) == 777));
    for (i = 0, ok = 1; i < NPAGES; i++)
        ok &= *word(shared, i, 0) == (i == 0 ? 111 : i == 1 ? 333 : i == 2 ? 0 : 555);
    uprintf(1, "parent: mapping intact after a child's munmap: %s\n", yes(ok));

    /* the memory lives while any process maps it: the parent unmaps first */
    pipe(to_child);
    pipe(to_parent);
    pid = fork();
    if (pid == 0) {
        wait_for(to_child[0]);
        int v = *word(shared, 1, 1);
        uprintf(1, "child: still sees the parent's write after the parent unmapped: %s\n",
                yes(v == 888));
        exit(0);
    }
    *word(shared, 1, 1) = 888;
    munmap(shared, NPAGES * PAGE);
    signal_other(to_child[1]);
    waitpid_retry(pid, &status);
    uprintf(1, "child exit status: %d\n", WEXITSTATUS(status));
    return 0;
}

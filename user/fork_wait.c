/*
 * fork_wait.c - a tree of processes three levels deep (raw).
 *
 * Every process above the leaves forks two children, one after the
 * other, waiting for the first before forking the second, so the order
 * of events is fixed and the output is the same on every run.  A node's
 * exit status is its number plus its children's statuses (mod 256);
 * only a parent prints, after its child has been waited for.
 *
 *                    1
 *            2               3
 *        4       5       6       7
 *      8   9  10  11  12  13  14  15
 */
#include "lib/ulib.h"

#define DEPTH 3

static int node(int id, int depth)
{
    int sum = id, i;

    if (depth == DEPTH)
        return id;
    for (i = 0; i < 2; i++) {
        int child = 2 * id + i, status;
        int pid = fork();

        if (pid < 0) {
            uprintf(1, "node %d: fork failed: %d\n", id, pid);
            return 255;
        }
        if (pid == 0)
            exit(node(child, depth + 1));
        if (waitpid_retry(pid, &status) != pid) {
            uprintf(1, "node %d: waitpid failed\n", id);
            return 255;
        }
        if (!WIFEXITED(status)) {
            uprintf(1, "node %d: child %d did not exit (status 0x%x)\n", id, child, status);
            return 255;
        }
        uprintf(1, "node %d (depth %d): child %d exited with %d\n",
                id, depth, child, WEXITSTATUS(status));
        sum += WEXITSTATUS(status);
    }
    return sum & 0xff;
}

int main(void)
{
    int status, pid, r;

    r = node(1, 0);
    uprintf(1, "tree total: %d\n", r);

    /* exit statuses are 8 bits: 300 & 0xff = 44 */
    pid = fork();
    if (pid == 0)
        exit(300);
    waitpid_retry(pid, &status);
    uprintf(1, "exit(300) seen as: exited %s, status %d\n",
            WIFEXITED(status) ? "yes" : "no", WEXITSTATUS(status));

    /* wait4(-1) picks up any child, waitpid on a non-child fails */
    pid = fork();
    if (pid == 0)
        exit(7);
    r = wait4(-1, &status, 0, NULL);
    uprintf(1, "wait4(-1) returned the child: %s, status %d\n",
            r == pid ? "yes" : "no", WEXITSTATUS(status));
    uprintf(1, "waitpid(1): %d\n", waitpid(1, &status, 0));
    uprintf(1, "wait4(-1) with no children: %d\n", wait4(-1, &status, 0, NULL));
    uprintf(1, "wait4 WNOHANG with no children: %d\n", wait4(-1, &status, WNOHANG, NULL));
    return 0;
}

/*
 * many_procs.c - 50 processes alive at the same time (raw).
 *
 * Each child says it is ready by writing one byte into the `ready` pipe,
 * then blocks reading the `go` pipe.  Once the parent has read all 50
 * bytes, all 50 children exist at once.  The parent then closes its end
 * of `go`: every child's read returns 0 (end of file) and the child
 * exits with its index.  The parent reaps all of them and checks the
 * statuses.
 */
#include "lib/ulib.h"

#define NCHILD 50

int main(void)
{
    int ready[2], go[2], pids[NCHILD];
    int i, n, status, sum = 0, expected = 0, reaped = 0;
    char c;

    if (pipe(ready) < 0 || pipe(go) < 0) {
        uprintf(1, "pipe failed\n");
        return 1;
    }
    for (i = 0; i < NCHILD; i++) {
        pids[i] = fork();
        if (pids[i] < 0) {
            uprintf(1, "fork %d failed: %d\n", i, pids[i]);
            return 1;
        }
        if (pids[i] == 0) {
            close(ready[0]);
            close(go[1]);
            write(ready[1], "r", 1);
            n = read(go[0], &c, 1);         /* blocks until the parent closes go[1] */
            exit(n == 0 ? i : 200);
        }
        expected += i;
    }
    close(ready[1]);
    close(go[0]);
    for (n = 0; n < NCHILD && read(ready[0], &c, 1) == 1; n++)
        ;
    uprintf(1, "children alive at once: %d\n", n);

    close(go[1]);                           /* end of file for every child */
    for (i = 0; i < NCHILD; i++) {
        if (waitpid_retry(pids[i], &status) == pids[i] && WIFEXITED(status)) {
            reaped++;
            sum += WEXITSTATUS(status);
        }
    }
    uprintf(1, "children reaped: %d\n", reaped);
    uprintf(1, "exit statuses add up: %s\n", sum == expected ? "yes" : "no");
    uprintf(1, "read from ready after all exited: %d\n", read(ready[0], &c, 1));
    uprintf(1, "wait4 with no children left: %d\n", wait4(-1, &status, 0, NULL));
    return 0;
}

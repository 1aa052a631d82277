/*
 * orphan.c - a process whose parent exits is re-parented (raw).
 *
 * The parent P forks C, C forks G (the grandchild), G tells C it has
 * started, and C exits.  G, now an orphan, waits until getppid() no
 * longer names C and sends its findings to P through a pipe; P prints
 * them once the pipe reaches end of file (G has exited).  G is not P's
 * child, so P cannot wait for it: init (or on Linux, a subreaper) does.
 *
 * Built as orphan_init (-DCHECK_INIT) it also checks that the new parent
 * is init, pid 1.  On Linux the new parent may be a subreaper instead,
 * so that variant is not compared with Linux.
 */
#include "lib/ulib.h"

static const char *yes(int cond)
{
    return cond ? "yes" : "no";
}

int main(void)
{
    int report[2], started[2], c, g, status, i, n;
    char res[4], ch;

    pipe(report);
    pipe(started);
    c = fork();
    if (c == 0) {
        close(report[0]);
        g = fork();
        if (g == 0) {
            int old = getppid(), now = old;
            close(started[0]);
            write(started[1], "g", 1);
            for (i = 0; i < 5000 && (now = getppid()) == old; i++)
                msleep(1);
            res[0] = old > 1 && old != getpid() ? 'y' : 'n';   /* C was our parent */
            res[1] = now != old ? 'y' : 'n';                    /* re-parented */
            res[2] = now == 1 ? 'y' : 'n';                      /* ... to init */
            write(report[1], res, 3);
            exit(0);
        }
        read(started[0], &ch, 1);           /* G is running: C can go */
        exit(g > 0 ? 5 : 6);
    }
    close(report[1]);
    close(started[1]);
    if (waitpid_retry(c, &status) == c)
        uprintf(1, "child exited with %d\n", WEXITSTATUS(status));
    n = 0;
    while (n < 3 && (i = read(report[0], res + n, 3 - n)) > 0)
        n += i;
    uprintf(1, "grandchild reported: %s\n", yes(n == 3));
    if (n == 3) {
        uprintf(1, "grandchild's first parent was the child: %s\n", yes(res[0] == 'y'));
        uprintf(1, "grandchild re-parented after the child exited: %s\n", yes(res[1] == 'y'));
#ifdef CHECK_INIT
        uprintf(1, "grandchild's new parent is init (pid 1): %s\n", yes(res[2] == 'y'));
#endif
    }
    uprintf(1, "end of file once the grandchild exits: %d\n", read(report[0], &ch, 1));
    uprintf(1, "the grandchild is not our child: %d\n", wait4(-1, &status, 0, NULL));
    return 0;
}

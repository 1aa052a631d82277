/*
 * orphan_storm.c - 300 times, a child forks a grandchild and exits at
 * once: the grandchild, orphaned, is re-parented to init and exits too.
 * init must reap those orphans while this program still runs, or their
 * zombies fill the task table and fork fails (-EAGAIN) after about 124.
 */
#include "lib/ulib.h"

#define ROUNDS 300

int main(void)
{
    int forked = 0, grandchildren = 0;

    for (int i = 0; i < ROUNDS; i++) {
        int status, pid = fork();
        if (pid == 0) {
            int g = fork();
            if (g == 0)
                exit(0);
            exit(g > 0 ? 0 : 1);
        }
        if (pid < 0)
            continue;
        forked++;
        if (waitpid_retry(pid, &status) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0)
            grandchildren++;
    }
    uprintf(1, "%d of %d children forked, %d of them forked a grandchild\n", forked, ROUNDS,
            grandchildren);
    return 0;
}

/*
 * preempt.c - a CPU-bound process must not stop the others (raw).
 *
 * Child A spins forever without making a system call.  Only once it has
 * started spinning, child B computes something and exits.  The parent
 * waits for B, then kills A with SIGKILL and waits for it.  Without
 * preemption by the timer, A would keep the CPU and nothing else would
 * ever run: the test would time out.
 */
#include "lib/ulib.h"

static volatile unsigned spins;

/* How many primes are below n (trial division: a few million steps). */
static int count_primes(int n)
{
    int count = 0, i, d;

    for (i = 2; i < n; i++) {
        for (d = 2; d * d <= i && i % d; d++)
            ;
        if (d * d > i)
            count++;
    }
    return count;
}

int main(void)
{
    int started[2], a, b, status;
    char c;

    pipe(started);
    a = fork();
    if (a == 0) {
        write(started[1], "a", 1);
        for (;;)
            spins++;
    }
    read(started[0], &c, 1);                /* A is running its loop now */
    uprintf(1, "A is spinning\n");

    b = fork();
    if (b == 0)
        exit(count_primes(20000) & 0xff);   /* 2262 primes: 2262 & 0xff = 214 */
    if (waitpid_retry(b, &status) == b && WIFEXITED(status))
        uprintf(1, "B finished while A spins: exit %d\n", WEXITSTATUS(status));
    else
        uprintf(1, "B did not exit normally\n");

    msleep(20);                             /* the parent sleeps too; A keeps spinning */
    uprintf(1, "kill A: %d\n", kill(a, SIGKILL));
    if (waitpid_retry(a, &status) == a && WIFSIGNALED(status))
        uprintf(1, "A killed by signal %d\n", WTERMSIG(status));
    else
        uprintf(1, "A not killed by a signal (status 0x%x)\n", status);
    uprintf(1, "kill A again: %d\n", kill(a, SIGKILL));
    return 0;
}

/*
 * shm_counter - processes sharing one segment count together: 4 children
 * wait at a start line (so that they run at the same time), then each adds
 * 1 to a shared counter 200000 times with `lock incl` and counts its own
 * additions in a slot of its own.  The total must be exact.
 */
#include "lib/shmtest.h"
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#define NPROC 4
#define ROUNDS 200000

struct shared {
    volatile int ready;             /* children at the start line */
    volatile int counter;           /* the shared count, by lock incl */
    volatile int own[NPROC];        /* each child's count, plain adds */
};

static void atomic_inc(volatile int *v)
{
    __asm__ volatile("lock incl %0" : "+m"(*v) : : "memory");
}

/* A child's work; exit status 2 if the others never came (the segment
 * is not shared). */
static void count(struct shared *s, int me)
{
    atomic_inc(&s->ready);
    for (int tries = 0; s->ready < NPROC; tries++) {
        if (tries == 100000)
            _exit(2);
        sched_yield();
    }
    for (int i = 0; i < ROUNDS; i++) {
        atomic_inc(&s->counter);
        s->own[me]++;
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int id = get_or_die(IPC_PRIVATE, sizeof(struct shared), IPC_CREAT | 0600);
    struct shared *s = (struct shared *)attach_or_die(id, NULL, 0);
    shmctl(id, IPC_RMID, NULL);     /* gone once the last process detaches */

    pid_t pids[NPROC];
    for (int i = 0; i < NPROC; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            count(s, i);
            _exit(0);
        }
    }
    int bad = 0;
    for (int i = 0; i < NPROC; i++) {
        int status;
        waitpid(pids[i], &status, 0);
        bad += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    int own_total = 0;
    for (int i = 0; i < NPROC; i++)
        own_total += s->own[i];
    printf("children failed %d\n", bad);
    printf("counter %d (expected %d), own counts add up to %d\n", s->counter,
           NPROC * ROUNDS, own_total);
    printf("nattch %lu\n", nattch_of(id));
    show("shmdt", shmdt(s));
    struct shmid_ds ds;
    show("IPC_STAT after the last shmdt", shmctl(id, IPC_STAT, &ds));
    return 0;
}

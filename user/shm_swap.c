/*
 * shm_swap - a 48 MiB System V segment with 32 MiB of RAM (shm_swap.mem,
 * shm_swap.swap): a distinct value is written into every page, then every
 * page is read back twice and summed.  The segment's pages must go to
 * swap and come back intact (shm_swap.klog); on Linux with plenty of RAM
 * it just runs.
 */
#include "lib/shmtest.h"

#define SIZE (48u << 20)
#define NPAGES (SIZE / 4096)

static unsigned value_of(unsigned page)
{
    return page * 2654435761u + 12345;
}

int main(void)
{
    int id = get_or_die(IPC_PRIVATE, SIZE, IPC_CREAT | 0600);
    unsigned *p = (unsigned *)attach_or_die(id, NULL, 0);
    shmctl(id, IPC_RMID, NULL);

    for (unsigned i = 0; i < NPAGES; i++) {
        p[i * 1024] = value_of(i);
        p[i * 1024 + 1023] = ~value_of(i);
    }
    for (int pass = 0; pass < 2; pass++) {
        unsigned bad = 0, sum = 0;
        for (unsigned i = 0; i < NPAGES; i++) {
            bad += p[i * 1024] != value_of(i) || p[i * 1024 + 1023] != ~value_of(i);
            sum += p[i * 1024];
        }
        printf("pass %d: %u pages read, %u bad, checksum %08x\n", pass, NPAGES, bad, sum);
    }
    show("shmdt", shmdt(p));
    struct shmid_ds ds;
    show("IPC_STAT after shmdt", shmctl(id, IPC_STAT, &ds));
    return 0;
}

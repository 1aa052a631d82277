/*
 * shm_toobig - sizes above SHMMAX, which is 0xfeffffff (ULONG_MAX - 2^24)
 * on i386 Linux: shmget of 0xff000000 or 0xffffffff bytes is EINVAL.  An
 * x86-64 host's SHMMAX is 2^64 - 2^24, so there the sizes are allowed
 * (tests/user/shm_toobig.linux-differs); a segment made is removed.
 */
#include "lib/shmtest.h"

static void try_size(const char *what, size_t size)
{
    int id = shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);

    show(what, id);
    if (id >= 0)
        shmctl(id, IPC_RMID, NULL);
}

int main(void)
{
    try_size("shmget 0xffffffff bytes", 0xffffffffu);
    try_size("shmget 0xff000000 bytes", 0xff000000u);
    return 0;
}

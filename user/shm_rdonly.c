/*
 * shm_rdonly - SHM_RDONLY: a read-only attachment reads what a writable
 * one of the same segment writes; a write through it kills the writer with
 * SIGSEGV; mprotect cannot make it writable (EACCES: the attachment may
 * never write), while a writable attachment made read-only by mprotect
 * faults on a write and writes again once made writable.
 */
#include "lib/shmtest.h"
#include <sys/mman.h>
#include <unistd.h>

/* Forks a child that writes to p; prints how the child ended. */
static void write_in_child(const char *what, char *p)
{
    pid_t pid = fork();

    if (pid == 0) {
        *(volatile char *)p = 'W';
        _exit(0);
    }
    char who[80];
    snprintf(who, sizeof(who), "%s: child", what);
    reap(who, pid);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int id = get_or_die(IPC_PRIVATE, 2 * 4096, IPC_CREAT | 0600);
    char *rw = attach_or_die(id, NULL, 0);
    char *ro = attach_or_die(id, NULL, SHM_RDONLY);
    printf("two attachments: nattch %lu\n", nattch_of(id));
    printf("read-only reads zeros: %d\n", ro[0] == 0 && ro[4096] == 0);
    rw[0] = 'A';
    rw[4096] = 'B';
    printf("read-only sees the writes: %d\n", ro[0] == 'A' && ro[4096] == 'B');

    write_in_child("write to SHM_RDONLY", ro);
    printf("byte unchanged: %d\n", ro[0] == 'A');
    show("mprotect SHM_RDONLY to read-write", mprotect(ro, 2 * 4096, PROT_READ | PROT_WRITE));
    show("mprotect SHM_RDONLY to none", mprotect(ro, 2 * 4096, PROT_NONE));
    show("mprotect it back to read", mprotect(ro, 2 * 4096, PROT_READ));
    printf("read-only reads again: %d\n", ro[4096] == 'B');

    show("mprotect read-write one to read", mprotect(rw, 2 * 4096, PROT_READ));
    write_in_child("write to it", rw);
    show("mprotect it back to read-write", mprotect(rw, 2 * 4096, PROT_READ | PROT_WRITE));
    write_in_child("write to it again", rw);
    printf("the child's write is seen: %d\n", ro[0] == 'W');

    show("shmdt read-only", shmdt(ro));
    show("shmdt read-write", shmdt(rw));
    show("IPC_RMID", shmctl(id, IPC_RMID, NULL));
    return 0;
}

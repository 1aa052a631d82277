/*
 * shmtest.h - small helpers of the glibc System V shared memory tests
 * (user/shm_*.c): glibc's shmget, shmat, shmdt and shmctl go through the
 * ipc(117) multiplexer on i386.
 */
#ifndef USER_SHMTEST_H
#define USER_SHMTEST_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>

/* Prints "what: ok" for a result >= 0, else "what: ENAME" (errno's name). */
static inline void show(const char *what, long r)
{
    printf("%s: %s\n", what, r < 0 ? strerrorname_np(errno) : "ok");
}

/* The same for shmat's result, which fails as (void *)-1. */
static inline void show_at(const char *what, void *p)
{
    printf("%s: %s\n", what, p == (void *)-1 ? strerrorname_np(errno) : "ok");
}

/* Waits for the child pid; prints "what: exit N" or "what: signal N". */
static inline void reap(const char *what, pid_t pid)
{
    int status;

    waitpid(pid, &status, 0);
    if (WIFEXITED(status))
        printf("%s: exit %d\n", what, WEXITSTATUS(status));
    else
        printf("%s: signal %d\n", what, WTERMSIG(status));
}

/* IPC_STAT of id into *ds; exits with a message if that fails. */
static inline void stat_or_die(int id, struct shmid_ds *ds)
{
    if (shmctl(id, IPC_STAT, ds) < 0) {
        printf("IPC_STAT failed: %s\n", strerrorname_np(errno));
        exit(1);
    }
}

/* The number of attachments of id (exits if IPC_STAT fails). */
static inline unsigned long nattch_of(int id)
{
    struct shmid_ds ds;

    stat_or_die(id, &ds);
    return ds.shm_nattch;
}

/* shmat that exits with a message if it fails. */
static inline char *attach_or_die(int id, const void *addr, int flags)
{
    void *p = shmat(id, addr, flags);

    if (p == (void *)-1) {
        printf("shmat failed: %s\n", strerrorname_np(errno));
        exit(1);
    }
    return p;
}

/* shmget that exits with a message if it fails. */
static inline int get_or_die(key_t key, size_t size, int flags)
{
    int id = shmget(key, size, flags);

    if (id < 0) {
        printf("shmget failed: %s\n", strerrorname_np(errno));
        exit(1);
    }
    return id;
}

#endif

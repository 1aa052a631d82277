/*
 * pthread_util.h - small helpers shared by the glibc thread tests
 * (pthread_*.c): the caller's tid, pthread_create that gives up with a
 * message, and yes/no for the report lines.  Header-only (static inline),
 * since a glibc program is one .c file.
 */
#ifndef PTHREAD_UTIL_H
#define PTHREAD_UTIL_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The calling thread's id: gettid, system call 224 on i386. */
static inline long tid_of_caller(void)
{
    return syscall(224);
}

/* pthread_create(thread, attr, start, arg), or print why it failed and
 * exit 1: the first line of the output says what the kernel refused. */
static inline void create_or_die(pthread_t *thread, const pthread_attr_t *attr,
                                 void *(*start)(void *), void *arg)
{
    int rc = pthread_create(thread, attr, start, arg);

    if (rc != 0) {
        printf("pthread_create: %s\n", strerror(rc));
        exit(1);
    }
}

static inline const char *yes_no(int condition)
{
    return condition ? "yes" : "no";
}

#endif

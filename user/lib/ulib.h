/*
 * ulib.h - the tiny library of raw user programs (no C library).
 *
 * A few string functions, a printf-like uprintf(fd, fmt, ...) that
 * understands %d %u %x %s %c %p and %%, with an optional width and the
 * flags '-' (align left) and '0' (zeros), as in "%5d %-8s %08x"; and
 * small helpers used by several tests.  System calls are in syscall.h.
 */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include "syscall.h"

#define NULL ((void *)0)

typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type)   __builtin_va_arg(ap, type)
#define va_end(ap)         __builtin_va_end(ap)

extern char **environ;              /* set by crt0.S */

unsigned strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, unsigned n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
void *memset(void *dst, int c, unsigned n);
void *memcpy(void *dst, const void *src, unsigned n);
int memcmp(const void *a, const void *b, unsigned n);

/* Formats into a buffer and writes it with as few write() calls as
 * possible (one for up to 512 bytes), so that a line printed by one
 * process is not cut by another's.  Returns the number of bytes written,
 * or a negative errno from write(). */
int uprintf(int fd, const char *fmt, ...);
int vuprintf(int fd, const char *fmt, va_list ap);
/* uprintf to the file at path, opened with flags just for it and closed
 * again: to /dev/kmsg that is one kernel log record. */
int uprintf_path(const char *path, int flags, const char *fmt, ...);

/* Sleeps for ms milliseconds (nanosleep). */
void msleep(unsigned ms);

/* waitpid(), retried on -EINTR. */
int waitpid_retry(int pid, int *status);

#endif

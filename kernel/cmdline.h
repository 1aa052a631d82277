/*
 * cmdline.h - the kernel command line: space-separated key=value words,
 * e.g. "ktest=buddy klog=com2 init=/hello".
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stddef.h>

/* Copy the value of key into buf; returns 1 if key was present. */
int cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);
/* 1 if key=value is on the command line. */
int cmdline_has(const char *cmdline, const char *key, const char *value);

extern char kernel_cmdline[256];

#endif

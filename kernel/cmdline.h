/*
 * cmdline.h - the kernel command line: space-separated words, with
 * double quotes around spaces: "key=value" options such as
 * `ktest=buddy klog=com2 run=/hello`, then optionally `--` and the
 * arguments init passes to the program of run= (Linux's convention).
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stddef.h>

#define CMDLINE_MAX 4096

extern char kernel_cmdline[CMDLINE_MAX];   /* without the image path */
extern int kernel_cmdline_truncated;        /* it was longer than CMDLINE_MAX - 1 */

/* Take the command line the Multiboot loader gave (image path first). */
void cmdline_set(const char *multiboot_line);
/* Copy the value of key (a word "key=value" before any "--") into buf;
 * returns 1 if key was present. */
int cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);
/* 1 if key=value is on the command line. */
int cmdline_has(const char *cmdline, const char *key, const char *value);
/*
 * init's argv: "init", the comma-separated words of run=, then the words
 * after "--".  argv has room for max + 1 pointers; the strings go to buf.
 * Returns argc, or -1 when arguments had to be left out (more than max,
 * or more text than size).
 */
int cmdline_init_argv(const char *cmdline, const char **argv, int max, char *buf, size_t size);

#endif

/*
 * procfs.h - Linux-format /proc files, generated when opened: a reader
 * sees a snapshot taken at open().  Supported: /proc/meminfo,
 * /proc/buddyinfo, /proc/vmstat, and /proc/PID/{maps,smaps,status}
 * (PID may be "self").
 */
#ifndef KERNEL_PROCFS_H
#define KERNEL_PROCFS_H

#include <stdint.h>

/* 1 if path is under /proc/ (whether or not it exists). */
int procfs_is_proc_path(const char *path);
/* Generate the file's text into a new kmalloc'd buffer.
 * Returns its length, or -ENOENT / -ENOMEM. */
int procfs_generate(const char *path, char **text);

#endif

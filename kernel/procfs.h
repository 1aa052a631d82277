/*
 * procfs.h - Linux-format /proc files, generated when opened: a reader
 * sees a snapshot taken at open().  Supported: /proc/meminfo,
 * /proc/buddyinfo, /proc/vmstat, /proc/zoneinfo, /proc/swaps, and
 * /proc/PID/{maps,smaps,status,schedstat,clear_refs} (PID may be "self").
 */
#ifndef KERNEL_PROCFS_H
#define KERNEL_PROCFS_H

#include <stdint.h>

/* 1 if path is under /proc/ (whether or not it exists). */
int procfs_is_proc_path(const char *path);
/* Generate the file's text into a new kmalloc'd buffer.
 * Returns its length, or -ENOENT / -ENOMEM.  A file that is only
 * written to (clear_refs) has no text: *text is NULL. */
int procfs_generate(const char *path, char **text);

/*
 * Writes to /proc.  A file with no text (procfs_generate) is one to
 * write to: opened for writing, the open file keeps its path, and each
 * write() copies its first PROC_WRITE_MAX bytes into the kernel
 * (kernel/file.c) and calls procfs_write, which finds the file's handler
 * by its path, as procfs_generate does, and acts at once.  The handler
 * parses the bytes as Linux does and returns 0, or -EINVAL for a value
 * it does not take (-ESRCH when the process is gone).  The write then
 * reports every byte written.  So far: /proc/PID/clear_refs.
 */
#define PROC_WRITE_MAX 31
int procfs_write(const char *path, const char *buf);     /* buf: NUL-terminated */

#endif

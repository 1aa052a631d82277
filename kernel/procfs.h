/*
 * procfs.h - Linux-format /proc files, generated when opened: a reader
 * sees a snapshot taken at open().  Supported: /proc/meminfo,
 * /proc/buddyinfo, /proc/vmstat, /proc/zoneinfo, /proc/swaps,
 * /proc/sys/vm/{overcommit_memory,overcommit_ratio}, and /proc/PID/{maps,
 * smaps,status,schedstat,clear_refs,oom_score,oom_score_adj,fail-nth}
 * (PID may be "self").
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
 * Writes to /proc.  A file is writable when procfs_write has a handler
 * for its path (procfs_writable); it may have text to read as well
 * (oom_score_adj) or none (clear_refs).  Opened for writing, the open
 * file keeps its path, and each write() copies its first PROC_WRITE_MAX
 * bytes into the kernel (kernel/file.c) and calls procfs_write, which
 * finds the handler by the path and acts at once.  The handler parses
 * the bytes as Linux does and returns 0, or Linux's error for a value
 * it does not take: -EINVAL, or -ERANGE for a number past 32 bits
 * (-ESRCH when the process is gone); the write then reports
 * every byte written.  A reader of the same open file still sees the
 * text of open(): open it again for the new value.  The exception is
 * fail-nth, whose reader must not allocate (that would count): read()
 * of it opened for writing formats the value afresh on the stack
 * (procfs_read_live).  The files: /proc/PID/clear_refs,
 * /proc/PID/oom_score_adj, /proc/self/fail-nth,
 * /proc/sys/vm/overcommit_memory and /proc/sys/vm/overcommit_ratio.
 */
#define PROC_WRITE_MAX 31
int procfs_writable(const char *path);
/* The text of a file read afresh at each read(), into buf: its length,
 * or -1 if path is not such a file.  Allocates nothing. */
int procfs_read_live(const char *path, char *buf, uint32_t size);
int procfs_write(const char *path, const char *buf);     /* buf: NUL-terminated */

#endif

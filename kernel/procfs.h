/*
 * procfs.h - Linux-format /proc files, generated when opened: a reader
 * sees a snapshot taken at open().  Supported: /proc/meminfo,
 * /proc/buddyinfo, /proc/vmstat, /proc/zoneinfo, /proc/swaps,
 * /proc/uptime, /proc/loadavg, /proc/stat, /proc/mounts,
 * /proc/sys/vm/{overcommit_memory,overcommit_ratio}, and /proc/PID/{stat,
 * statm,status,cmdline,maps,smaps,schedstat,clear_refs,oom_score,
 * oom_score_adj,fail-nth,exe} (PID may be "self").
 */
#ifndef KERNEL_PROCFS_H
#define KERNEL_PROCFS_H

#include <stdint.h>

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
/*
 * /proc as a tree, for getdents64, stat and readlink.  The directories
 * are /proc, /proc/sys, /proc/sys/vm and /proc/PID for each task that
 * exists (zombies and kernel threads too, not the idle task); /proc/self
 * is a symbolic link to the caller's PID, /proc/PID/exe one to the
 * program it runs, /proc/PID/cwd one to its working directory.  Paths
 * are absolute, without "." or ".." parts or
 * doubled slashes, and a trailing slash is allowed on a directory.
 */
/* What getdents64 gets for each entry: its name, inode number and
 * DT_DIR, DT_REG or DT_LNK.  Returns nonzero to stop (the user's buffer
 * is full): that entry is not counted as read. */
typedef int (*procfs_emit_fn)(void *ctx, const char *name, uint32_t ino, unsigned char d_type);
/*
 * List directory dir from position *pos (0 at the start: the files and
 * directories, then for /proc "self" and the pids in increasing order),
 * calling emit for each entry and moving *pos past each one emit took.
 * "." and ".." are not listed: the caller, which knows the inode of
 * /proc's parent, adds them (procfs_ino gives dir's own).  A pid
 * directory's position depends on its pid, so a listing resumed after
 * tasks came and went skips or repeats no other pid.  Returns 0 (at the
 * end, or stopped by emit), -ENOENT if dir does not exist, -ENOTDIR if
 * it is a file.  /proc/self is listed as the caller's /proc/PID.
 */
int procfs_readdir(const char *dir, uint32_t *pos, procfs_emit_fn emit, void *ctx);
/* The st_mode of path: S_IFDIR | 0555, S_IFREG with Linux's permission
 * bits (0444, 0644 for the writable files, 0200 for clear_refs),
 * S_IFLNK | 0777 for the links; or -ENOENT.  A link is described
 * itself (lstat); stat follows it with procfs_readlink. */
int procfs_stat_mode(const char *path);
/* The inode number of path (an existing one), the same as readdir
 * gives for it; /proc/self/... is numbered as /proc/PID/... is. */
uint32_t procfs_ino(const char *path);
/* The target of a link into buf (NUL-terminated): "PID" for
 * /proc/self, the path of the program for /proc/PID/exe, of the working
 * directory for /proc/PID/cwd.  Its length, or -ENOENT (no such link, or
 * a zombie's exe), -EINVAL (not a link). */
int procfs_readlink(const char *path, char *buf, uint32_t size);

#define PROC_WRITE_MAX 31
int procfs_writable(const char *path);
/* The text of a file read afresh at each read(), into buf: its length,
 * or -1 if path is not such a file.  Allocates nothing. */
int procfs_read_live(const char *path, char *buf, uint32_t size);
int procfs_write(const char *path, const char *buf);     /* buf: NUL-terminated */

#endif

/*
 * file.h - open files: regular files and directories of the file system
 * (kernel/tmpfs.h), device nodes, pipes, /proc files, the console and
 * /dev/kmsg.  A struct file is shared by every descriptor that refers to
 * it (dup, fork) and counted by refcount; it holds the offset and the
 * status flags (O_APPEND, O_NONBLOCK), as on Linux.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <stdint.h>

struct inode;
struct pipe;

enum file_type {
    FILE_CONSOLE, FILE_KMSG, FILE_REGULAR, FILE_DIR, FILE_PIPE_READ, FILE_PIPE_WRITE,
    FILE_PROC, FILE_PROC_DIR, FILE_NULL, FILE_ZERO, FILE_FULL, FILE_RANDOM, FILE_DISK,
};

#define O_ACCMODE   03
#define O_RDONLY    00
#define O_WRONLY    01
#define O_RDWR      02
#define O_CREAT     0100
#define O_EXCL      0200
#define O_NOCTTY    0400
#define O_TRUNC     01000
#define O_APPEND    02000
#define O_NONBLOCK  04000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW  0400000
#define O_CLOEXEC   02000000
#define O_PATH      010000000
#define O_LARGEFILE 0100000

struct file {
    enum file_type type;
    int refcount;
    int readable;               /* read() allowed (the access mode) */
    int writable;               /* write() allowed; a regular file then holds
                                   write access (inode_get_write_access) */
    uint32_t flags;             /* the open flags F_GETFL reports */
    struct inode *inode;        /* the file opened (referenced), or NULL for
                                   pipes and /proc */
    uint64_t offset;            /* read/write position; a directory's: the
                                   next entry getdents64 returns */
    char *proc_text;            /* FILE_PROC: the snapshot taken at open, or
                                   NULL for a file that is only written */
    char *proc_path;            /* FILE_PROC, FILE_PROC_DIR: its path ("self"
                                   made the opener's pid) */
    uint32_t proc_size;         /* FILE_PROC: its length */
    struct pipe *pipe;          /* FILE_PIPE_*: the pipe */
};

struct file *file_new(enum file_type type);
struct file *file_open_console(void);
/* What /proc/PID/fd/N points at: the file's path ("/path (deleted)" once
 * unlinked), "pipe:[N]", or the /proc path.  Its length. */
int file_link_text(const struct file *f, char *buf, uint32_t size);
struct file *file_dup(struct file *f);
void file_put(struct file *f);
/* Open path as open(2) does, flags and mode included (mode less the
 * task's umask for a new file).  dir is where a relative path starts. */
int file_open(struct inode *dir, const char *path, int flags, uint32_t mode, struct file **out);
/* Open an inode found already (exec, fchdir's checks): as file_open
 * without the lookup. */
int file_open_inode(struct inode *inode, int flags, struct file **out);
int file_read(struct file *f, uint32_t user_buf, uint32_t len);
int file_write(struct file *f, uint32_t user_buf, uint32_t len);
int file_lseek(struct file *f, int64_t offset, int whence, uint64_t *result);
/* What f is ready for now: POLLIN, POLLOUT, POLLHUP, POLLERR (poll.h). */
int file_poll(struct file *f);
/* Copy bytes of a regular file at offset into the kernel buffer buf:
 * the number copied (short at the end of the file) or -ENOMEM/-EIO. */
int file_read_kernel(struct inode *inode, uint32_t offset, void *buf, uint32_t len);
/* Fill a Linux i386 struct stat64 (96 bytes). */
void inode_stat64(const struct inode *inode, uint8_t st[96]);
void file_stat64(struct file *f, uint8_t st[96]);
/* The same for a /proc path: 0 or -ENOENT. */
int proc_stat64(const char *path, uint8_t st[96]);

/* The current task's descriptors (kernel/sys_file.c): the file open as
 * fd or NULL; install f at the lowest free descriptor >= lowest (or
 * -EMFILE); close those marked close-on-exec (execve). */
/* The file of current's descriptor fd, or NULL.  While the descriptor
 * table is shared with other threads, the file is held until the system
 * call returns (fd_release_held, from syscall_dispatch). */
struct file *fd_file(uint32_t fd);
void fd_release_held(void);
struct files_table;
/* A new descriptor table with the same open files as from (NULL: none),
 * each referenced once more; NULL if no memory.  fork's copy. */
struct files_table *files_table_copy(const struct files_table *from);
/* Drop a task's use of ft; the last one closes every descriptor. */
void files_table_put(struct files_table *ft);
/* kernel/sys_fs.c: a copy of a working directory and umask, and the drop
 * of a task's use of one (the last drops the directory). */
struct fs_context;
struct fs_context *fs_context_copy(const struct fs_context *from);
void fs_context_put(struct fs_context *fs);
int fd_install_from(struct file *f, uint32_t lowest, int cloexec);
void fd_close_on_exec(void);

#endif

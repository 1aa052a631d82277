/*
 * file.h - open files: the console, /dev/kmsg, ramdisk files, pipes and
 * /proc files.
 * A struct file is shared by every descriptor that refers to it (dup,
 * fork) and counted by refcount.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <stdint.h>

struct rd_file;
struct pipe;

enum file_type { FILE_CONSOLE, FILE_KMSG, FILE_RAMDISK, FILE_PIPE_READ, FILE_PIPE_WRITE, FILE_PROC };

struct file {
    enum file_type type;
    int refcount;
    int readable;               /* read() allowed (the access mode) */
    int writable;               /* write() allowed; a ramdisk file then holds
                                   write access (rd_get_write_access) */
    struct rd_file *rd;         /* FILE_RAMDISK: the file */
    uint32_t offset;            /* FILE_RAMDISK, FILE_PROC: read/write position */
    char *proc_text;            /* FILE_PROC: the snapshot taken at open, or
                                   NULL for a file that is only written */
    char *proc_path;            /* FILE_PROC opened for writing a writable
                                   file: its path, for procfs_write */
    uint32_t proc_size;         /* FILE_PROC: its length */
    struct pipe *pipe;          /* FILE_PIPE_*: the pipe */
};

struct file *file_open_console(void);
struct file *file_dup(struct file *f);
void file_put(struct file *f);
int file_open(const char *path, int flags, struct file **out);
int file_read(struct file *f, uint32_t user_buf, uint32_t len);
int file_write(struct file *f, uint32_t user_buf, uint32_t len);
int file_lseek(struct file *f, int32_t offset, int whence, uint32_t *result);
int file_pipe(struct file **read_end, struct file **write_end);
/* Fill a Linux i386 struct stat64 (96 bytes) for fstat64. */
void file_stat64(struct file *f, uint8_t st[96]);

#endif

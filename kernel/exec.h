/* exec.h - replace the current task's program with an ELF file. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <stdint.h>

struct inode;

/*
 * The arguments a program was started with, as /proc/PID/cmdline shows
 * them: each argv string with its NUL, one after another.  Linux reads
 * them from the process's stack; we keep the copy exec made, so that
 * /proc can show another process's arguments without touching its
 * memory (which may be in swap).  A program that rewrites its argv
 * strings is not seen here.  Shared by a process and the children it
 * forks (refs counts them); freed with the last.  Who changes refs:
 * exec, fork and exit, in the task's own system call (the kernel is
 * not preempted, so each change is whole).
 */
struct exec_args {
    int refs;
    uint32_t len;               /* bytes in text, the NULs included */
    char text[];
};
/* One more holder of args (NULL: none); returns args. */
struct exec_args *exec_args_get(struct exec_args *args);
/* One holder fewer (NULL: nothing); the last frees it. */
void exec_args_put(struct exec_args *args);

/* Load file as the current task's new program with argv/envp (kernel
 * strings).  On success the old address space is gone and the trap
 * frame starts the new program (and current->args holds its argv); on
 * failure (-ENOEXEC, -ENOMEM, -EFAULT, -ETXTBSY) the task is untouched. */
int exec_from_file(struct inode *file, const char *const argv[], const char *const envp[]);

#endif

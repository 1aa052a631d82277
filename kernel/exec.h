/* exec.h - replace the current task's program with an ELF file. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

struct inode;

/* Load file as the current task's new program with argv/envp (kernel
 * strings).  On success the old address space is gone and the trap
 * frame starts the new program; on failure (-ENOEXEC, -ENOMEM, -EFAULT, -ETXTBSY)
 * the task is untouched. */
int exec_from_file(struct inode *file, const char *const argv[], const char *const envp[]);

#endif

/* syscall.h - the system call handlers, grouped by the file that owns them. */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>

typedef int (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);
#define SYSCALL(name) int name(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6)

/* kernel/clone.c */
SYSCALL(sys_fork); SYSCALL(sys_vfork); SYSCALL(sys_clone); SYSCALL(sys_clone3);
/* kernel/futex.c */
SYSCALL(sys_futex); SYSCALL(sys_futex_time64);
/* kernel/sys_proc.c */
SYSCALL(sys_exit); SYSCALL(sys_exit_group); SYSCALL(sys_waitpid);
SYSCALL(sys_wait4); SYSCALL(sys_execve); SYSCALL(sys_getpid); SYSCALL(sys_getppid);
SYSCALL(sys_kill); SYSCALL(sys_getrusage); SYSCALL(sys_uname); SYSCALL(sys_sched_yield);
SYSCALL(sys_set_thread_area); SYSCALL(sys_set_tid_address);
SYSCALL(sys_ugetrlimit); SYSCALL(sys_prlimit64); SYSCALL(sys_getrandom); SYSCALL(sys_reboot);
SYSCALL(sys_gettid);
/* kernel/sys_ipc.c */
SYSCALL(sys_ipc); SYSCALL(sys_shmget); SYSCALL(sys_shmctl); SYSCALL(sys_shmat); SYSCALL(sys_shmdt);
/* kernel/sys_time.c */
SYSCALL(sys_time); SYSCALL(sys_gettimeofday); SYSCALL(sys_clock_gettime); SYSCALL(sys_clock_gettime64);
SYSCALL(sys_clock_getres); SYSCALL(sys_clock_getres_time64); SYSCALL(sys_times);
SYSCALL(sys_nanosleep); SYSCALL(sys_clock_nanosleep); SYSCALL(sys_clock_nanosleep_time64);
SYSCALL(sys_restart_syscall);
/* kernel/sys_signal.c */
SYSCALL(sys_rt_sigaction); SYSCALL(sys_sigaction); SYSCALL(sys_signal); SYSCALL(sys_rt_sigprocmask);
SYSCALL(sys_rt_sigpending); SYSCALL(sys_pause); SYSCALL(sys_rt_sigsuspend); SYSCALL(sys_sigreturn);
SYSCALL(sys_rt_sigreturn); SYSCALL(sys_sigaltstack); SYSCALL(sys_tkill); SYSCALL(sys_tgkill);
SYSCALL(sys_alarm); SYSCALL(sys_rt_sigtimedwait); SYSCALL(sys_rt_sigtimedwait_time64);
/* kernel/pgrp.c */
SYSCALL(sys_setpgid); SYSCALL(sys_getpgid); SYSCALL(sys_getpgrp); SYSCALL(sys_setsid);
SYSCALL(sys_getsid);
/* kernel/sys_file.c */
SYSCALL(sys_read); SYSCALL(sys_write); SYSCALL(sys_readv); SYSCALL(sys_writev);
SYSCALL(sys_pread64); SYSCALL(sys_pwrite64); SYSCALL(sys_close); SYSCALL(sys_dup);
SYSCALL(sys_dup2); SYSCALL(sys_dup3); SYSCALL(sys_fcntl64); SYSCALL(sys_lseek);
SYSCALL(sys_llseek); SYSCALL(sys_pipe); SYSCALL(sys_pipe2); SYSCALL(sys_fstat64);
SYSCALL(sys_ftruncate); SYSCALL(sys_ftruncate64); SYSCALL(sys_fchmod);
SYSCALL(sys_getdents64); SYSCALL(sys_ioctl); SYSCALL(sys_sync); SYSCALL(sys_fsync); SYSCALL(sys_sendfile); SYSCALL(sys_sendfile64);
/* kernel/poll.c */
SYSCALL(sys_poll);
/* kernel/sys_fs.c */
SYSCALL(sys_open); SYSCALL(sys_openat); SYSCALL(sys_creat); SYSCALL(sys_stat64);
SYSCALL(sys_lstat64); SYSCALL(sys_fstatat64); SYSCALL(sys_access); SYSCALL(sys_faccessat);
SYSCALL(sys_faccessat2); SYSCALL(sys_mkdir); SYSCALL(sys_mkdirat); SYSCALL(sys_unlink);
SYSCALL(sys_rmdir); SYSCALL(sys_unlinkat); SYSCALL(sys_rename); SYSCALL(sys_renameat);
SYSCALL(sys_renameat2); SYSCALL(sys_link); SYSCALL(sys_linkat); SYSCALL(sys_symlink);
SYSCALL(sys_symlinkat); SYSCALL(sys_readlink); SYSCALL(sys_readlinkat); SYSCALL(sys_chdir);
SYSCALL(sys_fchdir); SYSCALL(sys_getcwd); SYSCALL(sys_chmod); SYSCALL(sys_fchmodat);
SYSCALL(sys_truncate); SYSCALL(sys_truncate64); SYSCALL(sys_utimensat);
SYSCALL(sys_statfs64); SYSCALL(sys_fstatfs64); SYSCALL(sys_chown32); SYSCALL(sys_lchown32);
SYSCALL(sys_fchownat); SYSCALL(sys_fchown32);
/* kernel/sys_mm.c */
SYSCALL(sys_brk); SYSCALL(sys_mmap2); SYSCALL(sys_munmap); SYSCALL(sys_swapon); SYSCALL(sys_swapoff); SYSCALL(sys_mprotect);
SYSCALL(sys_msync); SYSCALL(sys_madvise);
SYSCALL(sys_mlock); SYSCALL(sys_munlock); SYSCALL(sys_mlockall); SYSCALL(sys_munlockall);
SYSCALL(sys_mremap);
/* kernel/sys_info.c */
SYSCALL(sys_get_root_id); SYSCALL(sys_getresid16); SYSCALL(sys_getresid32);
SYSCALL(sys_set_id16); SYSCALL(sys_set_id32); SYSCALL(sys_getgroups); SYSCALL(sys_setgroups);
SYSCALL(sys_sysinfo); SYSCALL(sys_prctl); SYSCALL(sys_sched_getaffinity);
SYSCALL(sys_sched_setaffinity); SYSCALL(sys_umask);

#define UNUSED_ARGS6 (void)a1; (void)a2; (void)a3; (void)a4; (void)a5; (void)a6

#endif

/*
 * syscall.c - int $0x80 with the Linux i386 ABI: EAX is the number, EBX,
 * ECX, EDX, ESI, EDI, EBP the arguments, EAX the result (negative errno
 * on failure).  The table maps numbers to handlers; an unknown number
 * gets -ENOSYS and is logged once.
 */
#include "arch/x86/trap.h"
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/trap_handlers.h"

#define NR_SYSCALLS 440

static syscall_fn syscall_table[NR_SYSCALLS] = {
    [1] = sys_exit, [2] = sys_fork, [3] = sys_read, [4] = sys_write, [5] = sys_open,
    [6] = sys_close, [7] = sys_waitpid, [11] = sys_execve, [12] = sys_chdir, [19] = sys_lseek,
    [20] = sys_getpid, [37] = sys_kill, [41] = sys_dup, [42] = sys_pipe, [45] = sys_brk,
    [63] = sys_dup2, [64] = sys_getppid, [183] = sys_getcwd,
    [77] = sys_getrusage, [85] = sys_readlink, [88] = sys_reboot, [87] = sys_swapon, [91] = sys_munmap, [115] = sys_swapoff,
    [114] = sys_wait4, [120] = sys_clone, [122] = sys_uname, [125] = sys_mprotect, [144] = sys_msync,
    [146] = sys_writev, [158] = sys_sched_yield, [162] = sys_nanosleep,
    [191] = sys_ugetrlimit, [192] = sys_mmap2, [197] = sys_fstat64, [219] = sys_madvise,
    [150] = sys_mlock, [151] = sys_munlock, [152] = sys_mlockall, [153] = sys_munlockall,
    [163] = sys_mremap,
    [243] = sys_set_thread_area, [295] = sys_openat, [300] = sys_fstatat64, [252] = sys_exit_group, [258] = sys_set_tid_address,
    [355] = sys_getrandom, [57] = sys_setpgid, [65] = sys_getpgrp, [66] = sys_setsid,
    [132] = sys_getpgid, [147] = sys_getsid,
    [0] = sys_restart_syscall, [27] = sys_alarm, [29] = sys_pause, [48] = sys_signal,
    [67] = sys_sigaction, [119] = sys_sigreturn, [173] = sys_rt_sigreturn, [174] = sys_rt_sigaction,
    [175] = sys_rt_sigprocmask, [176] = sys_rt_sigpending, [179] = sys_rt_sigsuspend,
    [186] = sys_sigaltstack, [224] = sys_gettid, [238] = sys_tkill, [270] = sys_tgkill,
    /* descriptors (kernel/sys_file.c) */
    [145] = sys_readv, [180] = sys_pread64, [181] = sys_pwrite64, [330] = sys_dup3,
    [55] = sys_fcntl64, [221] = sys_fcntl64, [140] = sys_llseek, [331] = sys_pipe2,
    [93] = sys_ftruncate, [194] = sys_ftruncate64, [94] = sys_fchmod, [220] = sys_getdents64,
    [54] = sys_ioctl, [187] = sys_sendfile, [239] = sys_sendfile64, [168] = sys_poll,
    /* paths (kernel/sys_fs.c) */
    [8] = sys_creat, [195] = sys_stat64, [196] = sys_lstat64, [33] = sys_access,
    [307] = sys_faccessat, [439] = sys_faccessat2, [39] = sys_mkdir, [296] = sys_mkdirat,
    [10] = sys_unlink, [40] = sys_rmdir, [301] = sys_unlinkat, [38] = sys_rename,
    [302] = sys_renameat, [353] = sys_renameat2, [9] = sys_link, [303] = sys_linkat,
    [83] = sys_symlink, [304] = sys_symlinkat, [305] = sys_readlinkat, [133] = sys_fchdir,
    [15] = sys_chmod, [306] = sys_fchmodat, [92] = sys_truncate, [193] = sys_truncate64,
    [320] = sys_utimensat, [268] = sys_statfs64, [269] = sys_fstatfs64,
    [212] = sys_chown32, [198] = sys_lchown32, [298] = sys_fchownat, [207] = sys_fchown32,
    [36] = sys_sync, [118] = sys_fsync, [148] = sys_fsync /* fdatasync */,
    [340] = sys_prlimit64,
    /* tasks and threads (kernel/clone.c, kernel/futex.c) */
    [190] = sys_vfork, [435] = sys_clone3, [240] = sys_futex, [422] = sys_futex_time64,
    [177] = sys_rt_sigtimedwait, [421] = sys_rt_sigtimedwait_time64,
    /* System V shared memory (kernel/sys_ipc.c) */
    [117] = sys_ipc, [395] = sys_shmget, [396] = sys_shmctl, [397] = sys_shmat, [398] = sys_shmdt,
    [13] = sys_time, [43] = sys_times, [78] = sys_gettimeofday,
    [265] = sys_clock_gettime, [266] = sys_clock_getres, [267] = sys_clock_nanosleep,
    [403] = sys_clock_gettime64, [406] = sys_clock_getres_time64, [407] = sys_clock_nanosleep_time64,
    /* kernel/sys_info.c: everyone is root */
    [24] = sys_get_root_id, [47] = sys_get_root_id, [49] = sys_get_root_id, [50] = sys_get_root_id,
    [199] = sys_get_root_id, [200] = sys_get_root_id, [201] = sys_get_root_id,
    [202] = sys_get_root_id,
    [165] = sys_getresid16, [171] = sys_getresid16, [209] = sys_getresid32, [211] = sys_getresid32,
    [23] = sys_set_id16, [46] = sys_set_id16, [213] = sys_set_id32, [214] = sys_set_id32,
    [80] = sys_getgroups, [205] = sys_getgroups, [81] = sys_setgroups, [206] = sys_setgroups,
    [116] = sys_sysinfo, [172] = sys_prctl, [241] = sys_sched_setaffinity,
    [242] = sys_sched_getaffinity, [60] = sys_umask,
};

/* Calls static glibc makes that it copes without: quietly -ENOSYS. */
static int quiet_enosys(uint32_t nr)
{
    return nr == 311 /* set_robust_list */ || nr == 386 /* rseq */ ||
           nr == 383 /* statx: glibc falls back to fstat64 */;
}

/*
 * Log an unknown call number the first time it is seen, so that a program
 * looping on one costs a log line, not a line per call.  Numbers below
 * NR_SYSCALLS have a bit each; larger ones are remembered in a small
 * table, and once it is full one line says that no more are logged.
 */
static void log_unknown_once(uint32_t nr)
{
    enum { MAX_LARGE_LOGGED = 16 };
    static uint8_t logged[NR_SYSCALLS / 8 + 1];
    static uint32_t large_logged[MAX_LARGE_LOGGED];
    static int nr_large_logged;         /* MAX_LARGE_LOGGED + 1: table full, said so */

    if (nr < NR_SYSCALLS) {
        if (quiet_enosys(nr) || (logged[nr / 8] & (1u << (nr % 8))))
            return;
        logged[nr / 8] |= 1u << (nr % 8);
    } else {
        for (int i = 0; i < MIN(nr_large_logged, MAX_LARGE_LOGGED); i++)
            if (large_logged[i] == nr)
                return;
        if (nr_large_logged > MAX_LARGE_LOGGED)
            return;
        if (nr_large_logged == MAX_LARGE_LOGGED) {
            printk("syscall: %d unknown syscall numbers >= %d logged; further ones are not\n",
                   MAX_LARGE_LOGGED, NR_SYSCALLS);
            nr_large_logged++;
            return;
        }
        large_logged[nr_large_logged++] = nr;
    }
    printk("syscall: pid %d (%s) called unknown syscall %u: -ENOSYS\n", current->pid,
           current->name, nr);
}

void syscall_dispatch(struct trap_frame *tf)
{
    uint32_t nr = tf->eax;

    if (nr < NR_SYSCALLS && syscall_table[nr]) {
        current->sig.syscall_nr = (int)nr;
        int r = syscall_table[nr](tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp);
        tf->eax = (uint32_t)r;
        if (current->nr_held_files)
            fd_release_held();
        /* an ERESTART code is for do_signal, on the way out, to resolve
         * (a restart needs the number); anything else is the result
         * (sigreturn has cleared syscall_nr, so a restored eax that
         * looks like one is left alone) */
        if (r < -ERESTART_RESTARTBLOCK || r > -ERESTARTSYS)
            current->sig.syscall_nr = -1;
        return;
    }
    log_unknown_once(nr);
    tf->eax = (uint32_t)-ENOSYS;
}

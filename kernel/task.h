/*
 * task.h - tasks: one kernel stack and one set of registers each.  A
 * process is a thread group of one or more tasks (kernel/thread.h); the
 * tasks of a group share the address space (struct mm), the descriptor
 * table, the working directory and the signal actions, each through a
 * reference-counted object that clone either shares or copies.
 * Tasks live in a fixed table (xv6 style); pid 1 is init.
 */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <stdint.h>
#include "arch/x86/fpu.h"
#include "arch/x86/gdt.h"
#include "kernel/signal.h"

#define NR_TASKS     128
#define NR_OPEN      256             /* descriptors per process (RLIMIT_NOFILE) */
#define KSTACK_ORDER 1                  /* 8 KiB kernel stack per task */
#define TASK_NAME_LEN 16

/* TASK_DEAD: a thread that has exited and that nobody waits for; its
 * slot and kernel stack are freed by the next schedule() that runs on
 * another stack (task_free_dead). */
enum task_state { TASK_UNUSED, TASK_RUNNABLE, TASK_SLEEPING, TASK_ZOMBIE, TASK_STOPPED, TASK_DEAD };

struct trap_frame;
struct file;
struct mm;
struct exec_args;
struct thread_group;

/* The descriptor table (CLONE_FILES shares it).  Changed by the system
 * calls of the tasks that share it; a task changes it only from its own
 * calls, and none of those sleeps between finding a slot and filling it. */
struct files_table {
    int refs;                           /* tasks using it */
    struct file *fd[NR_OPEN];
    uint8_t cloexec[NR_OPEN];           /* FD_CLOEXEC of each descriptor: execve closes it */
};

/* The working directory and umask (CLONE_FS shares them); changed by
 * chdir, fchdir and umask of the tasks that share it. */
struct fs_context {
    int refs;                           /* tasks using it */
    struct inode *cwd;                  /* working directory (referenced); NULL: / */
    uint32_t umask;                     /* file mode creation mask (umask(2)): the
                                           permission bits a new file does not get;
                                           022 for init, from the parent */
};

/* The signal actions (CLONE_SIGHAND shares them; threads always do).
 * Changed by rt_sigaction of the tasks that share it, by exec (which
 * first makes the caller the only user) and by SA_RESETHAND and a
 * forced fault signal, each from the task that takes the signal. */
struct sighand {
    int refs;                           /* tasks using it */
    struct k_sigaction action[NSIG];
};

/* What /proc/PID/schedstat shows, as Linux's sum_exec_runtime, run_delay
 * and pcount, but in TSC cycles rather than nanoseconds: under QEMU
 * -icount one cycle is one instruction, so a benchmark can count the
 * instructions a task ran without the clock jumps of idle time (the CPU
 * waiting for the disk), nor the interrupts that land while it runs.
 * Changed only by the scheduler (switch_to, task_wake, sched_exclude_irq)
 * with interrupts off. */
struct sched_stats {
    uint64_t exec_cycles;       /* on the CPU, user and kernel */
    uint64_t delay_cycles;      /* runnable, waiting for the CPU */
    uint32_t timeslices;        /* times it was switched in */
    uint64_t since;             /* when it went on the CPU (running) or
                                   became runnable (waiting) */
};

/* What getrusage, wait4 and times report: the CPU time the timer saw
 * (each tick is charged to the task it interrupts, by the mode it was
 * in, as Linux does without precise accounting) and the page faults. */
struct task_usage {
    uint32_t user_ticks;                /* ticks that found it in user mode */
    uint32_t system_ticks;              /* ticks that found it in the kernel */
    uint32_t min_flt;                   /* faults served without I/O */
    uint32_t maj_flt;                   /* faults that read the disk or a file */
};

struct task {
    int pid;                            /* the task's own id (gettid); Linux's tid */
    int tgid;                           /* its process's: the leader's pid (getpid) */
    enum task_state state;
    char name[TASK_NAME_LEN];
    struct task *parent;
    int pgid;                           /* process group (kernel/pgrp.c); from the parent */
    int sid;                            /* session: the pid of its leader; from the parent */
    int did_exec;                       /* has called execve since fork (setpgid: -EACCES) */
    struct mm *mm;                      /* NULL for the idle task and kernel threads;
                                           shared by CLONE_VM (mm->users) */
    struct thread_group *group;         /* its process (kernel/thread.h); NULL for
                                           the idle task and kernel threads */
    struct files_table *files;          /* NULL for the idle task and kernel threads */
    struct file **held_files;           /* files its system call in progress holds
                                           (fd_file, while files is shared); room for
                                           NR_OPEN, made when it first shares */
    int nr_held_files;
    struct fs_context *fs;              /* likewise */
    struct sighand *sighand;            /* likewise */
    int exit_signal;                    /* what its parent is sent when it ends:
                                           SIGCHLD for fork, clone's choice (0: none),
                                           -1 for a thread, which nobody waits for */
    int *vfork_done;                    /* CLONE_VFORK: set to 1 (and woken) when it
                                           execs or exits, ending its parent's wait */
    uint32_t kstack;                    /* lowest address of the kernel stack */
    uint32_t saved_esp;                 /* kernel ESP while switched out */
    struct trap_frame *tf;              /* user registers, at the top of kstack */
    const void *wait_channel;           /* what a sleeping task waits for */
    uint32_t wake_at;                   /* jiffies when a nanosleep ends (0: none) */
    struct signal_state sig;            /* kernel/signal.h */
    int wait_report;                    /* a stop or continue for waitpid (WUNTRACED,
                                           WCONTINUED) in Linux's encoding; 0: none */
    int exit_status;                    /* Linux wait status, valid when zombie */
    struct task_usage usage;            /* its own (RUSAGE_THREAD); the process's
                                           is thread_group_usage */
    struct gdt_entry tls[GDT_TLS_COUNT];
    uint32_t clear_child_tid;           /* set_tid_address, CLONE_CHILD_CLEARTID: at
                                           exit, 0 is stored there and a futex waiter
                                           woken (pthread_join) */
    uint32_t set_child_tid;             /* clone(CLONE_CHILD_SETTID): stored at first run */
    int oom_score_adj;                  /* -1000..1000 (mm/oom_kill.h); from the parent */
    uint32_t fail_nth;                  /* /proc/self/fail-nth: allocations to the one
                                           that fails (mm/fail_nth.h); 0: none */
    int fail_nth_hit;                   /* a failure was injected and no user-page
                                           allocation has retried since */
    int builtin_init;                   /* runs the init image built into the kernel
                                           (pid 1 and its children before they exec):
                                           its /dev/kmsg lines are trusted (kernel/kmsg.c) */
    struct fpu_state fpu;               /* x87/SSE registers while switched out */
    struct sched_stats sched;
    int kthread;                        /* a kernel thread: no mm, no signals */
    int uaccess_kernel;                 /* while set, the user copies take kernel
                                           addresses too (sendfile hands a kernel
                                           buffer to file_write: Linux's old
                                           set_fs(KERNEL_DS)) */
    uint32_t start_time;                /* jiffies when it was created (/proc/PID/stat) */
    struct exec_args *args;             /* argv of the program it runs, for
                                           /proc/PID/cmdline (kernel/exec.h); shared
                                           with the parent after fork; NULL when none
                                           (a zombie, a kernel thread) */
};

extern struct task *current;
extern struct task tasks[NR_TASKS];

void sched_init(void);
void schedule(void);
void sleep_on(const void *channel);
void wakeup(const void *channel);
extern volatile uint32_t jiffies;      /* timer ticks since boot (TIMER_HZ per second) */

/* Sleep once on channel, until a wakeup of it or (has_deadline) the
 * tick deadline, whichever comes first; the caller checks which. */
void sleep_on_timeout(const void *channel, int has_deadline, uint32_t deadline);
/* Sleep until jiffies reaches wake_at; -EINTR if a signal (only one that
 * kills, if killable_only) comes first. */
int sleep_until(uint32_t wake_at, int killable_only);
void task_wake(struct task *t);         /* make t runnable, from now */
/* Charge cycles spent in an interrupt handler to no task (as Linux does
 * with CONFIG_IRQ_TIME_ACCOUNTING): an interrupt lands on whoever runs. */
void sched_exclude_irq(uint64_t cycles);
/* t's schedstat figures, counting current's slice up to now. */
void task_sched_stats(const struct task *t, struct sched_stats *st);
struct task *task_alloc(void);
struct task *task_by_pid(int pid);
/* The pid given out last: Linux's last field of /proc/loadavg; since
 * pids are never reused, also the processes created since boot (/proc/stat). */
int task_last_pid(void);
/* The tasks that exist, zombies and kernel threads included (Linux's
 * nr_threads); with only_runnable, those runnable, the running one
 * included (Linux's nr_running).  The idle task is not counted. */
uint32_t task_count(int only_runnable);
#define INIT_MAX_ARGS 64                /* init's argv entries, "init" included */
void task_start_init(struct inode *init_file, const char *const argv[]);
/* Kernel threads are numbered from KTHREAD_PID_BASE, apart from
 * processes, so that starting one never moves the pids of programs. */
#define KTHREAD_PID_BASE 100000
/* Start a kernel thread that runs fn (which never returns) in the
 * kernel, with no address space; panics if no task slot is left. */
struct task *kthread_start(const char *name, void (*fn)(void));
/* End the current task (exit(2), or its part in a group exit): it drops
 * everything it holds and becomes a zombie (a leader) or is freed. */
void do_exit(int status) __attribute__((noreturn));
/* Drop t's share of its descriptors, working directory, signal actions
 * and address space (the last user of each frees it); its kernel stack
 * and thread group stay. */
void task_drop_resources(struct task *t);
/* A vfork child has exec'd or is ending: its parent may go on. */
void task_vfork_done(void);
/* Free t's slot, kernel stack and its hold on its thread group (t is
 * not current: its stack is in use). */
void task_free(struct task *t);
/* Lay out a new task's kernel stack so that its first run returns to
 * user mode with the registers in t->tf. */
void task_prepare_stack(struct task *t);
void task_first_run(void);
/* What wait reports about a reaped child. */
struct wait_result {
    int status;                         /* Linux wait status */
    struct task_usage usage;            /* the child's, its reaped children's included */
};
/* Reap a zombie child (pid -1: any).  Returns its pid, 0 (WNOHANG and
 * none ready), -ECHILD or -EINTR. */
int do_wait(int pid, int options, struct wait_result *result);
/* kill(pid, sig): pid > 0 one task, 0 the caller's process group, -1
 * every task but init and the caller, < -1 the process group -pid. */
int do_kill(int pid, int sig);
/* kill()'s check and send to one task (sig 0 only checks) with info
 * (NULL: SI_USER from current): 0, -EINVAL or -EPERM (init, for a
 * signal it does not catch). */
int task_send_signal(struct task *t, int sig, const struct ksiginfo *info);
/* kernel/pgrp.c: signal every task of a process group (info as for
 * task_send_signal), or all but init and the caller; 0 if any took it,
 * else the last error or -ESRCH. */
int kill_pgrp_info(int pgid, int sig, const struct ksiginfo *info);
/* Whether process group pgid has a member in session sid (kernel/pgrp.c). */
int pgrp_in_session(int pgid, int sid);
int kill_all_but_init(int sig);
void task_set_name(struct task *t, const char *path);

/* Linux wait status encodings */
#define W_EXITCODE(code) (((code) & 0xFF) << 8)
#define W_SIGNALED(sig)  ((sig) & 0x7F)

#endif

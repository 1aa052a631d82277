/*
 * fuzz.c - the kernel's system-call fuzzer.
 *
 *     fuzz [SEED [CALLS [FIRST]]]
 *
 * Without arguments the seed, the call count and the first child come
 * from /fuzz.conf ("SEED CALLS [FIRST]"), else they are FUZZ_SEED,
 * FUZZ_CALLS and 0.  The calls are split among forked children,
 * CHILD_CALLS each, one after the other.  Each child makes its share of
 * calls to the implemented system calls with hostile arguments drawn from
 * a pseudo-random generator seeded by (seed, child): unmapped, read-only,
 * kernel and wrapping addresses, strings that run into an unmapped page,
 * huge and wrapping lengths, bad descriptors, random flag combinations,
 * and EFLAGS.DF set right before the int $0x80 or before the first store
 * to freshly mapped memory.  The descriptors and mappings its calls return
 * are reused by the next calls, and two operations that are not calls mix
 * in: loads and stores with DF set, and segment loads (TLS selectors).
 *
 * The file-system calls work in a scratch tree, SCRATCH_DIR, that the
 * parent makes afresh before each child (files, a directory, symbolic
 * links) and removes afterwards, with whatever "fz" names the child left
 * where its working directory went; their paths come from a small pool
 * (the tree, "..", /proc, /dev, names and paths at and past NAME_MAX and
 * PATH_MAX, hostile pointers), so a child's calls depend only on the seed
 * and the child.  The System V segments a child made are removed by the
 * parent after it, so that keyed ones do not outlive it.  A child that
 * execs the fuzzer itself (/proc/self/exe) gets an image that exits at
 * once.
 *
 * Before each batch of BATCH calls the child writes them (number and
 * arguments) to /dev/kmsg, one line each ("fuzz: s1 c3 n17 192(...)"),
 * so that after a kernel panic the log ends with the calls that led to it
 * (tools/fuzz.py prints them).  Everything a call is given lives in the
 * child, which may wreck itself: its death is no finding; the kernel's is.
 *
 * The parent is a watchdog: it polls waitpid(WNOHANG) every POLL_MS and
 * SIGKILLs a child that made no call for IDLE_MS or ran for TOTAL_MS.
 * Children may fork once more (grandchildren make a few calls and exit);
 * every pid forked goes into a shared page, and the parent SIGKILLs them
 * all after each child, so nothing outlives the campaign; a live process
 * of the child's family missing from that page (a stray: the call that
 * forked it reported an error) is logged and killed too.  The fuzzer
 * never calls reboot, never kills pid <= 1 or the parent, and execs nothing
 * real.
 *
 * Output, fd 1: only timing-independent lines, "seed S: N calls in C
 * children, done" (N the planned count).  The kernel log gets the calls
 * made, the children the watchdog killed and those that died of a signal:
 * "fuzz: seed S: M calls made (N succeeded), K killed by the watchdog, D died
 * of a signal, X strays" (processes forked by a call that said it failed).
 */
#include "lib/ulib.h"

#ifndef FUZZ_SEED
#define FUZZ_SEED  1
#endif
#ifndef FUZZ_CALLS
#define FUZZ_CALLS 2000
#endif

#define PAGE          4096
#define CHILD_CALLS   100           /* calls per child: CALLS / CHILD_CALLS children */
#define BATCH         8             /* calls per line batch to /dev/kmsg */
#define GRANDCHILD_CALLS 16         /* a forked grandchild's calls, then exit */
#define MAX_PIDS      128           /* forked pids the parent kills afterwards */
#define STRAY_SCAN    256           /* pids after a child's where its strays may be */
#define POLL_MS       10
#define IDLE_MS       300
#define TOTAL_MS      4000
#define SCRATCH_PAGES 4             /* read-write, then one read-only page, then a hole */
#define ARENA_PAGES   128           /* PROT_NONE at first: the child's mm calls play here */
#define KERNEL_BASE   0xC0000000u
#define SCRATCH_DIR   "/tmp/fz"     /* the file-system calls' tree, made afresh for each child */
#define LONG_PATH     4096          /* PATH_MAX: a path this long (with its NUL) is too long */
#define LONG_NAME     255           /* NAME_MAX */

/* The open() and *at() flags the file-system calls draw (Linux i386). */
#ifndef O_EXCL
#define O_EXCL        0200
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK    04000
#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY   0200000
#endif
#ifndef O_NOFOLLOW
#define O_NOFOLLOW    0400000
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC     02000000
#endif
#ifndef AT_REMOVEDIR
#define AT_REMOVEDIR  0x200
#endif

/* The page shared by the parent and every descendant. */
struct shared {
    volatile unsigned calls;        /* calls made by the current child and its children */
    volatile unsigned ok;           /* those that returned >= 0 */
    volatile int npids;
    volatile int pids[MAX_PIDS];
};

/* One system call as the registers get it: eax, ebx..ebp, and whether DF is set. */
struct call {
    unsigned nr;
    unsigned a[6];
    unsigned std;
};

/* How each argument is drawn. */
enum kind { K_NONE, K_INT, K_FD, K_PTR, K_LEN, K_FLAGS, K_PATH, K_ADDR, K_WAITPID, K_KILLPID,
            K_SIG, K_IOV, K_STRV, K_TIMESPEC, K_DESC, K_BRK, K_STACK, K_SELECTOR, K_TOUCH,
            K_HANDLER, K_SIGACT, K_SIGSET, K_SETSIZE, K_ALTSTACK, K_FSPATH, K_NEWPATH, K_OFLAGS,
            K_MODE, K_FCNTL, K_FCNTL_ARG, K_IOCTL, K_UTIMES, K_STATFS_SIZE, K_OFF_LO, K_OFF_HI,
            K_SHMKEY, K_SHMSIZE, K_SHMID, K_SHMCMD, K_SHMADDR, K_IPCCALL };

/* Operations that are not system calls, numbered above them: a load or
 * store at an address (a1: 0 load, 1 store) and a segment load (a1: 0
 * %gs, 1 %fs), so that faults and TLS selectors meet the calls. */
#define OP_TOUCH    0x10000
#define OP_LOAD_SEG 0x10001

struct spec {
    unsigned nr;
    unsigned weight;
    unsigned char kind[6];
    unsigned flag_mask;             /* the bits a K_FLAGS argument mostly takes */
};

/* The implemented calls (kernel/syscall.c) but reboot. */
static const struct spec specs[] = {
    { SYS_exit, 1, { K_INT }, 0 },
    { SYS_fork, 3, { 0 }, 0 },
    { SYS_read, 10, { K_FD, K_PTR, K_LEN }, 0 },
    { SYS_write, 10, { K_FD, K_PTR, K_LEN }, 0 },
    { SYS_open, 10, { K_FSPATH, K_OFLAGS, K_MODE }, 0 },
    { SYS_close, 8, { K_FD }, 0 },
    { SYS_waitpid, 5, { K_WAITPID, K_PTR, K_FLAGS }, 0xf },
    { SYS_execve, 3, { K_PATH, K_STRV, K_STRV }, 0 },
    { SYS_chdir, 5, { K_FSPATH }, 0 },
    { SYS_lseek, 8, { K_FD, K_INT, K_INT }, 0 },
    { SYS_getpid, 2, { 0 }, 0 },
    { SYS_kill, 4, { K_KILLPID, K_SIG }, 0 },
    { SYS_dup, 6, { K_FD }, 0 },
    { SYS_pipe, 6, { K_PTR }, 0 },
    { SYS_brk, 8, { K_BRK }, 0 },
    { SYS_dup2, 6, { K_FD, K_FD }, 0 },
    { SYS_getppid, 2, { 0 }, 0 },
    { SYS_getrusage, 5, { K_INT, K_PTR }, 0 },
    { SYS_readlink, 6, { K_PATH, K_PTR, K_LEN }, 0 },
    { SYS_munmap, 10, { K_ADDR, K_LEN }, 0 },
    { SYS_wait4, 5, { K_WAITPID, K_PTR, K_FLAGS, K_PTR }, 0x8000000f },
    { 120 /* clone */, 3, { K_FLAGS, K_STACK, K_PTR, K_INT, K_PTR }, 0x013000ff },
    { SYS_uname, 4, { K_PTR }, 0 },
    { SYS_mprotect, 10, { K_ADDR, K_LEN, K_FLAGS }, 0x0300000f },
    { SYS_msync, 8, { K_ADDR, K_LEN, K_FLAGS }, 0xf },
    { SYS_writev, 8, { K_FD, K_IOV, K_INT }, 0 },
    { SYS_sched_yield, 2, { 0 }, 0 },
    { SYS_nanosleep, 4, { K_TIMESPEC, K_PTR }, 0 },
    { SYS_getcwd, 6, { K_PTR, K_LEN }, 0 },
    { SYS_ugetrlimit, 5, { K_INT, K_PTR }, 0 },
    { SYS_mmap2, 14, { K_ADDR, K_LEN, K_FLAGS, K_FLAGS, K_FD, K_INT }, 0x4007f },
    { SYS_mremap, 10, { K_ADDR, K_LEN, K_LEN, K_FLAGS, K_ADDR }, 0x7 },
    { SYS_fstat64, 6, { K_FD, K_PTR }, 0 },
    { SYS_madvise, 8, { K_ADDR, K_LEN, K_INT }, 0 },
    { SYS_set_thread_area, 4, { K_DESC }, 0 },
    { SYS_exit_group, 1, { K_INT }, 0 },
    { SYS_set_tid_address, 4, { K_PTR }, 0 },
    { SYS_openat, 8, { K_FD, K_FSPATH, K_OFLAGS, K_MODE }, 0 },
    { SYS_fstatat64, 6, { K_FD, K_PATH, K_PTR, K_FLAGS }, 0x1f00 },
    { SYS_getrandom, 5, { K_PTR, K_LEN, K_FLAGS }, 0x7 },
    /* signals: handlers at random addresses, masks, frames made of garbage;
     * pause and rt_sigsuspend may sleep until the watchdog's SIGKILL */
    { 0 /* restart_syscall */, 1, { 0 }, 0 },
    { 27 /* alarm */, 2, { K_INT }, 0 },
    { 29 /* pause */, 1, { 0 }, 0 },
    { 48 /* signal */, 3, { K_SIG, K_HANDLER }, 0 },
    { 67 /* sigaction */, 3, { K_SIG, K_SIGACT, K_PTR }, 0 },
    { 119 /* sigreturn */, 1, { 0 }, 0 },
    { 173 /* rt_sigreturn */, 1, { 0 }, 0 },
    { 174 /* rt_sigaction */, 6, { K_SIG, K_SIGACT, K_PTR, K_SETSIZE }, 0 },
    { 175 /* rt_sigprocmask */, 4, { K_FLAGS, K_SIGSET, K_PTR, K_SETSIZE }, 0x3 },
    { 176 /* rt_sigpending */, 3, { K_PTR, K_SETSIZE }, 0 },
    { 179 /* rt_sigsuspend */, 1, { K_SIGSET, K_SETSIZE }, 0 },
    { 186 /* sigaltstack */, 4, { K_ALTSTACK, K_PTR }, 0 },
    { 238 /* tkill */, 3, { K_KILLPID, K_SIG }, 0 },
    { 270 /* tgkill */, 3, { K_KILLPID, K_KILLPID, K_SIG }, 0 },
    /* identity and system information: ids, lists and masks at random addresses */
    { 24 /* getuid */, 1, { 0 }, 0 },
    { 202 /* getegid32 */, 1, { 0 }, 0 },
    { 165 /* getresuid */, 2, { K_PTR, K_PTR, K_PTR }, 0 },
    { 209 /* getresuid32 */, 2, { K_PTR, K_PTR, K_PTR }, 0 },
    { 23 /* setuid */, 1, { K_INT }, 0 },
    { 214 /* setgid32 */, 2, { K_INT }, 0 },
    { 80 /* getgroups */, 1, { K_LEN, K_PTR }, 0 },
    { 205 /* getgroups32 */, 2, { K_LEN, K_PTR }, 0 },
    { 206 /* setgroups32 */, 2, { K_LEN, K_PTR }, 0 },
    { 116 /* sysinfo */, 3, { K_PTR }, 0 },
    { 172 /* prctl */, 4, { K_FLAGS, K_PTR }, 0x1f },
    { 241 /* sched_setaffinity */, 2, { K_KILLPID, K_LEN, K_PTR }, 0 },
    { 242 /* sched_getaffinity */, 2, { K_KILLPID, K_LEN, K_PTR }, 0 },
    { 60 /* umask */, 2, { K_INT }, 0 },
    /* the file system: names in the scratch tree (K_NEWPATH where the call
     * changes the name space), descriptors the calls opened, hostile buffers */
    { 8 /* creat */, 3, { K_NEWPATH, K_MODE }, 0 },
    { 9 /* link */, 4, { K_FSPATH, K_NEWPATH }, 0 },
    { 10 /* unlink */, 4, { K_NEWPATH }, 0 },
    { 15 /* chmod */, 3, { K_FSPATH, K_MODE }, 0 },
    { 33 /* access */, 3, { K_FSPATH, K_FLAGS }, 0x7 },
    { 38 /* rename */, 5, { K_NEWPATH, K_NEWPATH }, 0 },
    { 39 /* mkdir */, 5, { K_NEWPATH, K_MODE }, 0 },
    { 40 /* rmdir */, 4, { K_NEWPATH }, 0 },
    { 54 /* ioctl */, 4, { K_FD, K_IOCTL, K_PTR }, 0 },
    { 55 /* fcntl */, 3, { K_FD, K_FCNTL, K_FCNTL_ARG }, 0 },
    { 83 /* symlink */, 4, { K_FSPATH, K_NEWPATH }, 0 },
    { 92 /* truncate */, 4, { K_FSPATH, K_OFF_LO }, 0 },
    { 93 /* ftruncate */, 5, { K_FD, K_OFF_LO }, 0 },
    { 94 /* fchmod */, 2, { K_FD, K_MODE }, 0 },
    { 133 /* fchdir */, 3, { K_FD }, 0 },
    { 140 /* _llseek */, 6, { K_FD, K_OFF_HI, K_OFF_LO, K_PTR, K_INT }, 0 },
    { 145 /* readv */, 6, { K_FD, K_IOV, K_INT }, 0 },
    { 180 /* pread64 */, 6, { K_FD, K_PTR, K_LEN, K_OFF_LO, K_OFF_HI }, 0 },
    { 181 /* pwrite64 */, 6, { K_FD, K_PTR, K_LEN, K_OFF_LO, K_OFF_HI }, 0 },
    { 193 /* truncate64 */, 2, { K_FSPATH, K_OFF_LO, K_OFF_HI }, 0 },
    { 194 /* ftruncate64 */, 3, { K_FD, K_OFF_LO, K_OFF_HI }, 0 },
    { 195 /* stat64 */, 5, { K_FSPATH, K_PTR }, 0 },
    { 196 /* lstat64 */, 5, { K_FSPATH, K_PTR }, 0 },
    { 220 /* getdents64 */, 6, { K_FD, K_PTR, K_LEN }, 0 },
    { 221 /* fcntl64 */, 5, { K_FD, K_FCNTL, K_FCNTL_ARG }, 0 },
    { 268 /* statfs64 */, 3, { K_FSPATH, K_STATFS_SIZE, K_PTR }, 0 },
    { 269 /* fstatfs64 */, 2, { K_FD, K_STATFS_SIZE, K_PTR }, 0 },
    { 296 /* mkdirat */, 2, { K_FD, K_NEWPATH, K_MODE }, 0 },
    { 301 /* unlinkat */, 3, { K_FD, K_NEWPATH, K_FLAGS }, 0x200 },
    { 302 /* renameat */, 2, { K_FD, K_NEWPATH, K_FD, K_NEWPATH }, 0 },
    { 303 /* linkat */, 2, { K_FD, K_FSPATH, K_FD, K_NEWPATH, K_FLAGS }, 0x1400 },
    { 304 /* symlinkat */, 2, { K_FSPATH, K_FD, K_NEWPATH }, 0 },
    { 305 /* readlinkat */, 4, { K_FD, K_FSPATH, K_PTR, K_LEN }, 0 },
    { 306 /* fchmodat */, 2, { K_FD, K_FSPATH, K_MODE, K_FLAGS }, 0x100 },
    { 307 /* faccessat */, 2, { K_FD, K_FSPATH, K_FLAGS }, 0x7 },
    { 320 /* utimensat */, 4, { K_FD, K_FSPATH, K_UTIMES, K_FLAGS }, 0x1100 },
    { 330 /* dup3 */, 5, { K_FD, K_FD, K_FLAGS }, O_CLOEXEC },
    { 331 /* pipe2 */, 5, { K_PTR, K_FLAGS }, O_CLOEXEC | O_NONBLOCK | 040000 },
    { 353 /* renameat2 */, 2, { K_FD, K_NEWPATH, K_FD, K_NEWPATH, K_FLAGS }, 0x7 },
    /* threads: clone with the sharing flags (a thread, a vfork, a process
     * sharing memory or descriptors; its stack is the caller's, or one that
     * faults, so the child soon dies or wrecks the family: no finding),
     * clone3, vfork, futex and rt_sigtimedwait */
    { 120 /* clone */, 3, { K_FLAGS, K_STACK, K_PTR, K_DESC, K_PTR }, 0x013fcfff },
    { 435 /* clone3 */, 2, { K_PTR, K_LEN }, 0 },
    { 190 /* vfork */, 1, { 0 }, 0 },
    { 240 /* futex */, 8, { K_PTR, K_FLAGS, K_INT, K_TIMESPEC, K_PTR, K_INT }, 0x18f },
    { 422 /* futex_time64 */, 3, { K_PTR, K_FLAGS, K_INT, K_TIMESPEC, K_PTR, K_INT }, 0x18f },
    { 177 /* rt_sigtimedwait */, 3, { K_SIGSET, K_PTR, K_TIMESPEC, K_SETSIZE }, 0 },
    { 224 /* gettid */, 1, { 0 }, 0 },
    /* System V shared memory, direct and through ipc(117) (whose other
     * arguments shape_ipc fits to the subcall): segments of hostile sizes,
     * the ids the calls returned and made-up ones, attachments over the
     * child's mappings; the parent removes every segment after each child */
    { 395 /* shmget */, 5, { K_SHMKEY, K_SHMSIZE, K_FLAGS }, 01777 | 0170000 },
    { 396 /* shmctl */, 5, { K_SHMID, K_SHMCMD, K_PTR }, 0 },
    { 397 /* shmat */, 5, { K_SHMID, K_SHMADDR, K_FLAGS }, 0170000 },
    { 398 /* shmdt */, 4, { K_SHMADDR }, 0 },
    { 117 /* ipc */, 8, { K_IPCCALL }, 0 },
    { OP_TOUCH, 2, { K_TOUCH, K_FLAGS }, 1 },
    { OP_LOAD_SEG, 1, { K_SELECTOR, K_FLAGS }, 1 },
};
#define NSPECS (sizeof(specs) / sizeof(specs[0]))

static const char *const paths[] = {
    "/fuzz.conf", "/nonexistent", "/", "", ".", "..", "/proc", "/proc/", "/proc/self",
    "/proc/self/maps", "/proc/self/smaps", "/proc/self/status", "/proc/self/exe",
    "/proc/meminfo", "/proc/1/maps", "/proc/99999/maps", "/proc/self/../self/maps",
    "/proc/self/stat", "/proc/self/statm", "/proc/self/cmdline", "/proc/stat", "/proc/1/cmdline",
    "fuzz.conf", "/fuzz.conf/", "//fuzz.conf", "/dev", "/dev/null",
};
#define NPATHS (sizeof(paths) / sizeof(paths[0]))

/*
 * The file-system calls' paths.  Every name the fuzzer makes starts with
 * "fz", so that what a call left anywhere its working directory went
 * ("/", "/tmp") can be found and removed; the calls that change the name
 * space (K_NEWPATH) draw only these, never the devices or the fuzzer's own
 * files, so that each child finds the same tree.  Then come symbolic links
 * (to a file, to a directory, to themselves), trailing slashes, a file
 * used as a directory, and names in /proc.
 */
static const char *const fs_paths[] = {
    SCRATCH_DIR "/fza", SCRATCH_DIR "/fzb", SCRATCH_DIR "/fzd", SCRATCH_DIR "/fzd/fze",
    SCRATCH_DIR "/fzd/fzf", SCRATCH_DIR "/fzl", SCRATCH_DIR "/fzdl", SCRATCH_DIR "/fzloop",
    SCRATCH_DIR "/fzdl/fze", SCRATCH_DIR "/fza/fzx", SCRATCH_DIR "/fzd/", SCRATCH_DIR "/fzl/",
    SCRATCH_DIR "/fzdl/", SCRATCH_DIR, SCRATCH_DIR "/fzd/../fzb", SCRATCH_DIR "/fzd/fze/..",
    "fza", "fzb", "fzc", "fzd", "fzd/fze", "fzd/fzg", "./fzb", "fzdl/fzh", "fzloop/fzx",
    "..", ".", "", "/", "/proc/self", "/proc/self/maps", "/proc/self/exe", "/proc/1/stat",
    "/proc/fzp",
};
#define NFS_PATHS (sizeof(fs_paths) / sizeof(fs_paths[0]))

/* Paths only opened or looked at. */
static const char *const dev_paths[] = { "/dev/null", "/dev/zero", "/dev/full", "/dev", "/proc" };
#define NDEV_PATHS (sizeof(dev_paths) / sizeof(dev_paths[0]))

/* Names at the limits, made by set_up: a name of NAME_MAX bytes and one
 * longer, a path of PATH_MAX - 1 bytes to fza and one of PATH_MAX. */
static char name_max[sizeof(SCRATCH_DIR) + LONG_NAME + 1];
static char name_too_long[sizeof(SCRATCH_DIR) + LONG_NAME + 2];
static char path_max[LONG_PATH];
static char path_too_long[LONG_PATH + 1];
static char *const long_paths[] = { name_max, name_too_long, path_max, path_too_long };

/* Values that break something in any argument. */
static const unsigned hostile[] = {
    0, 1, 0xffffffff, 0x7fffffff, 0x80000000, KERNEL_BASE, KERNEL_BASE + 0x100000,
    0xfffff000, 0xbffff000, 0xbfffffff, 0xffff, 0x10000,
};
#define NHOSTILE (sizeof(hostile) / sizeof(hostile[0]))

/* The parent's layout, inherited by every child. */
static struct shared *shared;
static char *scratch;               /* SCRATCH_PAGES read-write */
static char *ro_page;               /* read-only, full of 'x', no NUL; a hole after it */
static char *arena;                 /* ARENA_PAGES for mmap, munmap, mprotect, ... */
static int parent_pid;

/* The child's state, and what its calls made: descriptors and mappings
 * the next calls mostly reuse. */
#define RECENT 8
static unsigned recent_fd[RECENT], nfds;
static unsigned recent_map[RECENT], recent_len[RECENT], nmaps;
static unsigned recent_shm[RECENT], nshms;     /* shmids the calls returned */
static unsigned rng;
static unsigned seed, child, depth;
static int child_pid;
static unsigned long cur_brk;

/* xorshift32: the whole campaign follows from the seed. */
static unsigned rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static unsigned pick(unsigned n) { return rnd() % n; }

/* Makes c: EAX and the six argument registers, DF set or not. */
static long raw_call(const struct call *c)
{
    long r;

    __asm__ volatile("pushl %%ebp\n\t"
                     "movl 4(%%eax), %%ebx\n\t"
                     "movl 8(%%eax), %%ecx\n\t"
                     "movl 12(%%eax), %%edx\n\t"
                     "movl 16(%%eax), %%esi\n\t"
                     "movl 20(%%eax), %%edi\n\t"
                     "movl 24(%%eax), %%ebp\n\t"
                     "testl $1, 28(%%eax)\n\t"
                     "movl (%%eax), %%eax\n\t"
                     "jz 1f\n\t"
                     "std\n"
                     "1:\tint $0x80\n\t"
                     "cld\n\t"
                     "popl %%ebp"
                     : "=a"(r) : "a"(c) : "ebx", "ecx", "edx", "esi", "edi", "memory", "cc");
    return r;
}

/* The first store to fresh memory, with DF set (a zero-fill fault). */
static void touch_std(unsigned addr)
{
    __asm__ volatile("std\n\tmovl %1, (%0)\n\tcld" : : "r"(addr), "r"(addr) : "memory", "cc");
}

static unsigned hostile_value(void) { return pick(4) ? hostile[pick(NHOSTILE)] : rnd(); }

static unsigned arg_ptr(void)
{
    switch (pick(10)) {
    case 0: return (unsigned)ro_page + pick(PAGE);
    case 1: return (unsigned)ro_page + 2 * PAGE - 1 - pick(16);     /* the hole */
    case 2: return (unsigned)ro_page - 1 - pick(32);                /* runs into read-only */
    case 3: return pick(2) ? KERNEL_BASE + pick(0x400000) * 4 : KERNEL_BASE - 1 - pick(64);
    case 4: return 0xffffffff - pick(16);                           /* wraps */
    case 5: return (unsigned)arena + pick(ARENA_PAGES) * PAGE;
    case 6: return hostile_value();
    default: return (unsigned)scratch + pick(SCRATCH_PAGES * PAGE);
    }
}

static unsigned arg_len(void)
{
    static const unsigned lens[] = { 0, 1, 2, 3, 4, 8, 16, 64, 511, 512, PAGE - 1, PAGE, PAGE + 1,
                                     2 * PAGE, SCRATCH_PAGES * PAGE, 0x100000, 0x40000000 };
    switch (pick(4)) {
    case 0: return hostile_value();
    case 1: return pick(2 * PAGE);
    default: return lens[pick(sizeof(lens) / sizeof(lens[0]))];
    }
}

static unsigned arg_int(void)
{
    switch (pick(4)) {
    case 0: return hostile_value();
    case 1: return rnd();
    default: return pick(20) - 2;
    }
}

static unsigned arg_fd(void)
{
    static const unsigned fds[] = { -1, -100 /* AT_FDCWD */, 255, 256, 1023, 1024, 0x7fffffff,
                                    0x80000000, 65536 };
    if (nfds && pick(2))
        return recent_fd[pick(nfds < RECENT ? nfds : RECENT)];
    return pick(4) ? pick(12) : fds[pick(sizeof(fds) / sizeof(fds[0]))];
}

static unsigned arg_flags(unsigned mask)
{
    switch (pick(8)) {
    case 0: return rnd();
    case 1: return 1u << pick(32);
    case 2: return 0;
    default: return rnd() & mask;
    }
}

static unsigned arg_path(void)
{
    switch (pick(8)) {
    case 0: return (unsigned)ro_page + PAGE - 1 - pick(8);     /* no NUL before the hole */
    case 1: return arg_ptr();
    default: return (unsigned)paths[pick(NPATHS)];
    }
}

/* An address for mmap, mremap, munmap, mprotect, madvise, msync: mostly
 * the arena or a recent mapping. */
static unsigned arg_addr(void)
{
    if (nmaps && !pick(3)) {
        unsigned i = pick(nmaps < RECENT ? nmaps : RECENT);
        return recent_map[i] + pick(recent_len[i] / PAGE + 1) * PAGE;
    }
    switch (pick(8)) {
    case 0: return hostile_value() & (pick(2) ? ~(unsigned)(PAGE - 1) : ~0u);
    case 1: return (unsigned)arena + pick(ARENA_PAGES * PAGE);
    case 2: return (unsigned)arena - PAGE;             /* the hole after the read-only page */
    default: return (unsigned)arena + pick(ARENA_PAGES) * PAGE;
    }
}

/* A pid to kill: never init, never the parent, never a process group;
 * mostly the child's own family, counted from its pid so that a rerun
 * from a later child (FIRST) picks the same victims. */
static unsigned arg_killpid(void)
{
    switch (pick(8)) {
    case 0: return getpid();
    case 1: return 99999;
    case 2: return 0x7fffffff;
    default: return child_pid + 1 + pick(32);
    }
}

/* A scratch spot of n bytes for a structure the call reads. */
static unsigned *scratch_struct(unsigned n)
{
    return (unsigned *)(scratch + pick(SCRATCH_PAGES * PAGE / 4 - n) * 4);
}

static unsigned arg_iov(void)
{
    if (!pick(4))
        return arg_ptr();
    unsigned n = 1 + pick(8);
    unsigned *iov = scratch_struct(2 * n);
    for (unsigned i = 0; i < n; i++) {
        iov[2 * i] = pick(2) ? arg_ptr() : (unsigned)scratch;
        iov[2 * i + 1] = pick(2) ? arg_len() : pick(64);
    }
    return (unsigned)iov;
}

static unsigned arg_strv(void)
{
    if (!pick(4))
        return pick(2) ? 0 : arg_ptr();
    unsigned n = pick(6);
    unsigned *v = scratch_struct(n + 1);
    for (unsigned i = 0; i < n; i++)
        v[i] = arg_path();
    v[n] = pick(8) ? 0 : rnd();
    return (unsigned)v;
}

static unsigned arg_timespec(void)
{
    if (!pick(4))
        return arg_ptr();
    unsigned *ts = scratch_struct(2);
    ts[0] = pick(4) ? 0 : hostile_value();
    ts[1] = pick(4) ? pick(3000000) : hostile_value();
    return (unsigned)ts;
}

static unsigned arg_desc(void)
{
    if (!pick(4))
        return arg_ptr();
    unsigned *d = scratch_struct(4);
    d[0] = pick(2) ? 0xffffffff : pick(16);
    d[1] = pick(2) ? arg_ptr() : 0;
    d[2] = pick(2) ? 0xfffff : rnd();
    d[3] = pick(2) ? 0x51 : rnd() & 0x7f;
    return (unsigned)d;
}

static unsigned arg_brk(void)
{
    switch (pick(6)) {
    case 0: return 0;
    case 1: return cur_brk - pick(4 * PAGE);
    case 2: return hostile_value();
    default: return cur_brk + pick(8 * PAGE);
    }
}

/* A signal handler: the defaults, or code to jump to: ours, which
 * returns into the restorer, or now and then garbage (the child then
 * dies of its next signal, so not often). */
static unsigned arg_handler(void)
{
    switch (pick(8)) {
    case 0: case 1: case 2: return 0;                   /* SIG_DFL */
    case 3: case 4: return 1;                           /* SIG_IGN */
    case 5: case 6: return (unsigned)arg_handler;
    default: return arg_ptr();
    }
}

/* A struct sigaction (rt: handler, flags, restorer, mask; old: handler,
 * mask, flags, restorer) in scratch memory, or a hostile pointer. */
static unsigned arg_sigact(void)
{
    if (!pick(4))
        return arg_ptr();
    unsigned *sa = scratch_struct(5);
    sa[0] = arg_handler();
    sa[1] = pick(2) ? arg_flags(0xdc000007) : rnd();
    sa[2] = pick(2) ? arg_handler() : rnd();
    sa[3] = rnd();
    sa[4] = rnd();
    return (unsigned)sa;
}

/* A 64-bit signal set, or a hostile pointer. */
static unsigned arg_sigset(void)
{
    if (!pick(4))
        return arg_ptr();
    unsigned *set = scratch_struct(2);
    set[0] = pick(2) ? rnd() : 1u << pick(32);
    set[1] = pick(2) ? rnd() : 0;
    return (unsigned)set;
}

/* A stack_t (ss_sp, ss_flags, ss_size): in the scratch pages or the
 * arena, or anywhere; flags mostly valid; sizes around MINSIGSTKSZ. */
static unsigned arg_altstack(void)
{
    if (!pick(4))
        return arg_ptr();
    unsigned *ss = scratch_struct(3);
    ss[0] = pick(2) ? (unsigned)arena + pick(ARENA_PAGES) * PAGE : arg_ptr();
    ss[1] = pick(4) ? pick(3) | (pick(4) ? 0 : 0x80000000u) : rnd();
    ss[2] = pick(2) ? 2048 + pick(3) * PAGE - pick(2) : arg_len();
    return (unsigned)ss;
}

/* Mostly the TLS slots (GDT entries 6 to 8, RPL 3), valid or not. */
static unsigned arg_selector(void)
{
    static const unsigned sel[] = { 0x33, 0x3b, 0x43, 0x33, 0x3b, 0x43, 0, 0x23, 0x1b, 0x2b, 0x13,
                                    0x30, 0x4b, 0x37 /* LDT */ };
    return pick(8) ? sel[pick(sizeof(sel) / sizeof(sel[0]))] : rnd() & 0xffff;
}

/* A path for a file-system call: mostly the scratch tree; devices only
 * for calls that leave the name space alone (writable 0). */
static unsigned arg_fspath(int writable)
{
    switch (pick(16)) {
    case 0: return (unsigned)ro_page + PAGE - 1 - pick(8);     /* no NUL before the hole */
    case 1: return arg_ptr();
    case 2: return (unsigned)long_paths[pick(4)];
    case 3: case 4:
        if (!writable)
            return (unsigned)dev_paths[pick(NDEV_PATHS)];
        /* fall through */
    default: return (unsigned)fs_paths[pick(NFS_PATHS)];
    }
}

/* open() flags: an access mode (3 is invalid) and a few of the flags a
 * program passes, now and then anything. */
static unsigned arg_oflags(void)
{
    static const unsigned bits[] = { O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW,
                                     O_CLOEXEC, O_NONBLOCK };
    if (!pick(8))
        return arg_flags(03777777);
    unsigned f = pick(4);
    for (unsigned i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
        if (!pick(4))
            f |= bits[i];
    return f;
}

static unsigned arg_mode(void)
{
    static const unsigned modes[] = { 0644, 0755, 0, 0600, 07777, 0170777 /* type bits too */ };
    return pick(6) ? modes[pick(sizeof(modes) / sizeof(modes[0]))] : rnd();
}

/* fcntl commands: those of F_DUPFD to F_GETLK64, the lease, pipe-size and
 * seal ones, F_DUPFD_CLOEXEC; and garbage. */
static unsigned arg_fcntl(void)
{
    static const unsigned cmds[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                     1024, 1025, 1026, 1030, 1031, 1032, 1033, 1034 };
    return pick(8) ? cmds[pick(sizeof(cmds) / sizeof(cmds[0]))] : rnd();
}

/* fcntl's third argument: FD_CLOEXEC, status flags, an fd number, a pointer. */
static unsigned arg_fcntl_arg(void)
{
    switch (pick(4)) {
    case 0: return pick(3);
    case 1: return arg_flags(O_APPEND | O_NONBLOCK | O_CLOEXEC | 3);
    case 2: return arg_int();
    default: return arg_ptr();
    }
}

/* The terminal requests the kernel answers (kernel/sys_file.c) and their
 * neighbours: TCGETS..TCSETSF, TIOCSCTTY, TIOCGPGRP, TIOCSPGRP,
 * TIOCGWINSZ, TIOCSWINSZ, FIONREAD, FIONBIO, TIOCNOTTY, FIONCLEX, FIOCLEX. */
static unsigned arg_ioctl(void)
{
    static const unsigned cmds[] = { 0x5401, 0x5402, 0x5403, 0x5404, 0x540e, 0x540f, 0x5410,
                                     0x5413, 0x5414, 0x541b, 0x5421, 0x5422, 0x5450, 0x5451 };
    return pick(8) ? cmds[pick(sizeof(cmds) / sizeof(cmds[0]))] : rnd();
}

/* utimensat's two timespecs: UTIME_NOW, UTIME_OMIT, nanoseconds at and
 * past the limit; or NULL (now), or a hostile pointer. */
static unsigned arg_utimes(void)
{
    static const unsigned nsec[] = { 0, 999999999, 1000000000, 0x3fffffff, 0x3ffffffe };
    if (!pick(4))
        return pick(2) ? 0 : arg_ptr();
    unsigned *ts = scratch_struct(4);
    for (int i = 0; i < 2; i++) {
        ts[2 * i] = pick(2) ? pick(2000000000) : hostile_value();
        ts[2 * i + 1] = pick(4) ? nsec[pick(sizeof(nsec) / sizeof(nsec[0]))] : rnd();
    }
    return (unsigned)ts;
}

/* A SysV key: IPC_PRIVATE, one of a few shared by the calls, or garbage. */
static unsigned arg_shmkey(void)
{
    return pick(3) ? 0x465a0000u + pick(4) : pick(2) ? 0 /* IPC_PRIVATE */ : rnd();
}

/* A segment size: small, a few pages, at and past SHMMAX, or garbage. */
static unsigned arg_shmsize(void)
{
    static const unsigned sizes[] = { 0, 1, PAGE - 1, PAGE, 3 * PAGE + 1, 64 * PAGE, 0x1000000,
                                      0xFEFFFFFF, 0xFF000000, 0xFFFFFFFF };
    return pick(4) ? sizes[pick(sizeof(sizes) / sizeof(sizes[0]))] : hostile_value();
}

/* A shmid: one a call returned, a table slot in either of its first two
 * sequences, or garbage. */
static unsigned arg_shmid(void)
{
    if (nshms && pick(2))
        return recent_shm[pick(nshms < RECENT ? nshms : RECENT)];
    return pick(2) ? pick(4) + pick(2) * 32768 : hostile_value();
}

/* An shmctl command, mostly with IPC_64: IPC_RMID, SET, STAT, INFO,
 * SHM_LOCK, UNLOCK, STAT, INFO, STAT_ANY, or garbage. */
static unsigned arg_shmcmd(void)
{
    static const unsigned cmds[] = { 0, 1, 2, 3, 11, 12, 13, 14, 15, 4, 16 };
    unsigned cmd = pick(8) ? cmds[pick(sizeof(cmds) / sizeof(cmds[0]))] : rnd();
    return pick(4) ? cmd | 0x100 /* IPC_64 */ : cmd;
}

static unsigned arg(const struct spec *s, int kind);

/* Fits ipc(117)'s arguments to a subcall: SHMAT (id, flags, &raddr,
 * addr), SHMDT (addr in the 5th), SHMGET (key, size, flags), SHMCTL (id,
 * cmd, buf in the 5th); the semaphore and message subcalls and garbage
 * get random arguments. */
static void shape_ipc(const struct spec *s, struct call *c)
{
    static const unsigned calls[] = { 21, 22, 23, 24, 1, 2, 3, 4, 11, 12, 13, 14, 0, 25 };
    unsigned call = pick(8) ? calls[pick(sizeof(calls) / sizeof(calls[0]))] : rnd();

    c->a[0] = pick(8) ? call : call | (rnd() << 16);        /* the version in the high half */
    for (int i = 1; i < 6; i++)
        c->a[i] = arg(s, K_INT);
    switch (call) {
    case 21: c->a[1] = arg_shmid(); c->a[2] = arg_flags(0170000); c->a[3] = arg(s, K_PTR);
             c->a[4] = arg(s, K_SHMADDR); break;
    case 22: c->a[4] = arg(s, K_SHMADDR); break;
    case 23: c->a[1] = arg_shmkey(); c->a[2] = arg_shmsize(); c->a[3] = arg_flags(01777 | 0170000);
             break;
    case 24: c->a[1] = arg_shmid(); c->a[2] = arg_shmcmd(); c->a[4] = arg(s, K_PTR); break;
    }
}

static unsigned arg(const struct spec *s, int kind)
{
    switch (kind) {
    case K_INT: return arg_int();
    case K_FD: return arg_fd();
    case K_PTR: return arg_ptr();
    case K_LEN: return arg_len();
    case K_FLAGS: return arg_flags(s->flag_mask);
    case K_PATH: return arg_path();
    case K_ADDR: return arg_addr();
    case K_WAITPID: return pick(2) ? (unsigned)-1 : arg_int();
    case K_KILLPID: return arg_killpid();
    case K_SIG: return pick(4) ? pick(66) : hostile_value();
    case K_IOV: return arg_iov();
    case K_STRV: return arg_strv();
    case K_TIMESPEC: return arg_timespec();
    case K_DESC: return arg_desc();
    case K_BRK: return arg_brk();
    case K_STACK: return pick(2) ? 0 : KERNEL_BASE + pick(PAGE);  /* a child that runs faults */
    case K_SELECTOR: return arg_selector();
    case K_TOUCH: return pick(4) ? arg_addr() : cur_brk - PAGE + pick(2 * PAGE);
    case K_HANDLER: return arg_handler();
    case K_SIGACT: return arg_sigact();
    case K_SIGSET: return arg_sigset();
    case K_SETSIZE: return pick(4) ? 8 : pick(2) ? pick(16) : hostile_value();
    case K_ALTSTACK: return arg_altstack();
    case K_FSPATH: return arg_fspath(0);
    case K_NEWPATH: return arg_fspath(1);
    case K_OFLAGS: return arg_oflags();
    case K_MODE: return arg_mode();
    case K_FCNTL: return arg_fcntl();
    case K_FCNTL_ARG: return arg_fcntl_arg();
    case K_IOCTL: return arg_ioctl();
    case K_UTIMES: return arg_utimes();
    case K_STATFS_SIZE: return pick(2) ? 84 : arg_len();   /* sizeof(struct statfs64) */
    case K_OFF_LO: return pick(4) ? pick(4 * PAGE) : hostile_value();   /* a file offset, low word */
    case K_OFF_HI: return pick(4) ? 0 : pick(2) ? 1 : hostile_value();
    case K_SHMKEY: return arg_shmkey();
    case K_SHMSIZE: return arg_shmsize();
    case K_SHMID: return arg_shmid();
    case K_SHMCMD: return arg_shmcmd();
    case K_SHMADDR: return pick(3) ? arg_addr() : 0;
    default: return rnd();                              /* unused registers get garbage */
    }
}

static const struct spec *pick_spec(void)
{
    static unsigned total;
    if (!total)
        for (unsigned i = 0; i < NSPECS; i++)
            total += specs[i].weight;
    unsigned w = pick(total);
    for (unsigned i = 0;; i++) {
        if (w < specs[i].weight)
            return &specs[i];
        w -= specs[i].weight;
    }
}

static void make_call(struct call *c)
{
    const struct spec *s = pick_spec();
    c->nr = s->nr;
    for (int i = 0; i < 6; i++)
        c->a[i] = arg(s, s->kind[i]);
    if (s->kind[0] == K_IPCCALL)
        shape_ipc(s, c);
    c->std = !pick(4);
}

/* ---- the kernel log ---- */

struct line {
    char buf[BATCH * 120 + 64];
    unsigned len;
};

static void put_str(struct line *l, const char *s)
{
    while (*s && l->len < sizeof(l->buf) - 1)
        l->buf[l->len++] = *s++;
}

static void put_num(struct line *l, unsigned v, unsigned base)
{
    char digits[12];
    int n = 0;
    if (base == 16)
        put_str(l, "0x");
    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (n && l->len < sizeof(l->buf) - 1)
        l->buf[l->len++] = digits[--n];
}

/* A formatted line to /dev/kmsg, opened just for it (the calls never
 * see it): one kernel log record. */
#define klogf(...) uprintf_path("/dev/kmsg", O_WRONLY, __VA_ARGS__)

/* Writes the batch's lines to /dev/kmsg in one write (they may pass
 * uprintf's 512 bytes). */
static void kmsg(struct line *l)
{
    int fd = open("/dev/kmsg", O_WRONLY, 0);
    if (fd >= 0) {
        write(fd, l->buf, l->len);
        close(fd);
    }
    l->len = 0;
}

static void log_call(struct line *l, unsigned n, const struct call *c)
{
    put_str(l, "fuzz: s");
    put_num(l, seed, 10);
    put_str(l, depth ? " g" : " c");
    put_num(l, child, 10);
    put_str(l, " n");
    put_num(l, n, 10);
    put_str(l, " ");
    put_num(l, c->nr, 10);
    for (int i = 0; i < 6; i++) {
        put_str(l, i ? "," : "(");
        put_num(l, c->a[i], 16);
    }
    put_str(l, c->std ? ") std\n" : ")\n");
}

/* ---- a child ---- */

/* The operations of OP_TOUCH and OP_LOAD_SEG; a bad address or selector
 * kills the child, as it should. */
static long pseudo_op(const struct call *c)
{
    unsigned v;

    if (c->nr == OP_TOUCH && (c->a[1] & 1)) {
        touch_std(c->a[0]);
    } else if (c->nr == OP_TOUCH) {
        __asm__ volatile("std\n\tmovl (%1), %0\n\tcld" : "=r"(v) : "r"(c->a[0]) : "memory", "cc");
    } else if (c->a[1] & 1) {
        __asm__ volatile("movw %w0, %%fs" : : "r"(c->a[0]));
    } else {
        __asm__ volatile("movw %w0, %%gs" : : "r"(c->a[0]));
    }
    return 0;
}

static void remember_fd(unsigned fd) { recent_fd[nfds++ % RECENT] = fd; }

static void record_pid(int pid)
{
    int i = shared->npids;
    if (i < MAX_PIDS) {
        shared->pids[i] = pid;
        shared->npids = i + 1;
    } else {
        kill(pid, SIGKILL);
    }
}

/* What follows a call: forks become grandchildren, fresh memory gets a
 * first store with DF set.  Returns 1 if this process is a new child. */
static int after_call(const struct call *c, long r)
{
    if ((unsigned long)r >= -4095ul)
        return 0;
    if (c->nr == SYS_fork || c->nr == 120 || c->nr == 435 || c->nr == 190) {
        if (r == 0) {                   /* a vfork's caller may die before the call
                                           returns: the child records itself too */
            record_pid(syscall0(224 /* gettid */));
            return 1;
        }
        record_pid(r);
    } else if (c->nr == SYS_open || c->nr == SYS_openat || c->nr == SYS_dup || c->nr == SYS_dup2 ||
               c->nr == 8 /* creat */ || c->nr == 330 /* dup3 */) {
        remember_fd(r);
    } else if ((c->nr == 55 || c->nr == 221) && (c->a[1] == 0 || c->a[1] == 1030)) {
        remember_fd(r);                             /* F_DUPFD, F_DUPFD_CLOEXEC */
    } else if (c->nr == SYS_pipe || c->nr == 331 /* pipe2 */) {
        remember_fd(((unsigned *)c->a[0])[0]);     /* pipe stored them there */
        remember_fd(((unsigned *)c->a[0])[1]);
    } else if (c->nr == SYS_mmap2 && (unsigned)r < KERNEL_BASE && (c->a[2] & PROT_WRITE) &&
               (c->a[3] & MAP_ANONYMOUS) && c->a[1] && c->a[1] < KERNEL_BASE) {
        touch_std(r);
        touch_std(r + ((c->a[1] - 1) & ~(PAGE - 1)));
    }
    if (c->nr == 395 || (c->nr == 117 && c->a[0] == 23))   /* shmget: an id */
        recent_shm[nshms++ % RECENT] = r;
    else if (c->nr == 397) {                                /* shmat: an attachment */
        recent_map[nmaps % RECENT] = r;
        recent_len[nmaps++ % RECENT] = 4 * PAGE;
    }
    if (c->nr == SYS_mmap2 || c->nr == SYS_mremap) {        /* mremap: the range now there */
        recent_map[nmaps % RECENT] = r;
        recent_len[nmaps++ % RECENT] = c->a[c->nr == SYS_mremap ? 2 : 1];
    } else if (c->nr == SYS_brk) {
        if ((unsigned long)r > cur_brk && (unsigned long)r - cur_brk < 0x100000)
            touch_std(cur_brk);
        cur_brk = r;
    }
    return 0;
}

static void run_child(unsigned calls)
{
    struct call batch[BATCH];
    struct line l = { .len = 0 };

    for (int fd = 0; fd < 3; fd++)      /* the console is the parent's, for its summary */
        close(fd);
    chdir(SCRATCH_DIR);                 /* relative names start in the scratch tree */
    remember_fd(open(SCRATCH_DIR, O_RDONLY | O_DIRECTORY, 0));    /* for getdents64, fchdir */
    remember_fd(open(SCRATCH_DIR "/fza", O_RDWR, 0));
    for (unsigned k = 0; k < SCRATCH_PAGES * PAGE / 4; k++)
        ((unsigned *)scratch)[k] = rnd();
    cur_brk = brk(0);
    child_pid = getpid();
    for (unsigned n = 0; n < calls; n += BATCH) {
        unsigned m = calls - n < BATCH ? calls - n : BATCH;
        for (unsigned i = 0; i < m; i++) {
            make_call(&batch[i]);
            log_call(&l, n + i, &batch[i]);
        }
        kmsg(&l);
        for (unsigned i = 0; i < m; i++) {
            long r;
            if (batch[i].nr >= OP_TOUCH) {
                r = pseudo_op(&batch[i]);
            } else {
                shared->calls++;
                r = raw_call(&batch[i]);
                if ((unsigned long)r < -4095ul)
                    shared->ok++;
            }
            if (after_call(&batch[i], r)) {
                if (depth)
                    exit(0);
                depth = 1;              /* a grandchild: a few calls of its own */
                rng ^= (n + i + 1) * 2654435761u;
                if (!rng)
                    rng = 1;
                calls = n + i + 1 + GRANDCHILD_CALLS;
                n = n + i + 1 - BATCH;
                break;
            }
        }
    }
    exit(0);
}

/* ---- the parent ---- */

static void remove_entries(int dirfd, int fz_only);

/* Removes name in the directory dirfd, and what it holds if it is a
 * directory.  Returns whether it is gone. */
static int remove_tree(int dirfd, const char *name)
{
    long r = syscall3(301 /* unlinkat */, dirfd, (long)name, 0);
    if (r != -EISDIR && r != -EPERM)
        return r == 0;
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0);
    if (fd >= 0) {
        remove_entries(fd, 0);
        close(fd);
    }
    return syscall3(301 /* unlinkat */, dirfd, (long)name, AT_REMOVEDIR) == 0;
}

/* Removes the entries of the directory open as dirfd (with fz_only, just
 * those whose names start with "fz"), reading it again from the start
 * after each pass that removed something, as removing moves the rest. */
static void remove_entries(int dirfd, int fz_only)
{
    char buf[512];
    int removed;

    do {
        removed = 0;
        lseek(dirfd, 0, SEEK_SET);
        long n;
        while ((n = syscall3(220 /* getdents64 */, dirfd, (long)buf, sizeof(buf))) > 0) {
            for (long off = 0; off < n; off += ((struct dirent64 *)(buf + off))->d_reclen) {
                const char *name = ((struct dirent64 *)(buf + off))->d_name;
                if (!strcmp(name, ".") || !strcmp(name, "..") ||
                    (fz_only && strncmp(name, "fz", 2)))
                    continue;
                removed += remove_tree(dirfd, name);
            }
        }
    } while (removed);
}

/* Removes every "fz" name a child's calls may have left: in the scratch
 * tree, and in the directories its working directory could reach. */
static void clean_scratch(void)
{
    static const char *const dirs[] = { "/", "/tmp", "/dev" };

    for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        int fd = open(dirs[i], O_RDONLY | O_DIRECTORY, 0);
        if (fd >= 0) {
            remove_entries(fd, 1);
            close(fd);
        }
    }
}

static void write_file(const char *path, unsigned size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    for (unsigned done = 0; fd >= 0 && done < size; done += PAGE)
        write(fd, scratch, size - done < PAGE ? size - done : PAGE);
    if (fd >= 0)
        close(fd);
}

/* The tree each child starts from: fza (two pages and a bit), the
 * directory fzd holding fze, and links to fza, to fzd and to itself. */
static void make_scratch(void)
{
    clean_scratch();
    syscall2(39 /* mkdir */, (long)"/tmp", 01777);
    syscall2(39 /* mkdir */, (long)SCRATCH_DIR, 0755);
    write_file(SCRATCH_DIR "/fza", 2 * PAGE + 100);
    syscall2(39 /* mkdir */, (long)SCRATCH_DIR "/fzd", 0755);
    write_file(SCRATCH_DIR "/fzd/fze", 100);
    syscall2(83 /* symlink */, (long)"fza", (long)SCRATCH_DIR "/fzl");
    syscall2(83 /* symlink */, (long)"fzd", (long)SCRATCH_DIR "/fzdl");
    syscall2(83 /* symlink */, (long)"fzloop", (long)SCRATCH_DIR "/fzloop");
}

/* A path of exactly len bytes to SCRATCH_DIR/fza, padded with "/." and "/". */
static void make_long_path(char *buf, unsigned len)
{
    unsigned n = strlen(SCRATCH_DIR);

    memcpy(buf, SCRATCH_DIR, n);
    while (n + 2 + 4 <= len) {
        memcpy(buf + n, "/.", 2);
        n += 2;
    }
    while (n + 4 < len)
        buf[n++] = '/';
    memcpy(buf + n, "/fza", 5);
}

/* The names at the limits: "fz" and then 'n's to NAME_MAX, or one more. */
static void make_long_names(void)
{
    unsigned n = strlen(SCRATCH_DIR "/fz");

    memcpy(name_max, SCRATCH_DIR "/fz", n);
    memset(name_max + n, 'n', LONG_NAME - 2);
    memcpy(name_too_long, name_max, n + LONG_NAME - 2);
    name_too_long[n + LONG_NAME - 2] = 'n';
    make_long_path(path_max, LONG_PATH - 1);
    make_long_path(path_too_long, LONG_PATH);
}

/* Removes every SysV segment (the child's calls may have left some, and
 * keyed ones would change the next child's calls): each table slot up to
 * the highest in use (IPC_INFO's result), found by SHM_STAT.  The direct
 * shmctl always takes the IPC_64 structures, and the flag itself is -EINVAL. */
static void remove_segments(void)
{
    unsigned buf[32];
    long last = syscall3(396 /* shmctl */, 0, 3 /* IPC_INFO */, (long)buf);

    for (long index = 0; index <= last; index++) {
        long id = syscall3(396 /* shmctl */, index, 13 /* SHM_STAT */, (long)buf);
        if (id >= 0)
            syscall3(396 /* shmctl */, id, 0 /* IPC_RMID */, 0);
    }
}

/* Waits for the child, SIGKILLing it if it stalls or runs too long.
 * Returns its wait status; *killed says whether the watchdog struck. */
static int watch(int pid, int *killed)
{
    unsigned last = shared->calls, idle = 0, total = 0;
    int status;

    *killed = 0;
    for (;;) {
        int r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return status;
        if (r < 0 && r != -EINTR) {
            uprintf(1, "fuzz: waitpid %d: errno %d\n", pid, -r);
            exit(1);
        }
        msleep(POLL_MS);
        total += POLL_MS;
        idle = shared->calls == last ? idle + POLL_MS : 0;
        last = shared->calls;
        if (idle >= IDLE_MS || total >= TOTAL_MS) {
            kill(pid, SIGKILL);
            *killed = 1;
            waitpid_retry(pid, &status);
            return status;
        }
    }
}

/* Kills whatever the child forked (orphans, now init's to reap). */
static void kill_descendants(void)
{
    for (int i = 0; i < shared->npids && i < MAX_PIDS; i++) {
        int pid = shared->pids[i];
        if (pid > parent_pid)
            kill(pid, SIGKILL);
    }
}

static int recorded(int pid)
{
    for (int i = 0; i < shared->npids && i < MAX_PIDS; i++)
        if (shared->pids[i] == pid)
            return 1;
    return 0;
}

/* Whether pid is a zombie, from the State line of /proc/PID/status. */
static int zombie(int pid)
{
    struct line l = { .len = 0 };
    char buf[128];

    put_str(&l, "/proc/");
    put_num(&l, pid, 10);
    put_str(&l, "/status");
    l.buf[l.len] = 0;
    int fd = open(l.buf, O_RDONLY, 0);
    if (fd < 0)
        return 1;                       /* gone meanwhile */
    int n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    char *state = strchr(buf, '\n');
    return state && !strncmp(state + 1, "State:\tZ", 8);
}

/* A stray: a live process of the child's family that is not in the pid
 * table, because the call that forked it returned an error to its caller.
 * The kernel should not do that: each is logged ("fuzz: ... stray pid N")
 * and SIGKILLed, so that the campaign goes on.  Returns how many. */
static unsigned kill_strays(int child_pid)
{
    unsigned n = 0;

    for (int pid = child_pid + 1; pid <= child_pid + STRAY_SCAN; pid++) {
        if (recorded(pid) || kill(pid, 0) != 0 || zombie(pid))
            continue;
        klogf("fuzz: s%u c%u: stray pid %d, forked by a call that returned an error\n", seed,
              child, pid);
        kill(pid, SIGKILL);
        n++;
    }
    return n;
}

static unsigned parse_num(const char **s)
{
    unsigned v = 0;
    while (**s == ' ' || **s == '\n' || **s == '\t')
        (*s)++;
    while (**s >= '0' && **s <= '9')
        v = v * 10 + (unsigned)(*(*s)++ - '0');
    return v;
}

/* The seed, the call count and the first child (to rerun the tail of a
 * campaign: child C's calls depend only on the seed and C): from argv,
 * else from /fuzz.conf, else the defaults; missing ones keep theirs. */
static void configure(int argc, char **argv, unsigned conf[3])
{
    char buf[64];
    const char *s;

    for (int i = 1; i < argc && i <= 3; i++) {
        s = argv[i];
        conf[i - 1] = parse_num(&s);
    }
    if (argc > 1)
        return;
    int fd = open("/fuzz.conf", O_RDONLY, 0);
    if (fd < 0)
        return;
    int n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    s = buf;
    for (int i = 0; i < 3; i++) {
        const char *before = s;
        unsigned v = parse_num(&s);
        if (s == before || (*s && *s != ' ' && *s != '\n'))
            break;
        conf[i] = v;
        while (*s == ' ' || *s == '\n')
            s++;
    }
}

static void *map(unsigned pages, int prot, int flags)
{
    long p = mmap2(0, pages * PAGE, prot, flags | MAP_ANONYMOUS, -1, 0);
    if ((unsigned long)p >= KERNEL_BASE) {
        uprintf(1, "fuzz: mmap2: errno %d\n", (int)-p);
        exit(1);
    }
    return (void *)p;
}

static void set_up(void)
{
    shared = map(1, PROT_READ | PROT_WRITE, MAP_SHARED);
    scratch = map(SCRATCH_PAGES + 2, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    ro_page = scratch + SCRATCH_PAGES * PAGE;
    memset(ro_page, 'x', PAGE);
    mprotect(ro_page, PAGE, PROT_READ);
    munmap(ro_page + PAGE, PAGE);
    arena = map(ARENA_PAGES, PROT_NONE, MAP_PRIVATE);
    parent_pid = getpid();
    make_long_names();
}

/* Whether this process was started as the fuzzer (argv[0] "fuzz" or
 * "fuzz_short", with any directory), not by a child's execve of
 * /proc/self/exe or of a link to it, whose argv is NULL or a list of the
 * pool's paths: such an image must not start a campaign of its own. */
static int started_as_fuzzer(int argc, char **argv)
{
    if (argc < 1 || !argv[0])
        return 0;
    const char *slash = strrchr(argv[0], '/');
    const char *name = slash ? slash + 1 : argv[0];
    return !strcmp(name, "fuzz") || !strcmp(name, "fuzz_short");
}

int main(int argc, char **argv)
{
    unsigned calls, children, made = 0, ok = 0, killed = 0, died = 0, strays = 0;

    if (!started_as_fuzzer(argc, argv))
        return 0;
    unsigned conf[3] = { FUZZ_SEED, FUZZ_CALLS, 0 };
    configure(argc, argv, conf);
    seed = conf[0];
    calls = conf[1];
    children = (calls + CHILD_CALLS - 1) / CHILD_CALLS;
    set_up();
    for (child = conf[2]; child < children; child++) {
        unsigned mine = calls - child * CHILD_CALLS < CHILD_CALLS ? calls - child * CHILD_CALLS
                                                                  : CHILD_CALLS;
        shared->calls = 0;
        shared->ok = 0;
        shared->npids = 0;
        make_scratch();
        int pid = fork();
        if (pid < 0) {
            uprintf(1, "fuzz: fork: errno %d\n", -pid);
            return 1;
        }
        if (pid == 0) {
            rng = seed * 2654435761u ^ (child + 1) * 40503u;
            if (!rng)
                rng = 1;
            run_child(mine);
        }
        int was_killed, status = watch(pid, &was_killed);
        kill_descendants();
        strays += kill_strays(pid);
        remove_segments();
        made += shared->calls;
        ok += shared->ok;
        killed += was_killed;
        if (!was_killed && WIFSIGNALED(status)) {
            died++;
            klogf("fuzz: s%u c%u died of signal %d\n", seed, child, WTERMSIG(status));
        }
    }
    clean_scratch();
    klogf("fuzz: seed %u: %u calls made (%u succeeded), %u killed by the watchdog, "
          "%u died of a signal, %u strays\n", seed, made, ok, killed, died, strays);
    uprintf(1, "seed %u: %u calls in %u children, done\n", seed, calls, children);
    return 0;
}

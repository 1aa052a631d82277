/*
 * usysinfo.h - identity and system-information calls for raw user
 * programs: the user and group ids, sysinfo, prctl, the CPU affinity
 * mask, umask.  Linux i386 numbers and structures; results as the
 * kernel returns them (-errno on failure).
 */
#ifndef USER_USYSINFO_H
#define USER_USYSINFO_H

#include "ulib.h"

#define SYS_setuid             23
#define SYS_getuid             24
#define SYS_setgid             46
#define SYS_getgid             47
#define SYS_geteuid            49
#define SYS_getegid            50
#define SYS_umask              60
#define SYS_getgroups          80
#define SYS_setgroups          81
#define SYS_sysinfo           116
#define SYS_getresuid         165
#define SYS_getresgid         171
#define SYS_prctl             172
#define SYS_getuid32          199
#define SYS_getgid32          200
#define SYS_geteuid32         201
#define SYS_getegid32         202
#define SYS_getgroups32       205
#define SYS_setgroups32       206
#define SYS_getresuid32       209
#define SYS_getresgid32       211
#define SYS_setuid32          213
#define SYS_setgid32          214
#define SYS_sched_setaffinity 241
#define SYS_sched_getaffinity 242

#define PR_SET_NAME 15
#define PR_GET_NAME 16

/* Linux's struct sysinfo on i386 (64 bytes). */
struct sysinfo {
    long uptime;                    /* seconds since boot */
    unsigned long loads[3];         /* 1, 5, 15 minute load averages, 1.0 = 65536 */
    unsigned long totalram, freeram, sharedram, bufferram;  /* in mem_unit bytes */
    unsigned long totalswap, freeswap;
    unsigned short procs;           /* tasks that exist */
    unsigned short pad;
    unsigned long totalhigh, freehigh;
    unsigned int mem_unit;
    char unused[8];
};

static inline int sysinfo(struct sysinfo *info) { return syscall1(SYS_sysinfo, (long)info); }
static inline int prctl(int option, long arg2)  { return syscall2(SYS_prctl, option, arg2); }
static inline int umask(int mask)               { return syscall1(SYS_umask, mask); }

static inline int sched_getaffinity(int pid, unsigned len, void *mask)
{
    return syscall3(SYS_sched_getaffinity, pid, len, (long)mask);
}

static inline int sched_setaffinity(int pid, unsigned len, const void *mask)
{
    return syscall3(SYS_sched_setaffinity, pid, len, (long)mask);
}

#endif

/*
 * sys_time.c - the time system calls: reading the clocks (time,
 * gettimeofday, clock_gettime, clock_getres, times) and sleeping on them
 * (nanosleep, clock_nanosleep, and restart_syscall, which finishes a
 * sleep that a stop interrupted).  The clocks themselves are
 * kernel/time.c's.  Each clock call comes in two forms, as on Linux i386:
 * the old one with 32-bit seconds and the *_time64 one ("wide") with
 * 64-bit seconds and nanoseconds.
 */
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"

_Static_assert(TIMER_HZ == 100, "times() counts in USER_HZ (100) ticks: convert jiffies");

/* The i386 ABI's time formats. */
struct user_timespec32 {
    int32_t sec;
    int32_t nsec;
};
struct user_timespec64 {
    int64_t sec;
    int64_t nsec;                       /* only the low 32 bits count, as on Linux i386 */
};
struct user_timeval {
    int32_t sec;
    int32_t usec;
};

static int put_timespec(uint32_t user_ptr, const struct ktimespec *ts, int wide)
{
    if (wide) {
        struct user_timespec64 out = { ts->sec, ts->nsec };
        return copy_to_user(user_ptr, &out, sizeof(out));
    }
    struct user_timespec32 out = { (int32_t)ts->sec, (int32_t)ts->nsec };
    return copy_to_user(user_ptr, &out, sizeof(out));
}

/* Read a timespec: 0, -EFAULT, or -EINVAL if it is negative or its
 * nanoseconds are not 0..999999999 (Linux's timespec64_valid). */
int get_user_timespec(uint32_t user_ptr, struct ktimespec *ts, int wide)
{
    int64_t sec;
    int32_t nsec;

    if (wide) {
        struct user_timespec64 in;
        if (copy_from_user(&in, user_ptr, sizeof(in)))
            return -EFAULT;
        sec = in.sec;
        nsec = (int32_t)in.nsec;
    } else {
        struct user_timespec32 in;
        if (copy_from_user(&in, user_ptr, sizeof(in)))
            return -EFAULT;
        sec = in.sec;
        nsec = in.nsec;
    }
    if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
        return -EINVAL;
    ts->sec = sec;
    ts->nsec = (uint32_t)nsec;
    return 0;
}

SYSCALL(sys_time)
{
    UNUSED_ARGS6;
    int32_t now = (int32_t)time_seconds();

    if (a1 && copy_to_user(a1, &now, sizeof(now)))
        return -EFAULT;
    return now;
}

/* gettimeofday(tv, tz): either may be NULL; the time zone is UTC's. */
SYSCALL(sys_gettimeofday)
{
    UNUSED_ARGS6;
    struct ktimespec now;

    clock_now(CLOCK_REALTIME, &now);
    struct user_timeval tv = { (int32_t)now.sec, (int32_t)(now.nsec / 1000) };
    int32_t zone[2] = { 0, 0 };         /* minutes west of Greenwich, DST kind */
    if (a1 && copy_to_user(a1, &tv, sizeof(tv)))
        return -EFAULT;
    if (a2 && copy_to_user(a2, zone, sizeof(zone)))
        return -EFAULT;
    return 0;
}

static int clock_gettime_to(int clock_id, uint32_t user_ptr, int wide)
{
    struct ktimespec now;
    int err = clock_now(clock_id, &now);

    return err ? err : put_timespec(user_ptr, &now, wide);
}

SYSCALL(sys_clock_gettime) { UNUSED_ARGS6; return clock_gettime_to((int)a1, a2, 0); }
SYSCALL(sys_clock_gettime64) { UNUSED_ARGS6; return clock_gettime_to((int)a1, a2, 1); }

/* Every clock here moves in whole ticks; res may be NULL. */
static int clock_getres_to(int clock_id, uint32_t user_ptr, int wide)
{
    struct ktimespec res = { 0, NSEC_PER_TICK };

    if (!clock_known(clock_id))
        return -EINVAL;
    return user_ptr ? put_timespec(user_ptr, &res, wide) : 0;
}

SYSCALL(sys_clock_getres) { UNUSED_ARGS6; return clock_getres_to((int)a1, a2, 0); }
SYSCALL(sys_clock_getres_time64) { UNUSED_ARGS6; return clock_getres_to((int)a1, a2, 1); }

/* times(buf): the caller's process's user and system time and its
 * reaped children's, in ticks (buf may be NULL); returns the ticks since
 * boot. */
SYSCALL(sys_times)
{
    UNUSED_ARGS6;
    struct task_usage self;
    const struct task_usage *children = &current->group->children_usage;

    thread_group_usage(current, &self);
    uint32_t tms[4] = { self.user_ticks, self.system_ticks,
                        children->user_ticks, children->system_ticks };

    if (a1 && copy_to_user(a1, tms, sizeof(tms)))
        return -EFAULT;
    return (int)jiffies;
}

/*
 * Sleep until the tick wake_at: what nanosleep, clock_nanosleep and
 * restart_syscall share.  Returns 0 at once if that tick has come.  A
 * signal ends it early:
 *   - an absolute sleep returns -ERESTARTNOHAND: run again as it was
 *     (the deadline still holds), or -EINTR if a handler runs;
 *   - a relative one writes the time left to rem (if not 0; wide: as a
 *     timespec64) and returns -ERESTART_RESTARTBLOCK, which a handler
 *     turns into -EINTR; without one (a stop, then a continue)
 *     restart_syscall sleeps the rest.
 */
static int sleep_until_tick(uint32_t wake_at, int absolute, uint32_t rem, int wide)
{
    if ((int32_t)(wake_at - jiffies) <= 0 || !sleep_until(wake_at, 0))
        return 0;
    if (absolute)
        return -ERESTARTNOHAND;
    struct ktimespec left;
    ticks_to_ktimespec(wake_at > jiffies ? wake_at - jiffies : 0, &left);
    if (rem && put_timespec(rem, &left, wide))
        return -EFAULT;
    current->sig.restart_wake_at = wake_at;
    current->sig.restart_rem = rem;
    current->sig.restart_rem_wide = wide;
    return -ERESTART_RESTARTBLOCK;
}

SYSCALL(sys_nanosleep)
{
    UNUSED_ARGS6;
    struct ktimespec req;
    int err = get_user_timespec(a1, &req, 0);

    if (err)
        return err;
    return sleep_until_tick(clock_deadline(CLOCK_MONOTONIC, 0, &req), 0, a2, 0);
}

/*
 * clock_nanosleep(clock, flags, req, rem), with Linux's errors in its
 * order: a clock that is not one -EINVAL, one that cannot sleep
 * (MONOTONIC_RAW, the COARSE ones, the thread's CPU time) -EOPNOTSUPP,
 * then the timespec's -EFAULT or -EINVAL.  The process's CPU time gives
 * -EINVAL where Linux would sleep until a signal: a process is one
 * thread here, and its CPU time stops while it sleeps.  An absolute
 * sleep leaves rem alone.
 */
static int clock_nanosleep_on(int clock_id, int flags, uint32_t req_ptr, uint32_t rem, int wide)
{
    struct ktimespec req;

    if (!clock_known(clock_id))
        return -EINVAL;
    if (clock_id == CLOCK_MONOTONIC_RAW || clock_id == CLOCK_REALTIME_COARSE ||
        clock_id == CLOCK_MONOTONIC_COARSE || clock_id == CLOCK_THREAD_CPUTIME_ID)
        return -EOPNOTSUPP;
    int err = get_user_timespec(req_ptr, &req, wide);
    if (err)
        return err;
    if (clock_id == CLOCK_PROCESS_CPUTIME_ID)
        return -EINVAL;
    int absolute = flags & TIMER_ABSTIME;
    return sleep_until_tick(clock_deadline(clock_id, flags, &req), absolute, absolute ? 0 : rem, wide);
}

SYSCALL(sys_clock_nanosleep) { UNUSED_ARGS6; return clock_nanosleep_on((int)a1, (int)a2, a3, a4, 0); }
SYSCALL(sys_clock_nanosleep_time64) { UNUSED_ARGS6; return clock_nanosleep_on((int)a1, (int)a2, a3, a4, 1); }

/* restart_syscall: the rest of the relative sleep a stop interrupted,
 * else -EINTR (Linux's do_no_restart_syscall). */
SYSCALL(sys_restart_syscall)
{
    UNUSED_ARGS6;
    uint32_t wake_at = current->sig.restart_wake_at;

    current->sig.restart_wake_at = 0;
    if (!wake_at)
        return -EINTR;
    return sleep_until_tick(wake_at, 0, current->sig.restart_rem, current->sig.restart_rem_wide);
}

/*
 * uthread.h - threads for raw user programs: clone with a shared address
 * space, futexes, and the thread-id calls, as the Linux i386 ABI has them
 * (no C library, no TLS of its own).
 *
 * thread_spawn (lib/uthread.S) runs fn(arg) in a new thread on the stack
 * that ends at stack_top; when fn returns, the thread ends with SYS_exit
 * and fn's value (only that thread: exit_group ends them all).  With
 * THREAD_FLAGS the kernel writes the new tid to *ptid before clone
 * returns, and at the thread's end writes 0 to *ctid and wakes one
 * futex waiter there: pass the same word for both (thread_start does),
 * and thread_join(&word) waits for that 0.  The thread's stack may be
 * reused once it joined.
 *
 * Sequencing threads: event_wait/event_set are a one-shot gate on an int
 * (0 closed, 1 open) built from FUTEX_WAIT and FUTEX_WAKE.
 */
#ifndef USER_UTHREAD_H
#define USER_UTHREAD_H

#include "usignal.h"           /* tgkill; set_tid_address and exit_group are in syscall.h */

#define SYS_clone           120
#define SYS_gettid          224
#define SYS_futex           240

/* clone() flags (include/uapi/linux/sched.h). */
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_THREAD         0x00010000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID   0x01000000

/* What pthread_create asks for, less CLONE_SETTLS. */
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
                      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

/* futex() operations (include/uapi/linux/futex.h). */
#define FUTEX_WAIT           0
#define FUTEX_WAKE           1
#define FUTEX_REQUEUE        3
#define FUTEX_CMP_REQUEUE    4
#define FUTEX_WAIT_BITSET    9
#define FUTEX_WAKE_BITSET   10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

#define ETIMEDOUT 110

/*
 * Starts a thread running fn(arg) on the stack below stack_top (aligned
 * down to 16 here) with clone(flags, stack, ptid, tls_desc, ctid).
 * Returns the new tid in the caller, or -errno from clone.
 */
int thread_spawn(unsigned flags, void *stack_top, int (*fn)(void *), void *arg,
                 int *ptid, int *ctid, void *tls_desc);

/* The futex call as it is; timeout is also val2 for the requeue ops. */
static inline int futex(int *uaddr, int op, int val, const struct timespec *timeout,
                        int *uaddr2, int val3)
{
    return syscall6(SYS_futex, (long)uaddr, op, val, (long)timeout, (long)uaddr2, val3);
}

/* Sleeps while *uaddr == val (no timeout): 0, -EAGAIN or -EINTR. */
static inline int futex_wait(int *uaddr, int val)
{
    return futex(uaddr, FUTEX_WAIT, val, NULL, NULL, 0);
}

/* Wakes up to n waiters on uaddr; returns how many it woke. */
static inline int futex_wake(int *uaddr, int n)
{
    return futex(uaddr, FUTEX_WAKE, n, NULL, NULL, 0);
}

/* futex_wait for the loops below: an error other than -EAGAIN and -EINTR
 * (no futex at all, say) would make them spin for ever, so it ends the
 * program, with a line that says so. */
static inline void futex_wait_or_die(int *uaddr, int val)
{
    int r = futex_wait(uaddr, val);

    if (r < 0 && r != -EAGAIN && r != -EINTR) {
        uprintf(1, "futex_wait: %d\n", r);
        exit_group(98);
    }
}

/* Waits until the thread whose CLONE_CHILD_CLEARTID word is *ctid ended. */
static inline void thread_join(int *ctid)
{
    int v;

    while ((v = __atomic_load_n(ctid, __ATOMIC_SEQ_CST)) != 0)
        futex_wait_or_die(ctid, v);
}

/* thread_spawn with THREAD_FLAGS and tid_word as both ptid and ctid (so
 * thread_join(tid_word) waits for it).  Returns the tid; on a failure
 * prints "thread_spawn: -ERRNO" and ends the program: a test cannot go
 * on without its thread. */
static inline int thread_start(void *stack_top, int (*fn)(void *), void *arg, int *tid_word)
{
    int tid = thread_spawn(THREAD_FLAGS, stack_top, fn, arg, tid_word, tid_word, NULL);

    if (tid < 0) {
        uprintf(1, "thread_spawn: %d\n", tid);
        exit_group(97);
    }
    return tid;
}

/* Blocks until event_set(e) (which may have happened already). */
static inline void event_wait(int *e)
{
    while (!__atomic_load_n(e, __ATOMIC_SEQ_CST))
        futex_wait_or_die(e, 0);
}

/* Opens the gate *e and wakes every thread in event_wait on it. */
static inline void event_set(int *e)
{
    __atomic_store_n(e, 1, __ATOMIC_SEQ_CST);
    futex_wake(e, 0x7fffffff);
}

/* A thread body that opens the gate started, then runs in user mode
 * until the group ends (a thread that is busy when another one faults
 * or exits). */
static inline int spin_forever(void *started)
{
    event_set(started);
    for (;;)
        __asm__ volatile("" ::: "memory");
    return 0;
}

/*
 * Makes sure n tasks are asleep on the futex from, for a test that
 * counts what a wake does: FUTEX_CMP_REQUEUE with no wake moves the tasks
 * asleep there to the futex to and returns how many it moved, so once n
 * have moved, n tasks sleep on to.  Polls every millisecond, 5 s at
 * most; returns how many moved (or -errno from futex).  op_flags: 0 for
 * plain futexes, FUTEX_PRIVATE_FLAG for private ones (another futex).
 */
static inline int futex_gather_flags(int *from, int *to, int n, int op_flags)
{
    int moved = 0;

    for (int tries = 0; moved < n && tries < 5000; tries++) {
        int r = futex(from, FUTEX_CMP_REQUEUE | op_flags, 0, (const struct timespec *)0x7fffffff, to,
                      __atomic_load_n(from, __ATOMIC_SEQ_CST));
        if (r < 0)
            return r;
        moved += r;
        if (moved < n)
            msleep(1);
    }
    return moved;
}

static inline int futex_gather(int *from, int *to, int n)
{
    return futex_gather_flags(from, to, n, 0);
}

static inline int gettid(void) { return syscall0(SYS_gettid); }

/* ---- stacks ---- */

#define THREAD_STACK_SIZE 16384u

/* The top of a stack array: where thread_spawn starts the thread. */
#define STACK_TOP(array) ((void *)((char *)(array) + sizeof(array)))

#endif

/*
 * futex.c - futex(2): a task sleeps on a 32-bit word of user memory
 * until another wakes it, the primitive under glibc's mutexes, condition
 * variables and pthread_join.
 *
 *   FUTEX_WAIT(uaddr, val, timeout)     sleep if *uaddr == val (else
 *                                       -EAGAIN), for at most timeout
 *                                       (relative, CLOCK_MONOTONIC)
 *   FUTEX_WAIT_BITSET(.., val3 = mask)  the same with an absolute timeout
 *                                       (CLOCK_REALTIME with that flag),
 *                                       woken only by a wake whose mask
 *                                       shares a bit with this one
 *   FUTEX_WAKE(uaddr, n), _BITSET       wake up to n waiters; their number
 *   FUTEX_REQUEUE(uaddr, n, m, uaddr2)  wake n, move up to m more to
 *                                       uaddr2; CMP_REQUEUE first checks
 *                                       *uaddr == val3 (else -EAGAIN)
 *
 * A waiter is found by its key, not by the frame that holds the word, so
 * that a page may be swapped out and back while tasks wait on it:
 *   - FUTEX_PRIVATE_FLAG: the address space and the address (only the
 *     threads of one process share it);
 *   - otherwise, in a shared mapping (MAP_SHARED memory, a shared file):
 *     the object mapped and the word's offset in it, the same in every
 *     process that maps it;
 *   - otherwise (private memory): the address space and the address,
 *     kept apart from the private keys, as Linux does.
 *
 * The waiters are one list, changed only by the system calls here and
 * by a thread's exit (CLONE_CHILD_CLEARTID); none of them sleeps
 * between reading the word and queueing, so a wake can never slip in
 * between (the kernel is not preempted).  A waiter sleeps on its own
 * entry, which lives on its kernel stack until it has left the list.
 */
#include "kernel/errno.h"
#include "kernel/futex.h"
#include "kernel/lib.h"
#include "kernel/list.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "mm/vma.h"

#define FUTEX_WAIT          0
#define FUTEX_WAKE          1
#define FUTEX_REQUEUE       3
#define FUTEX_CMP_REQUEUE   4
#define FUTEX_WAIT_BITSET   9
#define FUTEX_WAKE_BITSET   10
#define FUTEX_PRIVATE_FLAG  128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_BITSET_MATCH_ANY 0xFFFFFFFFu

enum futex_key_kind { KEY_PRIVATE, KEY_MM, KEY_OBJECT };

struct futex_key {
    enum futex_key_kind kind;
    const void *space;                  /* the mm, or the object mapped */
    uint32_t word;                      /* the address, or the offset in the object */
};

struct futex_waiter {
    struct list_head link;              /* in futex_waiters */
    struct futex_key key;
    uint32_t bitset;
    struct task *task;
    int woken;                          /* taken off the list by a wake */
};

static struct list_head futex_waiters = LIST_HEAD_INIT(futex_waiters);

/* The key of uaddr in current's address space (see above): 0 or
 * -EFAULT.  As on Linux, a private key needs only a user address (the
 * word itself is not looked at), and a shared one a mapping: one of a
 * file or shared memory keys by the object (a private file mapping
 * that cannot be written too: its pages are the file's), while
 * anonymous memory that cannot be written has no stable page and is
 * -EFAULT. */
static int futex_key_of(uint32_t uaddr, int private, struct futex_key *key)
{
    struct mm *mm = current->mm;

    if (uaddr > USER_END - 4)
        return -EFAULT;
    *key = (struct futex_key){ private ? KEY_PRIVATE : KEY_MM, mm, uaddr };
    if (private)
        return 0;
    struct vma *vma = uaddr >= USER_MIN ? vma_find(mm, uaddr) : 0;
    if (!vma)
        return -EFAULT;
    uint32_t offset = vma->file_offset + (uaddr - vma->start);
    if (vma->mapping && ((vma->flags & VM_SHARED) || !(vma->prot & VM_WRITE)))
        *key = (struct futex_key){ KEY_OBJECT, vma->mapping, offset };
    else if (!(vma->prot & VM_WRITE))
        return -EFAULT;
    return 0;
}

static int key_equal(const struct futex_key *a, const struct futex_key *b)
{
    return a->kind == b->kind && a->space == b->space && a->word == b->word;
}

/* Wake up to nr waiters on key whose mask meets bitset; then move up to
 * requeue more to `to` (NULL: none).  The number woken and moved. */
static int futex_wake_key(const struct futex_key *key, int nr, uint32_t bitset,
                          const struct futex_key *to, int requeue)
{
    struct list_head *pos, *next;
    int woken = 0, moved = 0;

    list_for_each_safe(pos, next, &futex_waiters) {
        struct futex_waiter *w = container_of(pos, struct futex_waiter, link);
        if (!key_equal(&w->key, key) || !(w->bitset & bitset))
            continue;
        if (woken < nr) {
            list_del(&w->link);
            w->woken = 1;
            if (w->task->state == TASK_SLEEPING)
                task_wake(w->task);
            woken++;
        } else if (to && moved < requeue) {
            w->key = *to;
            moved++;
        } else {
            break;
        }
    }
    return woken + moved;
}

void futex_wake_address(uint32_t uaddr, int nr)
{
    struct futex_key key;

    if (!futex_key_of(uaddr, 0, &key))
        futex_wake_key(&key, nr, FUTEX_BITSET_MATCH_ANY, 0, 0);
}

/* Sleep on uaddr while it holds val, until woken, the jiffies deadline
 * (if has_deadline) or a signal. */
static int futex_wait(uint32_t uaddr, int private, uint32_t val, uint32_t bitset,
                      int has_deadline, uint32_t deadline)
{
    struct futex_waiter w = { .bitset = bitset, .task = current };
    uint32_t now_val;

    if (!bitset)
        return -EINVAL;
    if (copy_from_user(&now_val, uaddr, sizeof(now_val)))
        return -EFAULT;                 /* (this may sleep: the key comes after) */
    int err = futex_key_of(uaddr, private, &w.key);
    if (err)
        return err;
    if (now_val != val)
        return -EAGAIN;
    list_add_tail(&w.link, &futex_waiters);
    int ret = 0;
    while (!w.woken) {
        if (has_deadline && (int32_t)(jiffies - deadline) >= 0) {
            ret = -ETIMEDOUT;
            break;
        }
        if (signal_pending(current)) {
            /* restarted only if no handler runs; an absolute deadline
             * stays right when the call runs again */
            ret = has_deadline ? -ERESTARTNOHAND : -ERESTARTSYS;
            break;
        }
        sleep_on_timeout(&w, has_deadline, deadline);
    }
    if (!w.woken)
        list_del(&w.link);
    return w.woken ? 0 : ret;
}

/* The futex call, its timeout read already (timeout: NULL if none). */
static int do_futex(uint32_t uaddr, int op, uint32_t val, const struct ktimespec *timeout,
                    uint32_t val2, uint32_t uaddr2, uint32_t val3)
{
    int private = op & FUTEX_PRIVATE_FLAG, realtime = op & FUTEX_CLOCK_REALTIME;
    int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
    struct futex_key key, key2;
    int err;

    if (realtime && cmd != FUTEX_WAIT_BITSET)
        return -ENOSYS;
    if (cmd != FUTEX_WAIT && cmd != FUTEX_WAKE && cmd != FUTEX_REQUEUE &&
        cmd != FUTEX_CMP_REQUEUE && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAKE_BITSET)
        return -ENOSYS;                 /* WAKE_OP and the priority-inheritance calls */
    if (uaddr % 4 || ((cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE) && uaddr2 % 4))
        return -EINVAL;
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
        uint32_t deadline = 0;
        if (timeout)
            deadline = cmd == FUTEX_WAIT
                ? clock_deadline(CLOCK_MONOTONIC, 0, timeout)
                : clock_deadline(realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, TIMER_ABSTIME, timeout);
        return futex_wait(uaddr, private, val, cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3,
                          timeout != 0, deadline);
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
        if (cmd == FUTEX_WAKE_BITSET && !val3)
            return -EINVAL;
        if ((err = futex_key_of(uaddr, private, &key)))
            return err;
        /* a count under 1 still wakes one, as on Linux */
        return futex_wake_key(&key, MAX((int)val, 1), cmd == FUTEX_WAKE ? FUTEX_BITSET_MATCH_ANY : val3,
                              0, 0);
    default:                            /* the requeues */
        if ((int)val < 0 || (int)val2 < 0)
            return -EINVAL;
        if ((err = futex_key_of(uaddr, private, &key)) || (err = futex_key_of(uaddr2, private, &key2)))
            return err;
        if (cmd == FUTEX_CMP_REQUEUE) {
            uint32_t now_val;
            if (copy_from_user(&now_val, uaddr, sizeof(now_val)))
                return -EFAULT;
            if (now_val != val3)
                return -EAGAIN;
        }
        return futex_wake_key(&key, (int)val, FUTEX_BITSET_MATCH_ANY, &key2, (int)val2);
    }
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3), with a struct
 * timespec of 32-bit (futex) or 64-bit (futex_time64) seconds; the
 * timeout argument is a number (val2) for the requeues. */
static int futex_call(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5,
                      uint32_t a6, int wide)
{
    int cmd = (int)a2 & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
    struct ktimespec ts;

    if (a4 && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET)) {
        int err = get_user_timespec(a4, &ts, wide);
        if (err)
            return err;
        return do_futex(a1, (int)a2, a3, &ts, 0, a5, a6);
    }
    return do_futex(a1, (int)a2, a3, 0, a4, a5, a6);
}

SYSCALL(sys_futex) { UNUSED_ARGS6; return futex_call(a1, a2, a3, a4, a5, a6, 0); }
SYSCALL(sys_futex_time64) { UNUSED_ARGS6; return futex_call(a1, a2, a3, a4, a5, a6, 1); }

/*
 * poll.c - poll(2) and ppoll.  Each file type says what it is ready for
 * (file_poll); a poller that finds nothing ready sleeps on one channel,
 * poll_wait, until the console or a pipe changes (poll_notify), its
 * timeout passes (the timer's wake_at), or a signal comes.  One channel
 * for all keeps it simple: a change wakes every poller, and each looks at
 * its own files again.
 */
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/lib.h"
#include "kernel/poll.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

static char poll_wait;                  /* the channel; its address is what counts */
static int nr_pollers;                  /* tasks asleep in poll: changed by them only */

/* Cheap when nobody polls: pipes call it on every read and write. */
void poll_notify(void)
{
    if (nr_pollers)
        wakeup(&poll_wait);
}

struct pollfd {
    int fd;
    short events, revents;
};

#define POLL_MAX_FDS 1024               /* Linux's default RLIMIT_NOFILE */

/* Fill in every revents; the number of entries with one set. */
static int poll_scan(struct pollfd *fds, uint32_t n)
{
    int ready = 0;

    for (uint32_t i = 0; i < n; i++) {
        struct file *f = fds[i].fd >= 0 ? fd_file(fds[i].fd) : 0;
        int mask = fds[i].fd < 0 ? 0 : f ? file_poll(f) : POLLNVAL;
        fds[i].revents = mask & (fds[i].events | POLLERR | POLLHUP | POLLNVAL);
        ready += fds[i].revents != 0;
    }
    return ready;
}

/* Poll until ready, a signal (-ERESTARTNOHAND, as Linux: EINTR for a
 * handler, a restart otherwise), or jiffies reach deadline (0: never;
 * timeout 0 is deadline == jiffies). */
static int do_poll(uint32_t ufds, uint32_t n, int has_deadline, uint32_t deadline)
{
    if (n > POLL_MAX_FDS)
        return -EINVAL;
    struct pollfd *fds = kmalloc(MAX(n, 1u) * sizeof(*fds));
    if (!fds)
        return -ENOMEM;
    int ready;
    if (copy_from_user(fds, ufds, n * sizeof(*fds))) {
        kfree(fds);
        return -EFAULT;
    }
    for (;;) {
        ready = poll_scan(fds, n);
        if (ready || (has_deadline && (int32_t)(jiffies - deadline) >= 0))
            break;
        if (signal_pending(current)) {
            ready = -ERESTARTNOHAND;
            break;
        }
        nr_pollers++;
        sleep_on_timeout(&poll_wait, has_deadline, deadline);
        nr_pollers--;
    }
    for (uint32_t i = 0; i < n && ready >= 0; i++)
        if (copy_to_user(ufds + i * sizeof(*fds) + 6, &fds[i].revents, 2))
            ready = -EFAULT;
    kfree(fds);
    return ready;
}

/* poll(fds, nfds, timeout in ms; negative: none). */
SYSCALL(sys_poll)
{
    UNUSED_ARGS6;
    int timeout = (int)a3;
    uint32_t ticks = timeout < 0 ? 0 : ((uint32_t)timeout * TIMER_HZ + 999) / 1000;
    return do_poll(a1, a2, timeout >= 0, jiffies + ticks);
}

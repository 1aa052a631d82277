/*
 * pipe.c - pipes.  Readers wait for data on &p->head, writers for room
 * on &p->tail, so a writer that finds the pipe full never wakes another
 * writer (two of them would wake each other forever, inside the kernel).
 * A write of at most PIPE_BUF bytes is atomic, as POSIX asks: it waits
 * until all of it fits, so writers' lines never interleave.
 */
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/lib.h"
#include "kernel/pipe.h"
#include "kernel/poll.h"
#include "kernel/signal.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

#define PIPE_BUF PIPE_SIZE

/* Changed by the tasks reading and writing it, in system calls. */
struct pipe {
    char buf[PIPE_SIZE];
    uint32_t head, tail;        /* bytes in [tail, head), indexes mod PIPE_SIZE */
    int readers, writers;       /* open files of each end */
};

int pipe_create(struct file **read_end, struct file **write_end)
{
    struct pipe *p = kzalloc(sizeof(*p));
    struct file *r = file_new(FILE_PIPE_READ), *w = file_new(FILE_PIPE_WRITE);

    if (!p || !r || !w) {
        kfree(p);
        kfree(r);
        kfree(w);
        return -ENOMEM;
    }
    p->readers = p->writers = 1;
    r->pipe = w->pipe = p;
    r->writable = 0;
    w->readable = 0;
    r->flags = O_RDONLY;
    w->flags = O_WRONLY;
    *read_end = r;
    *write_end = w;
    return 0;
}

int pipe_poll(const struct pipe *p, int write_end)
{
    if (write_end)
        return (p->head - p->tail < PIPE_SIZE ? POLLOUT : 0) | (!p->readers ? POLLERR : 0);
    return (p->head != p->tail ? POLLIN : 0) | (!p->writers ? POLLHUP : 0);
}

uint32_t pipe_ino(const struct pipe *p)
{
    return (uint32_t)p / sizeof(*p);    /* no two pipes overlap: one number each */
}

void pipe_release(struct pipe *p, int write_end)
{
    if (write_end)
        p->writers--;
    else
        p->readers--;
    wakeup(&p->head);
    wakeup(&p->tail);
    poll_notify();
    if (!p->readers && !p->writers)
        kfree(p);
}

int pipe_read(struct pipe *p, uint32_t user_buf, uint32_t len, int nonblock)
{
    if (!len)
        return 0;
    while (p->head == p->tail) {
        if (!p->writers)
            return 0;
        if (nonblock)
            return -EAGAIN;
        if (signal_pending(current))
            return -ERESTARTSYS;
        sleep_on(&p->head);
    }
    uint32_t n = 0;
    while (n < len && p->tail != p->head) {
        uint32_t at = p->tail % PIPE_SIZE;
        uint32_t chunk = MIN(MIN(len - n, p->head - p->tail), PIPE_SIZE - at);
        uint32_t copied = copy_to_user_partial(user_buf + n, p->buf + at, chunk);
        p->tail += copied;
        n += copied;
        if (copied < chunk) {
            if (!n)
                return -EFAULT;
            break;
        }
    }
    wakeup(&p->tail);
    poll_notify();
    return n;
}

int pipe_write(struct pipe *p, uint32_t user_buf, uint32_t len, int nonblock)
{
    uint32_t n = 0;

    while (n < len) {
        if (!p->readers) {
            struct ksiginfo info = { .code = SI_USER, .pid = current->pid, .thread = 1 };
            send_signal(current, SIGPIPE, &info);   /* it kills unless caught or ignored */
            return n ? (int)n : -EPIPE;
        }
        uint32_t room = PIPE_SIZE - (p->head - p->tail);
        if (!room || (len <= PIPE_BUF && room < len - n)) {
            if (n) {
                wakeup(&p->head);
                poll_notify();
            }
            if (nonblock)
                return n ? (int)n : -EAGAIN;
            if (signal_pending(current))
                return n ? (int)n : -ERESTARTSYS;
            sleep_on(&p->tail);
            continue;
        }
        uint32_t at = p->head % PIPE_SIZE;
        uint32_t chunk = MIN(MIN(len - n, room), PIPE_SIZE - at);
        uint32_t copied = copy_from_user_partial(p->buf + at, user_buf + n, chunk);
        p->head += copied;
        n += copied;
        if (copied < chunk) {
            wakeup(&p->head);
            return n ? (int)n : -EFAULT;
        }
    }
    wakeup(&p->head);
    poll_notify();
    return n;
}

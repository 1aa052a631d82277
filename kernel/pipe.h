/* pipe.h - pipes: a ring of PIPE_SIZE bytes between two open files. */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

#include <stdint.h>

struct file;
struct pipe;

#define PIPE_SIZE 4096

int pipe_create(struct file **read_end, struct file **write_end);
/* Reads block until data or end of file, writes until room; with
 * nonblock set they return -EAGAIN instead.  A write with no reader
 * sends SIGPIPE and fails with -EPIPE. */
int pipe_read(struct pipe *p, uint32_t user_buf, uint32_t len, int nonblock);
int pipe_write(struct pipe *p, uint32_t user_buf, uint32_t len, int nonblock);
/* What poll reports for one end (kernel/poll.h's POLL* bits). */
int pipe_poll(const struct pipe *p, int write_end);
/* A number naming the pipe, for /proc/PID/fd ("pipe:[N]"). */
uint32_t pipe_ino(const struct pipe *p);
/* One end is closed. */
void pipe_release(struct pipe *p, int write_end);

#endif

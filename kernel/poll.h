/* poll.h - poll(2): waiting until one of several files is ready. */
#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H

#define POLLIN   0x001
#define POLLPRI  0x002
#define POLLOUT  0x004
#define POLLERR  0x008
#define POLLHUP  0x010
#define POLLNVAL 0x020

/* Something a poller may wait for changed (console input, a pipe's
 * data, room or ends): every task in poll looks again. */
void poll_notify(void);

#endif

/* kmsg.h - /dev/kmsg writes (kernel/kmsg.c). */
#ifndef KERNEL_KMSG_H
#define KERNEL_KMSG_H

#include <stdint.h>

/* One write() to /dev/kmsg: one record of the kernel log.  Returns len,
 * -EFAULT, or -EINVAL for a record longer than Linux allows. */
int kmsg_write(uint32_t user_buf, uint32_t len);

#endif

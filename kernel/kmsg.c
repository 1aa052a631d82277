/*
 * kmsg.c - /dev/kmsg, the kernel log as user processes write to it.
 *
 * Each write() is one record, as on Linux: it always ends the line it
 * writes.  The kernel log is also how tests/run learns a program's exit
 * status (init logs "init: status exit N"), so a user process must never
 * be able to write a line that looks like the kernel's or init's: every
 * line of a record from a process other than init (pid 1, built into the
 * kernel image) starts with "kmsg: pid N (NAME): ".
 */
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/kmsg.h"
#include "kernel/lib.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "mm/kmalloc.h"

#define KMSG_RECORD_MAX 992             /* Linux's LOG_LINE_MAX: longer writes are -EINVAL */

/* Log text[0..len) as one record, each line with the writer's prefix. */
static void log_record(const char *text, uint32_t len)
{
    char prefix[TASK_NAME_LEN + 32];
    uint32_t prefix_len = 0;

    if (current->pid != 1)
        prefix_len = ksnprintf(prefix, sizeof(prefix), "kmsg: pid %d (%s): ", current->pid,
                               current->name);
    for (uint32_t pos = 0; pos < len;) {
        uint32_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        klog_write(prefix, prefix_len);
        klog_write(text + pos, end - pos);
        klog_write("\n", 1);
        pos = end + 1;
    }
}

int kmsg_write(uint32_t user_buf, uint32_t len)
{
    if (len > KMSG_RECORD_MAX)
        return -EINVAL;
    char *text = kmalloc(KMSG_RECORD_MAX);
    if (!text)
        return -ENOMEM;
    int err = copy_from_user(text, user_buf, len);
    if (!err)
        log_record(text, len);
    kfree(text);
    return err ? err : (int)len;
}

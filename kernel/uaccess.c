/* uaccess.c - see uaccess.h. */
#include "kernel/errno.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "mm/memlayout.h"

uint32_t user_copy(void *dst, const void *src, uint32_t len);
uint32_t user_fill_zero(void *dst, uint32_t len);

struct exception_entry {
    uint32_t insn, fixup;
};
extern const struct exception_entry __ex_table_start[], __ex_table_end[];

uint32_t search_exception_table(uint32_t eip)
{
    for (const struct exception_entry *e = __ex_table_start; e < __ex_table_end; e++)
        if (e->insn == eip)
            return e->fixup;
    return 0;
}

int user_range_ok(uint32_t addr, uint32_t len)
{
    return addr + len >= addr && (addr + len <= USER_END || current->uaccess_kernel);
}

int copy_from_user(void *dst, uint32_t user_src, uint32_t len)
{
    return copy_from_user_partial(dst, user_src, len) == len ? 0 : -EFAULT;
}

int copy_to_user(uint32_t user_dst, const void *src, uint32_t len)
{
    return copy_to_user_partial(user_dst, src, len) == len ? 0 : -EFAULT;
}

uint32_t copy_from_user_partial(void *dst, uint32_t user_src, uint32_t len)
{
    if (!user_range_ok(user_src, len))
        return 0;
    return len - user_copy(dst, (const void *)user_src, len);
}

uint32_t copy_to_user_partial(uint32_t user_dst, const void *src, uint32_t len)
{
    if (!user_range_ok(user_dst, len))
        return 0;
    return len - user_copy((void *)user_dst, src, len);
}

int clear_user(uint32_t user_dst, uint32_t len)
{
    if (!user_range_ok(user_dst, len))
        return -EFAULT;
    return user_fill_zero((void *)user_dst, len) ? -EFAULT : 0;
}

int strncpy_from_user(char *dst, uint32_t user_src, uint32_t size)
{
    for (uint32_t i = 0; i < size; i++) {
        if (copy_from_user(&dst[i], user_src + i, 1))
            return -EFAULT;
        if (!dst[i])
            return i;
    }
    return -ENAMETOOLONG;
}

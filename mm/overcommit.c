/*
 * overcommit.c - commit accounting: may the kernel promise more memory?
 * As Linux 6.1's __vm_enough_memory (mm/util.c there).
 */
#include "kernel/cmdline.h"
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "mm/buddy.h"
#include "mm/overcommit.h"
#include "mm/swap.h"
#include "mm/vma.h"

int overcommit_mode = OVERCOMMIT_GUESS;
uint32_t overcommit_ratio = 50;
uint32_t vm_committed_pages;
static uint32_t user_reserve_pages;     /* Linux's user_reserve_kbytes, in pages */

#define USER_RESERVE_MAX_PAGES ((128u << 20) / PAGE_SIZE)

void overcommit_init(const char *cmdline)
{
    char value[16];
    const char *end;

    user_reserve_pages = MIN(nr_free_pages() / 32, USER_RESERVE_MAX_PAGES);
    if (cmdline_get(cmdline, "overcommit", value, sizeof(value))) {
        uint32_t mode = parse_uint(value, &end, 10);
        if (end == value || *end || mode > OVERCOMMIT_NEVER)
            printk("overcommit: overcommit=%s: not 0, 1 or 2, left at 0\n", value);
        else
            overcommit_mode = (int)mode;
    }
    if (cmdline_get(cmdline, "overcommit_ratio", value, sizeof(value))) {
        uint32_t ratio = parse_uint(value, &end, 10);
        if (end == value || *end)
            printk("overcommit: overcommit_ratio=%s: not a number, left at 50\n", value);
        else
            overcommit_ratio = ratio;
    }
    if (overcommit_mode != OVERCOMMIT_GUESS || overcommit_ratio != 50)
        printk("overcommit: policy %d, ratio %u%%: CommitLimit %u kB\n", overcommit_mode,
               overcommit_ratio, vm_commit_limit() * (PAGE_SIZE / 1024));
}

uint32_t vm_commit_limit(void)
{
    uint64_t limit = (uint64_t)nr_managed_pages() * overcommit_ratio / 100 + swap_total_pages();
    return limit > UINT32_MAX ? UINT32_MAX : (uint32_t)limit;   /* a huge ratio: no limit */
}

static uint32_t mm_total_vm_pages(struct mm *mm)
{
    struct list_head *pos;
    uint32_t bytes = 0;

    list_for_each(pos, &mm->vmas) {
        struct vma *vma = container_of(pos, struct vma, list);
        bytes += vma->end - vma->start;
    }
    return bytes / PAGE_SIZE;
}

int vm_enough_memory(struct mm *mm, uint32_t pages)
{
    if (overcommit_mode == OVERCOMMIT_ALWAYS)
        goto ok;
    if (overcommit_mode == OVERCOMMIT_GUESS) {
        if (pages > nr_managed_pages() + swap_total_pages())
            return -ENOMEM;
        goto ok;
    }
    uint32_t allowed = vm_commit_limit();
    if (mm)
        allowed -= MIN(mm_total_vm_pages(mm) / 32, MIN(user_reserve_pages, allowed));
    if ((uint64_t)vm_committed_pages + pages >= allowed)
        return -ENOMEM;
ok:
    vm_committed_pages += pages;
    return 0;
}

void vm_unacct_memory(uint32_t pages)
{
    if (pages > vm_committed_pages)
        panic("vm_unacct_memory: %u pages given back, only %u committed", pages, vm_committed_pages);
    vm_committed_pages -= pages;
}

/*
 * mmap_lock.c - the mmap lock of an address space (see mm/vma.h): many
 * readers or one writer, each waiting by sleeping.  No lock is fair
 * here: a reader enters whenever no writer holds the lock, since a task
 * that holds it for reading may take it again (a system call's copy to
 * user memory faults while msync holds it).
 */
#include "kernel/printk.h"
#include "kernel/task.h"
#include "mm/vma.h"

void mmap_read_lock(struct mm *mm)
{
    if (mm->lock.writer == current)
        panic("mmap_read_lock: pid %d holds its mm's lock for writing", current->pid);
    while (mm->lock.writer)
        sleep_on(&mm->lock);
    mm->lock.readers++;
}

void mmap_read_unlock(struct mm *mm)
{
    KASSERT(mm->lock.readers > 0);
    if (--mm->lock.readers == 0)
        wakeup(&mm->lock);
}

void mmap_write_lock(struct mm *mm)
{
    if (mm->lock.writer == current)
        panic("mmap_write_lock: pid %d holds it already", current->pid);
    while (mm->lock.writer || mm->lock.readers)
        sleep_on(&mm->lock);
    mm->lock.writer = current;
}

void mmap_write_unlock(struct mm *mm)
{
    KASSERT(mm->lock.writer == current);
    mm->lock.writer = 0;
    wakeup(&mm->lock);
}

int mmap_write_locked(const struct mm *mm)
{
    return mm->lock.writer == current;
}

/*
 * mmap_lock.c - the mmap lock of an address space (see mm/vma.h): many
 * readers or one writer, each waiting by sleeping.  No lock is fair
 * here: a reader enters whenever no writer holds the lock, since a task
 * that holds it for reading may take it again (a system call's copy to
 * user memory faults while msync holds it).  The uncontended read
 * lock and unlock, a fault's, are inline in mm/vma.h.
 */
#include "kernel/printk.h"
#include "kernel/task.h"
#include "mm/vma.h"

/* Sleep until the lock changes hands (counted, so that a release with
 * nobody waiting costs no scan of the task table). */
static void lock_wait(struct mm *mm)
{
    mm->lock.waiters++;
    sleep_on(&mm->lock);
    mm->lock.waiters--;
}

void mmap_read_lock_slow(struct mm *mm)
{
    if (mm->lock.writer == current)
        panic("mmap_read_lock: pid %d holds its mm's lock for writing (a fault in a call "
              "that changes its VMAs?)", current->pid);
    while (mm->lock.writer)
        lock_wait(mm);
}

void mmap_write_lock(struct mm *mm)
{
    if (mm->lock.writer == current)
        panic("mmap_write_lock: pid %d holds it already", current->pid);
    while (mm->lock.writer || mm->lock.readers)
        lock_wait(mm);
    mm->lock.writer = current;
}

void mmap_write_unlock(struct mm *mm)
{
    KASSERT(mm->lock.writer == current);
    mm->lock.writer = 0;
    if (mm->lock.waiters)
        wakeup(&mm->lock);
}

int mmap_write_locked(const struct mm *mm)
{
    return mm->lock.writer == current;
}

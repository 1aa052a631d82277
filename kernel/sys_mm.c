/*
 * sys_mm.c - memory system calls with Linux semantics: brk, mmap2,
 * mremap, munmap, mprotect, msync, madvise.  None of them allocates a
 * frame but for page tables: they only change VMAs (and move or drop
 * pages, or send them to swap); faults fill pages in later.
 */
#include "kernel/errno.h"
#include "kernel/file.h"
#include "kernel/tmpfs.h"
#include "kernel/lib.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "mm/mlock.h"
#include "mm/mremap.h"
#include "mm/overcommit.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/vma.h"
#include "mm/vmscan.h"

#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4
#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_NORESERVE 0x4000    /* promise nothing (mm/overcommit.h) */
#define MADV_DONTNEED 4
#define MADV_PAGEOUT 21         /* reclaim the pages now (Linux 5.4) */
#define MCL_CURRENT 1           /* mlockall: lock what is mapped now */
#define MCL_FUTURE  2           /*   and what will be */
#define MCL_ONFAULT 4           /*   (with either) only once it is touched */

static unsigned prot_to_vm(uint32_t prot)
{
    return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
           (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* brk: grow or shrink the heap VMA; shrinking drops the pages.  The heap
 * is its own VMA starting at brk_start, as on Linux ([heap] in maps). */
static uint32_t do_brk(struct mm *mm, uint32_t new_brk)
{
    uint32_t old_end = PAGE_ALIGN_UP(mm->brk), new_end = PAGE_ALIGN_UP(new_brk);

    if (new_brk < mm->brk_start || new_brk > USER_END - STACK_LIMIT - STACK_GUARD_GAP)
        return mm->brk;
    if (new_end > old_end) {
        struct vma *next = vma_find_after(mm, old_end);
        if (next && next->start < new_end)
            return mm->brk;
        /* one heap VMA, [brk_start, end): grow it in place, or make it */
        struct vma *heap = old_end > mm->brk_start ? vma_find(mm, mm->brk_start) : 0;
        if (heap && heap->start == mm->brk_start && heap->end == old_end) {
            if (vma_grow_end(mm, heap, new_end))
                return mm->brk;
        } else if (vma_map(mm, old_end, new_end, VM_READ | VM_WRITE, 0, 0, 0)) {
            return mm->brk;
        }
    } else if (new_end < old_end && mm_unmap(mm, new_end, old_end)) {
        return mm->brk;   /* the split needed memory it could not get */
    }
    mm->brk = new_brk;
    return new_brk;
}

/* The calls below that change VMAs hold the mm's lock for writing, so
 * that no fault of another thread sleeps on them meanwhile (mm/vma.h). */
SYSCALL(sys_brk)
{
    UNUSED_ARGS6;
    mmap_write_lock(current->mm);
    uint32_t r = do_brk(current->mm, a1);
    mmap_write_unlock(current->mm);
    return (int)r;
}

static int do_mmap(struct mm *mm, uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags,
                   int fd, uint32_t pgoff)
{
    struct file *file = 0;

    if (!len || (addr & (PAGE_SIZE - 1)))
        return -EINVAL;
    if (len > USER_END - USER_MIN)
        return -ENOMEM;                 /* a valid length that no gap can fit */
    len = PAGE_ALIGN_UP(len);
    if (!!(flags & MAP_SHARED) == !!(flags & MAP_PRIVATE))
        return -EINVAL;
    if (!(flags & MAP_ANONYMOUS)) {
        file = (uint32_t)fd < NR_OPEN ? current->files->fd[fd] : 0;
        if (!file)
            return -EBADF;
        if (file->type != FILE_REGULAR && file->type != FILE_ZERO)
            return -ENODEV;             /* no pages to map */
        if (!file->readable)
            return -EACCES;             /* every file mapping reads the file */
        if ((flags & MAP_SHARED) && (prot & PROT_WRITE) && !file->writable)
            return -EACCES;
        if (pgoff > (0xFFFFFFFFu - len) / PAGE_SIZE)
            return -EOVERFLOW;          /* the offsets would not fit 32 bits */
    }
    if (flags & MAP_FIXED) {
        if (addr < USER_MIN || addr + len > USER_END || addr + len < addr)
            return -EINVAL;
        int err = mm_unmap(mm, addr, addr + len);
        if (err)
            return err;                 /* -ENOMEM: a split found no memory */
    } else {
        addr = mm_find_gap(mm, addr, len);
        if (!addr)
            return -ENOMEM;
    }
    /* MAP_NORESERVE counts for nothing in strict mode, as on Linux */
    int noreserve = (flags & MAP_NORESERVE) && overcommit_mode != OVERCOMMIT_NEVER;
    if (file && file->type == FILE_ZERO)
        file = 0;                       /* /dev/zero: anonymous memory, as on Linux */
    struct address_space *backing = file ? file->inode->mapping : 0;
    if (!file && (flags & MAP_SHARED)) {
        backing = shmem_create(len, !noreserve);
        if (!backing)
            return -ENOMEM;
        pgoff = 0;
    }
    unsigned vm_flags = noreserve ? VM_NORESERVE : 0;
    if (flags & MAP_SHARED)
        vm_flags |= VM_SHARED | (file && !file->writable ? VM_NOWRITE : 0);
    int err = vma_map(mm, addr, addr + len, prot_to_vm(prot), vm_flags, backing, pgoff * PAGE_SIZE);
    if (!file)
        shmem_put(backing);             /* the VMA holds its own reference now */
    if (!err && (mm->def_flags & VM_LOCKED))
        mm_lock_range(mm, addr, addr + len, MLOCK_POPULATE);   /* as on Linux, failing is no error */
    return err ? err : (int)addr;
}

SYSCALL(sys_mmap2)
{
    UNUSED_ARGS6;
    mmap_write_lock(current->mm);
    int r = do_mmap(current->mm, a1, a2, a3, a4, (int)a5, a6);
    mmap_write_unlock(current->mm);
    return r;
}

/* mremap(old_address, old_size, new_size, flags, new_address): the
 * argument checks Linux makes first, in its order; mm/mremap.c does the
 * rest.  The sizes are rounded up to pages in 32 bits, as on Linux i386
 * (a size that wraps to 0 is 0). */
SYSCALL(sys_mremap)
{
    UNUSED_ARGS6;
    uint32_t addr = a1, old_size = PAGE_ALIGN_UP(a2), new_size = PAGE_ALIGN_UP(a3), flags = a4;

    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
        return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if (flags & MREMAP_DONTUNMAP)
        return -EINVAL;                 /* not implemented (Linux 5.7 has it) */
    if ((addr & (PAGE_SIZE - 1)) || !new_size)
        return -EINVAL;
    mmap_write_lock(current->mm);
    int r = mm_remap(current->mm, addr, old_size, new_size, flags, a5);
    mmap_write_unlock(current->mm);
    return r;
}

/*
 * The page range [addr, *end) of munmap, mprotect, msync and madvise.
 * addr must be page aligned (-EINVAL).  A length that wraps when rounded
 * up to a page, or runs past the user half, is too_long: -EINVAL for
 * munmap and madvise, -ENOMEM for mprotect and msync, as on Linux.
 */
static int check_range(uint32_t addr, uint32_t len, uint32_t *end, int too_long)
{
    if (addr & (PAGE_SIZE - 1))
        return -EINVAL;
    if (len > USER_END || addr + PAGE_ALIGN_UP(len) < addr || addr + PAGE_ALIGN_UP(len) > USER_END)
        return too_long;
    *end = addr + PAGE_ALIGN_UP(len);
    return 0;
}

SYSCALL(sys_munmap)
{
    UNUSED_ARGS6;
    uint32_t end;
    int err = check_range(a1, a2, &end, -EINVAL);
    if (err || !a2)
        return err ? err : -EINVAL;
    mmap_write_lock(current->mm);
    err = mm_unmap(current->mm, a1, end);
    mmap_write_unlock(current->mm);
    return err;
}

SYSCALL(sys_mprotect)
{
    UNUSED_ARGS6;
    uint32_t end;
    int err = check_range(a1, a2, &end, -ENOMEM);
    if (err)
        return err;
    if (a1 == end)
        return 0;
    mmap_write_lock(current->mm);
    err = mm_protect(current->mm, a1, end, prot_to_vm(a3));
    mmap_write_unlock(current->mm);
    return err;
}

SYSCALL(sys_msync)
{
    UNUSED_ARGS6;
    uint32_t end;
    int err = check_range(a1, a2, &end, -ENOMEM);
    if (err)
        return err;
    mmap_read_lock(current->mm);        /* it sleeps writing pages back */
    err = mm_sync(current->mm, a1, end);
    mmap_read_unlock(current->mm);
    return err;
}

/* Does a VM_LOCKED VMA cover part of [start, end)? */
static int range_locked(struct mm *mm, uint32_t start, uint32_t end)
{
    for (struct vma *vma = vma_find_after(mm, start); vma && vma->start < end;
         vma = vma_find_after(mm, vma->end))
        if (vma->flags & VM_LOCKED)
            return 1;
    return 0;
}

SYSCALL(sys_madvise)
{
    UNUSED_ARGS6;
    uint32_t end;
    int err = check_range(a1, a2, &end, -EINVAL);
    if (err)
        return err;
    struct mm *mm = current->mm;
    if (!mm_range_mapped(mm, a1, end))
        return -ENOMEM;
    if ((a3 == MADV_DONTNEED || a3 == MADV_PAGEOUT) && range_locked(mm, a1, end))
        return -EINVAL;                 /* Linux: locked pages are not to be dropped */
    if (a3 == MADV_DONTNEED) {
        mmap_write_lock(mm);
        mm_zap_range(mm, a1, end);
        mmap_write_unlock(mm);
    } else if (a3 == MADV_PAGEOUT) {
        mmap_read_lock(mm);             /* it sleeps writing pages out */
        mm_pageout(mm, a1, end);
        mmap_read_unlock(mm);
    }
    return 0;
}

/* mlock and munlock: the range is addr rounded down to its page and len
 * up (an unaligned address is fine, unlike munmap's), as on Linux. */
static int lock_range(uint32_t addr, uint32_t len, enum mlock_how how)
{
    uint32_t start = addr & ~(PAGE_SIZE - 1);
    uint32_t end = addr + len;

    if (end < addr || PAGE_ALIGN_UP(end) < end)
        return -EINVAL;
    if (end == addr)
        return 0;
    mmap_write_lock(current->mm);
    int err = mm_lock_range(current->mm, start, PAGE_ALIGN_UP(end), how);
    mmap_write_unlock(current->mm);
    return err;
}

SYSCALL(sys_mlock)
{
    UNUSED_ARGS6;
    return lock_range(a1, a2, MLOCK_POPULATE);
}

SYSCALL(sys_munlock)
{
    UNUSED_ARGS6;
    return lock_range(a1, a2, MUNLOCK);
}

/* Lock or unlock every VMA of the caller; locking ignores a page that
 * cannot be brought in, as Linux's mlockall does. */
static void lock_all(enum mlock_how how)
{
    struct mm *mm = current->mm;
    struct vma *vma;

    mmap_write_lock(mm);
    for (uint32_t addr = 0, end; (vma = vma_find_after(mm, addr)); addr = end) {
        end = vma->end;                 /* vma may be merged away */
        mm_lock_range(mm, MAX(addr, vma->start), end, how);
    }
    mmap_write_unlock(mm);
}

SYSCALL(sys_mlockall)
{
    UNUSED_ARGS6;
    if (!a1 || (a1 & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || a1 == MCL_ONFAULT)
        return -EINVAL;
    current->mm->def_flags = a1 & MCL_FUTURE ? VM_LOCKED : 0;
    if (a1 & MCL_CURRENT)
        lock_all(a1 & MCL_ONFAULT ? MLOCK_ONFAULT : MLOCK_POPULATE);
    return 0;
}

SYSCALL(sys_munlockall)
{
    UNUSED_ARGS6;
    current->mm->def_flags = 0;
    lock_all(MUNLOCK);
    return 0;
}

#define SWAP_FLAGS_VALID 0x7FFFFu       /* priority, SWAP_FLAG_PREFER, the discard flags */

static int path_exists(const char *path)
{
    struct lookup res;

    return path_lookup(path, LOOKUP_FOLLOW, &res) >= 0;
}

/* The path argument of swapon/swapoff: 0 or -errno (-ENOENT if too long). */
static int copy_swap_path(uint32_t user_path, char path[64])
{
    int err = strncpy_from_user(path, user_path, 64);

    return err == -ENAMETOOLONG ? -ENOENT : err < 0 ? err : 0;
}

/* swapon(path, flags): the priority and discard flags are accepted and
 * have no effect (there is one area). */
SYSCALL(sys_swapon)
{
    UNUSED_ARGS6;
    char path[64];
    int err = copy_swap_path(a1, path);

    if (err)
        return err;
    if (a2 & ~SWAP_FLAGS_VALID)
        return -EINVAL;
    err = swap_on(path);
    return err == -ENOENT && path_exists(path) ? -EINVAL : err;     /* a file, but no swap area */
}

SYSCALL(sys_swapoff)
{
    UNUSED_ARGS6;
    char path[64];
    int err = copy_swap_path(a1, path);

    if (err)
        return err;
    err = swap_off(path);
    return err == -ENOENT && path_exists(path) ? -EINVAL : err;
}

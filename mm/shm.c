/*
 * shm.c - System V shared memory segments on shmem objects (see shm.h).
 *
 * The segments sit in a table of SHMMNI slots.  A segment's id is its
 * slot plus seq * IPC_ID_SEQ, as Linux makes ids: slots are handed out
 * cyclically, and seq goes up each time the slot number wraps, so that
 * a stale id of a removed segment does not name the next one in its
 * slot.  Everyone here is root (kernel/sys_info.c), so the permission
 * bits are kept and shown but never refuse anything, as for Linux's
 * CAP_IPC_OWNER.
 */
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/task.h"
#include "kernel/time.h"
#include "mm/kmalloc.h"
#include "mm/pagecache.h"
#include "mm/shm.h"
#include "mm/shmem.h"
#include "mm/vma.h"

struct shm_segment {
    int key;                            /* IPC_PRIVATE once removed */
    int name_key;                       /* the key it was made with: its name in maps */
    int id;
    uint32_t mode;                      /* permission bits, SHM_DEST and SHM_LOCKED */
    uint32_t size;                      /* bytes asked for (shm_segsz) */
    struct address_space *object;       /* its pages; the segment holds one reference */
    int cpid, lpid;                     /* creator, last to attach or detach (tgids) */
    uint32_t nattch;                    /* VMAs mapping it */
    int64_t atime, dtime, ctime;
};

static struct shm_segment *segments[SHMMNI];
static uint32_t nr_segments, nr_segment_pages, seq;
static int last_slot = -1;              /* the slot handed out last */

static struct shm_segment *segment_of_id(int id)
{
    if (id < 0)
        return 0;
    struct shm_segment *seg = segments[(uint32_t)id % IPC_ID_SEQ % SHMMNI];
    return seg && seg->id == id ? seg : 0;
}

static struct shm_segment *segment_of_key(int key)
{
    for (uint32_t i = 0; i < SHMMNI; i++)
        if (segments[i] && segments[i]->key == key)
            return segments[i];
    return 0;
}

/* A free slot, searched round the table from the one after the slot
 * handed out last; -1 if full. */
static int take_slot(void)
{
    for (uint32_t n = 1; n <= SHMMNI; n++) {
        uint32_t slot = (uint32_t)(last_slot + (int)n) % SHMMNI;
        if (segments[slot])
            continue;
        if ((int)slot <= last_slot)
            seq = (seq + 1) % (0x7FFFFFFF / IPC_ID_SEQ);
        last_slot = (int)slot;
        return (int)slot;
    }
    return -1;
}

static uint32_t size_pages(uint32_t size)
{
    return (uint32_t)(((uint64_t)size + PAGE_SIZE - 1) / PAGE_SIZE);
}

/* Linux's newseg, with its checks in its order. */
static int new_segment(int key, uint32_t size, int flags)
{
    uint32_t pages = size_pages(size);

    if (size < SHMMIN || size > SHMMAX)
        return -EINVAL;
    if (nr_segment_pages + pages < pages || nr_segment_pages + pages > SHMALL)
        return -ENOSPC;
    if (nr_segments == SHMMNI)
        return -ENOSPC;
    struct shm_segment *seg = kzalloc(sizeof(*seg));
    if (!seg)
        return -ENOMEM;
    seg->object = shmem_create(size, 1);
    if (!seg->object) {
        kfree(seg);
        return -ENOMEM;
    }
    int slot = take_slot();
    KASSERT(slot >= 0);                 /* nr_segments < SHMMNI */
    seg->key = seg->name_key = key;
    seg->id = (int)(seq * IPC_ID_SEQ) + slot;
    seg->mode = (uint32_t)flags & 0777;
    seg->size = size;
    seg->cpid = current->tgid;
    seg->ctime = time_seconds();
    shmem_set_segment(seg->object, seg);
    segments[slot] = seg;
    nr_segments++;
    nr_segment_pages += pages;
    return seg->id;
}

int shm_get(int key, uint32_t size, int flags)
{
    if (key == IPC_PRIVATE)
        return new_segment(key, size, flags);
    struct shm_segment *seg = segment_of_key(key);
    if (!seg)
        return flags & IPC_CREAT ? new_segment(key, size, flags) : -ENOENT;
    if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
        return -EEXIST;
    if (seg->size < size)
        return -EINVAL;
    return seg->id;
}

static void destroy(struct shm_segment *seg)
{
    segments[(uint32_t)seg->id % IPC_ID_SEQ % SHMMNI] = 0;
    nr_segments--;
    nr_segment_pages -= size_pages(seg->size);
    shmem_set_segment(seg->object, 0);
    shmem_put(seg->object);
    kfree(seg);
}

/* Linux's do_shmat: the address checks, then an mmap of the whole object. */
int shm_attach(int id, uint32_t addr, int flags)
{
    struct mm *mm = current->mm;

    if (id < 0)
        return -EINVAL;
    if (addr & (PAGE_SIZE - 1)) {
        if (!(flags & SHM_RND))
            return -EINVAL;
        addr = PAGE_ALIGN_DOWN(addr);   /* SHMLBA is PAGE_SIZE on i386 */
        if (!addr && (flags & SHM_REMAP))
            return -EINVAL;
    } else if (!addr && (flags & SHM_REMAP)) {
        return -EINVAL;
    }
    struct shm_segment *seg = segment_of_id(id);
    if (!seg)
        return -EINVAL;
    uint32_t len = size_pages(seg->size) * PAGE_SIZE;
    unsigned prot = VM_READ | (flags & SHM_RDONLY ? 0 : VM_WRITE) | (flags & SHM_EXEC ? VM_EXEC : 0);
    unsigned vm_flags = VM_SHARED | (flags & SHM_RDONLY ? VM_NOWRITE : 0);

    mmap_write_lock(mm);
    int err = 0;
    if (addr) {
        struct vma *next = vma_find_after(mm, addr);
        if (addr < USER_MIN || addr + len > USER_END || addr + len < addr)
            err = addr + len < addr ? -EINVAL : -ENOMEM;
        else if (next && next->start < addr + len && !(flags & SHM_REMAP))
            err = -EINVAL;
        else
            err = mm_unmap(mm, addr, addr + len);
    } else if (!(addr = mm_find_gap(mm, 0, len))) {
        err = -ENOMEM;
    }
    if (!err)
        err = vma_map(mm, addr, addr + len, prot, vm_flags, seg->object, 0);
    mmap_write_unlock(mm);
    return err ? err : (int)addr;
}

/* Linux's shmdt: the first VMA at or above addr that is a segment's and
 * maps its offset 0 at addr names the segment; then every VMA of that
 * segment inside [addr, addr + size) whose offset matches goes. */
int shm_detach(uint32_t addr)
{
    struct mm *mm = current->mm;
    int err = -EINVAL;

    if (addr & (PAGE_SIZE - 1))
        return -EINVAL;
    mmap_write_lock(mm);
    struct vma *vma = vma_find_after(mm, addr);
    struct shm_segment *seg = 0;
    for (; vma && !seg; vma = vma_find_after(mm, vma->end))
        if (shmem_segment(vma->mapping) && vma->file_offset == vma->start - addr)
            seg = shmem_segment(vma->mapping);
    uint32_t end = seg ? addr + size_pages(seg->size) * PAGE_SIZE : addr;
    for (vma = vma_find_after(mm, addr); seg && vma && vma->start < end;) {
        uint32_t next = vma->end;
        if (shmem_segment(vma->mapping) == seg && vma->file_offset == vma->start - addr)
            err = mm_unmap(mm, vma->start, vma->end);
        vma = vma_find_after(mm, next);
    }
    mmap_write_unlock(mm);
    return err;
}

void shm_vma_opened(struct vma *vma)
{
    struct shm_segment *seg = shmem_segment(vma->mapping);

    if (!seg)
        return;
    seg->atime = time_seconds();
    seg->lpid = current->tgid;
    seg->nattch++;
}

void shm_vma_closed(struct vma *vma)
{
    struct shm_segment *seg = shmem_segment(vma->mapping);

    if (!seg)
        return;
    if (!seg->nattch)
        panic("shm_vma_closed: segment %d has no attachment left to close", seg->id);
    seg->dtime = time_seconds();
    seg->lpid = current->tgid;
    if (!--seg->nattch && (seg->mode & SHM_DEST))
        destroy(seg);
}

int shm_vma_id(const struct vma *vma)
{
    struct shm_segment *seg = shmem_segment(vma->mapping);

    return seg ? seg->id : -1;
}

void shm_vma_name(const struct vma *vma, char *buf, uint32_t size)
{
    ksnprintf(buf, size, "/SYSV%08x (deleted)", (uint32_t)shmem_segment(vma->mapping)->name_key);
}

int shm_vma_mergeable(const struct vma *vma)
{
    return !shmem_segment(vma->mapping);
}

int shm_view(int id, int by_index, struct shm_info_view *v)
{
    struct shm_segment *seg = by_index ? (id >= 0 && id < (int)SHMMNI ? segments[id] : 0)
                                       : segment_of_id(id);
    if (!seg)
        return -EINVAL;
    uint32_t resident = seg->object->nr_pages;
    *v = (struct shm_info_view){
        .key = seg->key, .id = seg->id, .mode = seg->mode, .size = seg->size,
        .cpid = seg->cpid, .lpid = seg->lpid, .nattch = seg->nattch,
        .atime = seg->atime, .dtime = seg->dtime, .ctime = seg->ctime,
        .rss_pages = resident, .swap_pages = shmem_nr_held_pages(seg->object) - resident,
    };
    return 0;
}

int shm_set_mode(int id, uint32_t mode)
{
    struct shm_segment *seg = segment_of_id(id);

    if (!seg)
        return -EINVAL;
    seg->mode = (seg->mode & ~0777u) | (mode & 0777);
    seg->ctime = time_seconds();
    return 0;
}

int shm_remove(int id)
{
    struct shm_segment *seg = segment_of_id(id);

    if (!seg)
        return -EINVAL;
    seg->mode |= SHM_DEST;
    seg->key = IPC_PRIVATE;             /* no shmget finds it again */
    seg->ctime = time_seconds();
    if (!seg->nattch)
        destroy(seg);
    return 0;
}

int shm_set_locked(int id, int locked)
{
    struct shm_segment *seg = segment_of_id(id);

    if (!seg)
        return -EINVAL;
    seg->mode = locked ? seg->mode | SHM_LOCKED : seg->mode & ~SHM_LOCKED;
    return 0;
}

int shm_pages_locked(const struct address_space *as)
{
    const struct shm_segment *seg = shmem_segment(as);
    return seg && (seg->mode & SHM_LOCKED);
}

int shm_max_index(void)
{
    for (int i = SHMMNI - 1; i >= 0; i--)
        if (segments[i])
            return i;
    return -1;
}

void shm_totals(uint32_t *nr, uint32_t *pages, uint32_t *rss, uint32_t *swap)
{
    struct shm_info_view v;

    *nr = nr_segments;
    *pages = nr_segment_pages;
    *rss = *swap = 0;
    for (int i = 0; i < (int)SHMMNI; i++) {
        if (shm_view(i, 1, &v))
            continue;
        *rss += v.rss_pages;
        *swap += v.swap_pages;
    }
}

/*
 * shm.h - System V shared memory segments (shmget, shmat, shmdt, shmctl).
 *
 * A segment is a shmem object (mm/shmem.h) with a key, an id, owners,
 * permissions and times.  Its pages live in the page cache and go to
 * swap like any shared anonymous memory, unless the segment is
 * SHM_LOCK'ed (its pages still count in the userframes= budget).  An attachment is a shared VMA
 * mapping the object from offset 0; shm_nattch counts the VMAs that map
 * it, as Linux counts them: fork's copy and a VMA split add one, an
 * unmap, exit or exec takes one away (vma.c calls shm_vma_opened and
 * shm_vma_closed).  IPC_RMID hides the key and marks the segment
 * SHM_DEST; it is destroyed when it is marked and its last VMA goes.
 *
 * Who changes a segment: the task in one of the calls below, or the task
 * whose VMA opens or closes.  The kernel is not preempted and none of
 * these paths sleeps while a segment is half changed, so they need no
 * lock beyond the caller's mmap write lock for the VMAs themselves.
 */
#ifndef MM_SHM_H
#define MM_SHM_H

#include <stdint.h>

struct address_space;
struct vma;

/* Linux's limits and flags (include/uapi/linux/shm.h, ipc.h) */
#define SHMMIN      1u
#define SHMMAX      0xFEFFFFFFu         /* ULONG_MAX - 2^24 on i386 */
#define SHMALL      0xFEFFFFFFu         /* pages */
#define SHMMNI      4096u
#define SHMSEG      SHMMNI
#define IPC_ID_SEQ  32768               /* Linux's IPCMNI: an id is slot + seq * this */
#define IPC_PRIVATE 0
#define IPC_CREAT   01000
#define IPC_EXCL    02000
#define SHM_RDONLY  010000
#define SHM_RND     020000
#define SHM_REMAP   040000
#define SHM_EXEC    0100000
#define SHM_DEST    01000               /* in shm_perm.mode: removed, still attached */
#define SHM_LOCKED  02000               /* in shm_perm.mode: SHM_LOCK'ed, never swapped */

int shm_get(int key, uint32_t size, int flags);
/* Attach segment id at addr (0: anywhere); the address, or -errno. */
int shm_attach(int id, uint32_t addr, int flags);
int shm_detach(uint32_t addr);

/* What IPC_STAT and /proc/sysvipc/shm show of a segment. */
struct shm_info_view {
    int key, id;
    uint32_t mode, size;
    int cpid, lpid;
    uint32_t nattch;
    int64_t atime, dtime, ctime;
    uint32_t rss_pages, swap_pages;
};
/* The segment with this id (or, by_index, in table slot id): 0 and its
 * view, or -EINVAL. */
int shm_view(int id, int by_index, struct shm_info_view *view);
/* IPC_SET: new permission bits; IPC_RMID.  0 or -EINVAL. */
int shm_set_mode(int id, uint32_t mode);
int shm_remove(int id);
/* SHM_LOCK (locked 1) and SHM_UNLOCK: while a segment is locked, reclaim
 * leaves its pages in memory; pages already in swap stay there until a
 * fault brings them in, as on Linux.  0 or -EINVAL. */
int shm_set_locked(int id, int locked);
/* Whether as is the object of a SHM_LOCK'ed segment (reclaim asks). */
int shm_pages_locked(const struct address_space *as);
/* The highest table slot in use (-1: none), segments and their pages. */
int shm_max_index(void);
void shm_totals(uint32_t *segments, uint32_t *pages, uint32_t *rss, uint32_t *swap);

/* A VMA of a segment's object was made (shmat, fork, split) or freed. */
void shm_vma_opened(struct vma *vma);
void shm_vma_closed(struct vma *vma);
/* The id of the segment a VMA maps (its inode number in maps), or -1
 * for any other VMA; and a segment VMA's name in maps, "/SYSV<key>
 * (deleted)" with the key it was made with. */
int shm_vma_id(const struct vma *vma);
void shm_vma_name(const struct vma *vma, char *buf, uint32_t size);
/* 0 for a segment's VMA, which is never merged with a neighbour (each
 * VMA is one attachment in shm_nattch, as on Linux). */
int shm_vma_mergeable(const struct vma *vma);

#endif

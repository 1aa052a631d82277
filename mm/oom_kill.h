/*
 * oom_kill.h - the out-of-memory killer: when an allocation for user
 * memory finds no frame and reclaim can free none (nothing left to drop
 * or swap out, or swap full), kill the process whose death frees the
 * most, as Linux 6.1 picks it (mm/oom_kill.c there), and let the
 * allocation try again once the victim's memory is gone.
 *
 * Badness, in pages: resident pages + swap entries + page-table pages,
 * plus oom_score_adj x (RAM + swap pages) / 1000.  init, kernel threads,
 * a task with no address space and one whose oom_score_adj is -1000 are
 * never chosen.  That protects a task from being chosen for another's
 * allocation, not from dying of its own: when no process can be chosen,
 * the allocating task dies (Linux would panic), whatever its adj; only
 * init waits and retries.
 *
 * Who changes what: oom_score_adj belongs to its task (write() to
 * /proc/PID/oom_score_adj, or fork copying the parent's); the pending
 * victim (victim_pid in oom_kill.c) is set here only, and one victim at
 * a time is pending, until the last of its threads drops its mm
 * (task_drop_resources calls oom_victim_gone()).
 */
#ifndef MM_OOM_KILL_H
#define MM_OOM_KILL_H

#include <stdint.h>

struct task;

#define OOM_SCORE_ADJ_MIN (-1000)       /* never chosen */
#define OOM_SCORE_ADJ_MAX 1000          /* chosen first */

/* What failed, for the report's gfp_mask: Linux's flags for the same
 * allocation (an anonymous page, or a page-cache page for read/write). */
enum oom_alloc { OOM_ANON_PAGE, OOM_PAGECACHE_PAGE };

/*
 * A user-page allocation found no frame: reclaim, and if nothing could
 * be freed, wait for I/O in flight or call the OOM killer.  Returns 1
 * when the caller should try again (it may have slept), 0 when it must
 * fail because current is to die (the OOM killer chose it, or it was
 * already killed), or because the victim shares current's address
 * space and may wait for the mmap lock the caller holds (a fault then
 * returns and the access faults again).
 */
int reclaim_or_oom(enum oom_alloc what);

/* Linux's badness of t over totalpages (RAM + swap), or OOM_UNKILLABLE;
 * a long, as on i386 Linux, so the same sums overflow alike (they do not
 * below 2 GiB of RAM and swap). */
#define OOM_UNKILLABLE (-2147483647L - 1)     /* LONG_MIN on i386 */
long oom_badness(struct task *t, uint32_t totalpages);
/* /proc/PID/oom_score: badness on Linux's scale of 0 (never chosen) to
 * 2000, where 666 is a process with no memory and adj 0. */
uint32_t oom_score(struct task *t);
/* t has dropped its mm: if it was the victim's last thread to hold one,
 * the victim is gone; wake the allocations that wait for it. */
void oom_victim_gone(struct task *t);

extern uint32_t oom_kill_count;         /* /proc/vmstat oom_kill */

#endif

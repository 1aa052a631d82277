/*
 * mlock_basic.c - mlock, munlock, mlockall and munlockall as on Linux:
 * the range rounds out to whole pages, a hole gives ENOMEM (the part
 * before it stays locked), bad mlockall flags give EINVAL, VmLck in
 * /proc/self/status and Locked in smaps show what is locked, MCL_FUTURE
 * locks (and brings in) later mappings, madvise cannot drop or page out
 * locked pages, and a child inherits no locks.  (uprintf evaluates its
 * arguments right to left: calls whose order matters come first.)
 */
#include "lib/vmtest.h"

static unsigned vm_lck(void)
{
    return proc_kb("/proc/self/status", 0, "VmLck");
}

/* Shared anonymous memory: an area of its own, which no neighbour's
 * merges with, on Linux as here. */
static char *map_shared(unsigned pages)
{
    return (char *)mmap2(0, pages * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
}

int main(void)
{
    char *p = map_anon(4);
    for (int i = 0; i < 4; i++)
        p[i * PAGE] = 1;

    int r_lock = mlock(p + 100, 2 * PAGE);
    uprintf(1, "mlock(p + 100, 2 pages): %d\n", r_lock);
    uprintf(1, "  VmLck %u kB, smaps Locked %u kB, next area Locked %u kB\n", vm_lck(),
            proc_kb("/proc/self/smaps", (unsigned)p, "Locked"),
            proc_kb("/proc/self/smaps", (unsigned)p + 3 * PAGE, "Locked"));
    uprintf(1, "madvise(MADV_PAGEOUT) of a locked page: %d, MADV_DONTNEED: %d, unlocked page: %d\n",
            madvise(p, PAGE, MADV_PAGEOUT), madvise(p, PAGE, MADV_DONTNEED),
            madvise(p + 3 * PAGE, PAGE, MADV_PAGEOUT));
    uprintf(1, "  locked data intact: %s\n", yes(p[0] == 1 && p[PAGE] == 1 && p[2 * PAGE] == 1));
    int r_munlock = munlock(p, 4 * PAGE);
    uprintf(1, "munlock(p, 4 pages): %d, VmLck %u kB\n", r_munlock, vm_lck());
    uprintf(1, "mlock(p, 0): %d\n", mlock(p, 0));

    munmap(p + PAGE, PAGE);
    int r_hole = mlock(p, 3 * PAGE);
    uprintf(1, "mlock over a hole: %d, VmLck %u kB (the page before it)\n", r_hole, vm_lck());
    munlock(p, PAGE);

    uprintf(1, "mlockall(0): %d, mlockall(MCL_ONFAULT): %d, mlockall(8): %d\n", mlockall(0),
            mlockall(MCL_ONFAULT), mlockall(8));
    uprintf(1, "mlockall(MCL_CURRENT | MCL_FUTURE): %d\n", mlockall(MCL_CURRENT | MCL_FUTURE));
    char *q = map_shared(2);
    uprintf(1, "  a new mapping: Rss %u kB, Locked %u kB\n", proc_kb("/proc/self/smaps", (unsigned)q, "Rss"),
            proc_kb("/proc/self/smaps", (unsigned)q, "Locked"));
    int pid = fork();
    if (pid == 0) {
        uprintf(1, "  child: VmLck %u kB\n", vm_lck());
        exit(0);
    }
    int status;
    waitpid_retry(pid, &status);
    uprintf(1, "  parent has some locked: %s\n", yes(vm_lck() > 0));
    int r_unlock = munlockall();
    uprintf(1, "munlockall(): %d, VmLck %u kB\n", r_unlock, vm_lck());
    char *r = map_shared(2);
    uprintf(1, "  a new mapping after munlockall: Rss %u kB\n", proc_kb("/proc/self/smaps", (unsigned)r, "Rss"));
    return 0;
}

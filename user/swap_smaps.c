/*
 * swap_smaps.c - what /proc/self/smaps and /proc/self/status say about
 * pages in swap.  The program writes a private region (1 MiB) and a
 * shared anonymous one (512 KiB), then writes and drops a region twice
 * its test's RAM (swap_smaps.mem, .swap), which pushes them out.  The
 * kernel cannot promise which pages went, so the checks are the sums it
 * can promise:
 *
 *   - every written page is in memory or in swap: Rss + Swap = Size;
 *   - a slot held by one PTE counts whole in SwapPss, by two PTEs (after
 *     fork) half; shared anonymous memory has no SwapPss (as on Linux);
 *   - VmSwap is the Swap of every area but the shared anonymous one
 *     (Linux counts the PTEs' swap entries there, not the object's);
 *   - after swapoff nothing is in swap: every Swap, SwapPss and VmSwap 0,
 *     and both regions read back intact, the shared one too, whose pages
 *     in swap no PTE held (swapoff asks its object for them).
 *
 * On Linux, with RAM to spare, nothing is swapped
 * (swap_smaps.linux-differs).
 */
#include "lib/vmtest.h"

#define PRIVATE_PAGES 256
#define SHARED_PAGES  128
#define SWEEP         (32u << 20)

/* The figures of one smaps area, in kB. */
struct area {
    unsigned size, rss, swap, swap_pss;
};

/* One look at smaps and status, taken together. */
struct snapshot {
    struct area private, shared;        /* the two regions */
    unsigned swap_all, swap_pss_all;    /* the sums over every area */
    unsigned swap_unshared;             /* Swap of every area but the shared one */
    unsigned vm_swap;                   /* status */
};

static char *private_region, *shared_region;
static char smaps_buf[16384], status_buf[2048];

static int swapoff(const char *path) { return syscall1(SYS_swapoff, (long)path); }

/* Adds one finished area to the snapshot's sums and regions. */
static void add_area(struct snapshot *s, unsigned start, const struct area *a)
{
    s->swap_all += a->swap;
    s->swap_pss_all += a->swap_pss;
    if (start == (unsigned)shared_region)
        s->shared = *a;
    else
        s->swap_unshared += a->swap;
    if (start == (unsigned)private_region)
        s->private = *a;
}

/* Opens smaps and status one right after the other (each text is made
 * at open), after a warm-up so that nothing between the two opens
 * faults a page back from swap; then reads and sums them. */
static void snapshot(struct snapshot *s)
{
    struct area a;
    unsigned start = 0;

    touch_image(1);
    warm_stack();
    int smaps = open("/proc/self/smaps", O_RDONLY, 0);
    int status = open("/proc/self/status", O_RDONLY, 0);
    read_all(smaps, smaps_buf, sizeof(smaps_buf));
    read_all(status, status_buf, sizeof(status_buf));
    memset(s, 0, sizeof(*s));
    for (const char *line = smaps_buf; *line;) {
        unsigned next = proc_area_start(line);
        if (next) {
            if (start)
                add_area(s, start, &a);
            start = next;
            memset(&a, 0, sizeof(a));
        }
        proc_field(line, "Size", &a.size);
        proc_field(line, "Rss", &a.rss);
        proc_field(line, "Swap", &a.swap);
        proc_field(line, "SwapPss", &a.swap_pss);
        const char *end = strchr(line, '\n');
        line = end ? end + 1 : line + strlen(line);
    }
    if (start)
        add_area(s, start, &a);
    for (const char *line = status_buf; *line;) {
        proc_field(line, "VmSwap", &s->vm_swap);
        const char *end = strchr(line, '\n');
        line = end ? end + 1 : line + strlen(line);
    }
}

/* Writes every page of a region, so each one is in memory or in swap. */
static void fill(char *region, unsigned pages)
{
    for (unsigned i = 0; i < pages; i++)
        region[i * PAGE] = (char)(i + 1);
}

/* Pages of a region that lost what fill wrote. */
static unsigned wrong_pages(const char *region, unsigned pages)
{
    unsigned wrong = 0;

    for (unsigned i = 0; i < pages; i++)
        wrong += region[i * PAGE] != (char)(i + 1);
    return wrong;
}

static void report_after_fork(const char *who)
{
    struct snapshot s;

    snapshot(&s);
    uprintf(1, "after fork, %s: private SwapPss = Swap / 2: %s, shared SwapPss 0: %s, "
            "VmSwap = Swap but shared: %s\n", who,
            yes(s.private.swap_pss * 2 == s.private.swap), yes(s.shared.swap_pss == 0),
            yes(s.vm_swap == s.swap_unshared));
}

int main(void)
{
    struct snapshot s;
    int to_child[2];

    private_region = map_anon(PRIVATE_PAGES);
    long p = mmap2(NULL, SHARED_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    shared_region = MAP_FAILED(p) ? NULL : (char *)p;
    if (!private_region || !shared_region) {
        uprintf(1, "mmap failed\n");
        return 1;
    }
    fill(private_region, PRIVATE_PAGES);
    fill(shared_region, SHARED_PAGES);
    char *sweep = map_anon(SWEEP / PAGE);
    for (unsigned i = 0; sweep && i < SWEEP; i += PAGE)
        sweep[i] = 1;
    munmap(sweep, SWEEP);

    snapshot(&s);
    uprintf(1, "private region: Size %u kB, in swap: %s, Rss + Swap = Size: %s, SwapPss = Swap: %s\n",
            s.private.size, yes(s.private.swap > 0), yes(s.private.rss + s.private.swap == s.private.size),
            yes(s.private.swap_pss == s.private.swap));
    uprintf(1, "shared region: Size %u kB, in swap: %s, Rss + Swap = Size: %s, SwapPss %u kB\n",
            s.shared.size, yes(s.shared.swap > 0), yes(s.shared.rss + s.shared.swap == s.shared.size),
            s.shared.swap_pss);
    uprintf(1, "status: VmSwap = the Swap of every area but the shared one: %s\n",
            yes(s.vm_swap == s.swap_unshared));

    pipe(to_child);
    int pid = fork();
    if (pid == 0) {
        wait_for(to_child[0]);
        report_after_fork("child");
        exit(0);
    }
    report_after_fork("parent");
    signal_other(to_child[1]);
    report_end("child", pid);
    snapshot(&s);
    uprintf(1, "child gone: private SwapPss = Swap: %s\n", yes(s.private.swap_pss == s.private.swap));

    uprintf(1, "before swapoff: shared region in swap: %s\n", yes(s.shared.swap > 0));
    uprintf(1, "swapoff: %d\n", swapoff("/dev/hda"));
    snapshot(&s);
    uprintf(1, "after swapoff: Swap %u kB, SwapPss %u kB, VmSwap %u kB, private Rss = Size: %s\n",
            s.swap_all, s.swap_pss_all, s.vm_swap, yes(s.private.rss == s.private.size));
    uprintf(1, "private pages wrong: %u\n", wrong_pages(private_region, PRIVATE_PAGES));
    uprintf(1, "shared pages wrong: %u\n", wrong_pages(shared_region, SHARED_PAGES));
    return 0;
}

/*
 * bench_swap.c - what swapping costs (raw; `make bench` runs it under
 * tests/run --icount --mem 16M --swap 64M, after bench.c).
 *
 * A task that waits for the disk sleeps, and under -icount with
 * sleep=off QEMU moves its clock forward while the CPU idles, so a
 * plain rdtsc delta around a swap-in would count that jump.  These
 * figures are busy cycles instead: the first field of
 * /proc/self/schedstat, the cycles this task has been on the CPU, which
 * under -icount are the instructions it ran, user and kernel.  Reading
 * that file costs the same every time, so each figure subtracts one
 * read (busy_read_cost).  The figures, one line each as in bench.c
 * ("name ops total_cycles cycles_per_op"):
 *
 *   swap_write_sweep   writing a region twice the RAM, per page: the
 *                      zero-fill fault and, once memory is full, the
 *                      reclaim that swaps older pages out to make room
 *   swap_reread_sweep  reading that region again in order, per page:
 *                      each page that went out comes back by a major
 *                      fault, and others go out to make room for it
 *   swap_in_fault      one major fault from swap, with free frames (no
 *                      reclaim): the read of one page from the disk
 *   swap_cache_hit     a minor fault on a page another process has just
 *                      read back: found in the swap cache and mapped
 *
 * How exactly they repeat: the kernel charges no task for the time in
 * interrupt handlers, but the entry and exit path of an interrupt, about
 * 80 instructions, stays on whoever it landed on.  Where a timer tick
 * lands depends on how long QEMU took to finish each disk request on the
 * host, so a total can differ between runs by some hundreds of
 * instructions, and a per-op figure by one or two.
 *
 * Then the Linux 6.1 figures of our issue, measured the same way (busy
 * instructions under -icount, a swap partition on the same QEMU IDE
 * disk), and ours / Linux.  Linux reads 8 pages ahead on a swap-in; its
 * re-read figure is per page with that readahead.
 */
#include "lib/vmtest.h"

#define SWEEP_PAGES 8192u               /* 32 MiB: twice the RAM of the run */
#define SHARED_PAGES 256u               /* what parent and child both swap in */

/* The shared record: the child's figure, for the parent to print. */
struct record {
    unsigned long long hit_cycles;
    unsigned hits, misses;
};
static volatile struct record *rec;

static unsigned long long parse_ull(const char *p)
{
    unsigned long long v = 0;

    while (*p >= '0' && *p <= '9')
        v = v * 10 + (unsigned)(*p++ - '0');
    return v;
}

/* This task's busy cycles so far (/proc/self/schedstat, first field). */
static unsigned long long busy(void)
{
    char text[64];
    int fd = open("/proc/self/schedstat", O_RDONLY, 0);
    int n = fd < 0 ? fd : read(fd, text, sizeof(text) - 1);

    if (n <= 0)
        exit_group(97);
    close(fd);
    text[n] = 0;
    return parse_ull(text);
}

static unsigned long long busy_read_cost;

/* Busy cycles of one access to the page at p (read, or write), net of
 * the reads of schedstat around it; *maj and *min get its faults. */
static unsigned long long timed_access(volatile char *p, int write, long *maj, long *min)
{
    long maj0 = ru_majflt(), min0 = ru_minflt();
    unsigned long long t0 = busy();

    if (write)
        *p = 1;
    else
        (void)*p;
    unsigned long long t1 = busy();
    *maj = ru_majflt() - maj0;
    *min = ru_minflt() - min0;
    return t1 - t0 - busy_read_cost;
}

/* Busy cycles of one pass over n pages, one byte each. */
static unsigned long long timed_pass(char *p, unsigned n, int write)
{
    unsigned long long t0 = busy();

    for (unsigned i = 0; i < n; i++) {
        if (write)
            ((volatile char *)p)[i * PAGE] = (char)i;
        else if (((volatile char *)p)[i * PAGE] != (char)i)
            exit_group(96);             /* a page came back wrong */
    }
    return busy() - t0 - busy_read_cost;
}

static unsigned figure(const char *name, unsigned ops, unsigned long long total)
{
    unsigned per = ops ? (unsigned)(total / ops) : 0;

    uprintf(1, "%s %u %u %u\n", name, ops, (unsigned)total, per);
    return per;
}

static void print_ratio(const char *name, unsigned linux_cycles, unsigned ours)
{
    unsigned r = (unsigned)((ours * 100ULL + linux_cycles / 2) / linux_cycles);

    uprintf(1, "%s %u %u %u.%u%u\n", name, linux_cycles, ours, r / 100, r / 10 % 10, r % 10);
}

/* The child: once the parent has read the shared pages back, each of
 * its own reads finds the page in the swap cache. */
static void child_reads(char *shared, int from_parent, int to_parent)
{
    unsigned long long total = 0;
    long maj, min;

    wait_for(from_parent);
    touch_image(0);
    warm_stack();
    busy();
    for (unsigned i = 0; i < SHARED_PAGES; i++) {
        unsigned long long t = timed_access(shared + i * PAGE, 0, &maj, &min);
        if (maj == 0 && min == 1) {
            total += t;
            rec->hits++;
        } else {
            rec->misses++;
        }
    }
    rec->hit_cycles = total;
    signal_other(to_parent);
    exit(0);
}

int main(void)
{
    int to_child[2], to_parent[2], status;
    long maj, min;

    msleep(20);                         /* let init settle into wait4 */
    rec = (struct record *)mmap2(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *shared = map_anon(SHARED_PAGES);
    char *sweep = map_anon(SWEEP_PAGES);
    if (MAP_FAILED(rec) || !shared || !sweep || pipe(to_child) || pipe(to_parent)) {
        uprintf(1, "bench_swap: cannot set up\n");
        return 1;
    }
    rec->hits = 0;
    touch_image(1);
    warm_stack();
    unsigned long long t0 = busy();
    busy_read_cost = busy() - t0;
    for (unsigned i = 0; i < SHARED_PAGES; i++)
        shared[i * PAGE] = 1;
    int pid = fork();
    if (pid == 0)
        child_reads(shared, to_child[0], to_parent[1]);
    touch_image(1);
    warm_stack();
    uprintf(1, "# name ops total_cycles cycles_per_op (busy cycles: /proc/self/schedstat)\n");

    /* twice the RAM, written and read back: the shared pages go out too */
    struct vmstat before, after;
    vmstat_read(&before);
    unsigned write_sweep = figure("swap_write_sweep", SWEEP_PAGES, timed_pass(sweep, SWEEP_PAGES, 1));
    unsigned reread = figure("swap_reread_sweep", SWEEP_PAGES, timed_pass(sweep, SWEEP_PAGES, 0));
    vmstat_read(&after);
    uprintf(1, "# the sweeps: %u pages out, %u in\n", (unsigned)(after.v[VS_PSWPOUT] - before.v[VS_PSWPOUT]),
            (unsigned)(after.v[VS_PSWPIN] - before.v[VS_PSWPIN]));
    munmap(sweep, SWEEP_PAGES * PAGE);

    /* the shared pages, read back from the disk one major fault each */
    unsigned long long in_total = 0;
    unsigned majors = 0;
    for (unsigned i = 0; i < SHARED_PAGES; i++) {
        unsigned long long t = timed_access(shared + i * PAGE, 0, &maj, &min);
        if (maj == 1) {
            in_total += t;
            majors++;
        }
    }
    unsigned swap_in = figure("swap_in_fault", majors, in_total);

    /* and the child's reads of the same pages: swap-cache hits */
    signal_other(to_child[1]);
    wait_for(to_parent[0]);
    waitpid_retry(pid, &status);
    figure("swap_cache_hit", rec->hits, rec->hit_cycles);
    if (majors != SHARED_PAGES || rec->misses || status)
        uprintf(1, "# %u of %u shared pages came from swap; the child missed the cache %u times; status 0x%x\n",
                majors, SHARED_PAGES, rec->misses, status);

    uprintf(1, "# Linux 6.1 (our issue; busy instructions under -icount): name linux ours ours/linux\n");
    print_ratio("swap_write_sweep", 12000, write_sweep);
    print_ratio("swap_reread_sweep", 25000, reread);
    print_ratio("swap_in_fault", 58000, swap_in);
    return 0;
}

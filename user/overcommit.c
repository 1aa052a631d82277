/*
 * overcommit.c - commit accounting and the overcommit policies (raw;
 * .linux-differs: the figures depend on the RAM and swap, and the
 * policy is the whole system's).
 *
 *   overcommit strict     (boot with overcommit=2) CommitLimit is RAM x
 *                         ratio / 100 + swap; private writable mappings,
 *                         the heap and shared anonymous memory raise
 *                         Committed_AS by their size, read-only ones do
 *                         not; an mmap one page past the limit fails with
 *                         ENOMEM and changes nothing; so do brk, fork and
 *                         mprotect that would pass it, and a stack that
 *                         would grow past it dies of SIGSEGV; swapoff
 *                         fails with ENOMEM while the promises need the
 *                         swap.
 *   overcommit heuristic  (the default) one request larger than RAM +
 *                         swap fails, many smaller ones succeed; writable
 *                         private memory is counted, MAP_NORESERVE is not
 *                         (nor in mode 1, in sysctl).
 *   overcommit sysctl     /proc/sys/vm/overcommit_memory and
 *                         overcommit_ratio, read and written.
 */
#include "lib/vmtest.h"

#define MAP_NORESERVE 0x4000

static int committed_kb(void)
{
    return (int)proc_kb("/proc/meminfo", 0, "Committed_AS");
}

static unsigned limit_pages(void)
{
    return proc_kb("/proc/meminfo", 0, "CommitLimit") / 4;
}

/* RAM + swap, in pages. */
static unsigned total_pages(void)
{
    return proc_kb("/proc/meminfo", 0, "MemTotal") / 4 + proc_kb("/proc/meminfo", 0, "SwapTotal") / 4;
}

static long map(unsigned pages, int prot, int flags)
{
    return mmap2(0, pages * PAGE, prot, flags, -1, 0);
}

static long map_private(unsigned pages)
{
    return map(pages, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
}

static const char *result(long r)
{
    return r == -ENOMEM ? "ENOMEM" : r == -EINVAL ? "EINVAL" : MAP_FAILED(r) ? "other error" : "ok";
}

/* Maps 100 pages with prot and flags (and keeps them): how Committed_AS
 * moved, in kB. */
static void committed_by(const char *what, int prot, int flags)
{
    int before = committed_kb();
    long r = map(100, prot, flags);
    uprintf(1, "100 pages %s: %s, Committed_AS up %d kB\n", what, result(r), committed_kb() - before);
}

/* The pages one more private writable mapping may have in strict mode:
 * Committed_AS must stay below CommitLimit less a reserve of
 * total_vm / 32 pages for this process (Linux's user reserve). */
static unsigned room_pages(void)
{
    unsigned reserve = proc_kb("/proc/self/status", 0, "VmSize") / 4 / 32;
    return limit_pages() - reserve - (unsigned)committed_kb() / 4 - 1;
}

/* Touches 64 KiB of stack, so that the stack does not grow (and count)
 * in the middle of a measurement. */
static void __attribute__((noinline)) deepen_stack(void)
{
    volatile char below[65536];

    for (unsigned i = 0; i < sizeof(below); i += PAGE)
        below[i] = 0;
}

static unsigned __attribute__((noinline)) recurse(unsigned depth)
{
    volatile char frame[PAGE - 64];

    frame[0] = (char)depth;
    return depth ? recurse(depth - 1) + frame[0] : 0;
}

static void nothing(void *arg)
{
    (void)arg;
}

/* In a child: promise all that may be promised, then grow the stack. */
static void stack_past_limit(void *arg)
{
    (void)arg;
    if (MAP_FAILED(map_private(room_pages())))
        exit(3);
    recurse(64);
}

static void maps_text(char *buf, unsigned size)
{
    read_all(open("/proc/self/maps", O_RDONLY, 0), buf, size);
}

static void strict(void)
{
    static char maps_before[8192], maps_after[8192];
    unsigned ram = proc_kb("/proc/meminfo", 0, "MemTotal") / 4;
    char buf[24];

    deepen_stack();
    uprintf(1, "overcommit_memory %d, overcommit_ratio %d\n", proc_number("/proc/sys/vm/overcommit_memory"),
            proc_number("/proc/sys/vm/overcommit_ratio"));
    uprintf(1, "CommitLimit = MemTotal x 50 / 100 + SwapTotal: %s\n",
            yes(limit_pages() == ram * 50 / 100 + (total_pages() - ram)));
    int start = committed_kb();
    committed_by("private writable", PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    committed_by("private read-only", PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
    committed_by("shared anonymous", PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS);
    committed_by("private writable MAP_NORESERVE (ignored when strict)",
                 PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE);
    long ro = map(100, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
    long ro_later = map(10, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS);
    int before = committed_kb();
    long err = mprotect((void *)ro, 100 * PAGE, PROT_READ | PROT_WRITE);
    uprintf(1, "mprotect 100 read-only pages writable: %s, Committed_AS up %d kB\n", result(err),
            committed_kb() - before);
    unsigned long old_brk = brk(0);
    before = committed_kb();
    brk(old_brk + 100 * PAGE);
    uprintf(1, "brk 100 pages up: Committed_AS up %d kB\n", committed_kb() - before);
    brk(old_brk);
    uprintf(1, "brk back: Committed_AS up %d kB\n", committed_kb() - before);

    unsigned room = room_pages();
    before = committed_kb();
    maps_text(maps_before, sizeof(maps_before));
    long r = map_private(room + 1);
    maps_text(maps_after, sizeof(maps_after));
    uprintf(1, "one page past the limit: %s, Committed_AS up %d kB, maps unchanged: %s\n", result(r),
            committed_kb() - before, yes(!strcmp(maps_before, maps_after)));
    r = map_private(room);
    uprintf(1, "up to the limit: %s, Committed_AS up by exactly that: %s\n", result(r),
            yes(committed_kb() - before == (int)room * 4));
    uprintf(1, "then one page more: %s\n", result(map_private(1)));
    uprintf(1, "then brk one page up: %s\n", brk(old_brk + PAGE) == old_brk ? "refused" : "taken");
    uprintf(1, "then mprotect 10 read-only pages writable: %s\n",
            result(mprotect((void *)ro_later, 10 * PAGE, PROT_READ | PROT_WRITE)));
    int pid = fork();
    if (pid == 0)
        exit(0);
    uprintf(1, "then fork: %s\n", pid == -ENOMEM ? "ENOMEM" : pid > 0 ? "not refused" : "other error");
    if (pid > 0)
        waitpid_retry(pid, 0);
    /* the promises lean on the swap: it cannot go while they stand */
    uprintf(1, "then swapoff: %s\n", result(syscall1(SYS_swapoff, (long)"/dev/hda")));
    munmap((void *)r, room * PAGE);
    uprintf(1, "after munmap, fork: child %s\n", status_text(status_of_child(nothing, 0), buf));
    long off = syscall1(SYS_swapoff, (long)"/dev/hda");
    uprintf(1, "after munmap, swapoff: %s, CommitLimit = MemTotal x 50 / 100: %s\n", result(off),
            yes(limit_pages() == ram * 50 / 100));
    uprintf(1, "swapon again: %s\n", result(syscall2(SYS_swapon, (long)"/dev/hda", 0)));
    uprintf(1, "a child whose stack grows past the limit: %s\n",
            status_text(status_of_child(stack_past_limit, 0), buf));
    uprintf(1, "Committed_AS: up by the 4 x 100 pages still mapped and promised: %s\n",
            yes(committed_kb() - start == 4 * 4 * 100));
}

static void heuristic(void)
{
    unsigned total = total_pages();

    committed_by("private writable", PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    committed_by("private writable MAP_NORESERVE", PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE);
    long r = map_private(total + 1);

    uprintf(1, "one mapping of RAM + swap + 1 page: %s\n", result(r));
    r = map_private(total);
    uprintf(1, "one mapping of RAM + swap: %s\n", result(r));
    if (!MAP_FAILED(r))
        munmap((void *)r, total * PAGE);
    unsigned ok = 0;
    for (int i = 0; i < 8; i++)
        ok += !MAP_FAILED(map_private(total / 2));
    uprintf(1, "8 mappings of (RAM + swap) / 2 each: %u ok\n", ok);
}

static void try_write(const char *name, const char *shown, const char *text)
{
    char path[48] = "/proc/sys/vm/";

    memcpy(path + 13, name, strlen(name) + 1);
    const char *r = proc_write(path, text);
    uprintf(1, "write %s to %s: %s, now %d\n", shown, name, r, proc_number(path));
}

static void sysctl(void)
{
    unsigned ram = proc_kb("/proc/meminfo", 0, "MemTotal") / 4;
    const unsigned one_gib = 1u << 18;      /* pages */

    try_write("overcommit_memory", "3", "3");
    try_write("overcommit_memory", "-1", "-1");
    try_write("overcommit_memory", "two", "two");
    try_write("overcommit_memory", "'2\\n'", "2\n");
    uprintf(1, "CommitLimit = MemTotal x 50 / 100 + SwapTotal: %s\n",
            yes(limit_pages() == ram * 50 / 100 + (total_pages() - ram)));
    try_write("overcommit_ratio", "abc", "abc");
    try_write("overcommit_ratio", "-5", "-5");
    try_write("overcommit_ratio", "100", "100");
    uprintf(1, "CommitLimit = MemTotal + SwapTotal: %s\n", yes(limit_pages() == total_pages()));
    try_write("overcommit_memory", "1", "1");
    committed_by("private writable", PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);
    committed_by("private writable MAP_NORESERVE", PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE);
    long r = map_private(one_gib);
    uprintf(1, "1 GiB in one mapping: %s\n", result(r));
    if (!MAP_FAILED(r))
        munmap((void *)r, one_gib * PAGE);
    try_write("overcommit_memory", "0", "0");
    uprintf(1, "1 GiB in one mapping: %s\n", result(map_private(one_gib)));
    try_write("overcommit_ratio", "50", "50");
}

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "";

    if (!strcmp(how, "strict"))
        strict();
    else if (!strcmp(how, "heuristic"))
        heuristic();
    else if (!strcmp(how, "sysctl"))
        sysctl();
    else {
        uprintf(1, "usage: overcommit strict|heuristic|sysctl\n");
        return 2;
    }
    return 0;
}

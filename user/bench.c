/*
 * bench.c - what page faults, fork, mmap and a system call cost (raw;
 * `make bench` runs it under tests/run --icount).
 *
 * Under --icount QEMU's time stamp counter advances by one per guest
 * instruction, so "cycles" here are instructions executed, user and
 * kernel, and two runs print the same numbers.  Each figure times a
 * batch of operations with rdtsc and prints one line:
 *
 *     name ops total_cycles cycles_per_op
 *
 * total_cycles is net of the loop: for a fault figure, the same loop is
 * timed again over the same pages once they are mapped (no faults) and
 * that is subtracted, leaving the fault itself (exception, handler,
 * return, and the retried instruction).  The figures:
 *
 *   null_syscall               getppid(), minus an empty loop
 *   zero_fill_write            first write to a fresh anonymous page
 *   zero_page_read             first read of a fresh anonymous page
 *   write_after_zero_page      first write to a page that maps the zero page
 *   cow_fault_child            a child's first write to an inherited page
 *   cow_fault_parent           the parent's, while the child still shares it
 *   wp_fault_no_copy           the parent's, after the child exited (reuse)
 *   file_read_cached           read of a page of a file already in the page
 *                              cache, one byte per page, in order
 *   file_private_write         first write to a MAP_PRIVATE page of a cached
 *                              file (a copy of the cache page)
 *   fork_0 / fork_256 / fork_4096
 *                              fork() until it returns in the parent, with
 *                              0, 256 or 4096 extra written pages; the child
 *                              exits at once and is reaped outside the timing
 *   thread_create_join         thread_spawn (lib/uthread.h) of a thread that
 *                              returns at once, and thread_join: clone, the
 *                              switch to the thread, its exit and the wake-up
 *                              of the joiner, from before clone to the join's
 *                              return (no Linux figure yet)
 *   mmap_munmap_1m             mmap2 of 1 MiB anonymous, untouched, + munmap
 *   segv_kill                  a child that reads NULL at once: from fork()
 *                              returning in the parent to waitpid() returning
 *                              (so the fork itself is not counted): the switch
 *                              to the child, its fault, the kill, its exit and
 *                              the parent's wake-up
 *   signal_roundtrip_kill_self kill(getpid(), SIGUSR1) with a SA_SIGINFO
 *                              handler that returns at once: the call, the
 *                              rt frame, the handler, rt_sigreturn; minus an
 *                              empty loop
 *   segv_handler_pager_per_page
 *                              a write to a fresh PROT_NONE anonymous page
 *                              whose SIGSEGV handler mprotects that page
 *                              read-write and returns: the refused access,
 *                              the frame, the handler's mprotect, sigreturn,
 *                              and the zero fill of the write run again
 *
 * After the table come the Linux 6.1 figures of our issue (guest
 * instructions under QEMU -icount, measured the same way as ours) and
 * ours / Linux.
 *
 * The file to map is pattern1048576 (tests/run --icount build/user/bench
 * build/user/data/pattern1048576), or argv[1]: at least 256 pages.
 */
#include "lib/uthread.h"
#include "lib/vmtest.h"

#define NPAGES 256
#define FILE_NAME "pattern1048576"      /* in the ramdisk: tests/run ... FILE */
#define FORK_REPS 8

/* A shared page: what the children and the fork sequence record.  Writes
 * to it never fault after a fork, unlike every private page. */
struct record {
    unsigned t0_lo, t0_hi, t1_lo, t1_hi, t2_lo, t2_hi;
    int pid, status;
    unsigned long long child_cycles;
};
static volatile struct record *rec;

static unsigned long long ull(unsigned lo, unsigned hi)
{
    return ((unsigned long long)hi << 32) | lo;
}

/* Prints "name ops total per_op" and returns per_op. */
static unsigned figure(const char *name, unsigned ops, unsigned long long total)
{
    unsigned per = (unsigned)(total / ops);

    uprintf(1, "%s %u %u %u\n", name, ops, (unsigned)total, per);
    return per;
}

/* The time of one pass over n pages, one byte each, reading or writing. */
static unsigned long long __attribute__((noinline)) pass(char *p, int n, int write)
{
    unsigned long long t0 = rdtsc();

    for (int i = 0; i < n; i++) {
        if (write)
            ((volatile char *)p)[i * PAGE] = 1;
        else
            (void)((volatile char *)p)[i * PAGE];
    }
    return rdtsc() - t0;
}

/* A first pass that faults, minus a second one that does not. */
static unsigned long long faulting_pass(char *p, int n, int write)
{
    unsigned long long first = pass(p, n, write);
    return first - pass(p, n, write);
}

/*
 * fork() timed from just before the call to its return in the parent,
 * all in registers and the shared record (a private write would fault
 * now that the pages are shared).  segv: the child reads NULL at once
 * and the parent waits for it, timing that too; otherwise the child
 * exits at once and the caller reaps it.
 */
static void timed_fork(int segv)
{
    __asm__ volatile(
        "rdtsc\n\t"
        "movl %%eax, 0(%%edi)\n\t"
        "movl %%edx, 4(%%edi)\n\t"
        "movl $2, %%eax\n\t"            /* fork */
        "int $0x80\n\t"
        "testl %%eax, %%eax\n\t"
        "jnz 1f\n\t"
        "testl %%esi, %%esi\n\t"        /* the child */
        "jz 2f\n\t"
        "movl 0, %%eax\n"               /* segv: read NULL */
        "2:\n\t"
        "movl $1, %%eax\n\t"            /* exit(0) */
        "xorl %%ebx, %%ebx\n\t"
        "int $0x80\n"
        "1:\n\t"
        "movl %%eax, %%ebx\n\t"         /* the parent: ebx = pid */
        "rdtsc\n\t"
        "movl %%eax, 8(%%edi)\n\t"
        "movl %%edx, 12(%%edi)\n\t"
        "movl %%ebx, 24(%%edi)\n\t"
        "testl %%esi, %%esi\n\t"
        "jz 3f\n\t"
        "movl $7, %%eax\n\t"            /* waitpid(pid, &rec->status, 0) */
        "leal 28(%%edi), %%ecx\n\t"
        "xorl %%edx, %%edx\n\t"
        "int $0x80\n\t"
        "rdtsc\n\t"
        "movl %%eax, 16(%%edi)\n\t"
        "movl %%edx, 20(%%edi)\n"
        "3:"
        :
        : "D"(rec), "S"(segv)
        : "eax", "ebx", "ecx", "edx", "memory");
}

static unsigned bench_fork(const char *name, char *pages, int npages)
{
    unsigned long long total = 0;
    int status;

    for (int r = 0; r < FORK_REPS; r++) {
        pass(pages, npages, 1);         /* writable again: each fork does the full work */
        timed_fork(0);
        total += ull(rec->t1_lo, rec->t1_hi) - ull(rec->t0_lo, rec->t0_hi);
        waitpid_retry(rec->pid, &status);
    }
    return figure(name, FORK_REPS, total);
}

static int return_at_once(void *arg)
{
    (void)arg;
    return 0;
}

/* One thread created and joined, FORK_REPS times after one untimed
 * run (which makes the thread's stack pages).  The stack is mapped here
 * and unmapped after, so the fork figures' address space stays as it
 * was. */
static void bench_thread_create_join(void)
{
    unsigned long long total = 0;
    int tid_word;
    char *stack = map_anon(THREAD_STACK_SIZE / PAGE);

    for (int r = 0; r <= FORK_REPS; r++) {
        tid_word = 0;
        unsigned long long t0 = rdtsc();
        int tid = thread_spawn(THREAD_FLAGS, stack + THREAD_STACK_SIZE, return_at_once, NULL,
                               &tid_word, &tid_word, NULL);
        thread_join(&tid_word);
        unsigned long long t1 = rdtsc();
        if (tid < 0) {
            uprintf(1, "thread_create_join: clone failed: %d\n", tid);
            break;
        }
        if (r > 0)
            total += t1 - t0;
    }
    if (total)
        figure("thread_create_join", FORK_REPS, total);
    munmap(stack, THREAD_STACK_SIZE);
}

static void child_cow(void *arg)
{
    pass(arg, 0, 1);                    /* the code and stack it uses, copied now */
    rec->child_cycles = faulting_pass(arg, NPAGES, 1);
}

static void print_ratio(const char *name, unsigned linux_cycles, unsigned ours)
{
    unsigned r = (unsigned)((ours * 100ULL + linux_cycles / 2) / linux_cycles);

    uprintf(1, "%s %u %u %u.%u%u\n", name, linux_cycles, ours, r / 100, r / 10 % 10, r % 10);
}

static void null_handler(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)sig, (void)si, (void)uc;
}

/* The pager of segv_handler_pager_per_page: the faulting page, writable. */
static void pager_handler(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)sig, (void)uc;
    mprotect((void *)((unsigned)si->addr & ~(PAGE - 1)), PAGE, PROT_READ | PROT_WRITE);
}

/* The two signal figures; returns the round trip, *pager the pager's. */
static unsigned bench_signals(unsigned *pager)
{
    unsigned long long t0, t1, t2;
    int i, self = getpid();

    sa_set(SIGUSR1, null_handler, SA_SIGINFO, 0);
    kill(self, SIGUSR1);                /* the stack below, touched */
    t0 = rdtsc();
    for (i = 0; i < 1000; i++)
        kill(self, SIGUSR1);
    t1 = rdtsc();
    for (i = 0; i < 1000; i++)
        __asm__ volatile("" ::: "memory");
    t2 = rdtsc();
    unsigned roundtrip = figure("signal_roundtrip_kill_self", 1000, (t1 - t0) - (t2 - t1));

    char *region = (char *)mmap2(NULL, NPAGES * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    sa_set(SIGSEGV, pager_handler, SA_SIGINFO, 0);
    *pager = figure("segv_handler_pager_per_page", NPAGES, faulting_pass(region, NPAGES, 1));
    sa_set(SIGSEGV, (void *)SIG_DFL, 0, 0);
    munmap(region, NPAGES * PAGE);
    return roundtrip;
}

int main(int argc, char **argv)
{
    unsigned long long t0, t1, t2;
    unsigned null_sys, zero_fill, zero_read, write_after, cow_child, cow_parent, wp_reuse;
    unsigned file_read, fork0, fork4096;
    int i, status, fd, p[2];
    char *a, *file;
    char buf[8];

    msleep(20);                         /* let init settle into wait4 */
    rec = (struct record *)mmap2(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    fd = open(argc > 1 ? argv[1] : FILE_NAME, O_RDONLY, 0);
    if (MAP_FAILED(rec) || fd < 0) {
        uprintf(1, "usage: bench FILE (of at least %d pages): %d\n", NPAGES, fd);
        return 1;
    }
    touch_image(1);
    pass(NULL, 0, 1);
    rec->pid = 0;                       /* the page table of the mmap area, made now */
    uprintf(1, "# name ops total_cycles cycles_per_op\n");

    /* a system call that does nothing */
    t0 = rdtsc();
    for (i = 0; i < 1000; i++)
        getppid();
    t1 = rdtsc();
    for (i = 0; i < 1000; i++)
        __asm__ volatile("" ::: "memory");
    t2 = rdtsc();
    null_sys = figure("null_syscall", 1000, (t1 - t0) - (t2 - t1));

    /* anonymous memory */
    a = map_anon(2 * NPAGES);
    zero_fill = figure("zero_fill_write", NPAGES, faulting_pass(a, NPAGES, 1));
    zero_read = figure("zero_page_read", NPAGES, faulting_pass(a + NPAGES * PAGE, NPAGES, 0));
    write_after = figure("write_after_zero_page", NPAGES, faulting_pass(a + NPAGES * PAGE, NPAGES, 1));

    /* copy-on-write: the child copies; the parent copies; the parent reuses */
    pass(a, NPAGES, 1);
    status = status_of_child(child_cow, a);
    cow_child = figure("cow_fault_child", NPAGES, rec->child_cycles);
    if (status)
        uprintf(1, "child status 0x%x\n", status);

    pipe(p);
    int pid = fork();
    if (pid == 0) {
        read(p[0], buf, 1);
        exit(0);
    }
    pass(a, 0, 1);
    cow_parent = figure("cow_fault_parent", NPAGES, faulting_pass(a, NPAGES, 1));
    write(p[1], "x", 1);
    waitpid_retry(pid, &status);

    timed_fork(0);                      /* a child that exits at once */
    waitpid_retry(rec->pid, &status);
    pass(a, 0, 1);
    wp_reuse = figure("wp_fault_no_copy", NPAGES, faulting_pass(a, NPAGES, 1));

    /* a file already in the page cache */
    file = (char *)mmap2(NULL, NPAGES * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    pass(file, NPAGES, 0);
    munmap(file, NPAGES * PAGE);
    file = (char *)mmap2(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    file_read = figure("file_read_cached", NPAGES, faulting_pass(file, NPAGES, 0));
    munmap(file, NPAGES * PAGE);
    file = (char *)mmap2(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    figure("file_private_write", NPAGES, faulting_pass(file, NPAGES, 1));
    munmap(file, NPAGES * PAGE);

    /* fork with 0, 256 and 4096 extra written pages */
    munmap(a, 2 * NPAGES * PAGE);
    fork0 = bench_fork("fork_0", NULL, 0);
    a = map_anon(4096);
    bench_fork("fork_256", a, 256);
    fork4096 = bench_fork("fork_4096", a, 4096);
    munmap(a, 4096 * PAGE);
    bench_thread_create_join();

    /* mmap + munmap of 1 MiB, never touched */
    t0 = rdtsc();
    for (i = 0; i < NPAGES; i++)
        munmap(map_anon(256), 256 * PAGE);
    t1 = rdtsc();
    for (i = 0; i < NPAGES; i++)
        __asm__ volatile("" ::: "memory");
    t2 = rdtsc();
    figure("mmap_munmap_1m", NPAGES, (t1 - t0) - (t2 - t1));

    /* a child killed by SIGSEGV */
    unsigned long long kill_total = 0;
    for (i = 0; i < FORK_REPS; i++) {
        timed_fork(1);
        kill_total += ull(rec->t2_lo, rec->t2_hi) - ull(rec->t1_lo, rec->t1_hi);
        if (!WIFSIGNALED(rec->status) || WTERMSIG(rec->status) != SIGSEGV)
            uprintf(1, "segv child: status 0x%x\n", rec->status);
    }
    figure("segv_kill", FORK_REPS, kill_total);
    unsigned pager, roundtrip = bench_signals(&pager);

    uprintf(1, "# Linux 6.1 (our issue; guest instructions under -icount): name linux ours ours/linux\n");
    print_ratio("null_syscall", 352, null_sys);
    print_ratio("zero_fill_write", 3862, zero_fill);
    print_ratio("zero_page_read", 1180, zero_read);
    print_ratio("write_after_zero_page", 4387, write_after);
    print_ratio("cow_fault_child", 5786, cow_child);
    print_ratio("cow_fault_parent", 5786, cow_parent);
    print_ratio("wp_fault_no_copy", 1241, wp_reuse);
    print_ratio("file_read_cached(per_page)", 652, file_read);
    print_ratio("file_read_cached(per_16_pages)", 10326, file_read * 16);
    print_ratio("fork_0", 66000, fork0);
    print_ratio("fork_4096", 419000, fork4096);
    print_ratio("signal_roundtrip_kill_self", 5162, roundtrip);
    print_ratio("segv_handler_pager_per_page", 14694, pager);
    return 0;
}

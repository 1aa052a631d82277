/*
 * fault_counts_linux.c - page-fault counts that Linux gives exactly too
 * (raw).  The kernel-only figures (which path, how many frames) are in
 * fault_counts.c.
 *
 * Around each step the program reads getrusage's ru_minflt and ru_majflt
 * and prints how much they grew.  Every page a step touches is a fresh
 * fault on both kernels, one per page:
 *
 *   - writing 100 fresh anonymous pages, reading 10 (the zero page) and
 *     then writing those 10, writing 10 fresh MAP_SHARED|MAP_ANONYMOUS
 *     pages (minor: nothing is read), writing 10 pages again after
 *     madvise(MADV_DONTNEED), writing 10 pages of new brk heap, writing
 *     10 fresh stack pages;
 *   - a child writing 10 inherited pages (copy-on-write), and the parent
 *     writing them after the child exited (write-protected, no copy);
 *   - a file: the first read of one page in each of 10 separate 64 KiB
 *     blocks (Linux maps the cached neighbours of a faulting page within
 *     its 64 KiB "fault-around" block, so one page per block keeps the
 *     counts equal) is 10 faults, major or minor depending on whether the
 *     file was in memory; the same through a new mapping is 10 minor
 *     faults; 10 private writes to cached pages are 10 minor faults.
 *
 * What each snapshot touches is touched once before ("warm-up").
 */
#include "lib/vmtest.h"

#define FILE_NAME "pattern1048576"
#define BLOCK (16 * PAGE)               /* Linux's fault-around block: 64 KiB */

static long min0, maj0, min1, maj1;

static void take(long *minflt, long *majflt)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    *minflt = ru.ru_minflt;
    *majflt = ru.ru_majflt;
}

static void begin(void)
{
    warm_stack();
    take(&min1, &maj1);
    take(&min0, &maj0);
}

static void __attribute__((noinline)) report(const char *what, int sum)
{
    if (sum)
        uprintf(1, "%s: faults +%d\n", what, (int)(min1 - min0 + maj1 - maj0));
    else
        uprintf(1, "%s: minflt +%d, majflt +%d\n", what, (int)(min1 - min0), (int)(maj1 - maj0));
}

static void end(const char *what)
{
    take(&min1, &maj1);
    report(what, 0);
}

/* The same, printing minor + major: for the first read of a file, which
 * is major on our kernel (read from the ramdisk) and minor on a host that
 * has the file in its page cache. */
static void end_sum(const char *what)
{
    take(&min1, &maj1);
    report(what, 1);
}

static void touch(char *p, int npages, unsigned stride, int write)
{
    for (int i = 0; i < npages; i++) {
        if (write)
            p[i * stride] = 1;
        else
            (void)*(volatile char *)(p + i * stride);
    }
}

static void child_writes(void *arg)
{
    begin();
    touch(arg, 10, PAGE, 1);
    end("child writes 10 inherited private pages");
}

/* Writes 10 stack pages that nothing has used yet: pages 1 to 10 of a
 * 104 KiB frame (page 0 is next to the stack pointer, which the calls to
 * begin() and end() use). */
static void __attribute__((noinline)) stack_pages(void)
{
    volatile char deep[104 * 1024];

    begin();
    for (int i = 1; i <= 10; i++)
        deep[i * PAGE] = 1;
    end("write 10 fresh stack pages");
    (void)deep[PAGE];
}

int main(void)
{
    char *anon = map_anon(200), *shared, *file, *heap;
    int fd, status;

    msleep(20);                         /* let init settle into wait4 */
    if (!anon) {
        uprintf(1, "mmap failed\n");
        return 1;
    }
    touch_image(1);
    begin();

    begin();
    touch(anon, 100, PAGE, 1);
    end("write 100 fresh anonymous pages");

    begin();
    touch(anon + 100 * PAGE, 10, PAGE, 0);
    end("read 10 fresh anonymous pages");
    begin();
    touch(anon + 100 * PAGE, 10, PAGE, 1);
    end("write those 10 pages");

    touch(anon + 110 * PAGE, 10, PAGE, 1);
    status = status_of_child(child_writes, anon + 110 * PAGE);
    if (status)
        uprintf(1, "child status 0x%x\n", status);
    begin();
    touch(anon + 110 * PAGE, 10, PAGE, 1);
    end("parent writes them after the child exited");

    begin();
    madvise(anon, 10 * PAGE, MADV_DONTNEED);
    touch(anon, 10, PAGE, 1);
    end("write 10 pages after madvise(MADV_DONTNEED)");

    shared = (char *)mmap2(NULL, 10 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    begin();
    touch(shared, 10, PAGE, 1);
    end("write 10 fresh shared anonymous pages");

    heap = (char *)((brk(0) + PAGE - 1) & ~(unsigned long)(PAGE - 1));
    brk((unsigned long)heap + 10 * PAGE);
    begin();
    touch(heap, 10, PAGE, 1);
    end("write 10 pages of new brk heap");

    stack_pages();

    fd = open(FILE_NAME, O_RDONLY, 0);
    file = (char *)mmap2(NULL, 256 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    begin();
    touch(file, 10, BLOCK, 0);
    end_sum("read one page in each of 10 64 KiB blocks of a file");
    munmap(file, 256 * PAGE);
    file = (char *)mmap2(NULL, 256 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    begin();
    touch(file, 10, BLOCK, 0);
    end("the same pages through a new mapping");
    begin();
    touch(file, 10, BLOCK, 1);
    end("write 10 cached pages of the file (MAP_PRIVATE)");
    return 0;
}

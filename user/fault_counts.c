/*
 * fault_counts.c - each kind of page fault takes its own path, exactly
 * once per page, and costs exactly the frames it should (raw; our
 * kernel's figures: see tests/user/fault_counts.linux-differs).
 *
 * Around each step the program takes a snapshot of /proc/vmstat (the
 * system-wide count of each fault path, and nr_free_pages) and of
 * getrusage (this task's minor and major faults), and prints the
 * counters that changed.  Nothing else runs meanwhile (init sleeps in
 * wait4: the program first sleeps 20 ms to let it get there), so the
 * deltas are exactly the step's:
 *
 *   write 100 fresh anonymous pages      zero_fill +100, 100 frames
 *   read 10 fresh pages                  zero_page_read +10, no frame
 *   write those 10                       zero_fill +10, 10 frames
 *   a child writes 10 inherited pages    cow_copy +10, 10 frames
 *   the parent writes them, child gone   cow_reuse +10, no frame
 *   write 10 pages below the stack       stack_growth +10, 10 frames
 *   read 10 pages of an uncached file    file_major +10, 10 cache frames
 *   again, through a new mapping         file_minor +10, no frame
 *   private write to 10 cached pages     cow_copy +10, 10 frames
 *   private write to 10 uncached pages   file_cow +10 (major), 20 frames
 *   fork with 1000 pages touched         no fault, 12 frames (below)
 *   the same with those pages unmapped   no fault, 11 frames
 *   a child reads NULL                   invalid +1
 *
 * A fork copies page tables, not pages: its 12 frames are the child's
 * page directory, its 2-page kernel stack, 5 page tables, one for each
 * 4 MiB region with pages present (program image, the arena's two
 * regions, the shared page, the stack), and a 4-page kmalloc slab that
 * the kernel's 2 KiB objects of the new process (descriptor table,
 * signal actions, thread group) take; with the 1000 pages unmapped the
 * arena's second region needs no page table.  The parent reads /proc/vmstat
 * before writing anything (fork_then_vmstat): its next write would be a
 * copy-on-write fault.
 *
 * Everything the snapshots themselves touch (code, the stack, the
 * buffers) is touched once before ("warm-up"), and the arena is one
 * 4 MiB-aligned region whose page table exists before the first step.
 */
#include "lib/vmtest.h"

#define FILE_NAME "pattern1048576"

struct snap {
    struct vmstat vm;
    long minflt, majflt;
};

static struct snap before, after;

static void take(struct snap *s)
{
    vmstat_read(&s->vm);
    s->minflt = ru_minflt();
    s->majflt = ru_majflt();
}

/* Snapshots twice: the first touches everything a snapshot writes. */
static void begin(void)
{
    warm_stack();
    take(&after);
    take(&before);
}

static void __attribute__((noinline)) report(const char *what)
{
    char line[128];
    int len = 0;

    put_str(line, &len, "minflt ");
    put_signed(line, &len, after.minflt - before.minflt);
    put_str(line, &len, ", majflt ");
    put_signed(line, &len, after.majflt - before.majflt);
    line[len] = 0;
    vmstat_print_delta(what, &before.vm, &after.vm);
    uprintf(1, "    %s\n", line);
}

static void end(const char *what)
{
    take(&after);
    report(what);
}

static void touch(char *p, int npages, int write)
{
    for (int i = 0; i < npages; i++) {
        if (write)
            p[i * PAGE] = 1;
        else
            (void)*(volatile char *)(p + i * PAGE);
    }
}

/* The lowest address of the [stack] area in /proc/self/maps, or 0. */
static unsigned stack_bottom(void)
{
    static char text[4096];
    int fd = open("/proc/self/maps", O_RDONLY, 0), len = 0, r;
    unsigned start = 0;

    if (fd < 0)
        return 0;
    while (len < (int)sizeof(text) - 1 && (r = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
        len += r;
    close(fd);
    text[len] = 0;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        if (end - line > 7 && !strncmp(end - 7, "[stack]", 7)) {
            for (const char *p = line; *p != '-'; p++)
                start = start * 16 + (*p <= '9' ? *p - '0' : *p - 'a' + 10);
            return start;
        }
        line = *end ? end + 1 : end;
    }
    return 0;
}

/*
 * fork(), and in the parent, before it writes a byte of private memory
 * (every private page is copy-on-write now, so a write would fault),
 * read /proc/vmstat into the shared page.  All in registers: the child
 * blocks in read(pipe_fd) and then exits; the parent stores the child's
 * pid at shared[0], the text's length at shared[1] and the text from
 * shared + 16.  Returns the pid.
 */
static int fork_then_vmstat(int pipe_fd, int *shared)
{
    static const char path[] = "/proc/vmstat";

    __asm__ volatile(
        "movl $2, %%eax\n\t"            /* fork */
        "int $0x80\n\t"
        "testl %%eax, %%eax\n\t"
        "jnz 1f\n\t"
        "movl $3, %%eax\n\t"            /* child: read(pipe_fd, shared + 12, 1) */
        "leal 12(%%edi), %%ecx\n\t"
        "movl $1, %%edx\n\t"
        "int $0x80\n\t"
        "movl $1, %%eax\n\t"            /* exit(0) */
        "xorl %%ebx, %%ebx\n\t"
        "int $0x80\n"
        "1:\n\t"
        "movl %%eax, (%%edi)\n\t"       /* parent: shared[0] = pid */
        "movl $5, %%eax\n\t"            /* open(path, O_RDONLY) */
        "movl %%esi, %%ebx\n\t"
        "xorl %%ecx, %%ecx\n\t"
        "xorl %%edx, %%edx\n\t"
        "int $0x80\n\t"
        "movl %%eax, %%ebx\n\t"
        "movl $3, %%eax\n\t"            /* read(fd, shared + 16, 4000) */
        "leal 16(%%edi), %%ecx\n\t"
        "movl $4000, %%edx\n\t"
        "int $0x80\n\t"
        "movl %%eax, 4(%%edi)\n\t"      /* shared[1] = length */
        "movl $6, %%eax\n\t"            /* close(fd) */
        "int $0x80"
        : "+b"(pipe_fd)
        : "D"(shared), "S"(path)
        : "eax", "ecx", "edx", "memory");
    return shared[0];
}

/* A child that reads NULL at once, without writing any memory first. */
static int fork_null_reader(void)
{
    int pid;

    __asm__ volatile(
        "int $0x80\n\t"
        "testl %%eax, %%eax\n\t"
        "jnz 1f\n\t"
        "movl 0, %%eax\n"
        "1:"
        : "=a"(pid) : "a"(SYS_fork) : "memory");
    return pid;
}

/* Prints what a fork cost, up to its return in the parent. */
static void fork_delta(const char *what, int *shared)
{
    struct vmstat forked;
    int p[2], status, pid;

    pipe(p);
    begin();
    pid = fork_then_vmstat(p[0], shared);
    ((char *)shared)[16 + shared[1]] = 0;
    vmstat_parse((char *)shared + 16, &forked);
    write(p[1], "x", 1);                /* the child may exit now */
    waitpid_retry(pid, &status);
    close(p[0]);
    close(p[1]);
    vmstat_print_delta(what, &before.vm, &forked);
}

static void child_writes(void *arg)
{
    begin();
    touch(arg, 10, 1);
    end("child writes 10 inherited private pages");
}

int main(void)
{
    long m = mmap2(NULL, 3 * 1024 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long sh = mmap2(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int *shared = (int *)sh;
    char *arena, *file;
    int fd, pid, status, i;

    msleep(20);                         /* let init settle into wait4 */
    if (MAP_FAILED(m) || MAP_FAILED(sh)) {
        uprintf(1, "mmap failed\n");
        return 1;
    }
    /* warm-up: the whole image writable and mapped, the snapshot code run,
     * the arena's first page table made */
    touch_image(1);
    begin();
    if (before.vm.missing) {
        uprintf(1, "/proc/vmstat lacks %d of the counters\n", before.vm.missing);
        return 1;
    }
    arena = (char *)(((unsigned long)m + (4u << 20) - 1) & ~((4u << 20) - 1));
    touch(arena, 1, 1);
    shared[0] = 0;                      /* the shared page exists before the forks */

    begin();
    touch(arena + 1 * PAGE, 100, 1);
    end("write 100 fresh anonymous pages");

    begin();
    touch(arena + 101 * PAGE, 10, 0);
    end("read 10 fresh anonymous pages");

    begin();
    touch(arena + 101 * PAGE, 10, 1);
    end("write those 10 pages");

    /* copy-on-write: the child copies, then the parent reuses */
    touch(arena + 111 * PAGE, 10, 1);
    status = status_of_child(child_writes, arena + 111 * PAGE);
    if (status)
        uprintf(1, "child status 0x%x\n", status);
    begin();
    touch(arena + 111 * PAGE, 10, 1);
    end("parent writes them after the child exited");

    /* the stack area grows down one page per fault */
    unsigned bottom = stack_bottom();
    begin();
    for (i = 1; i <= 10; i++)
        *(volatile char *)(bottom - i * PAGE) = 1;
    end("write 10 pages below the stack area, one by one");

    /* a file: first from the ramdisk, then from the page cache */
    fd = open(FILE_NAME, O_RDONLY, 0);
    file = (char *)mmap2(NULL, 20 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    begin();
    touch(file, 10, 0);
    end("read 10 pages of a file not yet cached");
    munmap(file, 20 * PAGE);
    file = (char *)mmap2(NULL, 20 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    begin();
    touch(file, 10, 0);
    end("read them again through a new mapping");
    begin();
    touch(file, 10, 1);
    end("write them (MAP_PRIVATE)");
    begin();
    touch(file + 10 * PAGE, 10, 1);
    end("write 10 more pages of the file, not yet cached (MAP_PRIVATE)");
    munmap(file, 20 * PAGE);
    close(fd);

    /* fork copies page tables, not pages */
    touch(arena + 1024 * PAGE, 1000, 1);
    fork_delta("fork with 1000 more pages touched (measured before the parent writes)", shared);
    munmap(arena + 1024 * PAGE, 1000 * PAGE);
    fork_delta("fork with those 1000 pages unmapped", shared);

    /* an invalid access: one fault, on the invalid path */
    begin();
    pid = fork_null_reader();
    waitpid_retry(pid, &status);
    take(&after);
    uprintf(1, "a child reads NULL: %s, invalid +%d\n", status_text(status, (char *)shared + 64),
            (int)(after.vm.v[VS_INVALID] - before.vm.v[VS_INVALID]));
    return 0;
}

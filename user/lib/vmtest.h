/*
 * vmtest.h - helpers for the virtual-memory tests and the benchmark
 * (raw programs): fault counters from getrusage and /proc/vmstat, running
 * a piece of code in a child and reporting how it ended, touching every
 * page of the program image, and rdtsc.
 *
 * Everything is static inline so that a program pays only for what it
 * uses.  The helpers themselves touch code, stack and buffers: a test
 * that counts faults calls them once before it starts counting (a
 * "warm-up"), and again after a fork, which makes every private page
 * copy-on-write.
 */
#ifndef USER_VMTEST_H
#define USER_VMTEST_H

#include "ulib.h"

#define PAGE 4096u
#define MAP_FAILED(p) ((unsigned long)(p) >= -4095UL)

/* Reads all of fd into buf (NUL-terminated) and closes it. */
static inline void read_all(int fd, char *buf, unsigned size)
{
    int len = 0, r;

    while (fd >= 0 && len < (int)size - 1 && (r = read(fd, buf + len, size - 1 - len)) > 0)
        len += r;
    buf[len] = 0;
    close(fd);
}

/* The decimal number at *p (0 if none); moves *p past its digits. */
static inline unsigned parse_decimal(const char **p)
{
    unsigned v = 0;

    while (**p >= '0' && **p <= '9')
        v = v * 10 + (unsigned)(*(*p)++ - '0');
    return v;
}

/* If line is "NAME:   N kB", stores N in *kb. */
static inline void proc_field(const char *line, const char *name, unsigned *kb)
{
    unsigned n = strlen(name);
    const char *p = line + n + 1;

    if (strncmp(line, name, n) || line[n] != ':')
        return;
    while (*p == ' ' || *p == '\t')
        p++;
    *kb = parse_decimal(&p);
}

/* "start-end ...": the area's start address, or 0 for a field line. */
static inline unsigned proc_area_start(const char *line)
{
    unsigned v = 0;
    const char *p = line;

    for (; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++)
        v = v * 16 + (*p <= '9' ? *p - '0' : *p - 'a' + 10);
    return p > line && *p == '-' ? v : 0;
}

/* Field NAME ("NAME:  N kB") of the /proc file at path: in the smaps area
 * that starts at address area, or its first one anywhere (area 0); 0 if
 * there is none. */
static inline unsigned proc_kb(const char *path, unsigned area, const char *name)
{
    static char text[16384];
    unsigned kb = 0, in_area = !area;

    read_all(open(path, O_RDONLY, 0), text, sizeof(text));
    for (const char *line = text; *line;) {
        unsigned start = proc_area_start(line);
        if (start)
            in_area = start == area;
        else if (in_area && !kb)
            proc_field(line, name, &kb);
        const char *end = strchr(line, '\n');
        line = end ? end + 1 : line + strlen(line);
    }
    return kb;
}

/* The sum of N over the lines "NAME N" (after any spaces) of the /proc
 * file at path: a /proc/vmstat counter, or a /proc/zoneinfo field
 * summed over the zones. */
static inline unsigned proc_sum(const char *path, const char *name)
{
    static char text[16384];
    unsigned sum = 0, n = strlen(name);

    read_all(open(path, O_RDONLY, 0), text, sizeof(text));
    for (const char *line = text; *line;) {
        const char *p = line;
        while (*p == ' ')
            p++;
        if (!strncmp(p, name, n) && p[n] == ' ') {
            for (p += n; *p == ' '; p++)
                ;
            sum += parse_decimal(&p);
        }
        const char *end = strchr(line, '\n');
        line = end ? end + 1 : line + strlen(line);
    }
    return sum;
}

/* The number a one-number /proc file holds (oom_score, a sysctl), or a
 * negative errno from open. */
static inline int proc_number(const char *path)
{
    char text[32];
    const char *p = text;
    int fd = open(path, O_RDONLY, 0);

    if (fd < 0)
        return fd;
    read_all(fd, text, sizeof(text));
    int negative = *p == '-';
    p += negative;
    int v = (int)parse_decimal(&p);
    return negative ? -v : v;
}

/* Writes text to the /proc file at path in one write(): "ok" when all
 * of it was taken, else the error's name. */
static inline const char *proc_write(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY, 0);
    if (fd < 0)
        return "cannot open";
    int r = write(fd, text, strlen(text));
    close(fd);
    return r == (int)strlen(text) ? "ok" : r == -EINVAL ? "EINVAL" : r == -ERANGE ? "ERANGE" : "other error";
}

/* "/proc/PID/what" into path (room for 32 bytes more than what). */
static inline char *proc_pid_path(char *path, int pid, const char *what)
{
    char digits[12];
    int n = 0, len = 6;
    unsigned v = (unsigned)pid;

    memcpy(path, "/proc/", 6);
    do
        digits[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    while (n > 0)
        path[len++] = digits[--n];
    path[len++] = '/';
    memcpy(path + len, what, strlen(what) + 1);
    return path;
}

static inline const char *yes(int cond)
{
    return cond ? "yes" : "no";
}

static inline unsigned long long rdtsc(void)
{
    unsigned lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((unsigned long long)hi << 32) | lo;
}

/* An anonymous private read-write mapping of n pages, or NULL. */
static inline char *map_anon(unsigned npages)
{
    long p = mmap2(NULL, npages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return MAP_FAILED(p) ? NULL : (char *)p;
}

/* ---- this task's fault counters (getrusage) ---- */

static inline long ru_minflt(void)
{
    struct rusage ru;

    memset(&ru, 0, sizeof(ru));
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

static inline long ru_majflt(void)
{
    struct rusage ru;

    memset(&ru, 0, sizeof(ru));
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_majflt;
}

/* Touches the 2 KiB of stack below the caller, where a later snapshot of
 * the counters will run: the first write to a stack page after a fork
 * would otherwise be a fault in the middle of the measurement. */
static void __attribute__((noinline, unused)) warm_stack(void)
{
    volatile char below[2048];

    for (unsigned i = 0; i < sizeof(below); i += 64)
        below[i] = 0;
}

/* ---- taking turns with another process through a pipe ---- */

/* Blocks until the other process writes a byte to fd. */
static inline void wait_for(int fd)
{
    char c;

    if (read(fd, &c, 1) != 1)
        exit_group(99);
}

/* Lets the process blocked in wait_for on the other end go on. */
static inline void signal_other(int fd)
{
    if (write(fd, "x", 1) != 1)
        exit_group(98);
}

/* ---- a child that ends one way or another ---- */

/* Runs fn(arg) in a child, which then exits 0; returns the wait status
 * (or a negative errno from fork or waitpid). */
static inline int status_of_child(void (*fn)(void *), void *arg)
{
    int status = 0, pid = fork();

    if (pid < 0)
        return pid;
    if (pid == 0) {
        fn(arg);
        exit(0);
    }
    if (waitpid_retry(pid, &status) != pid)
        return -ECHILD;
    return status;
}

/* "exit N" or "signal N", as the runner prints statuses. */
static inline const char *status_text(int status, char buf[24])
{
    const char *word = WIFSIGNALED(status) ? "signal " : "exit ";
    unsigned n = WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status);
    char digits[12];
    int i = 0, j = 0;

    if (status < 0)
        return "fork/wait failed";
    while (*word)
        buf[j++] = *word++;
    do
        digits[i++] = '0' + n % 10;
    while ((n /= 10) != 0);
    while (i > 0)
        buf[j++] = digits[--i];
    buf[j] = 0;
    return buf;
}

/* Waits for the child pid and prints "WHAT: exit N" (or signal N). */
static inline void report_end(const char *what, int pid)
{
    char buf[24];
    int status;

    waitpid_retry(pid, &status);
    uprintf(1, "%s: %s\n", what, status_text(status, buf));
}

/* ---- /proc/vmstat (our kernel: the fault paths of mm/fault.c) ---- */

enum {
    VS_PGFAULT, VS_PGMAJFAULT,
    VS_ZERO_PAGE_READ, VS_ZERO_FILL, VS_COW_COPY, VS_COW_REUSE,
    VS_FILE_MINOR, VS_FILE_MAJOR, VS_FILE_COW, VS_STACK_GROWTH, VS_SWAP_IN, VS_SWAP_CACHE_HIT,
    VS_INVALID, VS_FREE_PAGES, VS_ANON_PAGES, VS_FILE_PAGES, VS_PSWPIN, VS_PSWPOUT, NR_VS
};

static const char *const vmstat_names[NR_VS] = {
    "pgfault", "pgmajfault",
    "fault_zero_page_read", "fault_zero_fill", "fault_cow_copy", "fault_cow_reuse",
    "fault_file_minor", "fault_file_major", "fault_file_cow", "fault_stack_growth",
    "fault_swap_in", "fault_swap_cache_hit", "fault_invalid",
    "nr_free_pages", "nr_anon_pages", "nr_file_pages", "pswpin", "pswpout",
};

struct vmstat {
    long v[NR_VS];
    int missing;                /* how many of the names were not found */
};

/* Parses the text of /proc/vmstat ("name value" lines) into s. */
static inline void vmstat_parse(const char *text, struct vmstat *s)
{
    int i;

    for (i = 0; i < NR_VS; i++)
        s->v[i] = -1;
    s->missing = NR_VS;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n'), *sp = strchr(line, ' ');
        if (!end)
            end = line + strlen(line);
        for (i = 0; sp && sp < end && i < NR_VS; i++) {
            unsigned n = strlen(vmstat_names[i]);
            if (n == (unsigned)(sp - line) && !strncmp(line, vmstat_names[i], n)) {
                long v = 0;
                for (const char *d = sp + 1; d < end && *d >= '0' && *d <= '9'; d++)
                    v = v * 10 + (*d - '0');
                if (s->v[i] < 0)
                    s->missing--;
                s->v[i] = v;
            }
        }
        line = *end ? end + 1 : end;
    }
}

/* Reads /proc/vmstat into s; returns 0 or the error from open().  The
 * text is taken when the file is opened, so each call opens it anew.
 * The buffer is static: the first call touches it, so later calls take
 * no fault (until a fork makes it copy-on-write again). */
static inline int vmstat_read(struct vmstat *s)
{
    static char text[4096];
    int fd = open("/proc/vmstat", O_RDONLY, 0), len = 0, r;

    text[0] = 0;
    if (fd >= 0) {
        while (len < (int)sizeof(text) - 1 && (r = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
            len += r;
        close(fd);
        text[len] = 0;
    }
    vmstat_parse(text, s);
    return fd < 0 ? fd : 0;
}

/* The faults so far, in every process, that needed a frame: zero fills
 * and swap-ins (our kernel's /proc/vmstat; -2 elsewhere). */
static inline long frame_faults(void)
{
    struct vmstat s;

    vmstat_read(&s);
    return s.v[VS_ZERO_FILL] + s.v[VS_SWAP_IN];
}

/* Appends a string, or a number with its sign, to line at *len. */
static inline void put_str(char *line, int *len, const char *s)
{
    while (*s)
        line[(*len)++] = *s++;
}

static inline void put_signed(char *line, int *len, long d)
{
    char digits[12];
    int n = 0;

    line[(*len)++] = d < 0 ? '-' : '+';
    if (d < 0)
        d = -d;
    do
        digits[n++] = '0' + d % 10;
    while ((d /= 10) != 0);
    while (n > 0)
        line[(*len)++] = digits[--n];
}

/* Prints "what: pgfault +N, <path> +N, ..., free pages -M": pgfault and
 * free pages always, the other counters only when they changed. */
static inline void vmstat_print_delta(const char *what, const struct vmstat *a,
                                      const struct vmstat *b)
{
    char line[400];
    int len = 0, i;

    for (i = 0; i < NR_VS; i++) {
        long d = b->v[i] - a->v[i];
        const char *name = vmstat_names[i];
        if ((!d && i != VS_PGFAULT && i != VS_FREE_PAGES) || i == VS_ANON_PAGES || i == VS_FILE_PAGES)
            continue;               /* page counts but free: for swap_count */
        if (!strncmp(name, "fault_", 6))
            name += 6;
        if (i == VS_FREE_PAGES)
            name = "free pages";
        if (len)
            put_str(line, &len, ", ");
        put_str(line, &len, name);
        put_str(line, &len, " ");
        put_signed(line, &len, d);
    }
    line[len] = 0;
    uprintf(1, "%s: %s\n", what, line);
}

/* ---- the program image ---- */

struct elf_phdr32 {
    unsigned type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define AT_PHDR  3
#define AT_PHNUM 5
#define PT_LOAD  1

/* The program headers, from the auxiliary vector after envp. */
static inline const struct elf_phdr32 *own_phdrs(int *count)
{
    char **p = environ;
    unsigned *aux;
    const struct elf_phdr32 *ph = NULL;

    while (*p)
        p++;
    *count = 0;
    for (aux = (unsigned *)(p + 1); aux[0] != 0; aux += 2) {
        if (aux[0] == AT_PHDR)
            ph = (const struct elf_phdr32 *)aux[1];
        else if (aux[0] == AT_PHNUM)
            *count = aux[1];
    }
    return ph;
}

/* Reads one byte of every page of every PT_LOAD segment, so the image is
 * mapped (text from the file, data and bss read-only until written).
 * With write set, also writes each writable page (its own value back).
 * Returns the number of pages touched. */
static inline int touch_image(int write)
{
    int count, i, pages = 0;
    const struct elf_phdr32 *ph = own_phdrs(&count);

    for (i = 0; ph && i < count; i++) {
        if (ph[i].type != PT_LOAD)
            continue;
        unsigned a = ph[i].vaddr & ~(PAGE - 1), end = ph[i].vaddr + ph[i].memsz;
        for (; a < end; a += PAGE, pages++) {
            volatile char *c = (volatile char *)a;
            char v = *c;
            if (write && (ph[i].flags & 2))
                *c = v;
        }
    }
    return pages;
}

/* ---- marked pages sent to swap and read back (madv_pageout, mremap_swap) ---- */

/* Page i of p gets 'a' + i in its first byte and i in its last. */
static inline void mark_pages(char *p, unsigned npages)
{
    for (unsigned i = 0; i < npages; i++) {
        p[i * PAGE] = (char)('a' + i);
        p[i * PAGE + PAGE - 1] = (char)i;
    }
}

/* madvise(MADV_PAGEOUT) of npages at p; prints its result and how many
 * pages went to swap. */
static inline void pageout_report(char *p, unsigned npages)
{
    static struct vmstat before, after;

    vmstat_read(&before);
    int r = madvise(p, npages * PAGE, MADV_PAGEOUT);
    vmstat_read(&after);
    uprintf(1, "  madvise(MADV_PAGEOUT) of %d pages: %d, pswpout +%d\n", (int)npages, r,
            (int)(after.v[VS_PSWPOUT] - before.v[VS_PSWPOUT]));
}

/* Reads the marked pages back, checks them, and prints "  WHAT: intact
 * (or WRONG), major N, minor N" with the faults it took. */
static inline void read_back_marks(const char *what, const char *p, unsigned npages)
{
    int bad = 0;

    warm_stack();
    long maj = ru_majflt(), min = ru_minflt();
    for (unsigned i = 0; i < npages; i++)
        bad += p[i * PAGE] != (char)('a' + i) || p[i * PAGE + PAGE - 1] != (char)i;
    long dmaj = ru_majflt() - maj, dmin = ru_minflt() - min;
    uprintf(1, "  %s: %s, major %d, minor %d\n", what, bad ? "WRONG" : "intact", (int)dmaj, (int)dmin);
}

#endif

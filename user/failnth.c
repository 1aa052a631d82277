/*
 * failnth.c - the fail-nth sweep (raw): run one operation with its Nth
 * failable kernel allocation made to fail, for N = 1, 2, 3, ... until a
 * run completes with no failure injected (mm/fail_nth.h), and check
 * every run: the operation either completes with the right result (a
 * failed user-page allocation is retried by the kernel) or fails with
 * the errno Linux gives (ENOMEM; EAGAIN for fork) and leaves no trace,
 * or its process dies of the OOM killer; Committed_AS is back where it
 * was after each run.  The kernel's leak checks at power-off then say
 * that no run left a frame, a swap slot or a promise behind.
 *
 *   failnth fork     fork with 64 touched pages; the child checks them
 *   failnth exec     execve of this program, with arguments
 *   failnth exec-glibc  execve of /hello, a static glibc program, and its run
 *   failnth cow      a COW storm: 64 writes to pages shared with a child
 *   failnth mmap     mmap, touch, munmap a middle page, mmap MAP_FIXED over
 *                    another, munmap: 8 times
 *   failnth pipe     pipe, write, read, close
 *   failnth proc     open and read /proc/self/smaps
 *   failnth shared   a shared anonymous mapping, written, shared with a child
 *   failnth file     open and read() this program, map it privately, write
 *   failnth swapin   128 pages sent to swap, read back under a frame budget
 *                    that holds fewer (memory pressure: pages go out as
 *                    others come in)
 *   failnth write    not a sweep: the values a write to fail-nth takes
 *
 * A first run with nothing armed brings what the operation reads into
 * the page cache, so that every run after it makes the same allocations
 * and no failure point is skipped.  Each run happens in a child of the
 * sweep, which arms its own
 * /proc/self/fail-nth (an fd opened beforehand: reading it back and
 * disarming allocate nothing) and exits with a verdict.
 */
#include "lib/vmtest.h"

#define PAGES 64u

enum verdict {
    DONE_CLEAN = 10,            /* completed, nothing injected: the sweep ends */
    DONE_ABSORBED,              /* completed although a failure was injected */
    FAILED_CLEAN,               /* failed with the right errno, no trace left */
    WRONG,                      /* anything else: printed by the child */
};

static int arm_fd = -1;
static unsigned armed;                  /* the N this run was armed with */

static void arm(unsigned n)
{
    char digits[12];
    int len = 0;

    armed = n;
    do
        digits[len++] = (char)('0' + n % 10);
    while ((n /= 10) != 0);
    char text[12];
    for (int i = 0; i < len; i++)
        text[i] = digits[len - 1 - i];
    if (write(arm_fd, text, len) != len)
        exit_group(WRONG);
}

/* Disarm; 1 if the failure was injected (fail-nth had come down to 0). */
static int disarm(void)
{
    volatile char text[16];

    /* A write to the buffer may fault (copy-on-write after a fork) and
     * that allocation counts: take it before the value is read. */
    for (unsigned i = 0; i < sizeof(text); i++)
        text[i] = 0;
    lseek(arm_fd, 0, SEEK_SET);
    int len = read(arm_fd, (char *)text, sizeof(text) - 1);
    write(arm_fd, "0", 1);
    return armed && len > 0 && text[0] == '0';
}

/* The verdict on one run; says what was wrong if anything was.  A
 * failed call must give errno_ok (fork: EAGAIN or ENOMEM, as on Linux). */
static int judge(int injected, long result, long errno_ok, const char *what_wrong)
{
    if (what_wrong) {
        uprintf(1, "  %s\n", what_wrong);
        return WRONG;
    }
    if (result >= 0)
        return injected ? DONE_ABSORBED : DONE_CLEAN;
    if (!injected) {
        uprintf(1, "  failed (%d) with nothing injected\n", (int)result);
        return WRONG;
    }
    if (result != -errno_ok && !(errno_ok == EAGAIN && result == -ENOMEM)) {
        uprintf(1, "  failed with %d, not -%d\n", (int)result, (int)errno_ok);
        return WRONG;
    }
    return FAILED_CLEAN;
}

static char *touched_pages(unsigned n, unsigned seed)
{
    char *p = map_anon(n);

    for (unsigned i = 0; p && i < n; i++)
        *(unsigned *)(p + i * PAGE) = seed + i;
    return p;
}

static int pages_hold(const char *p, unsigned n, unsigned seed)
{
    for (unsigned i = 0; i < n; i++)
        if (*(const unsigned *)(p + i * PAGE) != seed + i)
            return 0;
    return 1;
}

/* The lowest free fd: a failed call must not have taken one. */
static int lowest_free_fd(void)
{
    int fd = dup(0);
    close(fd);
    return fd;
}

static int run_fork(unsigned n)
{
    char *p = touched_pages(PAGES, 100);
    int status = 0;

    arm(n);
    int pid = fork();
    if (pid == 0)
        exit(pages_hold(p, PAGES, 100) ? 7 : 8);
    int injected = disarm();
    const char *wrong = 0;
    if (pid > 0 && (waitpid_retry(pid, &status) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 7))
        wrong = "the child did not see its pages";
    if (pid < 0 && waitpid(-1, &status, 1) != -ECHILD)
        wrong = "a failed fork left a child";
    if (!pages_hold(p, PAGES, 100))
        wrong = "the parent's pages changed";
    return judge(injected, pid, EAGAIN, wrong);
}

static const char *self;                /* this program's path, for run_exec */

static int run_exec(unsigned n)
{
    char fd_text[4] = { (char)('0' + arm_fd), 0 };
    char *argv[] = { (char *)self, "exec-target", fd_text, n ? "armed" : "not armed", "an argument", 0 };
    char *envp[] = { "FAILNTH=1", 0 };
    static volatile unsigned still_here = 12345;

    arm(n);
    long r = execve(self, argv, envp);
    int injected = disarm();
    return judge(injected, r, ENOMEM, still_here == 12345 ? 0 : "the old image was changed");
}

/* The program exec'd by run_exec: its arguments must have arrived whole. */
static int exec_target(int argc, char **argv)
{
    arm_fd = argv[2][0] - '0';
    armed = !strcmp(argv[3], "armed");  /* the old image's word for it */
    int injected = disarm();
    int whole = argc == 5 && !strcmp(argv[4], "an argument");
    return judge(injected, 0, 0, whole ? 0 : "the arguments did not arrive");
}

/* The pid's fail-nth once it has exited (a zombie keeps its count):
 * 1 if a failure was injected into it. */
static int zombie_was_injected(int pid)
{
    char path[48], status[512];

    proc_pid_path(path, pid, "status");
    for (;;) {                          /* "Name:\t...\nState:\tZ (zombie)" */
        read_all(open(path, O_RDONLY, 0), status, sizeof(status));
        const char *state = strchr(status, '\n');
        if (state && !strncmp(state + 1, "State:\tZ", 8))
            break;
        msleep(1);
    }
    return proc_number(proc_pid_path(path, pid, "fail-nth")) == 0;
}

/* execve of /hello, a static glibc program of 740 KB, which then runs
 * armed: a child of the run does it, with its output into a pipe, and
 * the run judges by its fail-nth after it exits.  If glibc cannot start
 * for want of memory (its mprotect of the relocated data refused, say)
 * it says so and exits 127, which counts as a clean failure. */
static int run_exec_glibc(unsigned n)
{
    int out[2], status = 0;
    char text[32] = { 0 };

    pipe(out);
    int pid = fork();
    if (pid == 0) {
        char *argv[] = { "/hello", 0 }, *envp[] = { 0 };
        dup2(out[1], 1);
        dup2(out[1], 2);                /* glibc's complaints too */
        arm_fd = open("/proc/self/fail-nth", O_RDWR, 0);
        arm(n);
        long r = execve("/hello", argv, envp);
        exit(judge(disarm(), r, ENOMEM, 0));
    }
    int injected = n && zombie_was_injected(pid);
    waitpid_retry(pid, &status);
    close(out[1]);
    read_all(out[0], text, sizeof(text));
    if (WIFEXITED(status) && WEXITSTATUS(status) >= DONE_CLEAN && WEXITSTATUS(status) <= WRONG)
        return WEXITSTATUS(status);     /* execve failed: the child judged */
    if (WIFSIGNALED(status) && WTERMSIG(status) == 9)
        exit_group(9);                  /* the OOM killer's choice: say so */
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return judge(injected, -ENOMEM, ENOMEM, 0);
    int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && !strcmp(text, "hello, world\n");
    return judge(injected, 0, 0, ok ? 0 : "/hello did not say hello");
}

static int run_cow(unsigned n)
{
    char *p = touched_pages(PAGES, 200);
    int to_child[2];

    pipe(to_child);
    int pid = fork();
    if (pid == 0) {
        wait_for(to_child[0]);
        exit(pages_hold(p, PAGES, 200) ? 0 : 1);
    }
    arm(n);
    for (unsigned i = 0; i < PAGES; i++)
        *(unsigned *)(p + i * PAGE) = 300 + i;
    int injected = disarm();
    signal_other(to_child[1]);
    int status = 0;
    waitpid_retry(pid, &status);
    const char *wrong = !pages_hold(p, PAGES, 300) ? "our writes were lost"
                      : status != 0 ? "the child's copy changed" : 0;
    return judge(injected, 0, 0, wrong);
}

static int run_mmap(unsigned n)
{
    static char before[8192], after[8192];
    long r = 0;

    read_all(open("/proc/self/maps", O_RDONLY, 0), before, sizeof(before));
    arm(n);
    for (int round = 0; round < 8 && r >= 0; round++) {
        char *p = touched_pages(4, round);
        if (!p) {
            r = -ENOMEM;
            break;
        }
        r = munmap(p + PAGE, PAGE);            /* splits the VMA */
        if (r < 0 && !pages_hold(p, 4, round))
            break;
        if (r >= 0) {                           /* a page replaced in place: splits again */
            long m = mmap2(p + 3 * PAGE, PAGE, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            r = MAP_FAILED(m) ? m : 0;
        }
        if (r < 0 && !(pages_hold(p, 1, round) && pages_hold(p + 2 * PAGE, 1, round + 2)))
            break;
        munmap(p, 4 * PAGE);
    }
    int injected = disarm();
    read_all(open("/proc/self/maps", O_RDONLY, 0), after, sizeof(after));
    return judge(injected, r, ENOMEM, strcmp(before, after) ? "the mappings changed" : 0);
}

static int run_pipe(unsigned n)
{
    int fds[2] = { -1, -1 }, free_fd = lowest_free_fd();
    char buf[8] = { 0 };

    arm(n);
    long r = pipe(fds);
    if (r == 0 && write(fds[1], "payload", 7) == 7 && read(fds[0], buf, 7) == 7)
        r = close(fds[0]) | close(fds[1]);
    int injected = disarm();
    const char *wrong = r == 0 && strcmp(buf, "payload") ? "the bytes came back wrong"
                      : lowest_free_fd() != free_fd ? "an fd was left open" : 0;
    return judge(injected, r, ENOMEM, wrong);
}

static int run_proc(unsigned n)
{
    static char text[16384];
    int free_fd = lowest_free_fd();

    arm(n);
    long r = open("/proc/self/smaps", O_RDONLY, 0);
    int len = 0;
    if (r >= 0) {
        len = read(r, text, sizeof(text) - 1);
        close(r);
    }
    int injected = disarm();
    const char *wrong = r >= 0 && len <= 0 ? "smaps read nothing"
                      : lowest_free_fd() != free_fd ? "an fd was left open" : 0;
    return judge(injected, r, ENOMEM, wrong);
}

static int run_shared(unsigned n)
{
    arm(n);
    long r = mmap2(0, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int pid = -1, status = 0;
    if (!MAP_FAILED(r)) {
        for (unsigned i = 0; i < PAGES; i++)
            *(unsigned *)((char *)r + i * PAGE) = 500 + i;
        pid = fork();
        if (pid == 0) {
            *(unsigned *)r = 1;         /* seen by the parent: the memory is shared */
            exit(0);
        }
    }
    int injected = disarm();
    if (pid > 0)
        waitpid_retry(pid, &status);
    const char *wrong = pid > 0 && (status || *(unsigned *)r != 1 || !pages_hold((char *)r + PAGE, PAGES - 1, 501))
                      ? "the shared pages were not shared" : 0;
    return judge(injected, MAP_FAILED(r) ? r : pid < 0 ? pid : 0, MAP_FAILED(r) ? ENOMEM : EAGAIN, wrong);
}

/* read() of this program's first bytes, and a private mapping of it.
 * Its first page is read before the runs, so that every run finds it
 * cached and the runs make the same allocations. */
static int run_file(unsigned n)
{
    char head[16] = { 0 };
    int free_fd = lowest_free_fd();

    read_all(open(self, O_RDONLY, 0), head, sizeof(head));     /* cached from now on */
    arm(n);
    long r = open(self, O_RDONLY, 0);
    if (r >= 0) {
        int fd = (int)r;
        r = read(fd, head, sizeof(head)) == sizeof(head) ? 0 : -ENOMEM;
        long m = r ? 0 : mmap2(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        if (MAP_FAILED(m))
            r = m;
        else if (m) {
            *(char *)m = 'X';           /* a private copy of the file page */
            r = memcmp((char *)m + 1, "ELF", 3) ? -1 : munmap((void *)m, PAGE);
        }
        close(fd);
    }
    int injected = disarm();
    const char *wrong = r == 0 && memcmp(head, "\177ELF", 4) ? "read() gave the wrong bytes"
                      : lowest_free_fd() != free_fd ? "an fd was left open" : 0;
    return judge(injected, r, ENOMEM, wrong);
}

/* Under a frame budget smaller than the pages (failnth_swapin.kargs),
 * touching them again swaps some in while others go out. */
static int run_swapin(unsigned n)
{
    char *p = touched_pages(2 * PAGES, 400);

    if (madvise(p, 2 * PAGES * PAGE, MADV_PAGEOUT))
        return judge(0, 0, 0, "the pages did not go to swap");
    arm(n);
    int hold = pages_hold(p, 2 * PAGES, 400);
    int injected = disarm();
    return judge(injected, 0, 0, hold ? 0 : "the pages came back wrong");
}

static const struct {
    const char *name;
    int (*run)(unsigned n);
} operations[] = {
    { "fork", run_fork }, { "exec", run_exec }, { "cow", run_cow }, { "mmap", run_mmap },
    { "pipe", run_pipe }, { "proc", run_proc }, { "swapin", run_swapin }, { "shared", run_shared },
    { "file", run_file }, { "exec-glibc", run_exec_glibc },
};

/* What a write to another task's fail-nth does (an unsigned number, as
 * Linux 6.1's kstrtouint takes it) and what reading it back gives.  The
 * child sleeps in read() meanwhile, allocating nothing, so the count
 * read back is the count written. */
static int write_checks(void)
{
    static const char *const texts[][2] = {
        { "5", "5" }, { "' 7\\n'", " 7\n" }, { "0x10", "0x10" }, { "010", "010" }, { "+3", "+3" },
        { "4294967295", "4294967295" }, { "4294967296", "4294967296" }, { "-1", "-1" },
        { "-0", "-0" }, { "abc", "abc" }, { "12abc", "12abc" }, { "0", "0" },
    };
    int go[2];
    char path[48], text[16];

    pipe(go);
    int pid = fork();
    if (pid == 0) {
        wait_for(go[0]);
        exit(0);
    }
    proc_pid_path(path, pid, "fail-nth");
    for (unsigned i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        const char *r = proc_write(path, texts[i][1]);
        memset(text, 0, sizeof(text));
        read_all(open(path, O_RDONLY, 0), text, sizeof(text));
        char *newline = strchr(text, '\n');
        if (newline)
            *newline = 0;
        uprintf(1, "write %s to the child's fail-nth: %s, now %s\n", texts[i][0], r, text);
    }
    signal_other(go[1]);
    report_end("child", pid);
    return 0;
}

/* Committed_AS in kB, read into the stack (nothing in the sweep's own
 * memory changes, so its promises stay what they were). */
static unsigned committed_kb(void)
{
    char text[2048];
    unsigned kb = 0;

    read_all(open("/proc/meminfo", O_RDONLY, 0), text, sizeof(text));
    for (const char *line = text; line; line = strchr(line, '\n')) {
        if (*line == '\n')
            line++;
        proc_field(line, "Committed_AS", &kb);
    }
    return kb;
}

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "";
    unsigned absorbed = 0, failed = 0, oom = 0, wrong = 0, n;
    int (*run)(unsigned n) = 0;
    char buf[24];

    if (!strcmp(how, "exec-target"))
        return exec_target(argc, argv);
    if (!strcmp(how, "write"))
        return write_checks();
    for (unsigned i = 0; i < sizeof(operations) / sizeof(operations[0]); i++)
        if (!strcmp(how, operations[i].name))
            run = operations[i].run;
    if (!run) {
        uprintf(1, "usage: failnth fork|exec|exec-glibc|cow|mmap|pipe|proc|swapin|shared|file|write\n");
        return 2;
    }
    self = argv[0];
    unsigned committed = committed_kb();    /* every run must give back its promises */
    for (n = 0;; n++) {                 /* n = 0: a run with nothing armed */
        int pid = fork();
        if (pid == 0) {
            arm_fd = open("/proc/self/fail-nth", O_RDWR, 0);
            exit(arm_fd < 0 ? WRONG : run(n));
        }
        int status = 0;
        waitpid_retry(pid, &status);
        if (committed_kb() != committed) {
            uprintf(1, "N=%u: Committed_AS %u kB after the run, %u kB before\n", n, committed_kb(),
                    committed);
            committed = committed_kb();
            wrong++;
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == DONE_CLEAN) {
            if (n)
                break;
            continue;
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == DONE_ABSORBED)
            absorbed++;
        else if (WIFEXITED(status) && WEXITSTATUS(status) == FAILED_CLEAN)
            failed++;
        else if (WIFSIGNALED(status) && WTERMSIG(status) == 9)
            oom++;
        else {
            uprintf(1, "N=%u: %s\n", n, status_text(status, buf));
            wrong++;
        }
    }
    uprintf(1, "%s: %u failure points: %u failed cleanly, %u retried and completed, "
            "%u killed, %u wrong\n", how, n - 1, failed, absorbed, oom, wrong);
    return wrong != 0;
}

/*
 * run_twice.c - running a program twice in a row leaves the free-frame
 * count identical (raw).
 *
 * For each program named in argv (by default the list in main: most of
 * the memory tests, see tests/user/run_twice.files) it forks, execs the
 * program with its output going into a pipe, drains the pipe, reaps the
 * child, and reads nr_free_pages from /proc/vmstat; then does it all a
 * second time.  The first run may leave pages behind on purpose (the
 * program's file pages stay in the page cache, a kmalloc slab may stay
 * allocated); the second finds them there and must leave exactly as many
 * free frames as the first.  A difference is a leak (or an unbounded
 * cache) of the second run, which the kernel's power-off leak check
 * cannot tell from a page-cache page.  It also checks that both runs
 * wrote the same output and ended the same way, and shows the first line
 * that differs if not: file_private_shared's MAP_SHARED writes reach its
 * data file, which the second run finds changed (as it would on Linux).
 *
 * Not in the list: orphan (init reaps its grandchild whenever it gets to
 * it, so the count depends on timing), and the tests whose output
 * depends on the page cache (fault_counts, shared_text).
 *
 * Figures of our kernel's allocator: tests/user/run_twice.linux-differs.
 */
#include "lib/vmtest.h"

#define OUT_MAX (32 << 10)

static char out[2][OUT_MAX];
static int out_len[2];

/* Runs name with its fds 1 and 2 on a pipe; keeps what it wrote in
 * out[run]; returns its wait status, or a negative errno. */
static int run(const char *name, int n)
{
    char *argv[] = { (char *)name, NULL };
    int p[2], pid, status, r;

    if ((r = pipe(p)) < 0)
        return r;
    pid = fork();
    if (pid < 0)
        return pid;
    if (pid == 0) {
        dup2(p[1], 1);
        dup2(p[1], 2);
        close(p[0]);
        close(p[1]);
        r = execve(name, argv, environ);
        uprintf(2, "run_twice: execve %s: %d\n", name, r);
        exit(127);
    }
    close(p[1]);
    out_len[n] = 0;
    while ((r = read(p[0], out[n] + out_len[n], OUT_MAX - out_len[n])) > 0)
        out_len[n] += r;
    close(p[0]);
    if (waitpid_retry(pid, &status) != pid)
        return -ECHILD;
    return status;
}

/* Prints the first line where the outputs of the two runs differ. */
static void show_first_difference(const char *name)
{
    int i = 0, start = 0, n;

    while (i < out_len[0] && i < out_len[1] && out[0][i] == out[1][i]) {
        if (out[0][i] == '\n')
            start = i + 1;
        i++;
    }
    for (int r = 0; r < 2; r++) {
        char line[160];
        for (n = 0; n < (int)sizeof(line) - 1 && start + n < out_len[r] && out[r][start + n] != '\n'; n++)
            line[n] = out[r][start + n];
        line[n] = 0;
        uprintf(1, "%s: run %d's first different line: %s\n", name, r + 1, line);
    }
}

static void run_twice(const char *name)
{
    struct vmstat s[2];
    int status[2], i;
    char b0[24], b1[24];

    for (i = 0; i < 2; i++) {
        status[i] = run(name, i);
        vmstat_read(&s[i]);
    }
    long d = s[1].v[VS_FREE_PAGES] - s[0].v[VS_FREE_PAGES];
    uprintf(1, "%s: run 1 %s, run 2 %s, same output: %s\n", name, status_text(status[0], b0),
            status_text(status[1], b1),
            yes(out_len[0] == out_len[1] && !memcmp(out[0], out[1], out_len[0])));
    if (out_len[0] != out_len[1] || memcmp(out[0], out[1], out_len[0]))
        show_first_difference(name);
    if (d == 0)
        uprintf(1, "%s: free pages after run 1 and run 2 identical: yes\n", name);
    else
        uprintf(1, "%s: free pages after run 1 and run 2 identical: no (%d pages %s)\n", name,
                d < 0 ? (int)-d : (int)d, d < 0 ? "fewer" : "more");
}

int main(int argc, char **argv)
{
    static const char *const defaults[] = {
        "hello_raw", "hello", "fork_wait", "many_procs", "cow_isolation", "shared_anon",
        "file_private_shared", "munmap_middle", "map_fixed", "brk_regrow", "deep_recursion",
        "invalid_access", "efault", "malloc_big",
    };
    struct vmstat warm;
    unsigned i;

    /* warm up: touch the buffers now, so the parent's own first-touch
     * faults are not counted in the figures */
    vmstat_read(&warm);
    memset(out, 0, sizeof(out));
    if (argc > 1) {
        for (i = 1; i < (unsigned)argc; i++)
            run_twice(argv[i]);
    } else {
        for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
            run_twice(defaults[i]);
    }
    return 0;
}

/*
 * oom_adj.c - /proc/PID/oom_score_adj and /proc/PID/oom_score, read and
 * written as on Linux (raw; as root there, since lowering the value
 * needs CAP_SYS_RESOURCE).
 *
 * oom_score is the badness on a scale of 0 to 2000: 0 for a process the
 * OOM killer never chooses (oom_score_adj -1000), 666 plus its share of
 * memory for one with adj 0, and 1333 plus that share with adj 1000.  Values outside
 * -1000..1000 and text that is not a number are refused with EINVAL; a
 * child inherits its parent's value; a process may set another's.
 */
#include "lib/vmtest.h"

static void try_adj(const char *shown, const char *text)
{
    const char *r = proc_write("/proc/self/oom_score_adj", text);
    uprintf(1, "write %s: %s, oom_score_adj now %d\n", shown, r,
            proc_number("/proc/self/oom_score_adj"));
}

/*
 * Whether score is Linux's oom_score for adj and a process of under 1%
 * of memory: (1000 + badness x 1000 / T) x 2 / 3, where T is RAM + swap
 * in pages and badness is the process's own pages + adj x (T / 1000)
 * (Linux divides first).  Near 666 for adj 0; for adj 1000 near 1333 on
 * a big machine, lower on a small one (T / 1000 loses more).
 */
static int score_fits(int score, int adj)
{
    long long total = proc_kb("/proc/meminfo", 0, "MemTotal") / 4 + proc_kb("/proc/meminfo", 0, "SwapTotal") / 4;
    long long share = adj * (total / 1000);
    int low = (int)((1000 + share * 1000 / total) * 2 / 3);
    int high = (int)((1000 + (share + total / 100) * 1000 / total) * 2 / 3);
    return score >= low && score <= high;
}

int main(void)
{
    char path[48];

    uprintf(1, "oom_score_adj: %d\n", proc_number("/proc/self/oom_score_adj"));
    int score = proc_number("/proc/self/oom_score");
    uprintf(1, "oom_score with adj 0 as a process of under 1%% of memory: %s\n",
            yes(score_fits(score, 0)));
    try_adj("1000", "1000");
    score = proc_number("/proc/self/oom_score");
    uprintf(1, "oom_score with adj 1000 as a process of under 1%% of memory: %s\n",
            yes(score_fits(score, 1000)));
    try_adj("-1000", "-1000\n");
    uprintf(1, "oom_score with adj -1000: %d\n", proc_number("/proc/self/oom_score"));
    try_adj("1001", "1001");
    try_adj("-1001", "-1001");
    try_adj("abc", "abc");
    try_adj("12abc", "12abc");
    try_adj("99999999999", "99999999999");
    try_adj("' 7\\n'", " 7\n");
    try_adj("0x10", "0x10");
    int to_child[2], to_parent[2];
    pipe(to_child);
    pipe(to_parent);
    int pid = fork();
    if (pid == 0) {
        int inherited = proc_number("/proc/self/oom_score_adj");
        signal_other(to_parent[1]);
        wait_for(to_child[0]);          /* the parent sets ours meanwhile */
        uprintf(1, "child: inherited %d, then set by its parent to %d\n", inherited,
                proc_number("/proc/self/oom_score_adj"));
        exit(0);
    }
    proc_pid_path(path, pid, "oom_score_adj");
    wait_for(to_parent[0]);
    uprintf(1, "parent sets the child's to -5: %s\n", proc_write(path, "-5"));
    signal_other(to_child[1]);
    report_end("child", pid);
    uprintf(1, "the reaped child's oom_score_adj: %s\n",
            proc_number(path) == -ENOENT ? "ENOENT" : "still there");
    /* an open /proc/self file is about its opener, whoever writes to it */
    int fd = open("/proc/self/oom_score_adj", O_WRONLY, 0);
    pid = fork();
    if (pid == 0) {
        write(fd, "3", 1);
        uprintf(1, "child writes 3 to the parent's open /proc/self/oom_score_adj: its own is %d\n",
                proc_number("/proc/self/oom_score_adj"));
        exit(0);
    }
    report_end("child", pid);
    uprintf(1, "the parent's oom_score_adj: %d\n", proc_number("/proc/self/oom_score_adj"));
    return 0;
}

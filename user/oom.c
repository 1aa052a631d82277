/*
 * oom.c - who the OOM killer chooses (raw; run with 16 MiB of RAM and no
 * swap, so that memory runs out: every test of it is .linux-differs).
 *
 * A "hog" maps and touches a share of the free memory, tells the parent
 * it is ready and waits; then an "allocator" touches more than is left.
 * The kernel must kill the process with the highest badness, which is
 * not always the one whose fault found no frame:
 *   oom victim   the hog is bigger: it dies, the allocator finishes;
 *   oom protect  the hog has oom_score_adj -1000: the allocator dies;
 *   oom first    a small hog with oom_score_adj 1000 goes first;
 *   oom stack    the allocator is a recursion whose stack grows into the
 *                last free frames: the hog dies, the recursion finishes;
 *   oom alone    no hog, and this process and the allocator both have
 *                oom_score_adj -1000: nothing may be chosen, so the
 *                allocator dies of its own fault (Linux would panic).
 * The parent then lets the hog go on: a hog that is still alive checks
 * its pages and exits 0.  init and the kernel survive every case.
 */
#include "lib/vmtest.h"

static unsigned free_pages(void)
{
    return proc_kb("/proc/meminfo", 0, "MemFree") / 4;
}

static void set_oom_score_adj(const char *adj)
{
    if (uprintf_path("/proc/self/oom_score_adj", O_WRONLY, "%s\n", adj) < 0)
        uprintf(1, "cannot write oom_score_adj\n");
}

/* Touches n pages and returns them, or NULL if they cannot be mapped. */
static char *touch_pages(unsigned n)
{
    char *p = map_anon(n);

    for (unsigned i = 0; p && i < n; i++)
        *(volatile unsigned *)(p + i * PAGE) = i;
    return p;
}

/* The hog: n pages, then ready, then wait; exit 0 if they are intact. */
static void hog(unsigned n, const char *adj, int ready, int go)
{
    if (adj)
        set_oom_score_adj(adj);
    char *p = touch_pages(n);
    signal_other(ready);
    wait_for(go);
    unsigned wrong = 0;
    for (unsigned i = 0; p && i < n; i++)
        wrong += *(volatile unsigned *)(p + i * PAGE) != i;
    exit(p && !wrong ? 0 : 1);
}

static void allocate(void *arg)
{
    if (!touch_pages(*(unsigned *)arg))
        exit(2);
}

/* Recursion with one page of stack per call, depth levels deep. */
static unsigned __attribute__((noinline)) recurse(unsigned depth)
{
    volatile char frame[PAGE - 64];

    frame[0] = (char)depth;
    frame[sizeof(frame) - 1] = (char)depth;
    return depth ? recurse(depth - 1) + frame[0] - frame[sizeof(frame) - 1] : 0;
}

static void grow_stack(void *arg)
{
    recurse(*(unsigned *)arg);
}

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "";
    int ready[2], go[2];
    unsigned avail = free_pages(), hog_pages = avail * 7 / 10, alloc_pages = avail / 2;
    const char *hog_adj = 0;
    void (*allocator)(void *) = allocate;
    char buf[24];

    if (!strcmp(how, "protect")) {
        hog_adj = "-1000";
    } else if (!strcmp(how, "first")) {
        hog_adj = "1000";
        hog_pages = avail * 3 / 10;
        alloc_pages = avail * 3 / 4;
    } else if (!strcmp(how, "stack")) {
        allocator = grow_stack;
    } else if (!strcmp(how, "alone")) {
        set_oom_score_adj("-1000");     /* the allocator inherits it */
        unsigned ram = proc_kb("/proc/meminfo", 0, "MemTotal") / 4;
        alloc_pages = avail + (ram - avail) / 2;    /* more than is free, less than RAM */
    } else if (strcmp(how, "victim")) {
        uprintf(1, "usage: oom victim|protect|first|stack|alone\n");
        return 2;
    }
    unsigned kills = proc_sum("/proc/vmstat", "oom_kill");
    if (!strcmp(how, "alone")) {
        uprintf(1, "allocator with oom_score_adj %d, nothing else to kill: %s\n",
                proc_number("/proc/self/oom_score_adj"),
                status_text(status_of_child(allocator, &alloc_pages), buf));
        uprintf(1, "oom kills: %u\n", proc_sum("/proc/vmstat", "oom_kill") - kills);
        return 0;
    }
    pipe(ready);
    pipe(go);
    int hog_pid = fork();
    if (hog_pid == 0)
        hog(hog_pages, hog_adj, ready[1], go[0]);
    wait_for(ready[0]);
    uprintf(1, "hog%s%s: touched its pages\n", hog_adj ? " with oom_score_adj " : "",
            hog_adj ? hog_adj : "");
    int status = status_of_child(allocator, &alloc_pages);
    uprintf(1, "%s: %s\n", allocator == grow_stack ? "recursion" : "allocator",
            status_text(status, buf));
    signal_other(go[1]);
    report_end("hog", hog_pid);
    uprintf(1, "oom kills: %u\n", proc_sum("/proc/vmstat", "oom_kill") - kills);
    return 0;
}

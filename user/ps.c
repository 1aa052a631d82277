/*
 * ps.c - the processes, one line each, from /proc/PID/status:
 *
 *       PID  PPID STATE THR    VSZ    RSS NAME
 *         1     0 S       1     40     24 init
 *         2     1 S       1     36     28 sh
 *         7     2 R       1     36     20 ps
 *
 * STATE is R (runnable), S (sleeping) or Z (zombie); THR is the number
 * of threads; VSZ is the size of all the VMAs and RSS the pages mapped
 * in them, both in kB (VmSize and VmRSS); NAME is the task's name
 * (argv[0] of its last execve).  `ps -T` lists every thread instead,
 * with its id (TID) beside its process's (PID), as Linux's ps -T does.
 * ps tries /proc/ID/status for every ID from 1 to 256, or to its own
 * PID + 64 if that is more (ids are never reused, so a task started
 * before ps has a smaller one than ps); /proc/TID of a thread exists
 * too, and says which process it belongs to (Tgid).
 */
#include "toolslib.h"

/* The text of field name up to the end of its line, copied into buf. */
static const char *field_copy(const char *text, const char *name, char *buf, unsigned size)
{
    const char *p = find_text(text, name);
    unsigned n = 0;

    while (p && p[n] && p[n] != '\n' && n < size - 1)
        n++;
    if (p)
        memcpy(buf, p, n);
    buf[n] = 0;
    return buf;
}

int main(int argc, char **argv)
{
    static char text[1024];
    char path[32], name[32], state[32];
    int pid, last = getpid() + 64;
    int threads = argc > 1 && !strcmp(argv[1], "-T");

    if (argc > 1 && !threads) {
        uprintf(2, "usage: ps [-T]\n");
        return 1;
    }
    if (last < 256)
        last = 256;
    if (threads)
        uprintf(1, "%5s %5s %5s %-5s %6s %6s %s\n", "PID", "TID", "PPID", "STATE", "VSZ", "RSS", "NAME");
    else
        uprintf(1, "%5s %5s %-5s %3s %6s %6s %s\n", "PID", "PPID", "STATE", "THR", "VSZ", "RSS", "NAME");
    for (pid = 1; pid <= last; pid++) {
        unsigned tgid, ppid, vsz, rss, nr_threads;
        int len = 6;

        memcpy(path, "/proc/", 6);
        len += fmt_uint(path + len, pid);
        memcpy(path + len, "/status", 8);
        if (read_file(path, text, sizeof(text)) <= 0)
            continue;                   /* no such process or thread */
        find_field(text, "Tgid", &tgid);
        if (!threads && tgid != (unsigned)pid)
            continue;                   /* a thread of a process listed already */
        find_field(text, "PPid", &ppid);
        find_field(text, "VmSize", &vsz);
        find_field(text, "VmRSS", &rss);
        find_field(text, "Threads", &nr_threads);
        field_copy(text, "Name", name, sizeof(name));
        field_copy(text, "State", state, sizeof(state));
        state[1] = 0;                   /* "S (sleeping)" -> "S" */
        if (threads)
            uprintf(1, "%5u %5d %5u %-5s %6u %6u %s\n", tgid, pid, ppid, state, vsz, rss, name);
        else
            uprintf(1, "%5d %5u %-5s %3u %6u %6u %s\n", pid, ppid, state, nr_threads, vsz, rss, name);
    }
    return 0;
}

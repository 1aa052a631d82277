/*
 * ps.c - the processes, one line each, from /proc/PID/status:
 *
 *       PID  PPID STATE    VSZ    RSS NAME
 *         1     0 S         40     24 init
 *         2     1 S         36     28 sh
 *         7     2 R         36     20 ps
 *
 * STATE is R (runnable), S (sleeping) or Z (zombie); VSZ is the size of
 * all the VMAs and RSS the pages mapped in them, both in kB (VmSize and
 * VmRSS); NAME is the task's name (argv[0] of its last execve).  There
 * is no readdir, so ps tries /proc/PID/status for every PID from 1 to
 * 256, or to its own PID + 64 if that is more: pids are never reused, so
 * a process started before ps has a smaller pid than ps.
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

int main(void)
{
    static char text[1024];
    char path[32], name[32], state[32];
    int pid, last = getpid() + 64;

    if (last < 256)
        last = 256;
    uprintf(1, "%5s %5s %-5s %6s %6s %s\n", "PID", "PPID", "STATE", "VSZ", "RSS", "NAME");
    for (pid = 1; pid <= last; pid++) {
        unsigned ppid, vsz, rss;
        int len = 6;

        memcpy(path, "/proc/", 6);
        len += fmt_uint(path + len, pid);
        memcpy(path + len, "/status", 8);
        if (read_file(path, text, sizeof(text)) <= 0)
            continue;                   /* no such process */
        find_field(text, "PPid", &ppid);
        find_field(text, "VmSize", &vsz);
        find_field(text, "VmRSS", &rss);
        field_copy(text, "Name", name, sizeof(name));
        field_copy(text, "State", state, sizeof(state));
        state[1] = 0;                   /* "S (sleeping)" -> "S" */
        uprintf(1, "%5d %5u %-5s %6u %6u %s\n", pid, ppid, state, vsz, rss, name);
    }
    return 0;
}

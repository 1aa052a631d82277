/*
 * proc_sys_files.c - the system-wide /proc files in Linux's formats:
 * /proc/uptime is "SECONDS.CC IDLE.CC" and grows while we sleep;
 * /proc/loadavg is three loads with two decimals, runnable/total tasks
 * (at least this one runnable) and the last pid given out (at least
 * ours); /proc/stat has the "cpu  " and "cpu0" lines of ten tick counts
 * that grow with time, and intr, ctxt, btime, processes, procs_running
 * (at least 1) and procs_blocked; /proc/mounts has the file system at /
 * and procfs at /proc.
 */
#include "lib/usysinfo.h"
#include "lib/vmtest.h"

static char text[16384];

/* "N.CC" at *p, in hundredths; -1 if it is not that. */
static long hundredths(const char **p)
{
    const char *start = *p;
    long v = parse_decimal(p);

    if (*p == start || **p != '.' || (*p)[1] < '0' || (*p)[1] > '9' || (*p)[2] < '0' || (*p)[2] > '9')
        return -1;
    v = v * 100 + ((*p)[1] - '0') * 10 + ((*p)[2] - '0');
    *p += 3;
    return v;
}

/* /proc/uptime's two figures; 1 if the text has the right form. */
static int read_uptime(long *up, long *idle)
{
    read_all(open("/proc/uptime", O_RDONLY, 0), text, sizeof(text));
    const char *p = text;
    *up = hundredths(&p);
    if (*up < 0 || *p++ != ' ')
        return 0;
    *idle = hundredths(&p);
    return *idle >= 0 && p[0] == '\n' && !p[1];
}

static void check_uptime(void)
{
    long up1, up2, idle;
    int ok1 = read_uptime(&up1, &idle);
    msleep(60);
    int ok2 = read_uptime(&up2, &idle);
    uprintf(1, "uptime: format %s, grew by 0.05 s or more over a 60 ms sleep: %s\n", yes(ok1 && ok2),
            yes(up2 >= up1 + 5));
}

static void check_loadavg(void)
{
    read_all(open("/proc/loadavg", O_RDONLY, 0), text, sizeof(text));
    const char *p = text;
    int ok = 1;
    for (int i = 0; i < 3; i++)
        ok &= hundredths(&p) >= 0 && *p++ == ' ';
    unsigned running = parse_decimal(&p);
    ok &= *p++ == '/';
    unsigned total = parse_decimal(&p);
    ok &= *p++ == ' ';
    unsigned last_pid = parse_decimal(&p);
    ok &= p[0] == '\n' && !p[1];
    uprintf(1, "loadavg: format %s, runnable >= 1 %s, total >= runnable %s, last pid >= ours %s\n",
            yes(ok), yes(running >= 1), yes(total >= running), yes(last_pid >= (unsigned)getpid()));
}

/* The line of text starting with prefix, or NULL. */
static const char *find_line(const char *prefix)
{
    unsigned n = strlen(prefix);

    for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : 0)
        if (!strncmp(line, prefix, n))
            return line;
    return 0;
}

/* The sum of the ten counts of the cpu line starting with prefix, -1 if
 * it is missing or has not ten. */
static long long cpu_ticks(const char *prefix)
{
    const char *p = find_line(prefix);
    long long sum = 0;

    if (!p)
        return -1;
    p += strlen(prefix);
    for (int i = 0; i < 10; i++) {
        if (*p++ != ' ' || *p < '0' || *p > '9')
            return -1;
        sum += parse_decimal(&p);
    }
    return *p == '\n' ? sum : -1;
}

/* The number after "NAME " on its line of /proc/stat; -1 if none. */
static long stat_number(const char *name)
{
    char prefix[32];
    unsigned n = strlen(name);

    memcpy(prefix, name, n);
    prefix[n] = ' ';
    prefix[n + 1] = 0;
    const char *p = find_line(prefix);
    if (!p)
        return -1;
    p += n + 1;
    return *p >= '0' && *p <= '9' ? (long)parse_decimal(&p) : -1;
}

static void check_stat(void)
{
    read_all(open("/proc/stat", O_RDONLY, 0), text, sizeof(text));
    long long before = cpu_ticks("cpu ");
    long long cpu0 = cpu_ticks("cpu0");
    uprintf(1, "stat: first line \"cpu  \" %s, cpu line %s, cpu0 line %s\n",
            yes(!strncmp(text, "cpu  ", 5)), yes(before >= 0), yes(cpu0 >= 0));
    uprintf(1, "stat: intr %s, ctxt %s, btime %s, processes >= 1 %s, procs_running >= 1 %s, "
            "procs_blocked %s\n", yes(stat_number("intr") >= 0), yes(stat_number("ctxt") >= 0),
            yes(stat_number("btime") >= 0), yes(stat_number("processes") >= 1),
            yes(stat_number("procs_running") >= 1), yes(stat_number("procs_blocked") >= 0));
    msleep(100);
    read_all(open("/proc/stat", O_RDONLY, 0), text, sizeof(text));
    uprintf(1, "stat: cpu ticks grew by 5 or more over a 100 ms sleep: %s\n",
            yes(cpu_ticks("cpu ") >= before + 5));
}

/* Whether /proc/mounts has a line "DEVICE MOUNT_POINT TYPE ..." with
 * that mount point (and that type, unless type is NULL). */
static int mounted(const char *mount_point, const char *type)
{
    for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : 0) {
        const char *p = strchr(line, ' ');
        unsigned n = strlen(mount_point);
        if (!p || strncmp(p + 1, mount_point, n) || p[1 + n] != ' ')
            continue;
        if (!type || !strncmp(p + 2 + n, type, strlen(type)))
            return 1;
    }
    return 0;
}

int main(void)
{
    check_uptime();
    check_loadavg();
    check_stat();
    read_all(open("/proc/mounts", O_RDONLY, 0), text, sizeof(text));
    uprintf(1, "mounts: / %s, /proc of type proc %s\n", yes(mounted("/", 0)), yes(mounted("/proc", "proc ")));
    return 0;
}

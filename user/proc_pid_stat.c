/*
 * proc_pid_stat.c - /proc/PID/stat, statm and cmdline in Linux's formats:
 * stat has 52 fields, "pid (comm) state" then numbers, with our pid,
 * name, state R, getppid(), getpgrp() and getsid(0), priority 20, nice
 * 0, one thread, a start time not after now, vsize = statm's size in
 * bytes, rss about statm's resident; minflt grows by at least one per
 * new page touched.  statm has 7 fields, lib and dt 0, resident within
 * size.  cmdline is argv with a NUL after each argument (several
 * arguments: .args).  A child blocked on a pipe is S; once it exits,
 * before it is reaped, it is Z with its parent's pid, an empty cmdline
 * and a statm of zeros.
 */
#include "lib/usysinfo.h"
#include "lib/vmtest.h"

#define STAT_FIELDS 52

static char text[4096];

/* The fields of /proc/PID/stat after "(comm) ": field[3] is the state
 * letter's; field[n] is field number n (man 5 proc), from 4 on as
 * numbers.  Returns the number of fields, comm in comm. */
static int read_stat(const char *path, char *comm, unsigned comm_size, char *state,
                     long long field[STAT_FIELDS + 2])
{
    read_all(open(path, O_RDONLY, 0), text, sizeof(text));
    const char *open_paren = strchr(text, '('), *close_paren = strrchr(text, ')');
    if (!open_paren || !close_paren || close_paren[1] != ' ')
        return 0;
    unsigned n = close_paren - open_paren - 1;
    if (n >= comm_size)
        n = comm_size - 1;
    memcpy(comm, open_paren + 1, n);
    comm[n] = 0;
    const char *p = text;
    field[1] = parse_decimal(&p);
    *state = close_paren[2];
    int count = 3;
    for (p = close_paren + 3; *p == ' ' && count < STAT_FIELDS + 1; ) {
        p++;
        int negative = *p == '-';
        p += negative;
        long long v = 0;
        while (*p >= '0' && *p <= '9')
            v = v * 10 + (*p++ - '0');
        field[++count] = negative ? -v : v;
    }
    return *p == '\n' && !p[1] ? count : -count;
}

/* The seven numbers of /proc/PID/statm; their count. */
static int read_statm(const char *path, unsigned statm[8])
{
    int n = 0;

    read_all(open(path, O_RDONLY, 0), text, sizeof(text));
    for (const char *p = text; n < 8 && *p >= '0' && *p <= '9';) {
        statm[n++] = parse_decimal(&p);
        if (*p == ' ')
            p++;
    }
    return n;
}

static void check_self(void)
{
    long long f[STAT_FIELDS + 2];
    unsigned statm[8];
    char comm[32], state;
    int fields = read_stat("/proc/self/stat", comm, sizeof(comm), &state, f);

    uprintf(1, "self: %d fields, comm '%s', state %c\n", fields, comm, state);
    uprintf(1, "self: pid %s, ppid %s, pgrp %s, session %s\n", yes(f[1] == getpid()),
            yes(f[4] == getppid()), yes(f[5] == getpgrp()), yes(f[6] == getsid(0)));
    uprintf(1, "self: priority %d, nice %d, threads %d, itrealvalue %d, exit_signal %d\n",
            (int)f[18], (int)f[19], (int)f[20], (int)f[21], (int)f[38]);
    read_all(open("/proc/uptime", O_RDONLY, 0), text, sizeof(text));
    const char *p = text;
    long long now = parse_decimal(&p) * 100;
    if (*p == '.')
        p++;
    now += parse_decimal(&p);
    uprintf(1, "self: started, in ticks, no later than /proc/uptime: %s\n", yes(f[22] <= now));
    int n = read_statm("/proc/self/statm", statm);
    uprintf(1, "statm: %d fields, lib %u, dt %u, resident <= size %s, shared <= resident %s, "
            "text and data > 0 %s\n", n, statm[4], statm[6], yes(statm[1] <= statm[0]),
            yes(statm[2] <= statm[1]), yes(statm[3] > 0 && statm[5] > 0));
    uprintf(1, "stat vsize = statm size * 4096: %s, rss ~ resident: %s\n",
            yes(f[23] == (long long)statm[0] * 4096),
            yes(f[24] + 8 >= statm[1] && f[24] <= statm[1] + 8));

    long long before = f[10];
    char *pages = map_anon(32);
    for (int i = 0; i < 32; i++)
        pages[i * PAGE] = 1;
    read_stat("/proc/self/stat", comm, sizeof(comm), &state, f);
    uprintf(1, "minflt grew by 32 or more after touching 32 new pages: %s\n", yes(f[10] - before >= 32));
}

static void check_cmdline(int argc, char **argv)
{
    char expected[512];
    unsigned len = 0;

    for (int i = 0; i < argc; i++) {
        memcpy(expected + len, argv[i], strlen(argv[i]) + 1);
        len += strlen(argv[i]) + 1;
    }
    int fd = open("/proc/self/cmdline", O_RDONLY, 0);
    int got = read(fd, text, sizeof(text));
    close(fd);
    uprintf(1, "cmdline: %d arguments, %s argv with a NUL after each\n", argc,
            got == (int)len && !memcmp(text, expected, len) ? "is" : "is not");
    uprintf(1, "cmdline after argv[0]:");
    for (int i = 1; i < argc; i++)
        uprintf(1, " [%s]", argv[i]);
    uprintf(1, "\n");
}

static void check_child(void)
{
    long long f[STAT_FIELDS + 2];
    char comm[32], state = '?', path[48], status_path[48];
    int fds[2];
    unsigned statm[8];

    pipe(fds);
    int pid = fork();
    if (pid == 0) {
        char c;
        read(fds[0], &c, 1);
        exit(3);
    }
    proc_pid_path(path, pid, "stat");
    for (int tries = 0; tries < 1000 && state != 'S'; tries++) {
        msleep(1);
        read_stat(path, comm, sizeof(comm), &state, f);
    }
    uprintf(1, "child blocked on a pipe: state %c, ppid is ours %s\n", state, yes(f[4] == getpid()));
    write(fds[1], "x", 1);
    for (int tries = 0; tries < 1000 && state != 'Z'; tries++) {
        msleep(1);
        read_stat(path, comm, sizeof(comm), &state, f);
    }
    int fields = read_stat(path, comm, sizeof(comm), &state, f);
    uprintf(1, "child exited, not reaped: %d fields, state %c, ppid is ours %s, comm '%s'\n", fields,
            state, yes(f[4] == getpid()), comm);
    proc_pid_path(path, pid, "cmdline");
    int fd = open(path, O_RDONLY, 0);
    uprintf(1, "zombie cmdline: %d bytes\n", read(fd, text, sizeof(text)));
    close(fd);
    proc_pid_path(status_path, pid, "statm");
    int n = read_statm(status_path, statm);
    uprintf(1, "zombie statm: %d fields, %u %u %u %u %u %u %u\n", n, statm[0], statm[1], statm[2],
            statm[3], statm[4], statm[5], statm[6]);
    int status;
    waitpid_retry(pid, &status);
    uprintf(1, "reaped: exit %d, /proc/PID/stat now %s\n", WEXITSTATUS(status),
            open(proc_pid_path(path, pid, "stat"), O_RDONLY, 0) == -ENOENT ? "gone" : "there");
}

int main(int argc, char **argv)
{
    check_self();
    check_cmdline(argc, argv);
    check_child();
    return 0;
}

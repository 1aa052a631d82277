/*
 * procfs.c - the /proc files parse the way a Linux tool parses them (raw).
 *
 * /proc/meminfo, /proc/buddyinfo, /proc/vmstat, /proc/self/maps,
 * /proc/self/smaps, /proc/self/status and a child's /proc/PID/maps and
 * /proc/PID/status are read and their structure checked, one line
 * "ok: what" or "bad: what (why)" per check.  Only the structure and
 * relations that hold on any Linux system are checked (a field is there,
 * a line has the Linux layout, Rss <= Size), never a figure, so the
 * output is the same on Linux (tests/user/procfs.expected).
 */
#include "lib/vmtest.h"

#define BUF_SIZE (64u << 10)

static char text[BUF_SIZE], text2[BUF_SIZE];
static const char *prog;               /* our name: argv[0]'s base name */

static void check(int ok, const char *what, const char *why)
{
    if (ok)
        uprintf(1, "ok: %s\n", what);
    else
        uprintf(1, "bad: %s (%s)\n", what, why);
}

/* The whole file, NUL-terminated; its length or -errno. */
static int slurp(const char *path, char *buf)
{
    int fd = open(path, O_RDONLY, 0), len = 0, r;

    if (fd < 0)
        return fd;
    while (len < (int)BUF_SIZE - 1 && (r = read(fd, buf + len, BUF_SIZE - 1 - len)) > 0)
        len += r;
    close(fd);
    buf[len] = 0;
    return len;
}

/* ---- a tiny scanner over one line ---- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

/* Parses digits of base at *p (at least one) into *v; 0 if there are none. */
static int num(const char **p, unsigned base, unsigned *v)
{
    const char *s = *p;
    unsigned long long x = 0;

    while (base == 16 ? is_hex(*s) : is_digit(*s)) {
        x = x * base + (is_digit(*s) ? *s - '0' : *s - 'a' + 10);
        s++;
    }
    if (s == *p)
        return 0;
    *v = (unsigned)x;
    *p = s;
    return 1;
}

static int lit(const char **p, const char *word)
{
    unsigned n = strlen(word);

    if (strncmp(*p, word, n))
        return 0;
    *p += n;
    return 1;
}

static int spaces(const char **p)
{
    const char *s = *p;

    while (*s == ' ' || *s == '\t')
        s++;
    if (s == *p)
        return 0;
    *p = s;
    return 1;
}

static const char *next_line(const char *line)
{
    const char *end = strchr(line, '\n');
    return end ? end + 1 : line + strlen(line);
}

/* The line of text that starts with name, or NULL. */
static const char *find_line(const char *text, const char *name)
{
    unsigned n = strlen(name);

    for (const char *l = text; *l; l = next_line(l))
        if (!strncmp(l, name, n))
            return l;
    return NULL;
}

/* A "Name:<spaces>N kB" line (meminfo, smaps, status): 1 and *kb, or 0. */
static int kb_line(const char *line, const char *name, unsigned *kb)
{
    const char *p = line;

    return line && lit(&p, name) && lit(&p, ":") && spaces(&p) && num(&p, 10, kb) &&
           lit(&p, " kB") && (*p == '\n' || *p == 0);
}

/* ---- /proc/meminfo, /proc/buddyinfo, /proc/vmstat ---- */

static void check_meminfo(void)
{
    static const char *const names[] = { "MemTotal", "MemFree", "Cached", "AnonPages",
                                          "PageTables", "SwapTotal", "SwapFree" };
    char what[64];
    unsigned total = 0, free = 0, v, i;
    int r = slurp("/proc/meminfo", text);

    check(r > 0, "/proc/meminfo can be read", "open or read failed");
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        memcpy(what, "meminfo has \"", 13);
        memcpy(what + 13, names[i], strlen(names[i]));
        memcpy(what + 13 + strlen(names[i]), ":   N kB\"", 10);
        check(kb_line(find_line(text, names[i]), names[i], &v), what, "missing or not \"N kB\"");
    }
    kb_line(find_line(text, "MemTotal"), "MemTotal", &total);
    kb_line(find_line(text, "MemFree"), "MemFree", &free);
    check(total > 0 && free <= total, "meminfo: 0 < MemFree <= MemTotal", "figures out of order");
    int all = 1;
    for (const char *l = text; *l; l = next_line(l)) {
        const char *p = l;
        while (*p && *p != ':' && *p != '\n' && *p != ' ')
            p++;
        if (*p != ':' || p == l)
            all = 0;
    }
    check(all, "meminfo: every line is \"Name: value\"", "a line without a name and a colon");
}

static void check_buddyinfo(void)
{
    int r = slurp("/proc/buddyinfo", text), lines = 0, good = 0, node0 = 0;

    check(r > 0, "/proc/buddyinfo can be read", "open or read failed");
    for (const char *l = text; *l; l = next_line(l)) {
        const char *p = l;
        unsigned node, v;
        int counts = 0;
        lines++;
        if (!(lit(&p, "Node ") && num(&p, 10, &node) && lit(&p, ", zone") && spaces(&p)))
            continue;
        while (*p && *p != ' ' && *p != '\n')           /* the zone's name */
            p++;
        while (spaces(&p) && num(&p, 10, &v))
            counts++;
        if (counts == 11 && (*p == '\n' || *p == 0)) {
            good++;
            node0 |= node == 0;
        }
    }
    check(lines > 0 && good == lines, "buddyinfo: every line is \"Node N, zone NAME\" and 11 counts",
          "a line of another form");
    check(node0, "buddyinfo: node 0 has a zone", "no Node 0 line");
}

static void check_vmstat(void)
{
    int r = slurp("/proc/vmstat", text), lines = 0, good = 0;
    unsigned v;
    const char *p;

    check(r > 0, "/proc/vmstat can be read", "open or read failed");
    for (const char *l = text; *l; l = next_line(l)) {
        p = l;
        lines++;
        while (*p >= 'a' && *p <= 'z') {
            p++;
            while (*p == '_' || is_digit(*p) || (*p >= 'a' && *p <= 'z'))
                p++;
        }
        if (p != l && lit(&p, " ") && num(&p, 10, &v) && (*p == '\n' || *p == 0))
            good++;
    }
    check(lines > 0 && good == lines, "vmstat: every line is \"name value\"", "a line of another form");
    p = find_line(text, "pgfault ");
    check(p && lit(&p, "pgfault ") && num(&p, 10, &v) && v > 0, "vmstat has pgfault > 0",
          "missing or zero");
    p = find_line(text, "pgmajfault ");
    check(p && lit(&p, "pgmajfault ") && num(&p, 10, &v), "vmstat has pgmajfault", "missing");
}

/* ---- maps and smaps ---- */

struct map_line {
    unsigned start, end, offset, inode;
    char perms[5];
    const char *path;                   /* NULL, or the name (up to the end of the line) */
    int path_len;
};

/* Parses "start-end perms offset major:minor inode [path]"; 1 if it does. */
static int parse_map_line(const char *line, struct map_line *m)
{
    const char *p = line;
    unsigned major, minor;
    int i;

    if (!(num(&p, 16, &m->start) && lit(&p, "-") && num(&p, 16, &m->end) && lit(&p, " ")))
        return 0;
    for (i = 0; i < 4; i++)
        m->perms[i] = *p++;
    m->perms[4] = 0;
    if (!((m->perms[0] == 'r' || m->perms[0] == '-') && (m->perms[1] == 'w' || m->perms[1] == '-') &&
          (m->perms[2] == 'x' || m->perms[2] == '-') && (m->perms[3] == 'p' || m->perms[3] == 's')))
        return 0;
    if (!(lit(&p, " ") && num(&p, 16, &m->offset) && lit(&p, " ") && num(&p, 16, &major) &&
          lit(&p, ":") && num(&p, 16, &minor) && lit(&p, " ") && num(&p, 10, &m->inode)))
        return 0;
    m->path = NULL;
    m->path_len = 0;
    if (spaces(&p) && *p && *p != '\n') {
        m->path = p;
        while (p[m->path_len] && p[m->path_len] != '\n')
            m->path_len++;
    }
    return (*p == '\n' || *p == 0 || m->path) && m->start < m->end &&
           !(m->start & (PAGE - 1)) && !(m->end & (PAGE - 1));
}

static int path_is(const struct map_line *m, const char *name)
{
    return m->path && m->path_len == (int)strlen(name) && !strncmp(m->path, name, m->path_len);
}

/* The path's last component is our program's name. */
static int path_is_prog(const struct map_line *m)
{
    int n = strlen(prog);

    return m->path && m->path_len > n && m->path[0] == '/' && m->path[m->path_len - n - 1] == '/' &&
           !strncmp(m->path + m->path_len - n, prog, n);
}

struct maps_summary {
    int lines, parsed, sorted, stack, prog_text, prog_lines;
};

static void summarize_maps(const char *text, struct maps_summary *s)
{
    struct map_line m;
    unsigned last_end = 0;

    memset(s, 0, sizeof(*s));
    s->sorted = 1;
    for (const char *l = text; *l; l = next_line(l)) {
        s->lines++;
        if (!parse_map_line(l, &m))
            continue;
        s->parsed++;
        if (m.start < last_end)
            s->sorted = 0;
        last_end = m.end;
        s->stack += path_is(&m, "[stack]") && m.perms[0] == 'r' && m.perms[1] == 'w';
        if (path_is_prog(&m)) {
            s->prog_lines++;
            s->prog_text += !strcmp(m.perms, "r-xp");
        }
    }
}

static void check_maps_text(const char *who, const char *text, int r)
{
    struct maps_summary s;
    char what[96];
    int n;

    summarize_maps(text, &s);
#define WHAT(tail) (n = strlen(who), memcpy(what, who, n), memcpy(what + n, tail, strlen(tail) + 1), what)
    check(r > 0, WHAT(" can be read"), "open or read failed");
    check(s.lines > 0 && s.parsed == s.lines, WHAT(": every line is start-end perms offset dev inode [path]"),
          "a line of another form");
    check(s.sorted, WHAT(": areas sorted, not overlapping"), "out of order");
    check(s.stack == 1, WHAT(": one rw [stack] line"), "none, or several");
    check(s.prog_text == 1, WHAT(": the program's file mapped r-xp, by absolute path"), "no such line");
    check(s.prog_lines >= 2, WHAT(": the program's file mapped more than once (text, data)"), "fewer");
#undef WHAT
}

static const char *const smaps_fields[] = { "Size", "Rss", "Pss", "Shared_Clean", "Shared_Dirty",
                                            "Private_Clean", "Private_Dirty", "Anonymous", "Swap", "SwapPss" };
#define NR_SMAPS_FIELDS 10

static void check_smaps(void)
{
    struct map_line m;
    unsigned v[NR_SMAPS_FIELDS];
    int r = slurp("/proc/self/smaps", text), vmas = 0, complete = 0, rss_ok = 0, pss_ok = 0,
        parts_ok = 0, other = 0, i;
    const char *l = text;

    check(r > 0, "/proc/self/smaps can be read", "open or read failed");
    while (*l) {
        if (!parse_map_line(l, &m)) {
            other++;
            l = next_line(l);
            continue;
        }
        vmas++;
        int seen = 0;
        for (i = 0; i < NR_SMAPS_FIELDS; i++)
            v[i] = 0;
        /* the "Name: value" lines up to the next area */
        for (l = next_line(l); *l && !parse_map_line(l, &m); l = next_line(l)) {
            const char *p = l;
            while (*p && *p != ':' && *p != '\n' && *p != ' ')
                p++;
            if (*p != ':' || p == l)
                other++;
            for (i = 0; i < NR_SMAPS_FIELDS; i++)
                if (kb_line(l, smaps_fields[i], &v[i]))
                    seen |= 1 << i;
        }
        complete += seen == (1 << NR_SMAPS_FIELDS) - 1;
        rss_ok += v[1] <= v[0];
        pss_ok += v[2] <= v[1];
        parts_ok += v[3] + v[4] + v[5] + v[6] == v[1];
    }
    check(vmas > 0 && other == 0, "smaps: area lines as in maps, then \"Name: value\" lines",
          "a line of another form");
    check(vmas > 0 && complete == vmas,
          "smaps: Size Rss Pss Shared_Clean Shared_Dirty Private_Clean Private_Dirty Anonymous Swap SwapPss in kB, for every area",
          "a field missing somewhere");
    check(rss_ok == vmas, "smaps: Rss <= Size for every area", "Rss > Size");
    check(pss_ok == vmas, "smaps: Pss <= Rss for every area", "Pss > Rss");
    check(parts_ok == vmas, "smaps: Shared_Clean + Shared_Dirty + Private_Clean + Private_Dirty = Rss",
          "they do not add up");
    slurp("/proc/self/maps", text2);
    int maps_lines = 0;
    for (l = text2; *l; l = next_line(l))
        maps_lines++;
    check(maps_lines == vmas, "smaps has as many areas as maps", "a different count");
}

/* ---- status ---- */

/* "Name:\tVALUE" (tabs or spaces): the value as a number, 1 if it is one. */
static int status_num(const char *text, const char *name, unsigned *v)
{
    const char *p = find_line(text, name);
    return p && lit(&p, name) && lit(&p, ":") && spaces(&p) && num(&p, 10, v) &&
           (*p == '\n' || *p == 0);
}

static void check_status(const char *who, const char *path, int pid, int ppid)
{
    char what[96];
    unsigned v, size = 0, rss = 0;
    int r = slurp(path, text), n;
    const char *p;

#define WHAT(tail) (n = strlen(who), memcpy(what, who, n), memcpy(what + n, tail, strlen(tail) + 1), what)
    check(r > 0, WHAT(" can be read"), "open or read failed");
    p = find_line(text, "Name:");
    check(p && lit(&p, "Name:") && lit(&p, "\t") && !strncmp(p, prog, strlen(prog)) &&
          p[strlen(prog)] == '\n', WHAT(": Name is the program's name"), "missing or another name");
    check(status_num(text, "Pid", &v) && v == (unsigned)pid, WHAT(": Pid is the pid"), "missing or wrong");
    check(status_num(text, "PPid", &v) && v == (unsigned)ppid, WHAT(": PPid is the parent's pid"),
          "missing or wrong");
    check(kb_line(find_line(text, "VmSize:"), "VmSize", &size) && size > 0, WHAT(": VmSize N kB"),
          "missing or not \"N kB\"");
    check(kb_line(find_line(text, "VmRSS:"), "VmRSS", &rss) && rss > 0 && rss <= size,
          WHAT(": VmRSS N kB, 0 < VmRSS <= VmSize"), "missing or out of range");
#undef WHAT
}

/* ---- another process: a child ---- */

static void check_child(void)
{
    int p[2], q[2], pid, status, r, found = 0;
    unsigned addr = 0;
    char path[48], c;

    pipe(p);
    pipe(q);
    pid = fork();
    if (pid == 0) {                     /* maps 7 read-only pages, says where, waits */
        close(p[0]);
        close(q[1]);
        long a = mmap2(NULL, 7 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        write(p[1], &a, sizeof(a));
        read(q[0], &c, 1);
        exit(0);
    }
    close(p[1]);
    close(q[0]);
    read(p[0], &addr, sizeof(addr));

    r = slurp(proc_pid_path(path, pid, "maps"), text);
    check_maps_text("the child's /proc/PID/maps", text, r);
    for (const char *l = text; *l; l = next_line(l)) {
        struct map_line m;
        if (parse_map_line(l, &m) && m.start == addr && m.end == addr + 7 * PAGE &&
            !strcmp(m.perms, "r--p") && !m.path)
            found = 1;
    }
    check(found, "the child's maps show its 7-page r--p anonymous mapping", "not there");
    slurp("/proc/self/maps", text2);
    found = 0;
    for (const char *l = text2; *l; l = next_line(l)) {
        struct map_line m;
        if (parse_map_line(l, &m) && m.start == addr)
            found = 1;
    }
    check(!found, "our own maps do not", "it is in ours too");
    proc_pid_path(path, pid, "status");
    check_status("the child's /proc/PID/status", path, pid, getpid());

    close(q[1]);                        /* the child exits */
    waitpid_retry(pid, &status);
    r = open(path, O_RDONLY, 0);
    check(r == -ENOENT, "/proc/PID/status of a reaped child: ENOENT", "it opened, or another error");
    if (r >= 0)
        close(r);
}

int main(int argc, char **argv)
{
    (void)argc;
    prog = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];

    check_meminfo();
    check_buddyinfo();
    check_vmstat();
    int r = slurp("/proc/self/maps", text);
    check_maps_text("/proc/self/maps", text, r);
    check_smaps();
    check_status("/proc/self/status", "/proc/self/status", getpid(), getppid());
    check_child();
    r = open("/proc/self/no_such_file", O_RDONLY, 0);
    check(r == -ENOENT, "/proc/self/no_such_file: ENOENT", "it opened, or another error");
    r = open("/proc/999999999/maps", O_RDONLY, 0);
    check(r == -ENOENT, "/proc/999999999/maps: ENOENT", "it opened, or another error");
    return 0;
}

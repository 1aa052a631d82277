/*
 * pmap.c - pmap PID|self: a process's memory map from /proc/PID/smaps,
 * in the layout of Linux's `pmap -x`, with PSS in place of Dirty and a
 * Swap column:
 *
 *     5:   hello
 *     Address   Kbytes     RSS     PSS    Swap Mode  Mapping
 *     08048000       4       4       2       0 r---- hello
 *     ...
 *     bffdf000     132       8       8       4 rw---   [ stack ]
 *     -------- ------- ------- ------- -------
 *     total kB     812     120      71       4
 *
 * One line per VMA: its start address, its size, how much of it is in
 * memory (RSS: the pages mapped), the proportional share of those (PSS:
 * a page mapped by N processes counts 1/N) and how much of it is in
 * swap (smaps' Swap), in kB; the mode is read, write, execute, 's' for a
 * shared mapping, and '-'.  A file mapping shows the file's base name;
 * [ stack ], [ heap ] and [ anon ] (no name) are anonymous memory.
 */
#include "toolslib.h"

static char text[PROC_MAX];

struct vma_line {
    unsigned start, end;
    char mode[6];
    char name[72];
    unsigned size, rss, pss, swap;      /* kB */
};

static unsigned total_size, total_rss, total_pss, total_swap;

/* "start-end perms offset dev inode   name": a map line, not a field? */
static int is_map_line(const char *line)
{
    const char *p = line;

    parse_num(&p, 16);
    return p != line && *p == '-';
}

static void parse_map_line(const char *line, struct vma_line *v)
{
    const char *p = line, *name;
    unsigned n = 0;

    memset(v, 0, sizeof(*v));
    v->start = parse_num(&p, 16);
    p++;                                /* '-' */
    v->end = parse_num(&p, 16);
    p++;                                /* ' ' */
    v->mode[0] = p[0];
    v->mode[1] = p[1];
    v->mode[2] = p[2];
    v->mode[3] = p[3] == 's' ? 's' : '-';
    v->mode[4] = '-';
    /* skip perms, offset, dev and inode, then the padding */
    for (int field = 0; field < 4; field++) {
        while (*p && *p != ' ' && *p != '\n')
            p++;
        while (*p == ' ')
            p++;
    }
    name = p;
    if (*name == '/') {                 /* a file: its base name, as pmap shows */
        const char *q = name;
        while (*q && *q != '\n' && *q != ' ')
            if (*q++ == '/')
                name = q;
    }
    if (!strncmp(name, "[stack]", 7))
        name = "  [ stack ]";
    else if (!strncmp(name, "[heap]", 6))
        name = "  [ heap ]";
    else if (*name == '\n' || !*name)
        name = "  [ anon ]";
    while (name[n] && name[n] != '\n' && n < sizeof(v->name) - 1)
        n++;
    memcpy(v->name, name, n);
}

static void print_vma(const struct vma_line *v)
{
    uprintf(1, "%08x%8u%8u%8u%8u %s %s\n", v->start, v->size, v->rss, v->pss, v->swap, v->mode,
            v->name);
    total_size += v->size;
    total_rss += v->rss;
    total_pss += v->pss;
    total_swap += v->swap;
}

int main(int argc, char **argv)
{
    static char status[1024];
    char path[40], name[32];
    const char *who, *line, *p;
    struct vma_line v;
    unsigned pid, n = 0;
    int have = 0, r;

    if (argc != 2 || (strcmp(argv[1], "self") && (argv[1][0] < '0' || argv[1][0] > '9'))) {
        uprintf(2, "usage: pmap PID|self\n");
        return 2;
    }
    who = argv[1];
    memcpy(path, "/proc/", 6);
    n = strlen(who) < 16 ? strlen(who) : 16;
    memcpy(path + 6, who, n);
    memcpy(path + 6 + n, "/status", 8);
    if (read_file(path, status, sizeof(status)) <= 0) {
        uprintf(2, "pmap: no process %s\n", who);
        return 1;
    }
    memcpy(path + 6 + n, "/smaps", 7);
    r = read_file(path, text, sizeof(text));
    if (r < 0) {
        uprintf(2, "pmap: %s: %s\n", path, errno_text(-r));
        return 1;
    }

    find_field(status, "Pid", &pid);
    p = find_text(status, "Name");
    for (n = 0; p && p[n] && p[n] != '\n' && n < sizeof(name) - 1; n++)
        name[n] = p[n];
    name[n] = 0;
    uprintf(1, "%u:   %s\n", pid, name);
    uprintf(1, "%-8s%8s%8s%8s%8s Mode  Mapping\n", "Address", "Kbytes", "RSS", "PSS", "Swap");

    for (line = text; *line; ) {
        if (is_map_line(line)) {
            if (have)
                print_vma(&v);
            parse_map_line(line, &v);
            have = 1;
        } else if (have) {
            const char *q = line;
            unsigned *field = !strncmp(line, "Size:", 5) ? &v.size
                            : !strncmp(line, "Rss:", 4) ? &v.rss
                            : !strncmp(line, "Pss:", 4) ? &v.pss
                            : !strncmp(line, "Swap:", 5) ? &v.swap : NULL;
            if (field) {
                while (*q != ':')
                    q++;
                while (*++q == ' ')
                    ;
                *field = parse_num(&q, 10);
            }
        }
        line = strchr(line, '\n');
        if (!line)
            break;
        line++;
    }
    if (have)
        print_vma(&v);
    uprintf(1, "-------- ------- ------- ------- -------\n");
    uprintf(1, "%-8s%8u%8u%8u%8u\n", "total kB", total_size, total_rss, total_pss, total_swap);
    return 0;
}

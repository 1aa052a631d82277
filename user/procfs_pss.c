/*
 * procfs_pss.c - Pss in /proc/self/smaps divides each page among the
 * processes that map it (raw).
 *
 * A 10-page private anonymous mapping, written before fork, is shared
 * copy-on-write by parent and child: each sees Rss 40 kB and Pss 20 kB
 * (each page counted half), all of it Shared_Dirty.  When the child
 * writes 5 pages, it gets its own copies of those: both processes now
 * have 5 private pages and 5 shared ones, Pss 20 + 10 = 30 kB.  When the
 * child has exited, the parent's pages are its own again: Pss 40 kB.
 * The parent and the child take turns through two pipes, so the lines
 * come out in one order.
 */
#include "lib/vmtest.h"

static char text[64 << 10];

/* The value in kB of field name in the smaps block of the area starting
 * at addr, or -1. */
static int smaps_field(unsigned addr, const char *name)
{
    int fd = open("/proc/self/smaps", O_RDONLY, 0), len = 0, r;
    unsigned n = strlen(name);

    if (fd < 0)
        return -1;
    while (len < (int)sizeof(text) - 1 && (r = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
        len += r;
    close(fd);
    text[len] = 0;
    int in_area = 0;
    for (const char *l = text; *l;) {
        const char *end = strchr(l, '\n');
        unsigned start = 0;
        const char *p = l;
        while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))
            start = start * 16 + (*p <= '9' ? *p - '0' : *p - 'a' + 10), p++;
        if (*p == '-' && p > l)
            in_area = start == addr;
        else if (in_area && !strncmp(l, name, n) && l[n] == ':') {
            int v = 0;
            for (p = l + n + 1; *p == ' '; p++)
                ;
            for (; *p >= '0' && *p <= '9'; p++)
                v = v * 10 + (*p - '0');
            return v;
        }
        l = end ? end + 1 : l + strlen(l);
    }
    return -1;
}

static void show(const char *who, char *area)
{
    unsigned a = (unsigned)area;

    uprintf(1, "%s: Rss %d kB, Pss %d kB, Shared_Dirty %d kB, Private_Dirty %d kB, Anonymous %d kB\n",
            who, smaps_field(a, "Rss"), smaps_field(a, "Pss"), smaps_field(a, "Shared_Dirty"),
            smaps_field(a, "Private_Dirty"), smaps_field(a, "Anonymous"));
}

int main(void)
{
    int to_child[2], to_parent[2], pid, status, i;
    char *area = map_anon(10), c;

    for (i = 0; i < 10; i++)
        area[i * PAGE] = 1;
    show("parent, before fork", area);
    pipe(to_child);
    pipe(to_parent);
    pid = fork();
    if (pid == 0) {
        show("child, after fork", area);
        write(to_parent[1], "1", 1);
        read(to_child[0], &c, 1);
        for (i = 0; i < 5; i++)
            area[i * PAGE] = 2;
        show("child, after writing 5 pages", area);
        write(to_parent[1], "2", 1);
        read(to_child[0], &c, 1);
        exit(0);
    }
    read(to_parent[0], &c, 1);
    show("parent, after fork", area);
    write(to_child[1], "1", 1);
    read(to_parent[0], &c, 1);
    show("parent, after the child wrote 5 pages", area);
    write(to_child[1], "2", 1);
    waitpid_retry(pid, &status);
    show("parent, after the child exited", area);
    for (i = 0; i < 10; i++)
        area[i * PAGE] = 3;
    show("parent, after writing all 10 pages", area);
    return 0;
}

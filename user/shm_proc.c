/*
 * shm_proc - the segments in /proc: /proc/sysvipc/shm (its header, and a
 * row parsed by whitespace and compared with Linux's format, the 32-bit
 * one with %10lu sizes or the 64-bit one with %21lu, so that the test
 * passes on the x86-64 host too), the attachment in /proc/self/smaps
 * ("/SYSV%08x (deleted)", inode = shmid, Size and Rss), a segment's
 * rss growing as it is touched, and Shmem: in /proc/meminfo growing by
 * the touched pages and shrinking when the segment goes.
 */
#include "lib/shmtest.h"
#include <unistd.h>

#define KEY 0x53484d50              /* "SHMP" */
#define SEGMENT (8 << 20)           /* the Shmem: check's segment */

static const char header32[] =
    "       key      shmid perms       size  cpid  lpid nattch   uid   gid  cuid  cgid"
    "      atime      dtime      ctime        rss       swap\n";
static const char header64[] =
    "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid"
    "      atime      dtime      ctime                   rss                  swap\n";

struct row {
    int key, id;
    unsigned perms, cpid, lpid, uid, gid, cuid, cgid;
    unsigned long size, nattch, rss, swap;
    unsigned long long atime, dtime, ctime;
    char line[512];
};

/* The row of /proc/sysvipc/shm for id, or 0 if there is none. */
static int find_row(int id, struct row *r, int *header_ok)
{
    FILE *f = fopen("/proc/sysvipc/shm", "r");
    char line[512];
    int found = 0;

    if (!f)
        return 0;
    if (fgets(line, sizeof(line), f) && header_ok)
        *header_ok = strcmp(line, header32) == 0 || strcmp(line, header64) == 0;
    while (!found && fgets(line, sizeof(line), f)) {
        int n = sscanf(line, "%d %d %o %lu %u %u %lu %u %u %u %u %llu %llu %llu %lu %lu",
                       &r->key, &r->id, &r->perms, &r->size, &r->cpid, &r->lpid, &r->nattch,
                       &r->uid, &r->gid, &r->cuid, &r->cgid, &r->atime, &r->dtime, &r->ctime,
                       &r->rss, &r->swap);
        found = n == 16 && r->id == id;
        strcpy(r->line, line);
    }
    fclose(f);
    return found;
}

/* Whether the row's line is exactly Linux's format of its fields. */
static int row_in_linux_format(const struct row *r)
{
    char want[512];
    const char *formats[] = {
        "%10d %10d  %4o %10lu %5u %5u  %5lu %5u %5u %5u %5u %10llu %10llu %10llu %10lu %10lu\n",
        "%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10llu %10llu %10llu %21lu %21lu\n",
    };
    for (int i = 0; i < 2; i++) {
        snprintf(want, sizeof(want), formats[i], r->key, r->id, r->perms, r->size, r->cpid,
                 r->lpid, r->nattch, r->uid, r->gid, r->cuid, r->cgid, r->atime, r->dtime,
                 r->ctime, r->rss, r->swap);
        if (strcmp(want, r->line) == 0)
            return 1;
    }
    return 0;
}

static void show_row(const char *when, int id)
{
    struct row r;
    int header_ok = 0;

    if (!find_row(id, &r, &header_ok)) {
        printf("%s: no row, header is Linux's %d\n", when, header_ok);
        return;
    }
    pid_t me = getpid();
    printf("%s: header is Linux's %d, row in Linux's format %d\n", when, header_ok,
           row_in_linux_format(&r));
    printf("  key %s perms %o size %lu cpid self %d lpid self %d nattch %lu"
           " uid/gid/cuid/cgid ours %d\n", r.key == KEY ? "ours" : r.key == 0 ? "0" : "other",
           r.perms, r.size, r.cpid == (unsigned)me, r.lpid == (unsigned)me, r.nattch,
           r.uid == getuid() && r.gid == getgid() && r.cuid == getuid() && r.cgid == getgid());
    printf("  atime>=ctime %d dtime %s ctime set %d rss %lu swap %lu\n", r.atime >= r.ctime,
           r.dtime == 0 ? "0" : r.dtime >= r.atime ? ">=atime" : "<atime", r.ctime != 0,
           r.rss, r.swap);
}

/* The attachment at p in /proc/self/smaps: its mode and name, whether the
 * inode is the shmid, and its Size and Rss lines. */
static void show_smaps(const char *p, int id)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[256], want[16];
    int in = 0;

    snprintf(want, sizeof(want), "%08lx-", (unsigned long)p);
    while (f && fgets(line, sizeof(line), f)) {
        if (strchr(line, '-') && strchr(line, ':') && strchr(line, ' ') < strchr(line, ':')) {
            in = strncmp(line, want, strlen(want)) == 0;
            if (in) {
                char mode[8], offset[16], dev[16], name[64] = "";
                unsigned long inode;
                sscanf(line, "%*s %7s %15s %15s %lu %63[^\n]", mode, offset, dev, &inode, name);
                printf("smaps: %s offset %s inode is the shmid %d name \"%s\"\n", mode, offset,
                       inode == (unsigned long)id, name);
            }
        } else if (in && (strncmp(line, "Size:", 5) == 0 || strncmp(line, "Rss:", 4) == 0)) {
            printf("smaps: %s", line);
        }
    }
    if (f)
        fclose(f);
}

/* Shmem: of /proc/meminfo, in kB. */
static long shmem_kb(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[128];
    long kb = -1;

    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "Shmem: %ld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

/* The rss column of id's row in /proc/sysvipc/shm, in bytes (-1: none). */
static long row_rss(int id)
{
    struct row r;
    return find_row(id, &r, NULL) ? (long)r.rss : -1;
}

/* One try of the Shmem: check with an 8 MiB segment: its own row's rss
 * is 0 untouched and all 2048 pages once touched, and Shmem: grows by
 * them and shrinks by them when it goes, within 1 MiB (Linux sums
 * Shmem: from per-CPU counters that lag by up to a few dozen pages per
 * CPU).  Whether the system-wide figures held this time; the segment's
 * own are printed (they are exact). */
static int meminfo_shmem_try(int print)
{
    long before = shmem_kb();
    int id = get_or_die(IPC_PRIVATE, SEGMENT, IPC_CREAT | 0600);
    char *p = attach_or_die(id, NULL, 0);
    long made = shmem_kb(), rss_made = row_rss(id);
    for (int i = 0; i < SEGMENT; i += 4096)
        p[i] = 1;
    long touched = shmem_kb(), rss_touched = row_rss(id);
    shmdt(p);
    shmctl(id, IPC_RMID, NULL);
    long gone = shmem_kb();
    if (print)
        printf("8 MiB segment: rss untouched %ld, touched %ld\n", rss_made, rss_touched);
    return made - before < 1024 && touched - made >= 7168 && touched - gone >= 7168;
}

/* Shmem: counts every process on the machine, so on a busy Linux host
 * another process may free or use shared memory between two reads.  The
 * check passes if one of a few tries sees nothing else move; on a kernel
 * that does not count segment pages in Shmem: every try fails. */
static void meminfo_shmem(void)
{
    int held = meminfo_shmem_try(1);
    for (int try = 1; try < 5 && !held; try++)
        held = meminfo_shmem_try(0);
    printf("Shmem: untouched grew by less than 1024 kB, touched grew by at least 7168 kB,"
           " removed shrank by at least 7168 kB: %d\n", held);
}

int main(void)
{
    int id = shmget(KEY, 3 * 4096 + 100, IPC_CREAT | IPC_EXCL | 0640);
    if (id < 0) {
        printf("shmget key 0x%x: %s\n", KEY, strerrorname_np(errno));
        return 1;
    }
    show_row("created", id);
    char *p = attach_or_die(id, NULL, 0);
    p[0] = p[3 * 4096] = 1;
    show_row("attached, 2 pages touched", id);
    show_smaps(p, id);
    show("IPC_RMID", shmctl(id, IPC_RMID, NULL));
    show_row("removed, still attached", id);
    show_smaps(p, id);
    shmdt(p);
    show_row("detached", id);
    meminfo_shmem();
    return 0;
}

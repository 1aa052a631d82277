/*
 * ipcs.c - the System V shared memory segments, from /proc/sysvipc/shm,
 * in the layout of util-linux's `ipcs -m` (its only form: `ipcs` or
 * `ipcs -m`):
 *
 *
 *     ------ Shared Memory Segments --------
 *     key        shmid      owner      perms      bytes      nattch     status
 *     0x00001234 65544      root       640        5000       1
 *     0x00000000 65545      root       600        4096       1          dest
 *
 * (a blank line before and after, as ipcs prints them).  The owner is
 * "root" for uid 0 and the number otherwise (there is no /etc/passwd);
 * status "dest" means removed with IPC_RMID but still attached.  The
 * /proc file is parsed by whitespace, so either kernel's column widths
 * (32-bit or 64-bit) do.
 */
#include "toolslib.h"

#define SHM_DEST 01000
#define SHM_LOCKED 02000

/* Skips blanks, then parses a decimal number with an optional '-'. */
static int parse_signed(const char **p)
{
    while (**p == ' ')
        (*p)++;
    int negative = **p == '-';
    if (negative)
        (*p)++;
    unsigned v = parse_num(p, 10);
    return negative ? -(int)v : (int)v;
}

static unsigned parse_octal(const char **p)
{
    unsigned v = 0;

    while (**p == ' ')
        (*p)++;
    for (; **p >= '0' && **p <= '7'; (*p)++)
        v = v * 8 + (unsigned)(**p - '0');
    return v;
}

static unsigned parse_unsigned(const char **p)
{
    while (**p == ' ')
        (*p)++;
    return parse_num(p, 10);
}

/* Prints one row of /proc/sysvipc/shm (at line) as ipcs does. */
static void show_row(const char *line)
{
    const char *p = line;
    int key = parse_signed(&p);
    int id = parse_signed(&p);
    unsigned mode = parse_octal(&p);
    unsigned size = parse_unsigned(&p);
    parse_unsigned(&p);             /* cpid */
    parse_unsigned(&p);             /* lpid */
    unsigned nattch = parse_unsigned(&p);
    unsigned uid = parse_unsigned(&p);

    char perms[4] = { (char)('0' + ((mode >> 6) & 7)), (char)('0' + ((mode >> 3) & 7)),
                      (char)('0' + (mode & 7)), 0 };
    const char *digits = perms[0] != '0' ? perms : perms[1] != '0' ? perms + 1 : perms + 2;
    char owner[12];
    if (uid == 0)
        memcpy(owner, "root", 5);
    else
        fmt_uint(owner, uid);
    uprintf(1, "0x%08x %-10d %-10s %-10s %-10u %-10u %-6s %-6s\n", (unsigned)key, id, owner,
            digits, size, nattch, mode & SHM_DEST ? "dest" : " ",
            mode & SHM_LOCKED ? "locked" : " ");
}

int main(int argc, char **argv)
{
    static char text[PROC_MAX];

    if (argc > 2 || (argc == 2 && strcmp(argv[1], "-m") != 0)) {
        uprintf(2, "usage: ipcs [-m]\n");
        return 1;
    }
    int r = read_file("/proc/sysvipc/shm", text, sizeof(text));
    if (r < 0) {
        uprintf(2, "ipcs: /proc/sysvipc/shm: %s\n", errno_text(-r));
        return 1;
    }
    uprintf(1, "\n------ Shared Memory Segments --------\n");
    uprintf(1, "%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n", "key", "shmid", "owner", "perms",
            "bytes", "nattch", "status");
    const char *line = strchr(text, '\n');     /* past the header */
    while (line && line[1]) {
        show_row(line + 1);
        line = strchr(line + 1, '\n');
    }
    uprintf(1, "\n");
    return 0;
}

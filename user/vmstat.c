/*
 * vmstat.c - the page-fault counters of /proc/vmstat as a table, e.g.
 *
 *     free pages                 31741   126964 kB
 *     anonymous pages              812   private memory, swap cache included
 *     page-cache pages              96   file pages in memory
 *     page faults                 1234   pgfault: every fault since boot
 *       major                        5   pgmajfault: read from the ramdisk or the swap disk
 *     pages swapped in               3   pswpin: read back from the swap disk
 *     pages swapped out             40   pswpout: written to the swap disk
 *     faults by path:
 *       zero_page_read             123   read of fresh anonymous memory: map the zero page
 *       ...
 *
 * Each fault takes exactly one path (mm/fault.c), so the paths add up to
 * pgfault.  Counters this table does not know (a newer kernel) follow
 * under "other counters:" with their /proc/vmstat names.
 */
#include "toolslib.h"

#define NONE ((unsigned)-1)

/* The fault paths of mm/fault.h, with what each one means. */
static const char *const paths[][2] = {
    { "zero_page_read", "read of fresh anonymous memory: map the zero page" },
    { "zero_fill",      "write of fresh anonymous memory: a new zeroed frame" },
    { "cow_copy",       "write to a shared private page: copy it" },
    { "cow_reuse",      "write to a COW page with one user left: reuse it" },
    { "file_minor",     "file page already in the page cache" },
    { "file_major",     "file page read from the ramdisk" },
    { "file_cow",       "first write to a private file page: copy it" },
    { "stack_growth",   "just below the stack: grow it" },
    { "swap_in",        "swapped-out page read back from disk" },
    { "swap_cache_hit", "swapped-out page still in the swap cache" },
    { "lru_touch",      "reclaim=lru: first touch of a hidden page" },
    { "invalid",        "no valid mapping: SIGSEGV or SIGBUS" },
};
#define NR_PATHS (sizeof(paths) / sizeof(paths[0]))

static const char *const others[] = { "nr_free_pages", "nr_anon_pages", "nr_file_pages",
                                      "pgfault", "pgmajfault",
                                      "pswpin", "pswpout" };
#define NR_OTHERS (sizeof(others) / sizeof(others[0]))

static char text[4096];

/* Does line start with "PREFIXNAME "? */
static int is_counter(const char *line, const char *prefix, const char *name)
{
    unsigned p = strlen(prefix), n = strlen(name);

    return !strncmp(line, prefix, p) && !strncmp(line + p, name, n) && line[p + n] == ' ';
}

/* The value of the line "PREFIXNAME N" of /proc/vmstat, or NONE. */
static unsigned counter(const char *prefix, const char *name)
{
    const char *line = text;

    while (line) {
        if (is_counter(line, prefix, name)) {
            const char *p = line + strlen(prefix) + strlen(name) + 1;
            return parse_num(&p, 10);
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return NONE;
}

static void row(const char *label, unsigned value, const char *what)
{
    if (value != NONE)
        uprintf(1, "%-22s%10u   %s\n", label, value, what);
}

/* Is this line one of the counters printed above? */
static int known(const char *line)
{
    unsigned i;

    for (i = 0; i < NR_OTHERS; i++)
        if (is_counter(line, "", others[i]))
            return 1;
    for (i = 0; i < NR_PATHS; i++)
        if (is_counter(line, "fault_", paths[i][0]))
            return 1;
    return 0;
}

int main(void)
{
    const char *line, *end;
    unsigned i, free_pages;
    int r = read_file("/proc/vmstat", text, sizeof(text)), heading = 0;

    if (r < 0) {
        uprintf(2, "vmstat: /proc/vmstat: %s\n", errno_text(-r));
        return 1;
    }
    free_pages = counter("", "nr_free_pages");
    if (free_pages != NONE)
        uprintf(1, "%-22s%10u   %u kB\n", "free pages", free_pages, free_pages * 4);
    row("anonymous pages", counter("", "nr_anon_pages"), "private memory, swap cache included");
    row("page-cache pages", counter("", "nr_file_pages"), "file pages in memory");
    row("page faults", counter("", "pgfault"), "pgfault: every fault since boot");
    row("  major", counter("", "pgmajfault"), "pgmajfault: read from the ramdisk or the swap disk");
    row("pages swapped in", counter("", "pswpin"), "pswpin: read back from the swap disk");
    row("pages swapped out", counter("", "pswpout"), "pswpout: written to the swap disk");
    uprintf(1, "faults by path:\n");
    for (i = 0; i < NR_PATHS; i++) {
        unsigned v = counter("fault_", paths[i][0]);
        if (v != NONE)
            uprintf(1, "  %-20s%10u   %s\n", paths[i][0], v, paths[i][1]);
    }
    for (line = text; *line; line = *end ? end + 1 : end) {
        end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        if (end == line || known(line))
            continue;
        if (!heading++)
            uprintf(1, "other counters:\n");
        write(1, "  ", 2);
        write(1, line, end - line);
        write(1, "\n", 1);
    }
    return 0;
}

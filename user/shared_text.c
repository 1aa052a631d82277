/*
 * shared_text.c - two instances of one program share its pages through
 * the page cache (raw; see tests/user/shared_text.linux-differs).
 *
 * The first instance (run by init) reads one byte of every page of its
 * image: on a fresh ramdisk nothing is cached, so each distinct file
 * page of the image is read from the ramdisk once, and its ru_majflt is
 * exactly that number of pages.  It then runs a second instance of
 * itself (fork + execve, argv[1] = "second") while it is still alive.
 * The second instance touches the same pages and finds them all in the
 * page cache: ru_majflt 0, and /proc/vmstat's fault_file_major does not
 * move while it runs.  Its text is mapped from the same frames as the
 * first instance's: in /proc/self/smaps the r-x area is all Shared_Clean.
 */
#include "lib/vmtest.h"

/* The number of distinct file pages under the file part of the PT_LOAD
 * segments (two segments may share the page where one ends and the next
 * begins). */
static int image_file_pages(void)
{
    unsigned seen[64];
    int count, n = 0;
    const struct elf_phdr32 *ph = own_phdrs(&count);

    for (int i = 0; ph && i < count; i++) {
        if (ph[i].type != PT_LOAD || !ph[i].filesz)
            continue;
        unsigned first = ph[i].offset / PAGE, last = (ph[i].offset + ph[i].filesz - 1) / PAGE;
        for (unsigned pg = first; pg <= last; pg++) {
            int j = 0;
            while (j < n && seen[j] != pg)
                j++;
            if (j == n && n < 64)
                seen[n++] = pg;
        }
    }
    return n;
}

/* From /proc/self/smaps: Rss and Shared_Clean (kB) of the first r-x
 * area, the program text (Linux's [vdso] is r-x too, further up). */
static void text_smaps(int *rss, int *shared_clean)
{
    static char text[16384];
    int fd = open("/proc/self/smaps", O_RDONLY, 0), len = 0, r, in_text = 0;

    *rss = *shared_clean = -1;
    if (fd < 0)
        return;
    while (len < (int)sizeof(text) - 1 && (r = read(fd, text + len, sizeof(text) - 1 - len)) > 0)
        len += r;
    close(fd);
    text[len] = 0;
    for (char *line = text; *line;) {
        char *end = strchr(line, '\n'), *sp = strchr(line, ' ');
        if (!end)
            end = line + strlen(line);
        if (sp && sp < end && sp[-1] != ':') {          /* an area's first line */
            if (*rss >= 0)
                break;                                  /* the first r-x area only */
            in_text = !strncmp(sp + 1, "r-xp", 4);
        } else if (in_text) {
            int *field = !strncmp(line, "Rss:", 4) ? rss :
                         !strncmp(line, "Shared_Clean:", 13) ? shared_clean : NULL;
            if (field) {
                char *d = sp;
                while (*d == ' ')
                    d++;
                for (*field = 0; *d >= '0' && *d <= '9'; d++)
                    *field = *field * 10 + (*d - '0');
            }
        }
        line = *end ? end + 1 : end;
    }
}

int main(int argc, char **argv)
{
    int second = argc > 1 && !strcmp(argv[1], "second");
    int pages = image_file_pages(), status, pid, rss, shared_clean;
    struct vmstat before, after;
    char buf[24];

    touch_image(0);
    long majflt = ru_majflt(), minflt = ru_minflt();
    if (second) {
        uprintf(1, "second instance: ru_majflt 0: %s\n", yes(majflt == 0));
        uprintf(1, "second instance: at least one minor fault per image page: %s\n",
                yes(minflt >= pages));
        text_smaps(&rss, &shared_clean);
        uprintf(1, "second instance: text resident and all shared with the first: %s\n",
                yes(rss > 0 && shared_clean == rss));
        return 0;
    }
    msleep(20);                         /* let init settle into wait4 */
    uprintf(1, "first instance: ru_majflt is the number of file pages in its image: %s\n",
            yes(majflt == pages && pages > 0));

    vmstat_read(&before);
    pid = fork();
    if (pid == 0) {
        char *args[] = { argv[0], "second", NULL };
        int err = execve(argv[0], args, environ);
        uprintf(1, "execve: %d\n", err);
        exit(127);
    }
    waitpid_retry(pid, &status);
    vmstat_read(&after);
    uprintf(1, "second instance: %s\n", status_text(status, buf));
    uprintf(1, "while it ran: fault_file_major +%d, fault_file_minor > 0: %s\n",
            (int)(after.v[VS_FILE_MAJOR] - before.v[VS_FILE_MAJOR]),
            yes(after.v[VS_FILE_MINOR] > before.v[VS_FILE_MINOR]));
    return 0;
}

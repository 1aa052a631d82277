/*
 * mprotect_none.c - PROT_NONE takes every access away, also from pages
 * that are already present: user reads and writes fault (SIGSEGV), and
 * system calls that would read or write the page give -EFAULT.  The
 * contents survive: mprotect back to readable shows them again.  Tried
 * on a private anonymous page, a page still mapping the zero page, a
 * shared anonymous page and a private file page, and across a fork.
 */
#include "lib/vmtest.h"

static int pipefd[2];

static void read_byte(void *p)
{
    volatile char c = *(volatile char *)p;
    (void)c;
}

static void write_byte(void *p)
{
    *(volatile char *)p = 'x';
}

/* What every kind of access to p does while it is PROT_NONE. */
static void check_no_access(const char *what, char *p)
{
    char buf[24];
    char c = 'z';

    uprintf(1, "%s: user read: %s\n", what, status_text(status_of_child(read_byte, p), buf));
    uprintf(1, "%s: user write: %s\n", what, status_text(status_of_child(write_byte, p), buf));
    uprintf(1, "%s: write() from it: %d\n", what, write(pipefd[1], p, 1));
    write(pipefd[1], &c, 1);
    uprintf(1, "%s: read() into it: %d\n", what, read(pipefd[0], p, 1));
    read(pipefd[0], &c, 1);             /* the byte read() could not store */
}

/* Fill p, take all access away, check, give read access back. */
static void try_page(const char *what, char *p, int fill)
{
    if (fill)
        memset(p, what[0], PAGE);
    else
        read_byte(p);                   /* a read: maps the zero page */
    uprintf(1, "%s: mprotect PROT_NONE: %d\n", what, mprotect(p, PAGE, PROT_NONE));
    check_no_access(what, p);
    uprintf(1, "%s: mprotect PROT_READ: %d\n", what, mprotect(p, PAGE, PROT_READ));
    uprintf(1, "%s: contents kept: %s (byte 0 is %d)\n", what,
            yes(p[0] == (fill ? what[0] : 0) && p[PAGE - 1] == p[0]), p[0]);
}

int main(void)
{
    char buf[24];

    pipe(pipefd);
    try_page("anon", map_anon(1), 1);
    try_page("zero page", map_anon(1), 0);
    char *shared = (char *)mmap2(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    try_page("shared anon", shared, 1);

    int fd = open("mprotect_none", O_RDONLY, 0);    /* this program's own file */
    char *file = (char *)mmap2(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    char magic[4] = { file[0], file[1], file[2], file[3] };
    uprintf(1, "file: mprotect PROT_NONE: %d\n", mprotect(file, PAGE, PROT_NONE));
    check_no_access("file", file);
    mprotect(file, PAGE, PROT_READ);
    uprintf(1, "file: contents kept: %s\n", yes(!memcmp(magic, file, 4) && file[1] == 'E'));

    /* A PROT_NONE page written before the fork: the child gets its own
     * inaccessible copy, and can make it readable again. */
    char *p = map_anon(1);
    memset(p, 'F', PAGE);
    mprotect(p, PAGE, PROT_NONE);
    int pid = fork();
    if (pid == 0) {
        int r = mprotect(p, PAGE, PROT_READ | PROT_WRITE);
        int ok = r == 0 && p[100] == 'F';
        p[100] = 'C';
        exit(ok ? 0 : 1);
    }
    int status;
    waitpid_retry(pid, &status);
    uprintf(1, "fork: the child reads its copy after mprotect: %s\n", status_text(status, buf));
    mprotect(p, PAGE, PROT_READ);
    uprintf(1, "fork: the parent's page is untouched: %s\n", yes(p[100] == 'F'));
    mprotect(p, PAGE, PROT_NONE);
    uprintf(1, "munmap of a PROT_NONE page: %d\n", munmap(p, PAGE));
    return 0;
}

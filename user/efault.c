/*
 * efault.c - system calls given bad user buffers return -EFAULT (-14) and
 * the process lives on; good but lazy buffers just work (raw).
 *
 * Bad: reads into the program text, into a PROT_READ mapping, to NULL, to
 * the kernel half and to a range that wraps past 4 GiB; writes from an
 * unmapped page, the kernel half and a wrapping range; pipe(), uname(),
 * getrusage() and waitpid() storing into read-only memory; open() and
 * execve() with unmapped strings.  The kernel copies to and from user
 * memory must fail cleanly with -EFAULT and never kill the caller.
 *
 * Lazy but good: read() into fresh anonymous memory, into memory that so
 * far only maps the shared zero page (the zero page must stay zero), and
 * into a private file mapping (a private copy: the file is unchanged);
 * write() from never-touched memory sends zeros.
 */
#include "lib/vmtest.h"

static char text_pattern[] = "0123456789abcdef";

int main(int argc, char **argv)
{
    static char *const no_args[] = { NULL };
    int p[2], fd, r, status, pid;
    char buf[32];
    long ro = mmap2(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *gone = map_anon(1);
    char *text = (char *)main;

    (void)argc;
    munmap(gone, PAGE);
    pipe(p);
    fd = open(argv[0], O_RDONLY, 0);

    uprintf(1, "read from a file into the program text: %d\n", read(fd, text, 16));
    write(p[1], text_pattern, 16);
    uprintf(1, "read from a pipe into the program text: %d\n", read(p[0], text, 16));
    uprintf(1, "the pipe still holds the 16 bytes: %d\n", read(p[0], buf, 32));
    uprintf(1, "read into a PROT_READ mapping: %d\n", read(fd, (void *)ro, 16));
    uprintf(1, "read into NULL: %d\n", read(fd, NULL, 16));
    uprintf(1, "read into an unmapped page: %d\n", read(fd, gone, 16));
    uprintf(1, "read into the kernel half: %d\n", read(fd, (void *)0xC0000000, 16));
    uprintf(1, "read into a range wrapping past 4 GiB: %d\n", read(fd, (void *)0xFFFFFFF0, 32));
    uprintf(1, "write from an unmapped page: %d\n", write(p[1], gone, 16));
    uprintf(1, "write from the kernel half: %d\n", write(p[1], (void *)0xC0000000, 16));
    uprintf(1, "write from a range wrapping past 4 GiB: %d\n", write(p[1], (void *)0xFFFFF000, 0x2000));
    uprintf(1, "write of 0 bytes from NULL: %d\n", write(p[1], NULL, 0));
    uprintf(1, "pipe() into the program text: %d\n", pipe((int *)text));
    uprintf(1, "uname() into the program text: %d\n", uname((struct utsname *)text));
    uprintf(1, "getrusage() into a PROT_READ mapping: %d\n", getrusage(RUSAGE_SELF, (struct rusage *)ro));
    uprintf(1, "open() of an unmapped path: %d\n", open(gone, O_RDONLY, 0));
    uprintf(1, "execve() of an unmapped path: %d\n", execve(gone, no_args, no_args));
    uprintf(1, "execve() with an unmapped argv: %d\n", execve(argv[0], (char **)gone, no_args));
    uprintf(1, "nanosleep() of an unmapped timespec: %d\n", nanosleep((void *)gone, NULL));

    pid = fork();
    if (pid == 0)
        exit(7);
    msleep(20);
    r = waitpid(pid, (int *)text, 0);
    uprintf(1, "waitpid() storing the status into the program text: %d\n", r);
    uprintf(1, "the child was reaped all the same: %d\n", waitpid(pid, &status, 0));

    /* the pipe and the process are fine */
    write(p[1], "ok", 2);
    r = read(p[0], buf, 2);
    uprintf(1, "pipe still works: %s\n", yes(r == 2 && buf[0] == 'o' && buf[1] == 'k'));

    /* lazy memory the kernel fills in on the way */
    char *anon = map_anon(3);
    lseek(fd, 0, SEEK_SET);
    r = read(fd, anon, 4);
    uprintf(1, "read into fresh anonymous memory: %d, ELF magic: %s\n", r, yes(!memcmp(anon, "\177ELF", 4)));
    volatile char z = anon[PAGE];                /* maps the zero page, read-only */
    (void)z;
    lseek(fd, 0, SEEK_SET);
    r = read(fd, anon + PAGE, 4);
    uprintf(1, "read into memory that only mapped the zero page: %d, ELF magic: %s\n", r,
            yes(!memcmp(anon + PAGE, "\177ELF", 4)));
    char *other = map_anon(1);
    uprintf(1, "the zero page is still zero: %s\n", yes(other[0] == 0 && other[1] == 0 && anon[2 * PAGE] == 0));

    char *priv = (char *)mmap2(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    write(p[1], "XYZW", 4);
    r = read(p[0], priv, 4);
    uprintf(1, "read into a private file mapping: %d, seen there: %s\n", r, yes(!memcmp(priv, "XYZW", 4)));
    lseek(fd, 0, SEEK_SET);
    read(fd, buf, 4);
    uprintf(1, "the file is unchanged: %s\n", yes(!memcmp(buf, "\177ELF", 4)));

    char *fresh = map_anon(1);
    uprintf(1, "write from never-touched memory: %d\n", write(p[1], fresh + 100, 8));
    r = read(p[0], buf, 8);
    uprintf(1, "it sent zeros: %s\n", yes(r == 8 && !memcmp(buf, "\0\0\0\0\0\0\0\0", 8)));
    uprintf(1, "still alive: yes\n");
    return 0;
}

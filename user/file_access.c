/*
 * file_access.c - what an open file's access mode allows, as on Linux:
 *   - mmap needs read access, so a file opened O_WRONLY cannot be mapped
 *     (-EACCES), and read() on it is -EBADF;
 *   - O_CREAT opens a file that exists, O_CREAT|O_EXCL fails on it;
 *     a name longer than 255 bytes is -ENAMETOOLONG;
 *   - read() and write() with a buffer that runs into unmapped memory
 *     return the bytes copied up to the hole (ramdisk files and /proc
 *     alike), and -EFAULT only when there were none;
 *   - a program that runs cannot be opened for writing, and a file open
 *     for writing cannot be executed (-ETXTBSY), until that ends.
 * Needs the files pattern10000 and cat.
 */
#include "lib/vmtest.h"

#define O_EXCL 0200
#define ETXTBSY 26
#define EEXIST 17

static const char data[] = "pattern10000";

static void modes(void)
{
    int fd = open(data, O_WRONLY, 0);
    uprintf(1, "O_WRONLY: mmap private %d, mmap shared %d, read %d\n",
            (int)mmap2(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 0),
            (int)mmap2(0, PAGE, PROT_READ, MAP_SHARED, fd, 0), read(fd, (char[4]){0}, 4));
    close(fd);
    fd = open(data, O_RDONLY, 0);
    uprintf(1, "O_RDONLY: write %d\n", write(fd, "x", 1));
    close(fd);
    fd = open(data, O_RDWR | 3, 0);     /* access mode 3: neither read nor write */
    uprintf(1, "access mode 3: read %d, write %d\n", read(fd, (char[4]){0}, 4), write(fd, "x", 1));
    close(fd);
    fd = open(data, O_RDONLY | O_CREAT, 0644);
    uprintf(1, "O_CREAT on a file that exists: %s\n", fd >= 0 ? "opened" : "failed");
    close(fd);
    uprintf(1, "O_CREAT|O_EXCL on it: %d\n", open(data, O_RDONLY | O_CREAT | O_EXCL, 0644));
    static char long_name[258] = "/";
    memset(long_name + 1, 'n', 256);
    uprintf(1, "open of a 256-byte name: %d\n", open(long_name, O_RDONLY, 0));
}

/* A buffer whose last 96 bytes are mapped, then a hole. */
static void partial_copies(void)
{
    char *p = map_anon(2);
    char *edge = p + PAGE - 96, *hole = p + PAGE;
    char back[300];

    munmap(hole, PAGE);
    int fd = open(data, O_RDWR, 0);
    int r = read(fd, edge, 300);
    uprintf(1, "read of 300 bytes, 96 mapped: %d, offset now %d\n", r, (int)lseek(fd, 0, SEEK_CUR));
    uprintf(1, "read into the hole: %d\n", read(fd, hole, 300));
    memset(edge, 'Q', 96);
    lseek(fd, 1000, SEEK_SET);
    r = write(fd, edge, 300);
    uprintf(1, "write of 300 bytes, 96 mapped: %d, offset now %d\n", r, (int)lseek(fd, 0, SEEK_CUR));
    uprintf(1, "write from the hole: %d\n", write(fd, hole, 300));
    lseek(fd, 1000, SEEK_SET);
    read(fd, back, sizeof(back));
    int qs = 0;
    while (qs < (int)sizeof(back) && back[qs] == 'Q')
        qs++;
    uprintf(1, "the file got %d bytes of Q\n", qs);
    close(fd);
    fd = open("/proc/self/maps", O_RDONLY, 0);
    uprintf(1, "read of /proc/self/maps, 96 mapped: %d\n", read(fd, edge, 300));
    close(fd);
    munmap(p, PAGE);
}

static void text_busy(const char *self)
{
    uprintf(1, "open myself O_WRONLY: %d, O_RDWR: %d, O_RDONLY: %s\n", open(self, O_WRONLY, 0),
            open(self, O_RDWR, 0), open(self, O_RDONLY, 0) >= 0 ? "opened" : "failed");

    int fds[2];
    pipe(fds);
    int pid = fork();
    if (pid == 0) {
        dup2(fds[0], 0);
        close(fds[0]);
        close(fds[1]);
        char *argv[] = { "cat", "-", 0 };
        execve("cat", argv, 0);
        exit(100);
    }
    close(fds[0]);
    /* cat blocks on its stdin until we close the pipe; wait until it runs cat */
    int fd;
    for (int tries = 0; (fd = open("cat", O_WRONLY, 0)) >= 0 && tries < 1000; tries++) {
        close(fd);
        msleep(1);
    }
    uprintf(1, "open cat O_WRONLY while it runs: %d\n", fd);
    close(fds[1]);
    int status;
    waitpid_retry(pid, &status);
    fd = open("cat", O_WRONLY, 0);
    uprintf(1, "open cat O_WRONLY after it exited: %s\n", fd >= 0 ? "opened" : "failed");

    pid = fork();
    if (pid == 0) {
        char *argv[] = { "cat", "-", 0 };
        exit(-execve("cat", argv, 0));
    }
    waitpid_retry(pid, &status);
    uprintf(1, "execve of cat while it is open for writing: -%d\n", WEXITSTATUS(status));
    close(fd);
}

int main(int argc, char **argv)
{
    (void)argc;
    modes();
    partial_copies();
    text_busy(argv[0]);
    return 0;
}

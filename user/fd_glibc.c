/*
 * fd_glibc.c - descriptors through glibc, as a student's program uses
 * them (no popen):
 *
 *   fork, pipe, dup2, execv  a child runs this program again with the
 *            argument "child"; its stdout is the pipe, which the parent
 *            reads line by line through fdopen and fgets
 *   fcntl    F_SETFD FD_CLOEXEC on one descriptor: the exec'd child finds
 *            it closed (EBADF) and the other one open
 *   fprintf  to a pipe through fdopen(fd, "w"), read back with read()
 *   fdopen   of a regular file "w+": fprintf, fseek, fgets
 *   isatty   0 with ENOTTY on a regular file and on a pipe
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define FILE_NAME "fd_glibc.tmp"

/* The exec'd child: argv[2] should be closed, argv[3] open. */
static int child(char **argv)
{
    int closed_fd = atoi(argv[2]), open_fd = atoi(argv[3]);
    int r = fcntl(closed_fd, F_GETFD);

    printf("child: the FD_CLOEXEC descriptor: fcntl %d, %s\n", r, r < 0 && errno == EBADF ? "EBADF" : "open");
    r = fcntl(open_fd, F_GETFD);
    printf("child: the other descriptor: fcntl %d\n", r);
    for (int i = 1; i <= 3; i++)
        printf("child: line %d\n", i);
    return 7;
}

static void run_child(const char *self)
{
    int out[2], marks[2], status;
    char line[128], closed_arg[16], open_arg[16];

    if (pipe(out) || pipe(marks)) {
        perror("pipe");
        exit(1);
    }
    printf("fcntl(F_SETFD, FD_CLOEXEC) = %d\n", fcntl(marks[0], F_SETFD, FD_CLOEXEC));
    printf("fcntl(F_GETFD) = %d, %d\n", fcntl(marks[0], F_GETFD), fcntl(marks[1], F_GETFD));
    snprintf(closed_arg, sizeof(closed_arg), "%d", marks[0]);
    snprintf(open_arg, sizeof(open_arg), "%d", marks[1]);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        close(out[1]);
        char *args[] = { (char *)self, "child", closed_arg, open_arg, NULL };
        execv(self, args);
        _exit(99);
    }
    close(out[1]);
    close(marks[0]);
    close(marks[1]);
    FILE *from_child = fdopen(out[0], "r");
    while (fgets(line, sizeof(line), from_child))
        printf("parent read: %s", line);
    printf("end of the pipe: feof %d\n", feof(from_child) != 0);
    fclose(from_child);
    waitpid(pid, &status, 0);
    printf("child: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void fprintf_to_pipe(void)
{
    int fds[2];
    char buf[64];

    pipe(fds);
    FILE *to = fdopen(fds[1], "w");
    fprintf(to, "%s %d %05.1f\n", "fprintf through a pipe:", 42, 2.5);
    fclose(to);
    ssize_t n = read(fds[0], buf, sizeof(buf) - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("read %d: %s", (int)n, buf);
    printf("then read = %d (no writer left)\n", (int)read(fds[0], buf, sizeof(buf)));
    errno = 0;
    int tty = isatty(fds[0]);
    printf("isatty(pipe) = %d, %s\n", tty, errno == ENOTTY ? "ENOTTY" : "?");
    close(fds[0]);
}

static void fdopen_file(void)
{
    char line[64];
    int fd = open(FILE_NAME, O_RDWR | O_CREAT | O_TRUNC, 0644);
    FILE *f = fdopen(fd, "w+");

    fprintf(f, "first\nsecond %d\n", 2);
    printf("ftell = %ld\n", ftell(f));
    printf("fseek(7) = %d\n", fseek(f, 7, SEEK_SET));
    printf("fgets: %s", fgets(line, sizeof(line), f) ? line : "NULL\n");
    printf("lseek of the descriptor = %ld\n", (long)lseek(fd, 0, SEEK_CUR));
    errno = 0;
    int tty = isatty(fd);
    printf("isatty(file) = %d, %s\n", tty, errno == ENOTTY ? "ENOTTY" : "?");
    fclose(f);
    int r = fcntl(fd, F_GETFD);
    printf("after fclose: fcntl(F_GETFD) = %d, %s\n", r, errno == EBADF ? "EBADF" : "?");
    unlink(FILE_NAME);
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "child"))
        return child(argv);
    run_child(argv[0]);
    fprintf_to_pipe();
    fdopen_file();
    return 0;
}

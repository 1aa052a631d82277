/*
 * umask_fork.c - umask(2): it returns the mask it replaces (022 at the
 * start, as init's is and as a shell's usually is), keeps only the
 * permission bits (01777 becomes 0777), and belongs to the process: a
 * child forked from it starts with its mask, changes its own without
 * touching the parent's, and an execve keeps the mask.
 */
#include "lib/usysinfo.h"
#include "lib/vmtest.h"

/* uprintf has no %o: the mask in octal, with a leading 0, e.g. "022". */
static const char *octal(int mask)
{
    static char text[4][8];
    static int next;
    char *out = text[next++ % 4];

    out[0] = '0';
    out[1] = (char)('0' + ((mask >> 6) & 7));
    out[2] = (char)('0' + ((mask >> 3) & 7));
    out[3] = (char)('0' + (mask & 7));
    out[4] = mask & ~0777 ? '?' : 0;    /* more than permission bits: wrong */
    out[5] = 0;
    return out;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "exec-child")) {
        uprintf(1, "after execve: umask(0) = %s\n", octal(umask(0)));
        return 0;
    }
    uprintf(1, "umask(027) = %s\n", octal(umask(027)));
    uprintf(1, "umask(027) = %s\n", octal(umask(027)));
    uprintf(1, "umask(01777) = %s\n", octal(umask(01777)));
    uprintf(1, "umask(0750) = %s\n", octal(umask(0750)));
    int pid = fork();
    if (pid == 0) {
        uprintf(1, "child: umask(077) = %s\n", octal(umask(077)));
        uprintf(1, "child: umask(077) = %s\n", octal(umask(077)));
        exit(0);
    }
    int status;
    waitpid_retry(pid, &status);
    uprintf(1, "parent after the child: umask(0750) = %s\n", octal(umask(0750)));
    pid = fork();
    if (pid == 0) {
        char *args[] = { argv[0], "exec-child", 0 };
        umask(0123);
        execve(argv[0], args, environ);
        exit(1);
    }
    waitpid_retry(pid, &status);
    uprintf(1, "exec child status %d\n", WEXITSTATUS(status));
    return 0;
}

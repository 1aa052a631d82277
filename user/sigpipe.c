/*
 * sigpipe.c - writing to a pipe that has no reader left raises SIGPIPE,
 * which (not caught, not ignored: a raw program has no handlers) kills
 * the writer, as on Linux; write() would return -EPIPE only to a process
 * that blocks or ignores the signal.  Each case runs in a child, and the
 * parent prints how the child ended (raw).
 */
#include "lib/vmtest.h"

static void print_status(const char *what, int status)
{
    char buf[24];
    uprintf(1, "%s: %s\n", what, status_text(status, buf));
}

int main(void)
{
    int p[2], pid, status, r;

    /* the writer closed its own read end, and there is no other: it
     * writes once the parent says it has closed its ends (else a timer
     * tick between fork and the parent's close could let it write first) */
    int go[2];
    pipe(p);
    pipe(go);
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        wait_for(go[0]);
        r = write(p[1], "x", 1);
        uprintf(1, "write returned %d: the child lives on\n", r);
        exit(1);
    }
    close(p[0]);
    close(p[1]);
    signal_other(go[1]);
    waitpid_retry(pid, &status);
    close(go[0]);
    close(go[1]);
    print_status("child writing to a pipe with no reader", status);

    /* the reader was another process, which has exited */
    pipe(p);
    int reader = fork();
    if (reader == 0) {
        close(p[1]);
        exit(0);
    }
    close(p[0]);
    waitpid_retry(reader, &status);
    pid = fork();
    if (pid == 0) {
        r = write(p[1], "y", 1);
        uprintf(1, "write returned %d: the child lives on\n", r);
        exit(1);
    }
    close(p[1]);
    waitpid_retry(pid, &status);
    print_status("child writing after the reading process exited", status);

    /* a write that is partly done when the reader goes: the data written
     * fits in the pipe, so the first write succeeds; the next one is killed */
    pipe(p);
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        r = write(p[1], "abc", 3);
        uprintf(1, "first write while the parent still reads: %d\n", r);
        msleep(100);                    /* the parent closes its read end meanwhile */
        r = write(p[1], "d", 1);
        uprintf(1, "write returned %d: the child lives on\n", r);
        exit(1);
    }
    close(p[1]);
    char buf[4];
    r = read(p[0], buf, 3);
    close(p[0]);
    waitpid_retry(pid, &status);
    uprintf(1, "the parent read %d bytes, then closed the pipe\n", r);
    print_status("child writing again", status);
    return 0;
}

/*
 * kill_all.c - kill(-1, sig) signals every process but init and the
 * caller, whatever their group or session, and is -ESRCH when there is
 * no such process (raw).  init is pid 1, pgid 1, sid 1.  On Linux the
 * first would kill every process of the user, so this test runs only
 * on our kernel (tests/user/kill_all.linux-differs).
 */
#include "lib/vmtest.h"

static int hold[2];

static void show(const char *what, int r)
{
    uprintf(1, "%s: %d\n", what, r);
}

static int sleeper(int own_session)
{
    int pid = fork();
    if (pid == 0) {
        char c;
        if (own_session)
            setsid();
        read(hold[0], &c, 1);
        exit(7);
    }
    return pid;
}

int main(void)
{
    pipe(hold);
    uprintf(1, "init: pgid %d, sid %d\n", getpgid(1), getsid(1));
    show("kill(-1, 0), alone with init", kill(-1, 0));
    show("kill(-1, SIGKILL), alone with init", kill(-1, SIGKILL));
    int a = sleeper(0), b = sleeper(0), c = sleeper(1);
    setpgid(b, b);
    show("kill(-1, 99) with children", kill(-1, 99));
    show("kill(-1, SIGKILL) with children", kill(-1, SIGKILL));
    report_end("a child in our group", a);
    report_end("a child in a group of its own", b);
    report_end("a child in a session of its own", c);
    show("kill(-1, 0) once they are reaped", kill(-1, 0));
    uprintf(1, "the caller lives on\n");
    return 0;
}

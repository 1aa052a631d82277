/*
 * process_groups.c - process groups and sessions: setpgid, getpgid,
 * getpgrp, setsid, getsid, and kill() of a group: kill(0, sig),
 * kill(-pgid, sig), and kill(-1, 0) (raw).
 *
 * tests/run --linux starts the program in a session of its own, while
 * on our kernel it is in init's, so nothing printed depends on the
 * program's own ids: lines state relations ("pgid == pid") and errnos.
 * Children block reading a pipe nobody writes until a signal kills them;
 * the parent prints how each ended.  A child C makes a new session and
 * runs the rest there; at the end it kills its own group with kill(0),
 * and the parent sees the group gone when the last holder of a pipe dies.
 * With argv[1] = "exec-sleeper" the program is an exec'd child: it says
 * so on fd 8 and blocks on fd 9.
 */
#include "lib/vmtest.h"

#define HOLD_FD  9                      /* read end of the pipe nobody writes */
#define READY_FD 8                      /* where the exec'd child says it runs */
#define INT_MIN  (-2147483647 - 1)

static int hold[2];

static void show(const char *what, int r)
{
    uprintf(1, "%s: %d\n", what, r);
}

static void show_yes(const char *what, int cond)
{
    uprintf(1, "%s: %s\n", what, yes(cond));
}

static void block_forever(void)
{
    char c;
    read(HOLD_FD, &c, 1);
    exit(7);
}

static int sleeper(void)
{
    int pid = fork();
    if (pid == 0)
        block_forever();
    return pid;
}

static void alive(const char *what, int pid)
{
    int status;
    show_yes(what, kill(pid, 0) == 0 && waitpid(pid, &status, WNOHANG) == 0);
}

static void test_ids(void)
{
    uprintf(1, "-- ids\n");
    show_yes("getpgrp() == getpgid(0) == getpgid(getpid())",
             getpgrp() == getpgid(0) && getpgid(0) == getpgid(getpid()));
    show_yes("getsid(0) == getsid(getpid())", getsid(0) == getsid(getpid()));
    show("getpgid(-1)", getpgid(-1));
    show("getsid(-1)", getsid(-1));
    show("setpgid(0, -1)", setpgid(0, -1));
    show("setpgid(-5, 0)", setpgid(-5, 0));
    show("setpgid(-5, 1)", setpgid(-5, 1));
    show("setpgid(getppid(), 0), not our child", setpgid(getppid(), 0));
    show("setpgid(1, 0)", setpgid(1, 0));
}

static void test_child_group(void)
{
    int c = sleeper();

    uprintf(1, "-- a child's group\n");
    show_yes("the child has our pgid and sid", getpgid(c) == getpgrp() && getsid(c) == getsid(0));
    show("setpgid(child, 0)", setpgid(c, 0));
    show_yes("child pgid == child pid", getpgid(c) == c);
    show_yes("its sid is still ours", getsid(c) == getsid(0));
    show_yes("our pgid did not change", getpgrp() != c);
    show("setpgid(child, our pgid)", setpgid(c, getpgrp()));
    show_yes("back in our group", getpgid(c) == getpgrp());
    show("setpgid(child, child)", setpgid(c, c));
    show("kill(-child, 0)", kill(-c, 0));
    show("kill(-child, 99)", kill(-c, 99));
    show("kill(0, 0)", kill(0, 0));
    show("kill(-getpgrp(), 0)", kill(-getpgrp(), 0));
    show("kill(-1, 0), a child alive", kill(-1, 0));
    show("kill(-1, 99)", kill(-1, 99));
    show("kill(-child, SIGKILL)", kill(-c, SIGKILL));
    report_end("the child", c);
    show("getpgid of the reaped child", getpgid(c));
    show("getsid of the reaped child", getsid(c));
    show("kill(-its old group, 0)", kill(-c, 0));
    show("kill(-its old group, 99)", kill(-c, 99));
    show("kill(INT_MIN, 0)", kill(INT_MIN, 0));
}

/* In C, leader of a new session and group: groups of its children. */
static void session_groups(char *self)
{
    int g = sleeper(), ready[2], go[2];

    show_yes("the grandchild has our pgid and sid", getpgid(g) == getpid() && getsid(g) == getpid());
    show("setpgid(grandchild, 0)", setpgid(g, 0));
    show_yes("grandchild pgid == its pid", getpgid(g) == g);
    show("setpgid(grandchild, our group)", setpgid(g, getpgrp()));
    show("setpgid(grandchild, a group of another session)", setpgid(g, getpgid(getppid())));
    show("setpgid(grandchild, -1)", setpgid(g, -1));
    show("setpgid(parent, 0)", setpgid(getppid(), 0));

    pipe(ready);
    int e = fork();
    if (e == 0) {
        char *args[] = { self, "exec-sleeper", NULL };
        dup2(ready[1], READY_FD);
        execve(self, args, environ);
        exit(127);
    }
    wait_for(ready[0]);
    show("setpgid(a child that has exec'd, 0)", setpgid(e, 0));
    show_yes("it is still in our group", getpgid(e) == getpgrp());
    kill(e, SIGKILL);
    report_end("the exec'd child", e);

    int g1 = sleeper(), g2 = sleeper();
    show("setpgid(g1, 0)", setpgid(g1, 0));
    show("setpgid(g2, g1)", setpgid(g2, g1));
    show("kill(-g1, SIGTERM)", kill(-g1, SIGTERM));
    report_end("g1", g1);
    report_end("g2", g2);
    alive("the grandchild in our group lives", g);
    show("kill(-g1, 0) once both are reaped", kill(-g1, 0));

    pipe(go);
    int k1 = fork();
    if (k1 == 0) {
        wait_for(go[0]);
        kill(0, SIGTERM);
        exit(1);
    }
    int k2 = sleeper();
    setpgid(k1, k1);
    setpgid(k2, k1);
    signal_other(go[1]);
    report_end("k1 after its kill(0, SIGTERM)", k1);
    report_end("k2, in k1's group", k2);
    alive("the grandchild in our group lives", g);
}

static void test_session(char *self)
{
    int ready[2], go[2], gone[2];

    uprintf(1, "-- a new session\n");
    pipe(ready);
    pipe(go);
    pipe(gone);
    int c = fork();
    if (c == 0) {
        close(gone[0]);
        int sid = setsid();
        show_yes("setsid() returns our pid", sid == getpid());
        show_yes("sid == pgid == pid", getsid(0) == getpid() && getpgrp() == getpid());
        show("setsid() again", setsid());
        show("setpgid(0, 0) as a session leader", setpgid(0, 0));
        signal_other(ready[1]);
        wait_for(go[0]);
        session_groups(self);
        uprintf(1, "kill(0, SIGTERM) in the new session's group\n");
        kill(0, SIGTERM);
        uprintf(1, "the killer lived on\n");
        exit(1);
    }
    close(gone[1]);
    wait_for(ready[0]);
    show("parent: setpgid(child in another session, 0)", setpgid(c, 0));
    show("parent: setpgid(child in another session, our pgid)", setpgid(c, getpgrp()));
    show_yes("parent: the child's sid and pgid are its pid", getsid(c) == c && getpgid(c) == c);
    show("parent: kill(-child, 0)", kill(-c, 0));
    signal_other(go[1]);
    report_end("the session leader", c);
    char byte;
    show("read until every process of its group is gone", read(gone[0], &byte, 1));
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "exec-sleeper")) {
        signal_other(READY_FD);
        block_forever();
    }
    pipe(hold);
    dup2(hold[0], HOLD_FD);
    test_ids();
    test_child_group();
    test_session(argv[0]);
    uprintf(1, "done\n");
    return 0;
}

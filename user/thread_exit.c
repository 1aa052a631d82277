/*
 * thread_exit.c - how threads end and what the parent's wait4 sees.
 *
 *  - exit_group(7) from a thread ends every thread (the leader asleep in
 *    read(), another spinning): the status is exit 7;
 *  - SYS_exit from a thread ends that thread alone: the leader joins it
 *    and goes on (it prints, here and in a child that then exits 3);
 *  - the leader's SYS_exit(4) while another thread runs: the process is
 *    not reapable yet (wait4 WNOHANG gives 0) and the thread goes on;
 *    when that last thread ends with SYS_exit(9) the status is exit 9,
 *    with exit_group(8) exit 8: the last thread to end sets the group's
 *    exit code, not the leader (synchronize_group_exit in Linux's
 *    kernel/exit.c; seen on 6.18).  The thread learns that the leader
 *    ended through the leader's set_tid_address word, cleared at its end.
 */
#include "lib/uthread.h"
#include "lib/vmtest.h"

static char stacks[2][THREAD_STACK_SIZE] __attribute__((aligned(16)));
static int tid_words[2], spinner_started, leader_word, leader_pid;
static int to_parent[2], to_thread[2];

static int group_exit_7(void *arg)
{
    (void)arg;
    exit_group(7);
    return 0;
}

static void spawn(int i, int (*fn)(void *), void *arg)
{
    thread_start(STACK_TOP(stacks[i]), fn, arg, &tid_words[i]);
}

static void exit_group_from_thread(void *arg)
{
    int p[2];
    char c;

    (void)arg;
    spawn(1, spin_forever, &spinner_started);
    event_wait(&spinner_started);
    pipe(p);
    spawn(0, group_exit_7, NULL);
    read(p[0], &c, 1);
    uprintf(1, "  read returned\n");
}

static int return_5(void *arg)
{
    (void)arg;
    return 5;                       /* SYS_exit(5): this thread only */
}

static void thread_exits_alone(void *arg)
{
    (void)arg;
    spawn(0, return_5, NULL);
    thread_join(&tid_words[0]);
    uprintf(1, "  child: the leader goes on after the thread's exit\n");
    exit_group(3);
}

/* Outlives the leader: tells the parent, waits for its go, then ends
 * with SYS_exit(9) or, if arg is set, exit_group(8). */
static int outlive_leader(void *arg)
{
    thread_join(&leader_word);
    uprintf(1, "  thread: the leader has ended, getpid is still the pid: %s\n",
            getpid() == leader_pid ? "yes" : "no");
    signal_other(to_parent[1]);
    wait_for(to_thread[0]);
    if (arg)
        exit_group(8);
    exit(9);
    return 0;
}

/* Forks a child whose leader calls SYS_exit(4) with a thread left; the
 * parent checks the child cannot be reaped until the thread ends. */
static void leader_exits_first(const char *what, void *how)
{
    char buf[24];
    int status = 0;

    pipe(to_parent);
    pipe(to_thread);
    int pid = fork();
    if (pid == 0) {
        close(to_parent[0]);
        close(to_thread[1]);
        leader_pid = leader_word = gettid();
        set_tid_address(&leader_word);
        spawn(0, outlive_leader, how);
        exit(4);
    }
    close(to_parent[1]);            /* so that a child gone early is EOF, not a hang */
    close(to_thread[0]);
    wait_for(to_parent[0]);
    uprintf(1, "  wait4 WNOHANG while the thread lives: %d\n", wait4(pid, &status, WNOHANG, NULL));
    signal_other(to_thread[1]);
    waitpid_retry(pid, &status);
    uprintf(1, "  %s: %s\n", what, status_text(status, buf));
    close(to_parent[0]);
    close(to_thread[1]);
}

int main(void)
{
    char buf[24];

    uprintf(1, "exit_group(7) from a thread, the leader in read(), another spinning:\n");
    uprintf(1, "  child: %s\n", status_text(status_of_child(exit_group_from_thread, NULL), buf));
    uprintf(1, "a thread's SYS_exit(5), in a child that then calls exit_group(3):\n");
    uprintf(1, "  child: %s\n", status_text(status_of_child(thread_exits_alone, NULL), buf));

    spawn(0, return_5, NULL);
    thread_join(&tid_words[0]);
    uprintf(1, "here too, main goes on after its thread's SYS_exit\n");

    uprintf(1, "the leader's SYS_exit(4), then the last thread's SYS_exit(9):\n");
    leader_exits_first("child", NULL);
    uprintf(1, "the leader's SYS_exit(4), then the last thread's exit_group(8):\n");
    leader_exits_first("child", (void *)1);
    return 0;
}

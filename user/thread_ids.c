/*
 * thread_ids.c - the identities of threads (lib/uthread.h): a thread's
 * gettid differs from the getpid it shares with every thread of its
 * group (and getppid too); clone's CLONE_PARENT_SETTID writes the tid
 * before clone returns, CLONE_CHILD_SETTID in the new thread, and
 * CLONE_CHILD_CLEARTID clears the word at the thread's end and wakes the
 * waiter there; set_tid_address returns the tid and moves that word;
 * tgkill runs a handler in the thread it names, and its errors.  Only the
 * main thread prints, once the threads it asks about have ended.
 */
#include "lib/uthread.h"

static char stacks[4][THREAD_STACK_SIZE] __attribute__((aligned(16)));

struct seen {
    int tid, pid, ppid;
    int ptid_word;          /* what the thread read in its CLONE_PARENT_SETTID word */
    int set_tid_ret;
};

static struct seen seen_a, seen_b;
static int tid_a, tid_b, moved_word = 1;
static int ctid_settid, settid_go;
static volatile int handler_tid;
static int c_ready, c_tid_word;

static int record(void *arg)
{
    struct seen *s = arg;

    s->tid = gettid();
    s->pid = getpid();
    s->ppid = getppid();
    s->ptid_word = __atomic_load_n(s == &seen_a ? &tid_a : &tid_b, __ATOMIC_SEQ_CST);
    return 0;
}

/* B: as A, then moves its clear-on-exit word to moved_word. */
static int record_and_move(void *arg)
{
    record(arg);
    seen_b.set_tid_ret = set_tid_address(&moved_word);
    return 0;
}

/* D: ends only once main has seen its CLONE_CHILD_SETTID word. */
static int wait_for_go(void *arg)
{
    event_wait(arg);
    return 0;
}

static void usr1_handler(int sig)
{
    (void)sig;
    handler_tid = gettid();
}

/* C: waits until its handler has run (the futex wait ends with -EINTR). */
static int wait_for_signal(void *arg)
{
    (void)arg;
    event_set(&c_ready);
    while (!handler_tid)
        futex_wait_or_die(&c_tid_word, c_tid_word);
    return 0;
}

int main(void)
{
    int pid = getpid();

    uprintf(1, "main: gettid == getpid: %s\n", gettid() == pid ? "yes" : "no");
    uprintf(1, "main: set_tid_address returns the pid: %s\n",
            set_tid_address(NULL) == pid ? "yes" : "no");

    int r = thread_start(STACK_TOP(stacks[0]), record, &seen_a, &tid_a);
    int written = r;
    thread_join(&tid_a);
    uprintf(1, "A: clone returned a tid: %s, not the pid: %s\n", r > 0 ? "yes" : "no", r != pid ? "yes" : "no");
    uprintf(1, "A: gettid in the thread is that tid: %s\n", seen_a.tid == written ? "yes" : "no");
    uprintf(1, "A: getpid in the thread is the pid: %s, getppid the parent's: %s\n",
            seen_a.pid == pid ? "yes" : "no", seen_a.ppid == getppid() ? "yes" : "no");
    uprintf(1, "A: ptid held the tid when the thread ran: %s\n", seen_a.ptid_word == written ? "yes" : "no");
    uprintf(1, "A: ctid cleared at its end: %s\n", tid_a == 0 ? "yes" : "no");

    r = thread_start(STACK_TOP(stacks[1]), record_and_move, &seen_b, &tid_b);
    thread_join(&moved_word);
    uprintf(1, "B: a tid other than A's: %s\n", seen_b.tid != seen_a.tid ? "yes" : "no");
    uprintf(1, "B: set_tid_address returned its tid: %s\n", seen_b.set_tid_ret == r ? "yes" : "no");
    uprintf(1, "B: the moved word cleared: %s, the first one kept the tid: %s\n",
            moved_word == 0 ? "yes" : "no", tid_b == r ? "yes" : "no");

    ctid_settid = 0;
    r = thread_spawn(THREAD_FLAGS | CLONE_CHILD_SETTID, STACK_TOP(stacks[2]), wait_for_go, &settid_go,
                     NULL, &ctid_settid, NULL);
    if (r < 0) {
        uprintf(1, "clone with CLONE_CHILD_SETTID: %d\n", r);
        return 1;
    }
    int settid_seen = 0;
    /* the word is the tid from the thread's first instruction to its end, then 0 */
    while ((settid_seen = __atomic_load_n(&ctid_settid, __ATOMIC_SEQ_CST)) == 0)
        sched_yield();
    event_set(&settid_go);
    thread_join(&ctid_settid);
    uprintf(1, "CLONE_CHILD_SETTID: the word held the tid: %s, then 0: %s\n",
            settid_seen == r ? "yes" : "no", ctid_settid == 0 ? "yes" : "no");

    sa_set(SIGUSR1, usr1_handler, 0, 0);
    r = thread_start(STACK_TOP(stacks[3]), wait_for_signal, NULL, &c_tid_word);
    event_wait(&c_ready);
    uprintf(1, "tgkill signal 0 to the thread: %d\n", tgkill(pid, r, 0));
    uprintf(1, "tgkill with tid 0: %d, tid -1: %d\n", tgkill(pid, 0, SIGUSR1), tgkill(pid, -1, SIGUSR1));
    uprintf(1, "tgkill with a tgid that is not the thread's: %d\n", tgkill(r, pid, SIGUSR1));
    uprintf(1, "tgkill with a bad signal: %d\n", tgkill(pid, r, 65));
    uprintf(1, "tgkill SIGUSR1 to the thread: %d\n", tgkill(pid, r, SIGUSR1));
    thread_join(&c_tid_word);
    uprintf(1, "the handler ran in that thread: %s\n", handler_tid == r ? "yes" : "no");
    return 0;
}

/*
 * thread_leader_gone.c - signals to a process whose first thread has
 * ended (pthread_exit in main) while another thread lives on: the
 * process still takes them, through that thread.  kill(SIGTERM) kills
 * it; so does the SIGALRM of an alarm set before main left.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void *waiter(void *arg)
{
    (void)arg;
    for (;;)
        pause();
    return 0;
}

/* A child whose main thread sets an alarm (0: none) and leaves. */
static int child(unsigned alarm_seconds)
{
    int pid = fork();

    if (pid == 0) {
        pthread_t t;
        pthread_create(&t, 0, waiter, 0);
        alarm(alarm_seconds);
        pthread_exit(0);
    }
    return pid;
}

static void report(const char *what, int pid)
{
    int status;

    waitpid(pid, &status, 0);
    printf("%s: %s %d\n", what, WIFSIGNALED(status) ? "signal" : "exit",
           WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

int main(void)
{
    int pid = child(0);

    usleep(200000);                     /* its main thread has gone by then */
    printf("kill(SIGTERM): %d\n", kill(pid, SIGTERM));
    report("the process", pid);
    report("with an alarm of 1 s", child(1));
    return 0;
}

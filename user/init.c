/*
 * init.c - the first user process (pid 1), a raw program.
 *
 * The kernel starts it with argv = ["init", ARGS...], ARGS being the
 * words of the kernel command line option run= (tests/run passes
 * run=/NAME).  Then:
 *
 *   init PROGRAM [ARG...]  runs PROGRAM once (argv[0] = its base name,
 *                          envp = PATH=/ HOME=/), waits for it, and logs
 *                          "init: status exit N" or "init: status signal N";
 *   init                   runs each line "PROGRAM [ARG...]" of /init.rc
 *                          in turn, logging "init: PROGRAM status exit N";
 *                          without /init.rc it runs the shell /sh (argv
 *                          ["sh"]) and logs "init: sh status exit N" when
 *                          it leaves (this is how `make run` ends at a
 *                          prompt); with neither file it logs "init:
 *                          nothing to run" and idles.
 *
 * While a program runs, init reaps every other child that ends (orphans
 * are re-parented to it).  After running something, it reaps every
 * remaining child until wait4 says -ECHILD, then powers the machine off with reboot(), which ends QEMU.  All its messages go to
 * the kernel log through /dev/kmsg; init never touches fds 0, 1 and 2,
 * which belong to the programs it runs.
 *
 * Built with -DINIT_HOST_TEST (build/user/init-host) it can be tried on
 * Linux: messages go to stderr, /init.rc is ./init.rc, and it exits
 * instead of powering off.
 */
#include "lib/ulib.h"

#ifdef INIT_HOST_TEST
#define KMSG    "/dev/stderr"
#define KMSG_FLAGS (O_WRONLY | O_APPEND)    /* stderr may be a file */
#define INIT_RC "init.rc"
#define SHELL   "sh"
#else
#define KMSG    "/dev/kmsg"
#define KMSG_FLAGS O_WRONLY
#define INIT_RC "/init.rc"
#define SHELL   "/sh"
#endif

#define MAXARGS 64                      /* words of an /init.rc line */

static char *child_env[] = { "PATH=/", "HOME=/", NULL };

/* One message to the kernel log (one write, so one log record). */
#define klog(...) uprintf_path(KMSG, KMSG_FLAGS, __VA_ARGS__)

static const char *basename(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* Runs path with the arguments args[1..] (args[0] is replaced by the base
 * name of path) and returns its wait status, or -1 if fork failed. */
static int run(char *path, char **args)
{
    int pid, status;

    args[0] = (char *)basename(path);
    pid = fork();
    if (pid < 0) {
        klog("init: fork failed: errno %d\n", -pid);
        return -1;
    }
    if (pid == 0) {
        int r = execve(path, args, child_env);
        klog("init: exec %s failed: errno %d\n", path, -r);
        exit(127);
    }
    /* Any child may end meanwhile: orphans re-parented to init are reaped
     * the moment they die, as Linux's init does, so no zombie piles up. */
    for (;;) {
        int r = wait4(-1, &status, 0, NULL);
        if (r == pid)
            return status;
        if (r < 0 && r != -EINTR) {
            klog("init: wait4 for %s failed: errno %d\n", path, -r);
            return -1;
        }
    }
}

/* Logs "init: [PROGRAM ]status exit N" (or "signal N") for a wait status. */
static void log_status(const char *program, int status)
{
    const char *sep = program[0] ? " " : "";

    if (status < 0)
        return;
    if (WIFEXITED(status))
        klog("init: %s%sstatus exit %d\n", program, sep, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        klog("init: %s%sstatus signal %d\n", program, sep, WTERMSIG(status));
    else
        klog("init: %s%sstatus 0x%x\n", program, sep, status);
}

/* Runs /init.rc line by line.  Returns 0 if there is no /init.rc. */
static int run_init_rc(void)
{
    static char text[4096];
    char *args[MAXARGS + 1];
    char *line, *next, *p;
    int fd, n, total = 0;

    fd = open(INIT_RC, O_RDONLY, 0);
    if (fd < 0)
        return 0;
    while (total < (int)sizeof(text) - 1 && (n = read(fd, text + total, sizeof(text) - 1 - total)) > 0)
        total += n;
    close(fd);
    text[total] = 0;

    for (line = text; *line; line = next) {
        int argc = 1;                   /* args[0] is set by run() */

        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        else
            next = line + strlen(line);
        /* split into words at spaces and tabs */
        for (p = line; *p && argc < MAXARGS + 1; ) {
            while (*p == ' ' || *p == '\t' || *p == '\r')
                *p++ = 0;
            if (!*p)
                break;
            args[argc++] = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\r')
                p++;
        }
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (argc == 1 || args[1][0] == '#')
            continue;                   /* empty line or comment */
        if (*p) {
            klog("init: %s: more than %d words on its /init.rc line: not run\n", args[1], MAXARGS);
            continue;
        }
        char *path = args[1];
        /* shift the arguments down: args[1] becomes the program's argv[1] */
        for (n = 1; n < argc - 1; n++)
            args[n] = args[n + 1];
        args[argc - 1] = NULL;
        log_status(path, run(path, args));
    }
    return 1;
}

/* Runs the shell if there is one.  Returns 0 if there is none. */
static int run_shell(void)
{
    char *args[2] = { NULL, NULL };     /* args[0] is set by run() */
    int fd = open(SHELL, O_RDONLY, 0);

    if (fd < 0)
        return 0;
    close(fd);
    log_status("sh", run(SHELL, args));
    return 1;
}

/* Waits for every remaining child, e.g. orphans re-parented to init. */
static void reap_all(void)
{
    int status, r;

    do
        r = wait4(-1, &status, 0, NULL);
    while (r > 0 || r == -EINTR);
    if (r != -ECHILD)
        klog("init: wait4 failed: errno %d\n", -r);
}

static void power_off(void)
{
#ifdef INIT_HOST_TEST
    exit_group(0);
#else
    int r = reboot(REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_CMD_POWER_OFF, NULL);
    klog("init: reboot failed: errno %d\n", -r);
    for (;;)
        msleep(1000);
#endif
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        /* run() replaces argv[1] with the program's base name: its argv[0] */
        log_status("", run(argv[1], argv + 1));
    } else if (!run_init_rc() && !run_shell()) {
        klog("init: nothing to run\n");
        for (;;) {
            msleep(1000);
            sched_yield();
        }
    }
    reap_all();
    power_off();
    return 0;
}

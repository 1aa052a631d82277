/*
 * sh.c - a small interactive shell, the program `make run` ends in.
 *
 * It prints the prompt "$ ", reads a line (at most LINE_MAX - 1 = 4095
 * bytes: a longer one is refused with "sh: line too long" and not run),
 * splits it into any number of words at spaces and tabs, and runs the
 * program /WORD0 with the words as its argv: fork, execve("/NAME", argv,
 * envp), waitpid.  (The kernel's execve takes at most 63 arguments:
 * more fail with "Argument list too long".)  When the program ends with
 * a status other than 0 the shell prints "[exit N]", or "[signal N]"
 * when a signal killed it.  A name holding a '/' is used as the path
 * itself.  No pipes, redirections, quotes, variables or globbing.
 *
 * Builtins:
 *   help       what the shell and the tools do, and the programs listed
 *              in /PROGRAMS (the ramdisk of `make run` holds one; there
 *              is no readdir to list the ramdisk otherwise)
 *   exit [N]   leave the shell with status N (default 0); init then
 *              powers the machine off
 *
 * The kernel's console has no line discipline: read(0) returns each byte
 * as it arrives, nothing is echoed and nothing is edited.  So the shell
 * does that itself, byte by byte: it echoes what it reads to fd 1, erases
 * with Backspace (0x7f or 0x08), ends the line at '\r' or '\n' (a "\r\n"
 * pair counts once), drops the line on Ctrl-C, keeps tabs, ignores other
 * control bytes and the escape sequences of arrow and function keys.  End of
 * input (read returns 0, e.g. fd 0 is a pipe) or Ctrl-D on an empty line
 * leaves the shell with status 0.
 *
 * A program run from the shell reads the same fd 0: while it runs, what
 * is typed goes to it, not to the shell.  The console turns Ctrl-C,
 * Ctrl-\ and Ctrl-Z into SIGINT, SIGQUIT and SIGTSTP for the shell and
 * the program it runs (kernel/console.c): the shell catches them, so a
 * program ends or stops and the shell goes on; at the prompt Ctrl-C drops
 * the line.  A stopped program is reported with "[stopped]"; the builtin
 * fg continues the last one and waits for it again.
 */
#include "lib/usignal.h"
#include "toolslib.h"

#define LINE_MAX 4096
#define MAXARGS  (LINE_MAX / 2)         /* words of one byte and a space each */

static char line[LINE_MAX];
static volatile int interrupted;        /* the console's signal, caught at the prompt */
static int stopped_pid;                 /* the program Ctrl-Z stopped last; 0: none */

/* The shell's handler of the console's signals: the read or wait they
 * interrupt returns -EINTR, and the shell sees which it was.  A handler,
 * not SIG_IGN, so that the programs it runs get the defaults back at
 * execve. */
static void console_signal(int sig, struct siginfo *si, struct ucontext *uc)
{
    (void)si, (void)uc;
    interrupted = sig;
}

static void echo(const char *s, unsigned n)
{
    write(1, s, n);
}

/* Reads one line into `line`, echoing and editing as described above.
 * Returns its length, or -1 at end of input. */
static int read_line(void)
{
    static int last_cr;                 /* the byte before was '\r' */
    int len = 0, esc = 0, too_long = 0;
    char c;

    for (;;) {
        int r = 1;
        if (interrupted == SIGINT) {    /* the console's Ctrl-C, after what was read */
            interrupted = 0;
            c = 0x03;                   /*   drops the line as the byte would */
        } else if ((r = read(0, &c, 1)) == -EINTR) {
            continue;
        }
        if (r <= 0) {                   /* end of input: finish the line if any */
            echo("\n", 1);
            line[len] = 0;
            return len ? len : -1;
        }
        if (esc) {                      /* ESC [ parameters final, or ESC O final */
            if (esc == 1 && (c == '[' || c == 'O'))
                esc = 2;
            else if (!(esc == 2 && c >= 0x20 && c < 0x40))
                esc = 0;                /* that was the final byte */
            continue;
        }
        if (c == '\n' && last_cr) {     /* the '\n' of a "\r\n" */
            last_cr = 0;
            continue;
        }
        last_cr = c == '\r';
        switch (c) {
        case '\r':
        case '\n':
            echo("\n", 1);
            if (too_long) {
                uprintf(2, "sh: line too long: at most %d characters\n", LINE_MAX - 1);
                len = 0;
            }
            line[len] = 0;
            return len;
        case 0x7f:                      /* Backspace (DEL) */
        case 0x08:                      /* Backspace (^H) */
            if (len > 0) {
                len--;
                echo("\b \b", 3);       /* back, blank it out, back again */
            }
            continue;
        case 0x03:                      /* Ctrl-C: drop the line */
            echo("^C\n", 3);
            line[0] = 0;
            return 0;
        case 0x04:                      /* Ctrl-D: end of input on an empty line */
            if (!len) {
                echo("\n", 1);
                return -1;
            }
            continue;
        case 0x1b:                      /* an escape sequence: skipped */
            esc = 1;
            continue;
        }
        if ((unsigned char)c < 0x20 && c != '\t')
            continue;                   /* other control bytes */
        if (len == LINE_MAX - 1) {      /* read on to the end, then refuse it */
            too_long = 1;
            continue;
        }
        line[len++] = c;
        echo(&c, 1);
    }
}

/* Splits `line` into words in place; returns their number. */
static int split(char **argv)
{
    int argc = 0;
    char *p = line;

    while (argc < MAXARGS) {
        while (*p == ' ' || *p == '\t')
            *p++ = 0;
        if (!*p)
            break;
        argv[argc++] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
    }
    argv[argc] = NULL;
    return argc;
}

static void help(void)
{
    static char names[4096];
    int col = 0, n;
    char *p, *next;

    uprintf(1,
        "Type a program's name and its arguments: the shell runs /NAME.  No pipes,\n"
        "redirections or quotes.  \"[exit N]\" or \"[signal N]\" follows a failure.\n"
        "Builtins:\n"
        "  help            this text\n"
        "  exit [N]        leave the shell; init then powers the machine off\n"
        "  fg              continue the program Ctrl-Z stopped (Ctrl-C ends one)\n"
        "Tools to see inside the kernel:\n"
        "  ps              the processes (/proc/PID/status)\n"
        "  free            memory use (/proc/meminfo)\n"
        "  vmstat          page faults, by the path each took (/proc/vmstat)\n"
        "  pmap PID|self   a process's VMAs with RSS and PSS (/proc/PID/smaps)\n"
        "  cat FILE...     print files: /proc/meminfo, /proc/buddyinfo, /proc/vmstat,\n"
        "                  /proc/PID/maps, smaps, status (PID or self), /PROGRAMS\n"
        "The other programs are the tests of tests/user/: each prints what it checks.\n");
    n = read_file("/PROGRAMS", names, sizeof(names));
    if (n < 0) {
        uprintf(1, "(no /PROGRAMS file: the programs in the ramdisk are unknown)\n");
        return;
    }
    uprintf(1, "Programs (/PROGRAMS):\n");
    for (p = names; *p; p = next) {
        next = strchr(p, '\n');
        if (next)
            *next++ = 0;
        else
            next = p + strlen(p);
        n = strlen(p);
        if (!n)
            continue;
        if (col && col + 1 + n > 76) {
            echo("\n", 1);
            col = 0;
        }
        uprintf(1, "%s%s", col ? " " : "  ", p);
        col += (col ? 1 : 2) + n;
    }
    if (col)
        echo("\n", 1);
}

/*
 * A new child waits (yielding) until the shell sleeps in waitpid, so a
 * program sees the shell as it is while a program runs: "S" in ps, never
 * "R" for the moment between fork and waitpid.  That makes a session's
 * output repeat exactly.  Bounded: it never waits forever.
 */
static void wait_until_parent_sleeps(void)
{
    static char status[2048];
    char path[32] = "/proc/";

    fmt_uint(path + 6, getppid());
    memcpy(path + strlen(path), "/status", 8);
    for (int tries = 0; tries < 1000; tries++) {
        const char *state = read_file(path, status, sizeof(status)) > 0 ? find_text(status, "State") : 0;
        if (!state || *state == 'S')
            return;
        sched_yield();
    }
}

/* Waits until the program pid ends or stops; reports a non-zero status,
 * or the stop. */
static void wait_for_program(int pid)
{
    int r, status;

    do
        r = wait4_status(pid, &status, WUNTRACED);
    while (r == -EINTR);
    interrupted = 0;                    /* a Ctrl-C the program took is not the prompt's */
    if (r != pid) {
        uprintf(2, "sh: waitpid failed\n");
        return;
    }
    if (WIFSTOPPED(status)) {
        stopped_pid = pid;
        uprintf(1, "[stopped: fg continues it]\n");
    } else if (WIFSIGNALED(status)) {
        uprintf(1, "[signal %d]\n", WTERMSIG(status));
    } else if (WIFEXITED(status) && WEXITSTATUS(status)) {
        uprintf(1, "[exit %d]\n", WEXITSTATUS(status));
    }
}

/* fork, execve("/NAME"), wait_for_program. */
static void run(char **argv)
{
    static char path[LINE_MAX + 1];
    int pid;

    if (strchr(argv[0], '/')) {
        memcpy(path, argv[0], strlen(argv[0]) + 1);
    } else {
        path[0] = '/';
        memcpy(path + 1, argv[0], strlen(argv[0]) + 1);
    }
    pid = fork();
    if (pid < 0) {
        uprintf(2, "sh: fork: %s\n", errno_text(-pid));
        return;
    }
    if (pid == 0) {
        wait_until_parent_sleeps();
        int r = execve(path, argv, environ);
        uprintf(2, "sh: %s: %s\n", argv[0], r == -ENOENT ? "not found" : errno_text(-r));
        exit(127);
    }
    wait_for_program(pid);
}

/* fg: continue the program Ctrl-Z stopped last, and wait for it again. */
static void fg(void)
{
    int pid = stopped_pid;

    if (!pid) {
        uprintf(2, "sh: fg: no stopped program\n");
        return;
    }
    stopped_pid = 0;
    kill(pid, SIGCONT);
    wait_for_program(pid);
}

int main(void)
{
    static char *argv[MAXARGS + 1];

    sa_set(SIGINT, console_signal, SA_SIGINFO, 0);
    sa_set(SIGQUIT, console_signal, SA_SIGINFO, 0);
    sa_set(SIGTSTP, console_signal, SA_SIGINFO, 0);

    for (;;) {
        echo("$ ", 2);
        if (read_line() < 0)
            return 0;
        if (!split(argv))
            continue;
        if (!strcmp(argv[0], "exit")) {
            const char *p = argv[1] ? argv[1] : "0";
            return parse_num(&p, 10) & 0xff;
        }
        if (!strcmp(argv[0], "help"))
            help();
        else if (!strcmp(argv[0], "fg"))
            fg();
        else
            run(argv);
    }
}

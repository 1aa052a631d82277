/*
 * sh.c - a small interactive shell, the program `make run` ends in.
 *
 * It prints the prompt "$ ", reads a line (at most LINE_MAX - 1 = 4095
 * bytes: a longer one is refused with "sh: line too long" and not run)
 * and runs it.  A line holds words, separated by spaces and tabs, and
 * the operators below, which need no spaces around them:
 *
 *   prog a b      runs /prog with argv prog a b: fork, execve("/prog",
 *                 argv, envp), waitpid.  A name holding a '/' is the path
 *                 itself.  (The kernel's execve takes at most 63
 *                 arguments: more fail with "Argument list too long".)
 *   a | b | c     a pipeline: fd 1 of each program is a pipe to fd 0 of
 *                 the next; the shell waits for all, c's status is its own
 *   a ; b         a, then b
 *   a | b &       in the background: the shell prints "[PID]" (PID: the
 *                 last program's) and reads the next line at once.  These
 *                 programs ignore the console's Ctrl-C, Ctrl-\ and Ctrl-Z
 *                 and read /dev/null (if there is one) for fd 0, as POSIX
 *                 asks of a shell without job control
 *   < F  > F  >> F   fd 0 from the file F; fd 1 to F, created (mode 0644)
 *                 and emptied, or appended to: open() with O_RDONLY,
 *                 O_WRONLY|O_CREAT|O_TRUNC, O_WRONLY|O_CREAT|O_APPEND
 *   N< F  N> F  N>> F   the same for fd N (one digit), e.g. 2> F
 *   N>&M  N<&M    fd N becomes a copy of fd M (dup2), e.g. 2>&1; M = "-"
 *                 closes fd N
 *   $?            in a word: the status of the last command (its exit
 *                 status, 128 + N after signal N, 148 when Ctrl-Z stopped it)
 *
 * Redirections apply after the pipes, left to right: `a 2>&1 | b` sends
 * both of a's outputs to b, `a > F 2>&1` both to F, and `a 2>&1 > F`
 * errors where fd 1 was before.  No quotes, other variables, globbing,
 * && or ||.
 *
 * When a command in the foreground ends with a status other than 0 the
 * shell prints "[exit N]", or "[signal N]" when a signal killed it (for a
 * pipeline: its last program).  A redirection that fails prints "sh:
 * cannot open F: REASON" (REASON as Linux's strerror) and the command
 * does not run: status 1.  A syntax error, such as `| b` or `a >`,
 * prints "sh: syntax error ..." and runs nothing of the line: status 2.
 *
 * Builtins run in the shell, their redirections undone afterwards (in a
 * pipeline or in the background they run in a child, as in other shells):
 *   help        what the shell and the tools do, and the programs listed
 *               in /PROGRAMS (the ramdisk of `make run` holds one)
 *   exit [N]    leave the shell with status N (default 0); init then
 *               powers the machine off
 *   cd [DIR]    change directory to DIR (default /)
 *   fg          continue the programs Ctrl-Z stopped last, and wait again
 *   wait [PID]  wait for every background program (or for PID): prints
 *               "[PID exit N]" or "[PID signal N]" for a background
 *               pipeline that failed.  Status: 0, or PID's.  Ctrl-C stops
 *               waiting.  Until wait, an ended background program stays a
 *               zombie (state Z in ps).
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
 * the programs it runs (kernel/console.c): the shell catches them, so a
 * program ends or stops and the shell goes on; at the prompt Ctrl-C drops
 * the line.  Stopped programs are reported with "[stopped: fg continues
 * it]"; the builtin fg continues them and waits for them again.
 */
#include "lib/usignal.h"
#include "toolslib.h"

#define LINE_MAX  4096
#define MAXTOKENS LINE_MAX              /* each takes one byte of the line at least */
#define MAXARGS   (LINE_MAX / 2)        /* words of one byte and a space each */
#define MAXBG     128                   /* background programs: the kernel's tasks */

enum token_kind { END, WORD, REDIRECT, PIPE = '|', SEQUENCE = ';', BACKGROUND = '&' };
#define OPERATORS " \t|;&<>"            /* the bytes that end a word */
#define DUP_FD    (-1)                  /* flags of a REDIRECT N>&M or N<&M */

struct token {
    int kind;
    char *text;                         /* a WORD; a REDIRECT's file, fd number or "-" */
    int fd;                             /* a REDIRECT: the fd it sets */
    int flags;                          /* a REDIRECT: open()'s flags, or DUP_FD */
    int saved;                          /* a REDIRECT: see redirect(); -1: none */
};

/* The programs of a pipeline in the foreground. */
struct job {
    int n;                              /* its programs; 0: no job */
    int status;                         /* the last one's wait status (exit 1 until it ends) */
    int pid[MAXARGS];                   /* 0 once the program ended */
};

static char line[LINE_MAX];
static char words[LINE_MAX + 1];        /* the words of line, each with a NUL */
static struct token tokens[MAXTOKENS + 1];
static struct job running, stopped;     /* the foreground job; the one Ctrl-Z stopped last */
static int bg_pid[MAXBG];               /* background programs not waited for yet */
static char bg_last[MAXBG];             /*   the last of its pipeline: wait reports it */
static int nbg;
static int last_status;                 /* $? */
static volatile int interrupted;        /* the console's signal, caught at the prompt */

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

/* ---- parsing ---- */

static int syntax_error(const char *p)
{
    if (*p)
        uprintf(2, "sh: syntax error near '%c'\n", *p);
    else
        uprintf(2, "sh: syntax error at the end of the line\n");
    return -1;
}

/* Copies the word at *p to *out (it ends at a space, a tab or an
 * operator), moving both past it.  Returns the copy. */
static char *scan_word(const char **p, char **out)
{
    char *word = *out;

    while (**p && !strchr(OPERATORS, **p))
        *(*out)++ = *(*p)++;
    *(*out)++ = 0;
    return word;
}

/* Reads a redirection at *p ("2>>", "<", ">&" and so on) into t. */
static void scan_redirect(const char **p, struct token *t)
{
    char op;

    t->kind = REDIRECT;
    t->fd = **p >= '0' && **p <= '9' ? *(*p)++ - '0' : **p == '>';
    t->saved = -1;
    op = *(*p)++;
    if (op == '>' && **p == '>') {
        (*p)++;
        t->flags = O_WRONLY | O_CREAT | O_APPEND;
    } else if (**p == '&') {
        (*p)++;
        t->flags = DUP_FD;
    } else {
        t->flags = op == '<' ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC;
    }
}

static int is_separator(int kind)
{
    return kind == PIPE || kind == SEQUENCE || kind == BACKGROUND;
}

/* Splits `line` into tokens, ending with one of kind END, and checks the
 * grammar: a '|', ';' or '&' follows a command, a '|' comes before
 * one, a redirection has its word.  Returns 0, or -1 after an error. */
static int tokenize(void)
{
    const char *p = line;
    char *out = words;
    int prev = END;
    struct token *t = tokens;

    for (;; t++) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (strchr("|;&", *p)) {
            if (prev == END || is_separator(prev))
                return syntax_error(p);
            t->kind = *p++;
        } else if (*p == '<' || *p == '>' || (*p >= '0' && *p <= '9' && (p[1] == '<' || p[1] == '>'))) {
            scan_redirect(&p, t);
            while (*p == ' ' || *p == '\t')
                p++;
            if (!*p || strchr(OPERATORS, *p))
                return syntax_error(p);
            t->text = scan_word(&p, &out);
        } else {
            t->kind = WORD;
            t->text = scan_word(&p, &out);
        }
        prev = t->kind;
    }
    t->kind = END;
    return prev == PIPE ? syntax_error(p) : 0;
}

/* Replaces each "$?" in the words of tokens[first..end) with last_status,
 * just before they run (3 digits for 2 bytes at most: `expanded` holds
 * the words of a whole line so). */
static void expand(int first, int end)
{
    static char expanded[2 * LINE_MAX];
    char *out = expanded;

    for (int i = first; i < end; i++) {
        char *word = out;
        if (tokens[i].kind != WORD && tokens[i].kind != REDIRECT)
            continue;
        for (const char *s = tokens[i].text; *s; s++) {
            if (s[0] == '$' && s[1] == '?')
                out += fmt_uint(out, last_status), s++;
            else
                *out++ = *s;
        }
        *out++ = 0;
        tokens[i].text = word;
    }
}

/* The end of the command that starts at tokens[first]: its '|', or end. */
static int command_end(int first, int end)
{
    while (first < end && tokens[first].kind != PIPE)
        first++;
    return first;
}

/* Fills argv with the words of tokens[first..end); returns their number. */
static int command_argv(int first, int end, char **argv)
{
    int argc = 0;

    for (int i = first; i < end; i++)
        if (tokens[i].kind == WORD)
            argv[argc++] = tokens[i].text;
    argv[argc] = NULL;
    return argc;
}

/* ---- redirections ---- */

/* Makes fd `to` what fd `from` is, and closes `from` (unless they are one). */
static int move_fd(int from, int to)
{
    int r = 0;

    if (from != to) {
        r = dup2(from, to);
        close(from);
    }
    return r < 0 ? r : 0;
}

/*
 * Applies the redirections among tokens[first..end), left to right.  With
 * save (a builtin in the shell), it first keeps a copy of each fd it sets
 * in its token's `saved` (-EBADF: the fd was closed) for undo_redirect().
 * Returns 0, or 1 after printing why one failed.
 */
static int redirect(int first, int end, int save)
{
    for (int i = first; i < end; i++) {
        struct token *t = &tokens[i];
        int r = 0;

        if (t->kind != REDIRECT)
            continue;
        if (save)
            t->saved = dup(t->fd);
        if (t->flags != DUP_FD) {
            int fd = open(t->text, t->flags, 0644);
            if (fd < 0) {
                uprintf(2, "sh: cannot open %s: %s\n", t->text, errno_text(-fd));
                return 1;
            }
            r = move_fd(fd, t->fd);
        } else if (!strcmp(t->text, "-")) {
            close(t->fd);
        } else {
            const char *p = t->text;
            int from = parse_num(&p, 10);
            r = *p || p == t->text ? -EBADF : dup2(from, t->fd);
        }
        if (r < 0) {
            uprintf(2, "sh: %s: %s\n", t->text, errno_text(-r));
            return 1;
        }
    }
    return 0;
}

/* Gives the fds redirect() saved back, the last one first: a copy may
 * sit on an fd that a later redirection of the list changed. */
static void undo_redirect(int first, int end)
{
    for (int i = end - 1; i >= first; i--) {
        struct token *t = &tokens[i];
        if (t->kind != REDIRECT || t->saved == -1)
            continue;
        if (t->saved >= 0)
            move_fd(t->saved, t->fd);
        else
            close(t->fd);
        t->saved = -1;
    }
}

/* ---- running programs ---- */

/* $? for a wait status. */
static int status_code(int status)
{
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/* Prints "[exit N]" or "[signal N]" for a failure, "[PID exit N]" with a
 * pid; nothing for exit 0. */
static void report(int pid, int status)
{
    char prefix[16] = "";

    if (pid)
        memcpy(prefix + fmt_uint(prefix, pid), " ", 2);
    if (WIFSIGNALED(status))
        uprintf(1, "[%ssignal %d]\n", prefix, WTERMSIG(status));
    else if (WEXITSTATUS(status))
        uprintf(1, "[%sexit %d]\n", prefix, WEXITSTATUS(status));
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

/* Waits until each program of job ended or stopped, and reports it (see
 * the top of the file).  Returns the status for $?. */
static int wait_job(struct job *job)
{
    int stops = 0;

    for (int i = 0; i < job->n; i++) {
        int r, status;
        if (!job->pid[i])
            continue;
        do
            r = wait4_status(job->pid[i], &status, WUNTRACED);
        while (r == -EINTR);
        if (r == job->pid[i] && WIFSTOPPED(status)) {
            stops = 1;
            continue;
        }
        if (r != job->pid[i])
            uprintf(2, "sh: waitpid failed\n");
        else if (i == job->n - 1)
            job->status = status;
        job->pid[i] = 0;
    }
    interrupted = 0;                    /* a Ctrl-C the programs took is not the prompt's */
    if (stops) {
        if (job != &stopped) {
            stopped.n = job->n;
            stopped.status = job->status;
            memcpy(stopped.pid, job->pid, job->n * sizeof(job->pid[0]));
        }
        uprintf(1, "[stopped: fg continues it]\n");
        return 128 + SIGTSTP;
    }
    job->n = 0;
    report(0, job->status);
    return status_code(job->status);
}

/* ---- builtins ---- */

static int builtin_exit(char **argv)
{
    const char *p = argv[1] ? argv[1] : "0";

    exit(parse_num(&p, 10) & 0xff);
    return 0;
}

static int builtin_cd(char **argv)
{
    const char *dir = argv[1] ? argv[1] : "/";
    int r = chdir(dir);

    if (r < 0) {
        uprintf(2, "sh: cd: %s: %s\n", dir, errno_text(-r));
        return 1;
    }
    return 0;
}

/* fg: continue the programs Ctrl-Z stopped last, and wait for them again. */
static int builtin_fg(char **argv)
{
    (void)argv;
    if (!stopped.n) {
        uprintf(2, "sh: fg: no stopped program\n");
        return 1;
    }
    for (int i = 0; i < stopped.n; i++)
        if (stopped.pid[i])
            kill(stopped.pid[i], SIGCONT);
    return wait_job(&stopped);
}

/* wait [PID]: reaps the background programs (or PID), reporting those
 * that end a pipeline; a console signal stops it. */
static int builtin_wait(char **argv)
{
    const char *p = argv[1] ? argv[1] : "";
    int want = parse_num(&p, 10), found = !argv[1], code = 0;

    for (int i = 0; i < nbg; ) {
        int r, status;
        if (argv[1] && (bg_pid[i] != want || *p)) {
            i++;
            continue;
        }
        found = 1;
        r = wait4_status(bg_pid[i], &status, 0);
        if (r == -EINTR) {
            code = 128 + interrupted;
            interrupted = 0;
            break;
        }
        if (r != bg_pid[i])
            uprintf(2, "sh: waitpid failed\n");
        else if (bg_last[i])
            report(r, status);
        if (r == bg_pid[i] && argv[1])
            code = status_code(status);
        nbg--;
        for (int j = i; j < nbg; j++) {
            bg_pid[j] = bg_pid[j + 1];
            bg_last[j] = bg_last[j + 1];
        }
    }
    if (!found) {
        uprintf(2, "sh: wait: pid %s is not a child of this shell\n", argv[1]);
        return 127;
    }
    return code;
}

static int builtin_help(char **argv)
{
    static char names[4096];
    int col = 0, n;
    char *p, *next;

    (void)argv;
    uprintf(1,
        "Type a program's name and its arguments: the shell runs /NAME.  No quotes.\n"
        "\"[exit N]\" or \"[signal N]\" follows a failure.\n"
        "  a | b | c       a pipeline: a's output is b's input, b's is c's\n"
        "  a ; b   a &     one after the other; a in the background (\"[PID]\")\n"
        "  < F  > F  >> F  fd 0 from file F; fd 1 to F, emptied first or appended to\n"
        "  2> F  2>&1  N>&-   fd 2 to F; fd 2 a copy of fd 1; fd N closed\n"
        "  $?              the status of the last command (128+N for signal N)\n"
        "Builtins:\n"
        "  help            this text\n"
        "  exit [N]        leave the shell; init then powers the machine off\n"
        "  cd [DIR]        change directory (to / without DIR)\n"
        "  fg              continue the programs Ctrl-Z stopped (Ctrl-C ends them)\n"
        "  wait [PID]      wait for the background programs (or PID)\n"
        "Tools to see inside the kernel:\n"
        "  ps              the processes (/proc/PID/status)\n"
        "  free            memory use (/proc/meminfo)\n"
        "  vmstat          page faults, by the path each took (/proc/vmstat)\n"
        "  pmap PID|self   a process's VMAs with RSS and PSS (/proc/PID/smaps)\n"
        "  cat FILE...     print files: /proc/meminfo, /proc/buddyinfo, /proc/vmstat,\n"
        "                  /proc/PID/maps, smaps, status (PID or self), /PROGRAMS\n"
        "  echo, wc, sleep as on Linux: echo [-n] ARG..., wc [-lwc] [FILE...], sleep N\n"
        "The other programs are the tests of tests/user/: each prints what it checks.\n");
    n = read_file("/PROGRAMS", names, sizeof(names));
    if (n < 0) {
        uprintf(1, "(no /PROGRAMS file: the programs in the ramdisk are unknown)\n");
        return 0;
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
    return 0;
}

static const struct builtin {
    const char *name;
    int (*run)(char **argv);            /* returns the status */
} builtins[] = {
    { "help", builtin_help }, { "exit", builtin_exit }, { "cd", builtin_cd },
    { "fg", builtin_fg }, { "wait", builtin_wait },
};

static const struct builtin *find_builtin(const char *name)
{
    for (unsigned i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
        if (!strcmp(builtins[i].name, name))
            return &builtins[i];
    return NULL;
}

/* In a child: the command tokens[first..end), its redirections first,
 * then the builtin or execve("/NAME").  Never returns. */
static void run_command(int first, int end)
{
    static char *argv[MAXARGS + 1];
    static char path[LINE_MAX + 1];
    const struct builtin *b;

    if (redirect(first, end, 0))
        exit(1);
    if (!command_argv(first, end, argv))
        exit(0);                        /* only redirections, e.g. "> F" */
    b = find_builtin(argv[0]);
    if (b)
        exit(b->run(argv));
    if (strchr(argv[0], '/')) {
        memcpy(path, argv[0], strlen(argv[0]) + 1);
    } else {
        path[0] = '/';
        memcpy(path + 1, argv[0], strlen(argv[0]) + 1);
    }
    int r = execve(path, argv, environ);
    uprintf(2, "sh: %s: %s\n", argv[0], r == -ENOENT ? "not found" : errno_text(-r));
    exit(127);
}

/*
 * Starts the commands of the pipeline tokens[first..end), each in a child
 * of its own, joined by pipes, and stores their pids in pid[].  Returns
 * how many started: fewer than the commands if a pipe or a fork failed
 * (after saying so; the last one started then writes to a pipe nobody
 * reads).
 */
static int start_pipeline(int first, int end, int in_background, int *pid)
{
    int n = 0, in = -1;                 /* the read end of the pipe before */

    for (int cmd = first, next; cmd < end; cmd = next + 1) {
        int p[2] = { -1, -1 }, r;
        next = command_end(cmd, end);
        if (next < end && (r = pipe(p)) < 0) {
            uprintf(2, "sh: pipe: %s\n", errno_text(-r));
            break;
        }
        int child = fork();
        if (child < 0) {
            uprintf(2, "sh: fork: %s\n", errno_text(-child));
            close(p[0]);
            close(p[1]);
            break;
        }
        if (child == 0) {
            if (in >= 0)
                move_fd(in, 0);
            else if (in_background && (r = open("/dev/null", O_RDONLY, 0)) >= 0)
                move_fd(r, 0);
            if (p[1] >= 0) {
                close(p[0]);
                move_fd(p[1], 1);
            }
            if (in_background) {
                sa_set(SIGINT, (void *)SIG_IGN, 0, 0);
                sa_set(SIGQUIT, (void *)SIG_IGN, 0, 0);
                sa_set(SIGTSTP, (void *)SIG_IGN, 0, 0);
            } else {
                wait_until_parent_sleeps();
            }
            run_command(cmd, next);
        }
        pid[n++] = child;
        if (in >= 0)
            close(in);
        if (p[1] >= 0)
            close(p[1]);
        in = p[0];
    }
    if (in >= 0)
        close(in);
    return n;
}

/* Runs a pipeline in the foreground; a lone builtin in the shell itself. */
static void run_foreground(int first, int end)
{
    static char *argv[MAXARGS + 1];
    const struct builtin *b;

    if (command_end(first, end) == end && command_argv(first, end, argv) &&
        (b = find_builtin(argv[0]))) {
        last_status = redirect(first, end, 1) ? 1 : b->run(argv);
        undo_redirect(first, end);
        return;
    }
    running.status = 1 << 8;            /* exit 1, should the last not start */
    running.n = start_pipeline(first, end, 0, running.pid);
    last_status = wait_job(&running);
}

/* Starts a pipeline in the background and prints "[PID]" (its last). */
static void run_background(int first, int end)
{
    int commands = 1, n;

    for (int i = first; i < end; i++)
        commands += tokens[i].kind == PIPE;
    if (nbg + commands > MAXBG) {
        uprintf(2, "sh: %d background programs not waited for: wait first\n", nbg);
        last_status = 1;
        return;
    }
    n = start_pipeline(first, end, 1, bg_pid + nbg);
    for (int i = 0; i < n; i++)
        bg_last[nbg + i] = i == commands - 1;
    nbg += n;
    if (n)
        uprintf(1, "[%d]\n", bg_pid[nbg - 1]);
    last_status = n < commands;
}

/* Runs the line read: its pipelines one after the other. */
static void run_line(void)
{
    if (tokenize() < 0) {
        last_status = 2;
        return;
    }
    for (int first = 0, end; tokens[first].kind != END; first = end + (tokens[end].kind != END)) {
        for (end = first; tokens[end].kind != END && tokens[end].kind != SEQUENCE &&
                          tokens[end].kind != BACKGROUND; end++)
            ;
        expand(first, end);
        if (tokens[end].kind == BACKGROUND)
            run_background(first, end);
        else
            run_foreground(first, end);
    }
}

int main(void)
{
    sa_set(SIGINT, console_signal, SA_SIGINFO, 0);
    sa_set(SIGQUIT, console_signal, SA_SIGINFO, 0);
    sa_set(SIGTSTP, console_signal, SA_SIGINFO, 0);

    for (;;) {
        echo("$ ", 2);
        if (read_line() < 0)
            return 0;
        run_line();
    }
}

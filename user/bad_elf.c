/*
 * bad_elf.c - execve must reject files that are not valid i386 programs
 * and return an error to its caller, whose process goes on (raw).
 *
 * The files are made by user/mkbadelf.py into build/user/data/ and put
 * next to this program by the runner (tests/user/bad_elf.files).  Most
 * are a copy of hello_raw (which exits with 3) with one thing wrong.
 * Each execve runs in a child, which exits with 100 + errno when execve
 * fails: if execve wrongly succeeded, only the child is replaced, and
 * the parent sees the program's own status or a signal instead.
 *
 * Built as bad_elf_strict (-DSTRICT) it also tries files that Linux on
 * an x86_64 host accepts but our i386 kernel must refuse: a 64-bit class
 * byte (Linux ignores EI_CLASS), segments in the kernel half (a 32-bit
 * process on x86_64 may use all 4 GiB) and a segment beyond the end of
 * the file (Linux maps it and faults later).  That variant is not
 * compared with Linux.
 */
#include "lib/ulib.h"

struct testcase {
    const char *file;
    const char *what;
    int any_error;      /* 1: any failure of execve counts, printed as "rejected" */
};

static const struct testcase cases[] = {
    { "no_such_file",      "missing file", 0 },
    { "not_elf",           "text file, not an ELF", 0 },
    { "elf_trunc_ident",   "ELF truncated inside the header", 0 },
    /* older Linux kernels say EIO for the short read of the program headers */
    { "elf_trunc_phdrs",   "ELF header only, program headers missing", 1 },
    { "elf_machine",       "unknown machine", 0 },
    { "elf_type_rel",      "relocatable object, not an executable", 0 },
#ifdef STRICT
    { "elf_class64",       "64-bit class in an i386 ELF", 0 },
    { "elf_kernel_addr",   "segments in the kernel half", 1 },
    { "elf_load_past_eof", "segment beyond the end of the file", 1 },
#endif
};

int main(void)
{
    char *argv[] = { "bad", NULL };
    char *envp[] = { NULL };
    const struct testcase *t;
    int pid, status, code;

    for (t = cases; t < cases + sizeof(cases) / sizeof(cases[0]); t++) {
        pid = fork();
        if (pid == 0) {
            int r = execve(t->file, argv, envp);
            exit(r < 0 && r > -100 ? 100 - r : 99);
        }
        if (waitpid_retry(pid, &status) != pid) {
            uprintf(1, "%s: waitpid failed\n", t->file);
            continue;
        }
        code = WEXITSTATUS(status);
        if (WIFSIGNALED(status))
            uprintf(1, "%s (%s): killed by signal %d\n", t->file, t->what, WTERMSIG(status));
        else if (code <= 100 || code >= 200)
            uprintf(1, "%s (%s): not rejected, exit status %d\n", t->file, t->what, code);
        else if (t->any_error)
            uprintf(1, "%s (%s): rejected\n", t->file, t->what);
        else
            uprintf(1, "%s (%s): execve returned -%d\n", t->file, t->what, code - 100);
    }
    uprintf(1, "still running after the failed execs: %s\n", getpid() > 0 ? "yes" : "no");
    return 0;
}

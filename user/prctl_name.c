/*
 * prctl_name.c - the task name through prctl: PR_GET_NAME gives the
 * program's name and writes 16 bytes; PR_SET_NAME changes it for
 * /proc/self/status (Name:) and /proc/self/stat ((comm)), keeps at most
 * 15 bytes of a longer name, survives fork (the child's name is the
 * parent's); a bad pointer is -EFAULT and changes nothing; an option
 * prctl does not know is -EINVAL.
 */
#include "lib/usysinfo.h"
#include "lib/vmtest.h"

#define PR_UNKNOWN 0x7fff0000           /* no such option */

/* Name: of /proc/self/status and the (comm) of /proc/self/stat. */
static void show_proc_names(const char *when)
{
    static char text[4096];
    char name[32] = "?", comm[32] = "?";

    read_all(open("/proc/self/status", O_RDONLY, 0), text, sizeof(text));
    if (!strncmp(text, "Name:\t", 6)) {
        unsigned n = 0;
        for (const char *p = text + 6; *p && *p != '\n' && n < sizeof(name) - 1; p++)
            name[n++] = *p;
        name[n] = 0;
    }
    read_all(open("/proc/self/stat", O_RDONLY, 0), text, sizeof(text));
    const char *open_paren = strchr(text, '('), *close_paren = strrchr(text, ')');
    if (open_paren && close_paren && close_paren - open_paren - 1 < (int)sizeof(comm)) {
        unsigned n = close_paren - open_paren - 1;
        memcpy(comm, open_paren + 1, n);
        comm[n] = 0;
    }
    uprintf(1, "%s: status Name: '%s', stat comm: '%s'\n", when, name, comm);
}

static void show_get_name(const char *when)
{
    char buf[20];

    memset(buf, 'x', sizeof(buf));
    int r = prctl(PR_GET_NAME, (long)buf);
    uprintf(1, "%s: PR_GET_NAME = %d: '%s', bytes 16..19 untouched: %s, byte 15 is NUL: %s\n",
            when, r, buf, yes(buf[16] == 'x' && buf[19] == 'x'), yes(buf[15] == 0));
}

int main(void)
{
    show_get_name("start");
    show_proc_names("start");
    uprintf(1, "PR_SET_NAME \"worker\" = %d\n", prctl(PR_SET_NAME, (long)"worker"));
    show_get_name("set");
    show_proc_names("set");
    uprintf(1, "PR_SET_NAME of 26 letters = %d\n",
            prctl(PR_SET_NAME, (long)"abcdefghijklmnopqrstuvwxyz"));
    show_get_name("long");
    show_proc_names("long");
    uprintf(1, "PR_SET_NAME \"\" = %d\n", prctl(PR_SET_NAME, (long)""));
    show_proc_names("empty");
    prctl(PR_SET_NAME, (long)"parent");
    int pid = fork();
    if (pid == 0) {
        show_proc_names("child");
        prctl(PR_SET_NAME, (long)"child");
        show_proc_names("child renamed");
        exit(0);
    }
    int status;
    waitpid_retry(pid, &status);
    show_proc_names("parent after child");
    uprintf(1, "PR_SET_NAME bad pointer = %d\n", prctl(PR_SET_NAME, 1));
    uprintf(1, "PR_GET_NAME bad pointer = %d\n", prctl(PR_GET_NAME, 1));
    show_proc_names("after bad");
    uprintf(1, "unknown option = %d\n", prctl(PR_UNKNOWN, 0));
    return 0;
}

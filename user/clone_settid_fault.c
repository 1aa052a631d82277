/*
 * clone_settid_fault.c - clone(CLONE_PARENT_SETTID) with a parent_tid
 * pointer that cannot be written (here a kernel address).  Linux creates
 * the child anyway and returns its pid (the store's failure is ignored),
 * so the caller can wait for the child it made.  Returning -EFAULT after
 * the child exists would leave the caller a child it does not know of.
 * Found by the fuzzer (user/fuzz.c, seed 5: a stray process).
 */
#include "lib/ulib.h"

#define SYS_clone           120
#define CLONE_PARENT_SETTID 0x00100000
#define SIGCHLD             17

int main(void)
{
    int status;
    long pid = syscall5(SYS_clone, CLONE_PARENT_SETTID | SIGCHLD, 0, 0xC0000000, 0, 0);

    if (pid == 0)
        exit(7);
    if (pid < 0)
        uprintf(1, "clone: errno %d\n", (int)-pid);
    else
        uprintf(1, "clone: a pid\n");
    int r = wait4(-1, &status, 0, NULL);
    uprintf(1, "wait4: %s, exit %d\n", r == pid ? "the pid clone returned" : "another pid",
            WEXITSTATUS(status));
    return 0;
}

/*
 * tty_pgrp.c - the console's foreground process group: TIOCGPGRP reads
 * it (init's, 1, at first), TIOCSPGRP moves it to a group of the
 * caller's session (a shell's job control), and refuses a group that is
 * not there (-EPERM) or a negative one (-EINVAL).  The console is fd 0
 * here; under Linux it is /dev/null, so this test is ours alone
 * (tty_pgrp.linux-differs).
 */
#include "lib/vmtest.h"

#define SYS_ioctl 54
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define SYS_setpgid 57

static int fg(void)
{
    int pgrp = -1;
    int r = syscall3(SYS_ioctl, 0, TIOCGPGRP, (long)&pgrp);
    return r < 0 ? r : pgrp;
}

static int set_fg(int pgrp)
{
    return syscall3(SYS_ioctl, 0, TIOCSPGRP, (long)&pgrp);
}

int main(void)
{
    int first = fg();
    uprintf(1, "foreground group at first: %d\n", first);
    uprintf(1, "setpgid(0, 0): %d\n", (int)syscall2(SYS_setpgid, 0, 0));
    int r = set_fg(getpid());
    uprintf(1, "TIOCSPGRP to my group: %d, now mine: %s\n", r, fg() == getpid() ? "yes" : "no");
    uprintf(1, "TIOCSPGRP to a group that is not there: %d\n", set_fg(99999));
    uprintf(1, "TIOCSPGRP to -1: %d\n", set_fg(-1));
    uprintf(1, "TIOCSPGRP with a bad pointer: %d\n", (int)syscall3(SYS_ioctl, 0, TIOCSPGRP, 8));
    uprintf(1, "back to %d: %d\n", first, set_fg(first));
    int p[2];
    pipe(p);
    uprintf(1, "TIOCGPGRP on a pipe: %d\n", (int)syscall3(SYS_ioctl, p[0], TIOCGPGRP, 0));
    return 0;
}

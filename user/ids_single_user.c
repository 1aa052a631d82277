/*
 * ids_single_user.c - what sets our kernel apart from Linux's root:
 * there is no other user or group to become, so setuid/setgid (16-bit
 * and 32-bit) to any id but 0 are -EPERM, as is setgroups of a
 * non-empty list, and the ids stay 0 (Linux would let root change them;
 * see the .linux-differs file).
 */
#include "lib/usysinfo.h"

static void show(const char *what, long r)
{
    uprintf(1, "%s = %d\n", what, (int)r);
}

int main(void)
{
    unsigned groups[1] = { 0 };

    show("setuid32(1000)", syscall1(SYS_setuid32, 1000));
    show("setgid32(1000)", syscall1(SYS_setgid32, 1000));
    show("setuid(1)", syscall1(SYS_setuid, 1));
    show("setgid(1)", syscall1(SYS_setgid, 1));
    show("setgroups32(1, {0})", syscall2(SYS_setgroups32, 1, (long)groups));
    show("getuid32", syscall0(SYS_getuid32));
    show("getgid32", syscall0(SYS_getgid32));
    show("getgroups32(0, NULL)", syscall2(SYS_getgroups32, 0, 0));
    return 0;
}

/*
 * ids.c - the identity calls of a process running as root (our kernel
 * has only root; on Linux, run as root, as make test-linux is): every
 * get*id call, 16-bit and 32-bit, is 0; getres*id write three zeros,
 * each in turn, and the first bad pointer is -EFAULT; setuid/setgid to
 * 0 succeed, to -1 are -EINVAL (the 16-bit calls take the low 16 bits:
 * 0x10000 is 0); getgroups counts no supplementary group, -EINVAL for a
 * negative size, and writes nothing (so a bad list is no fault);
 * setgroups of the empty list succeeds, a size past NGROUPS_MAX is
 * -EINVAL.
 */
#include "lib/usysinfo.h"

static void show(const char *what, long r)
{
    uprintf(1, "%s = %d\n", what, (int)r);
}

/* getres*id(call) with the pointers good, then each bad in turn. */
static void show_getres(const char *name, long nr, unsigned size)
{
    unsigned ids[3];

    memset(ids, 0x55, sizeof(ids));
    long r = syscall3(nr, (long)&ids[0], (long)&ids[1], (long)&ids[2]);
    unsigned mask = size == 2 ? 0xFFFF : 0xFFFFFFFF;
    uprintf(1, "%s = %d: %u %u %u, beyond %s\n", name, (int)r, ids[0] & mask, ids[1] & mask,
            ids[2] & mask, size == 2 && (ids[0] >> 16) == 0x5555 ? "untouched" : "-");
    memset(ids, 0x55, sizeof(ids));
    long bad1 = syscall3(nr, 0, (long)&ids[1], (long)&ids[2]);
    long bad2 = syscall3(nr, (long)&ids[0], 1, (long)&ids[2]);
    uprintf(1, "%s bad first = %d, bad second = %d (first written: %s, third: %s)\n", name,
            (int)bad1, (int)bad2, (ids[0] & mask) == 0 ? "yes" : "no",
            (ids[2] & mask) == (0x55555555u & mask) ? "no" : "yes");
}

int main(void)
{
    show("getuid", syscall0(SYS_getuid));
    show("geteuid", syscall0(SYS_geteuid));
    show("getgid", syscall0(SYS_getgid));
    show("getegid", syscall0(SYS_getegid));
    show("getuid32", syscall0(SYS_getuid32));
    show("geteuid32", syscall0(SYS_geteuid32));
    show("getgid32", syscall0(SYS_getgid32));
    show("getegid32", syscall0(SYS_getegid32));
    show_getres("getresuid32", SYS_getresuid32, 4);
    show_getres("getresgid32", SYS_getresgid32, 4);
    show_getres("getresuid", SYS_getresuid, 2);
    show_getres("getresgid", SYS_getresgid, 2);

    show("setuid32(0)", syscall1(SYS_setuid32, 0));
    show("setgid32(0)", syscall1(SYS_setgid32, 0));
    show("setuid(0)", syscall1(SYS_setuid, 0));
    show("setgid(0)", syscall1(SYS_setgid, 0));
    show("setuid(0x10000)", syscall1(SYS_setuid, 0x10000));
    show("setuid32(-1)", syscall1(SYS_setuid32, -1));
    show("setgid32(-1)", syscall1(SYS_setgid32, -1));
    show("setuid(0xffff)", syscall1(SYS_setuid, 0xffff));
    show("setgid(0xffff)", syscall1(SYS_setgid, 0xffff));
    show("getuid32 after", syscall0(SYS_getuid32));

    show("setgroups32(0, NULL)", syscall2(SYS_setgroups32, 0, 0));
    show("setgroups(0, NULL)", syscall2(SYS_setgroups, 0, 0));
    show("setgroups32(65537, NULL)", syscall2(SYS_setgroups32, 65537, 0));
    show("setgroups32(-1, NULL)", syscall2(SYS_setgroups32, -1, 0));
    show("getgroups32(0, NULL)", syscall2(SYS_getgroups32, 0, 0));
    show("getgroups(0, NULL)", syscall2(SYS_getgroups, 0, 0));
    show("getgroups32(-1, NULL)", syscall2(SYS_getgroups32, -1, 0));
    show("getgroups(-1, NULL)", syscall2(SYS_getgroups, -1, 0));
    show("getgroups32(8, bad)", syscall2(SYS_getgroups32, 8, 1));
    return 0;
}

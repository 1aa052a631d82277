/*
 * syscall_unknown.c - call numbers that no kernel implements get -ENOSYS,
 * every time, and the kernel logs each number once (raw).
 *
 * 223 is a hole in Linux's i386 table (sys_ni_syscall); 500, 1000,
 * 0x7FFFFFFF and 0xFFFFFFFF are past its end (399 and 400 are msgget and
 * msgsnd on Linux, so they are not used here).  Each is called CALLS
 * times; the kernel log must hold one line per number (see
 * tests/user/syscall_unknown.klog).  Then 20 more distinct large numbers:
 * the kernel remembers only so many, and says once that it logs no more.
 */
#include "lib/vmtest.h"

#define CALLS 20000

static void call_many(unsigned nr)
{
    int other = 0;
    long first = syscall3(nr, 1234, 0, 0);

    for (int i = 1; i < CALLS; i++)
        if (syscall3(nr, 1234, 0, 0) != first)
            other++;
    uprintf(1, "syscall %u: %d, %d times; other results: %d\n", nr, (int)first, CALLS, other);
}

int main(void)
{
    static const unsigned numbers[] = { 223, 500, 1000, 0x7FFFFFFF, 0xFFFFFFFF };
    int not_enosys = 0;

    for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
        call_many(numbers[i]);
    for (unsigned nr = 600; nr < 620; nr++)
        for (int i = 0; i < 3; i++)
            if (syscall0(nr) != -ENOSYS)
                not_enosys++;
    uprintf(1, "syscalls 600..619, 3 times each: not -ENOSYS: %d\n", not_enosys);
    return 0;
}

/*
 * syscalls_basic.c - simple system calls and their error returns (raw).
 *
 * Each line prints what the raw call returned, so a wrong errno shows up
 * directly in the diff against tests/user/syscalls_basic.expected.
 * Numbers that differ between runs (pids, addresses) are only compared,
 * never printed.
 */
#include "lib/ulib.h"

#define KERNEL_HALF ((void *)0xC0000000)

static const char *yes(int cond)
{
    return cond ? "yes" : "no";
}

int main(void)
{
    struct utsname u;
    struct timespec ts = { 0, 1000000 };
    unsigned long b0, b1, b2;
    char buf[8];
    int pid, ppid, r, i;

    pid = getpid();
    ppid = getppid();
    uprintf(1, "getpid > 0: %s\n", yes(pid > 0));
    uprintf(1, "getppid > 0, != getpid: %s\n", yes(ppid > 0 && ppid != pid));
    uprintf(1, "getpid again the same: %s\n", yes(getpid() == pid));

    uprintf(1, "write bad fd: %d\n", write(99, "x", 1));
    uprintf(1, "write negative fd: %d\n", write(-1, "x", 1));
    uprintf(1, "write kernel pointer: %d\n", write(1, KERNEL_HALF, 4));
    uprintf(1, "write NULL: %d\n", write(1, NULL, 4));
    uprintf(1, "write 0 bytes: %d\n", write(1, "x", 0));
    uprintf(1, "read bad fd: %d\n", read(99, buf, sizeof(buf)));
    uprintf(1, "close bad fd: %d\n", close(99));
    uprintf(1, "open missing file: %d\n", open("no_such_file", O_RDONLY, 0));
    uprintf(1, "open kernel pointer: %d\n", open(KERNEL_HALF, O_RDONLY, 0));
    uprintf(1, "syscall 999: %d\n", (int)syscall0(999));
    uprintf(1, "syscall -1: %d\n", (int)syscall0(-1));

    r = uname(&u);
    uprintf(1, "uname: %d\n", r);
    uprintf(1, "uname kernel pointer: %d\n", uname(KERNEL_HALF));

    b0 = brk(0);
    uprintf(1, "brk(0) > 0: %s\n", yes(b0 > 0));
    b1 = brk(b0 + 8192);
    uprintf(1, "brk grow 8 KiB: %s\n", yes(b1 == b0 + 8192));
    for (i = 0; i < 8192; i++)
        ((char *)b0)[i] = (char)i;
    for (i = 0; i < 8192 && ((char *)b0)[i] == (char)i; i++)
        ;
    uprintf(1, "brk memory usable: %s\n", yes(i == 8192));
    uprintf(1, "brk(0) after growth: %s\n", yes(brk(0) == b1));
    b2 = brk(1);
    uprintf(1, "brk below the start refused: %s\n", yes(b2 == b1));
    b2 = brk(b0);
    uprintf(1, "brk shrink back: %s\n", yes(b2 == b0));

    /* mmap2 returns an address, which may be above 2 GiB: only -4095..-1 are errors */
    unsigned long m = mmap2(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int mapped = m < -4095UL;
    uprintf(1, "mmap2 anonymous: %s\n", yes(mapped && m != 0 && (m & 4095) == 0));
    if (mapped) {
        char *p = (char *)m;
        for (i = 0; i < 3 * 4096 && p[i] == 0; i++)
            ;
        uprintf(1, "mmap2 memory zeroed: %s\n", yes(i == 3 * 4096));
        memset(p, 0x5a, 3 * 4096);
        uprintf(1, "mmap2 memory writable: %s\n", yes(p[3 * 4096 - 1] == 0x5a));
        uprintf(1, "mprotect read-only: %d\n", mprotect(p, 4096, PROT_READ));
        uprintf(1, "munmap: %d\n", munmap(p, 3 * 4096));
    }
    uprintf(1, "munmap unaligned: %d\n", munmap((void *)0x10001, 4096));

    uprintf(1, "sched_yield: %d\n", sched_yield());
    uprintf(1, "nanosleep 1 ms: %d\n", nanosleep(&ts, NULL));
    uprintf(1, "kill bad pid: %d\n", kill(2000000000, 0));
    uprintf(1, "waitpid with no children: %d\n", waitpid(-1, &r, 0));
    return 0;
}

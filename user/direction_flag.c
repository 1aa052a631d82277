/*
 * direction_flag.c - a program may set EFLAGS.DF (std) and then make a
 * system call, take a page fault or be preempted: the kernel must clear
 * DF for its own string copies (memcpy, copy_to_user run backwards
 * otherwise: once a user-controlled kernel return address) and must give
 * the program its own DF back.  Linux runs all of this normally.
 */
#include "lib/ulib.h"

#define EFLAGS_DF 0x400

/* A system call made with DF set; *flags_after gets EFLAGS on return,
 * before DF is cleared again. */
static long syscall3_std(long n, long a, long b, long c, unsigned *flags_after)
{
    long r;
    unsigned flags;

    __asm__ volatile("std\n\tint $0x80\n\tpushfl\n\tpopl %1\n\tcld"
                     : "=a"(r), "=r"(flags) : "0"(n), "b"(a), "c"(b), "d"(c) : "memory", "cc");
    *flags_after = flags;
    return r;
}

/* The first write to a fresh page, with DF set: a zero-fill fault. */
static void store_std(volatile int *p, int v)
{
    __asm__ volatile("std\n\tmovl %1, (%0)\n\tcld" : : "r"(p), "r"(v) : "memory", "cc");
}

/* Spin for a while with DF set (or clear): long enough for the timer to
 * preempt it several times while another task runs. */
static void spin(int with_df)
{
    if (with_df)
        __asm__ volatile("std");
    for (volatile unsigned i = 0; i < 30000000; i++)
        ;
    __asm__ volatile("cld");
}

int main(void)
{
    char buf[64];
    struct utsname u;
    unsigned flags;
    int status;

    memset(buf, 'A', sizeof(buf));
    buf[63] = '\n';
    long r = syscall3_std(SYS_write, 1, (long)buf, sizeof(buf), &flags);
    uprintf(1, "write with DF set: %d, DF %s after\n", (int)r, flags & EFLAGS_DF ? "kept" : "lost");

    r = syscall3_std(SYS_uname, (long)&u, 0, 0, &flags);
    uprintf(1, "uname with DF set: %d, sysname %s, DF %s after\n", (int)r, u.sysname,
            flags & EFLAGS_DF ? "kept" : "lost");

    int *page = (int *)mmap2(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    store_std(page + 100, 42);
    uprintf(1, "fault with DF set: stored %d, page[99] = %d, page[101] = %d\n",
            page[100], page[99], page[101]);

    int pid = fork();
    if (pid == 0) {
        spin(1);
        exit(7);
    }
    spin(0);
    waitpid_retry(pid, &status);
    uprintf(1, "child spun with DF set beside its parent: exit %d\n", WEXITSTATUS(status));
    return 0;
}

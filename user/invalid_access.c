/*
 * invalid_access.c - each kind of invalid access kills only the process
 * that made it, with SIGSEGV (raw).
 *
 * Every access is made in its own child; the parent prints how the child
 * ended and goes on.  Kinds: NULL read and write, a write to the program
 * text, a read and a write of the kernel half (0xC0000000, 0xC0100000),
 * a write to a PROT_READ mapping, a read of a PROT_NONE mapping, a write
 * to a page made read-only by mprotect after it was written, a read of
 * an unmapped page between mappings, and an access 8.5 MiB below the
 * stack (past the 8 MiB stack limit: our kernel's guard gap).
 */
#include "lib/vmtest.h"

struct access {
    const char *what;
    volatile char *addr;
    int write;
};

static void do_access(void *arg)
{
    struct access *a = arg;

    if (a->write)
        *a->addr = 1;
    else
        uprintf(1, "(not killed: read %d)\n", *a->addr);
}

static void try(const char *what, void *addr, int write)
{
    struct access a = { what, addr, write };
    char buf[24];

    uprintf(1, "%s: %s\n", what, status_text(status_of_child(do_access, &a), buf));
}

int main(void)
{
    char here;
    unsigned long stack_page = (unsigned long)&here & ~(unsigned long)(PAGE - 1);
    long ro = mmap2(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long none = mmap2(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *rw = map_anon(3);

    if (MAP_FAILED(ro) || MAP_FAILED(none) || !rw) {
        uprintf(1, "mmap failed\n");
        return 1;
    }
    rw[0] = 5;
    mprotect(rw, PAGE, PROT_READ);
    munmap(rw + PAGE, PAGE);

    try("NULL read", (void *)0, 0);
    try("NULL write", (void *)0, 1);
    try("write to the program text", (void *)main, 1);
    try("read of the kernel half (0xC0000000)", (void *)0xC0000000, 0);
    try("write to the kernel half (0xC0100000)", (void *)0xC0100000, 1);
    try("write to a PROT_READ mapping", (void *)ro, 1);
    try("read of a PROT_NONE mapping", (void *)none, 0);
    try("write to a page made read-only by mprotect", rw, 1);
    try("read of an unmapped page between mappings", rw + PAGE, 0);
    try("write 8.5 MiB below the stack", (void *)(stack_page - (8u << 20) - (512u << 10)), 1);

    uprintf(1, "reads that are allowed still work: %s\n",
            yes(*(volatile char *)ro == 0 && rw[0] == 5 && rw[2 * PAGE] == 0));
    uprintf(1, "parent still running: yes\n");
    return 0;
}

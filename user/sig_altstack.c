/*
 * sig_altstack.c - the alternate signal stack (raw).  A stack overflow
 * raises SIGSEGV with no stack left to run a handler on: only a handler
 * on the alternate stack (sigaltstack, SA_ONSTACK) can take it.
 *
 *   sigaltstack's checks: the state at start (disabled), a stack under
 *   MINSIGSTKSZ (ENOMEM), bad flags (EINVAL), reading back, disabling;
 *   a child that overflows its stack with a handler on the alternate
 *   stack: the handler runs there, sees SEGV_MAPERR, cannot change the
 *   stack it is on (EPERM) and exits 7;
 *   the same with the handler on the normal stack: the kernel cannot
 *   write its frame, and the child dies of signal 11;
 *   the same with no handler at all: signal 11.
 */
#include "lib/usignal.h"
#include "lib/vmtest.h"

static char altstack[16384];

static int in_altstack(const void *p)
{
    return (const char *)p >= altstack && (const char *)p < altstack + sizeof(altstack);
}

static void overflow_handler(int sig, struct siginfo *si, struct ucontext *uc)
{
    int local;
    stack_t now, other = { altstack, 0, sizeof(altstack) };

    (void)uc;
    sigaltstack(NULL, &now);
    uprintf(1, "handler: signal %d code %d, on the alternate stack: %s, ss_flags %d\n", sig, si->si_code,
            yes(in_altstack(&local)), now.ss_flags);
    uprintf(1, "handler: sigaltstack while on it: %d\n", sigaltstack(&other, NULL));
    exit(7);
}

/* Each call takes a kilobyte of stack, until the stack can grow no more
 * (the limit is only there for the compiler, which rejects a recursion
 * with no end). */
static int __attribute__((noinline)) recurse(int depth)
{
    volatile char frame[1024];

    frame[0] = (char)depth;
    return depth < (1 << 30) ? recurse(depth + 1) + frame[0] : 0;
}

static void overflow_on_altstack(void *arg)
{
    stack_t ss = { altstack, 0, sizeof(altstack) };

    (void)arg;
    sigaltstack(&ss, NULL);
    sa_set(SIGSEGV, overflow_handler, SA_SIGINFO | SA_ONSTACK, 0);
    recurse(0);
}

static void overflow_on_stack(void *arg)
{
    (void)arg;
    sa_set(SIGSEGV, overflow_handler, SA_SIGINFO, 0);
    recurse(0);
}

static void overflow_unhandled(void *arg)
{
    (void)arg;
    recurse(0);
}

int main(void)
{
    char buf[24];
    stack_t old, ss = { altstack, 0, 1024 };

    sigaltstack(NULL, &old);
    uprintf(1, "at start: ss_sp %p ss_flags %d ss_size %u\n", old.ss_sp, old.ss_flags, old.ss_size);
    uprintf(1, "a stack of 1024 bytes: %d\n", sigaltstack(&ss, NULL));
    ss.ss_size = sizeof(altstack);
    ss.ss_flags = 4;
    uprintf(1, "ss_flags 4: %d\n", sigaltstack(&ss, NULL));
    ss.ss_flags = 0;
    uprintf(1, "16 KiB: %d\n", sigaltstack(&ss, NULL));
    sigaltstack(NULL, &old);
    uprintf(1, "read back: the buffer: %s, ss_flags %d ss_size %u\n", yes(old.ss_sp == altstack),
            old.ss_flags, old.ss_size);
    ss.ss_flags = SS_DISABLE;
    uprintf(1, "SS_DISABLE: %d\n", sigaltstack(&ss, &old));
    sigaltstack(NULL, &old);
    uprintf(1, "read back: ss_sp %p ss_flags %d ss_size %u\n", old.ss_sp, old.ss_flags, old.ss_size);
    uprintf(1, "bad pointers: %d %d\n", sigaltstack((stack_t *)16, NULL), sigaltstack(NULL, (stack_t *)16));

    uprintf(1, "overflow, handler on the alternate stack: %s\n",
            status_text(status_of_child(overflow_on_altstack, 0), buf));
    uprintf(1, "overflow, handler on the stack: %s\n", status_text(status_of_child(overflow_on_stack, 0), buf));
    uprintf(1, "overflow, no handler: %s\n", status_text(status_of_child(overflow_unhandled, 0), buf));
    return 0;
}

/* syscall.c - int $0x80 system calls, Linux i386 ABI. */
#include "arch/x86/trap.h"
#include "kernel/trap_handlers.h"

#define ENOSYS 38

void syscall_dispatch(struct trap_frame *tf)
{
    tf->eax = (uint32_t)-ENOSYS;
}

void user_exception(struct trap_frame *tf)
{
    oops("exception in user mode", tf);
}

void return_to_user_check(struct trap_frame *tf)
{
    (void)tf;
}

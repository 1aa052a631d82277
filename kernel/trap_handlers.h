/*
 * trap_handlers.h - the subsystem handlers arch/x86/trap.c hands each
 * vector to.
 */
#ifndef KERNEL_TRAP_HANDLERS_H
#define KERNEL_TRAP_HANDLERS_H

#include <stdint.h>

struct trap_frame;

void timer_interrupt(struct trap_frame *tf);              /* kernel/sched.c */
void syscall_dispatch(struct trap_frame *tf);             /* kernel/syscall.c */
void page_fault_entry(struct trap_frame *tf, uint32_t cr2);/* arch/x86/fault_entry.c */
void user_exception(struct trap_frame *tf);               /* arch/x86/fault_entry.c */
void return_to_user_check(struct trap_frame *tf);         /* kernel/sched.c */
int return_to_user_pending(void);   /* kernel/sched.c: a kill or a reschedule is due */

#endif

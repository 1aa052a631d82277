/*
 * switch.S - context_switch(uint32_t *save_esp, uint32_t new_esp):
 * save the callee-saved registers and EFLAGS on the current kernel stack,
 * store ESP, load the other task's ESP and pop its registers and flags.
 * Each task's kernel code gets back exactly the flags it switched out
 * with, so no task's EFLAGS (DF, IF) can leak into another's.  The `ret` then returns
 * into that task's own call of context_switch (or, for a new task, into
 * task_first_return, which runs task_first_run and leaves through
 * trap_return).
 */
    .text
    .globl context_switch
context_switch:
    movl 4(%esp), %eax
    movl 8(%esp), %edx
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    pushfl
    movl %esp, (%eax)
    movl %edx, %esp
    popfl
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret

    .globl task_first_return
task_first_return:
    call task_first_run
    jmp trap_return

    .section .note.GNU-stack, "", @progbits

/*
 * uaccess.S - the user-memory copy loops.  Each loop instruction that may
 * fault on a user address has an entry in __ex_table: (instruction,
 * fixup).  When the page-fault handler cannot resolve such a fault it
 * resumes at the fixup, which returns -EFAULT (14).
 *
 *   int user_copy(void *dst, const void *src, uint32_t len)
 *   int user_fill_zero(void *dst, uint32_t len)
 */
#define EFAULT 14

    .text
    .globl user_copy
user_copy:
    pushl %esi
    pushl %edi
    movl 12(%esp), %edi
    movl 16(%esp), %esi
    movl 20(%esp), %ecx
1:  rep movsb
    xorl %eax, %eax
    popl %edi
    popl %esi
    ret

    .globl user_fill_zero
user_fill_zero:
    pushl %edi
    movl 8(%esp), %edi
    movl 12(%esp), %ecx
    xorl %eax, %eax
2:  rep stosb
    popl %edi
    ret

copy_fault:
    movl $-EFAULT, %eax
    popl %edi
    popl %esi
    ret

fill_fault:
    movl $-EFAULT, %eax
    popl %edi
    ret

    .section __ex_table, "a"
    .long 1b, copy_fault
    .long 2b, fill_fault

    .section .note.GNU-stack, "", @progbits

/*
 * uaccess.S - the user-memory copy loops.  Each loop instruction that may
 * fault on a user address has an entry in __ex_table: (instruction,
 * fixup).  When the page-fault handler cannot resolve such a fault it
 * resumes at the fixup.  A faulting rep movsb/stosb leaves in ECX the
 * bytes it did not reach, so both loops return that count: 0 when all
 * of len was done, and otherwise exactly the bytes short of it.
 *
 *   uint32_t user_copy(void *dst, const void *src, uint32_t len)
 *   uint32_t user_fill_zero(void *dst, uint32_t len)
 */

    .text
    .globl user_copy
user_copy:
    pushl %esi
    pushl %edi
    movl 12(%esp), %edi
    movl 16(%esp), %esi
    movl 20(%esp), %ecx
1:  rep movsb
copy_done:
    movl %ecx, %eax
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
fill_done:
    movl %ecx, %eax
    popl %edi
    ret

    .section __ex_table, "a"
    .long 1b, copy_done
    .long 2b, fill_done

    .section .note.GNU-stack, "", @progbits

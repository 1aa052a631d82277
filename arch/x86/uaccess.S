/*
 * uaccess.S - the user-memory copy loops.  Each loop instruction that may
 * fault on a user address has an entry in __ex_table: (instruction,
 * fixup).  When the page-fault handler cannot resolve such a fault it
 * resumes at the fixup.  Both loops return the bytes they did not reach:
 * 0 when all of len was done, and otherwise exactly the bytes short of it.
 *
 * They move 32-bit words first (QEMU's -icount counts one instruction per
 * iteration of a rep: a signal frame costs a quarter of its bytes), then
 * the last 0 to 3 bytes.  A fault in the word loop leaves in ECX the
 * words it did not reach, the faulting one included; the fixup finishes
 * with the byte loop from there, which stops at the exact faulting byte.
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
    movl %ecx, %edx
    shrl $2, %ecx
    andl $3, %edx
1:  rep movsl
    movl %edx, %ecx
2:  rep movsb
copy_done:
    movl %ecx, %eax
    popl %edi
    popl %esi
    ret
copy_words_fault:
    leal (%edx,%ecx,4), %ecx
    jmp 2b

    .globl user_fill_zero
user_fill_zero:
    pushl %edi
    movl 8(%esp), %edi
    movl 12(%esp), %ecx
    movl %ecx, %edx
    shrl $2, %ecx
    andl $3, %edx
    xorl %eax, %eax
3:  rep stosl
    movl %edx, %ecx
4:  rep stosb
fill_done:
    movl %ecx, %eax
    popl %edi
    ret
fill_words_fault:
    leal (%edx,%ecx,4), %ecx
    jmp 4b

    .section __ex_table, "a"
    .long 1b, copy_words_fault
    .long 2b, copy_done
    .long 3b, fill_words_fault
    .long 4b, fill_done

    .section .note.GNU-stack, "", @progbits

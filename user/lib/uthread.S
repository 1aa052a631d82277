/*
 * uthread.S - thread_spawn (lib/uthread.h): clone with the new thread's
 * first steps, which must be in assembly: clone returns 0 to the child
 * already on the new stack, with none of the caller's frame there.
 *
 * The caller's fn and arg are stored at the top of the new stack before
 * the call; the child takes them from there, calls fn(arg) with esp
 * 16-aligned, and ends with SYS_exit(fn's value), that thread alone.
 *
 * i386 clone: eax 120, ebx flags, ecx the child's esp, edx parent_tid,
 * esi the TLS struct user_desc, edi child_tid.
 */
#define SYS_exit  1
#define SYS_clone 120

    .text
    .globl thread_spawn
/* int thread_spawn(flags, stack_top, fn, arg, ptid, ctid, tls_desc) */
thread_spawn:
    pushl   %ebp
    pushl   %ebx
    pushl   %esi
    pushl   %edi                    /* the arguments now start at 20(%esp) */
    movl    24(%esp), %ecx          /* stack_top, 16-aligned, room for fn and arg */
    andl    $-16, %ecx
    subl    $16, %ecx
    movl    28(%esp), %eax
    movl    %eax, (%ecx)            /* fn */
    movl    32(%esp), %eax
    movl    %eax, 4(%ecx)           /* arg */
    movl    20(%esp), %ebx          /* flags */
    movl    36(%esp), %edx          /* ptid */
    movl    40(%esp), %edi          /* ctid */
    movl    44(%esp), %esi          /* tls_desc */
    movl    $SYS_clone, %eax
    int     $0x80
    testl   %eax, %eax
    jz      1f
    popl    %edi                    /* the caller: the tid or -errno */
    popl    %esi
    popl    %ebx
    popl    %ebp
    ret

1:  xorl    %ebp, %ebp              /* the new thread: its outermost frame */
    movl    (%esp), %eax            /* fn */
    movl    4(%esp), %ecx           /* arg */
    subl    $12, %esp               /* esp 16-aligned at the call */
    pushl   %ecx
    call    *%eax
    movl    %eax, %ebx              /* SYS_exit(fn's value) */
    movl    $SYS_exit, %eax
    int     $0x80
    hlt                             /* not reached */

    .section .note.GNU-stack,"",@progbits

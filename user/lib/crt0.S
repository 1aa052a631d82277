/*
 * crt0.S - the entry point of a raw user program (no C library).
 *
 * The kernel (or Linux) starts us at _start with this initial stack, as
 * the i386 System V ABI describes it:
 *
 *     esp ->  argc
 *             argv[0] ... argv[argc-1], NULL
 *             envp[0] ... NULL
 *             auxiliary vector (unused here)
 *
 * _start calls main(argc, argv, envp) and passes its return value to
 * exit_group.  It also saves envp in `environ` for programs that exec.
 */
#define SYS_exit_group 252

    .text
    .globl _start
_start:
    xorl    %ebp, %ebp              /* mark the outermost frame for backtraces */
    movl    (%esp), %eax            /* argc */
    leal    4(%esp), %ebx           /* argv */
    leal    8(%esp,%eax,4), %ecx    /* envp = argv + argc + 1 */
    movl    %ecx, environ
    andl    $-16, %esp              /* the ABI wants esp 16-aligned at a call */
    subl    $4, %esp
    pushl   %ecx
    pushl   %ebx
    pushl   %eax
    call    main
    movl    %eax, %ebx              /* exit_group(main's return value) */
    movl    $SYS_exit_group, %eax
    int     $0x80
    hlt                             /* not reached; a fault if it ever is */

/* sig_restorer and sig_restorer_old (lib/usignal.h): where a signal
 * handler installed with SA_RESTORER returns, for the rt frame
 * (SA_SIGINFO) and the old one.  esp then points at the frame's sig
 * field, which the old frame's sigreturn expects popped. */
    .globl sig_restorer
sig_restorer:
    movl    $173, %eax              /* rt_sigreturn */
    int     $0x80
    hlt                             /* rt_sigreturn does not return here */

    .globl sig_restorer_old
sig_restorer_old:
    popl    %eax
    movl    $119, %eax              /* sigreturn */
    int     $0x80
    hlt

    .bss
    .globl environ
    .align 4
environ:
    .long   0

    .section .note.GNU-stack,"",@progbits

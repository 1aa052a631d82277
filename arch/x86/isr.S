/*
 * isr.S - entry stubs for all vectors the kernel handles.
 *
 * Each stub makes the stack look the same (a dummy error code where the
 * CPU pushes none), pushes its vector number and jumps to trap_common,
 * which saves the rest of struct trap_frame (trap.h), switches to kernel
 * data segments and calls trap_dispatch(frame).  trap_return undoes it;
 * a new task starts life by "returning" through it.
 */
#define KERNEL_DS 0x10

.macro VECTOR_NOERR n
    .globl vector\n
vector\n:
    pushl $0
    pushl $\n
    jmp trap_common
.endm

.macro VECTOR_ERR n
    .globl vector\n
vector\n:
    pushl $\n
    jmp trap_common
.endm

    .text
VECTOR_NOERR 0
VECTOR_NOERR 1
VECTOR_NOERR 2
VECTOR_NOERR 3
VECTOR_NOERR 4
VECTOR_NOERR 5
VECTOR_NOERR 6
VECTOR_NOERR 7
VECTOR_ERR   8
VECTOR_NOERR 9
VECTOR_ERR   10
VECTOR_ERR   11
VECTOR_ERR   12
VECTOR_ERR   13
VECTOR_ERR   14
VECTOR_NOERR 15
VECTOR_NOERR 16
VECTOR_ERR   17
VECTOR_NOERR 18
VECTOR_NOERR 19
VECTOR_NOERR 20
VECTOR_ERR   21
VECTOR_NOERR 22
VECTOR_NOERR 23
VECTOR_NOERR 24
VECTOR_NOERR 25
VECTOR_NOERR 26
VECTOR_NOERR 27
VECTOR_NOERR 28
VECTOR_ERR   29
VECTOR_ERR   30
VECTOR_NOERR 31
VECTOR_NOERR 32
VECTOR_NOERR 33
VECTOR_NOERR 34
VECTOR_NOERR 35
VECTOR_NOERR 36
VECTOR_NOERR 37
VECTOR_NOERR 38
VECTOR_NOERR 39
VECTOR_NOERR 40
VECTOR_NOERR 41
VECTOR_NOERR 42
VECTOR_NOERR 43
VECTOR_NOERR 44
VECTOR_NOERR 45
VECTOR_NOERR 46
VECTOR_NOERR 47
VECTOR_NOERR 128

trap_common:
    cld                         /* user code may have set EFLAGS.DF (std): the
                                   kernel's string copies assume DF = 0 */
    pushal
    pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    movw $KERNEL_DS, %ax
    movw %ax, %ds
    movw %ax, %es
    xorw %ax, %ax               /* no stale user TLS selector in the kernel: */
    movw %ax, %fs               /* another task's descriptor may be in that slot */
    movw %ax, %gs               /* by the time this frame is popped */
    pushl %esp                  /* struct trap_frame * */
    call trap_dispatch
    addl $4, %esp

    .globl trap_return
trap_return:
    popl %gs
    popl %fs
    popl %es
    popl %ds
    popal
    addl $8, %esp               /* vector and error code */
    iret

    /* The table idt_init walks: the address of each stub above. */
    .section .rodata
    .globl trap_vectors
trap_vectors:
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    .long vector\n
    .endr

    .section .note.GNU-stack, "", @progbits

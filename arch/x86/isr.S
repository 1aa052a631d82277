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

/*
 * The .cfi lines describe the trap frame to debuggers (gdb's `bt`): the
 * frame of trap_common is a signal frame whose caller is the interrupted
 * context, with every register where this stub or the CPU saved it.
 * The CFA is &tf->user_esp, which is the interrupted ESP for a trap from
 * kernel mode; from user mode the ESP is the value stored there.  They
 * go to .debug_frame, which the linker keeps (.eh_frame is discarded).
 */
    .cfi_sections .debug_frame
trap_common:
    .cfi_startproc simple
    .cfi_signal_frame
    .cfi_def_cfa %esp, 20       /* ESP is &tf->vector */
    .cfi_offset 8, -12          /* EIP */
    .cfi_offset 41, -8          /* CS */
    .cfi_offset 9, -4           /* EFLAGS */
    /* ESP = (CS & 3) == 0 ? CFA : *CFA, as a DWARF expression:
     * dup, lit8, minus, deref, lit3, and, lit0, eq, bra +1, deref */
    .cfi_escape 0x16, 4, 12, 0x12, 0x38, 0x1c, 0x06, 0x33, 0x1a, 0x30, 0x29, 0x28, 0x01, 0x00, 0x06
    /* SS = (CS & 3) == 0 ? SS : *(CFA + 4): dup, lit8, minus, deref, lit3,
     * and, lit0, eq, bra +6, plus_uconst 4, deref, skip +4, drop, bregx 42 0 */
    .cfi_escape 0x16, 42, 21, 0x12, 0x38, 0x1c, 0x06, 0x33, 0x1a, 0x30, 0x29, 0x28, 0x06, 0x00, 0x23, 0x04, 0x06, 0x2f, 0x04, 0x00, 0x13, 0x92, 0x2a, 0x00
    cld                         /* user code may have set EFLAGS.DF (std): the
                                   kernel's string copies assume DF = 0 */
    pushal
    .cfi_adjust_cfa_offset 32
    .cfi_offset %eax, -24
    .cfi_offset %ecx, -28
    .cfi_offset %edx, -32
    .cfi_offset %ebx, -36
    .cfi_offset %ebp, -44
    .cfi_offset %esi, -48
    .cfi_offset %edi, -52
    pushl %ds
    .cfi_adjust_cfa_offset 4
    .cfi_offset 43, -56
    pushl %es
    .cfi_adjust_cfa_offset 4
    .cfi_offset 40, -60
    pushl %fs
    .cfi_adjust_cfa_offset 4
    .cfi_offset 44, -64
    pushl %gs
    .cfi_adjust_cfa_offset 4
    .cfi_offset 45, -68
    movw $KERNEL_DS, %ax
    movw %ax, %ds
    movw %ax, %es
    xorw %ax, %ax               /* no stale user TLS selector in the kernel: */
    movw %ax, %fs               /* another task's descriptor may be in that slot */
    movw %ax, %gs               /* by the time this frame is popped */
    pushl %esp                  /* struct trap_frame * */
    .cfi_adjust_cfa_offset 4
    call trap_dispatch
    addl $4, %esp
    .cfi_adjust_cfa_offset -4

    .globl trap_return
trap_return:
    popl %gs
    .cfi_adjust_cfa_offset -4
    .cfi_same_value 45
    popl %fs
    .cfi_adjust_cfa_offset -4
    .cfi_same_value 44
    popl %es
    .cfi_adjust_cfa_offset -4
    .cfi_same_value 40
    popl %ds
    .cfi_adjust_cfa_offset -4
    .cfi_same_value 43
    popal
    .cfi_adjust_cfa_offset -32
    .cfi_same_value %eax
    .cfi_same_value %ecx
    .cfi_same_value %edx
    .cfi_same_value %ebx
    .cfi_same_value %ebp
    .cfi_same_value %esi
    .cfi_same_value %edi
    addl $8, %esp               /* vector and error code */
    .cfi_adjust_cfa_offset -8
    iret
    .cfi_endproc

    /* The table idt_init walks: the address of each stub above. */
    .section .rodata
    .globl trap_vectors
trap_vectors:
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    .long vector\n
    .endr

    .section .note.GNU-stack, "", @progbits

/*
 * sigframe.c - the signal frames of the Linux i386 ABI, byte for byte as
 * Linux 6.1 builds them (arch/x86/include/asm/sigframe.h and
 * uapi/asm/sigcontext.h there), and sigreturn, which trusts nothing in
 * them.
 *
 * On the user stack, from the handler's esp upwards:
 *
 *   rt frame (SA_SIGINFO)             old frame (glibc's signal())
 *     pretcode  where the handler returns  pretcode
 *     sig       its argument               sig
 *     pinfo     &info                      sc         struct sigcontext
 *     puc       &uc                        fpstate_unused[624]
 *     info      siginfo, 128 bytes         extramask  mask bits 33..64
 *     uc        ucontext: flags, link,     retcode    popl %eax; sigreturn
 *               the alternate stack, sc,
 *               the saved mask
 *     retcode   rt_sigreturn
 *   then, 64-byte aligned above the frame, the FPU state (_fpstate_32)
 *   that sc.fpstate points to.
 *
 * The handler returns to pretcode: the program's restorer (SA_RESTORER,
 * which glibc always gives) or the retcode in the frame, which calls
 * rt_sigreturn or sigreturn with esp just above pretcode.
 */
#include "arch/x86/fpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/trap.h"
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/signal.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"

struct sigcontext_32 {
    uint16_t gs, gs_high, fs, fs_high, es, es_high, ds, ds_high;
    uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
    uint32_t trapno, err, eip;
    uint16_t cs, cs_high;
    uint32_t eflags, esp_at_signal;
    uint16_t ss, ss_high;
    uint32_t fpstate;                   /* user address of the _fpstate_32 */
    uint32_t oldmask, cr2;
};

struct ucontext_32 {
    uint32_t uc_flags, uc_link;
    uint32_t ss_sp, ss_flags, ss_size;  /* stack_t: the alternate stack */
    struct sigcontext_32 mc;
    uint32_t sigmask[2];
};

struct siginfo_32 {
    int32_t signo, errno_, code;
    union {
        uint32_t pad[29];
        struct { int32_t pid; uint32_t uid; int32_t status; int32_t utime, stime; } chld;
        struct { int32_t pid; uint32_t uid; } kill;
        struct { uint32_t addr; } fault;
    };
};

struct rt_sigframe_32 {
    uint32_t pretcode;
    int32_t sig;
    uint32_t pinfo, puc;
    struct siginfo_32 info;
    struct ucontext_32 uc;
    uint8_t retcode[8];
};

struct sigframe_32 {
    uint32_t pretcode;
    int32_t sig;
    struct sigcontext_32 sc;
    uint8_t fpstate_unused[FPU_SIGFRAME_SIZE];
    uint32_t extramask;
    uint8_t retcode[8];
};

_Static_assert(sizeof(struct sigcontext_32) == 88, "struct sigcontext is 88 bytes on i386");
_Static_assert(sizeof(struct ucontext_32) == 116, "struct ucontext is 116 bytes on i386");
_Static_assert(sizeof(struct siginfo_32) == 128, "siginfo is 128 bytes");
_Static_assert(sizeof(struct rt_sigframe_32) == 268, "Linux's i386 rt_sigframe");
_Static_assert(sizeof(struct sigframe_32) == 732, "Linux's i386 sigframe");

#define NR_SIGRETURN    119
#define NR_RT_SIGRETURN 173

/* The EFLAGS bits a program may set through sigreturn (Linux's FIX_EFLAGS):
 * not IOPL, IF, VM, NT or the rest. */
#define EFLAGS_USER_CHANGEABLE 0x00050DD5u  /* AC RF OF DF TF SF ZF AF PF CF */
#define EFLAGS_CLEARED_FOR_HANDLER 0x00010500u  /* RF DF TF */

static void fill_sigcontext(struct sigcontext_32 *sc, const struct trap_frame *tf, uint32_t fpstate,
                            uint32_t mask_low)
{
    memset(sc, 0, sizeof(*sc));
    sc->gs = (uint16_t)tf->gs;
    sc->fs = (uint16_t)tf->fs;
    sc->es = (uint16_t)tf->es;
    sc->ds = (uint16_t)tf->ds;
    sc->edi = tf->edi;
    sc->esi = tf->esi;
    sc->ebp = tf->ebp;
    sc->esp = tf->user_esp;
    sc->ebx = tf->ebx;
    sc->edx = tf->edx;
    sc->ecx = tf->ecx;
    sc->eax = tf->eax;
    sc->trapno = current->sig.trap_nr;
    sc->err = current->sig.trap_err;
    sc->eip = tf->eip;
    sc->cs = (uint16_t)tf->cs;
    sc->eflags = tf->eflags;
    sc->esp_at_signal = tf->user_esp;
    sc->ss = (uint16_t)tf->user_ss;
    sc->fpstate = fpstate;
    sc->oldmask = mask_low;
    sc->cr2 = current->sig.trap_cr2;
}

static void fill_siginfo(struct siginfo_32 *si, int sig, const struct ksiginfo *info)
{
    memset(si, 0, sizeof(*si));
    si->signo = sig;
    si->code = info->code;
    if (sig == SIGCHLD && info->code > 0) {
        si->chld.pid = info->pid;
        si->chld.status = info->status;
    } else if (info->code == SI_USER || info->code == SI_TKILL) {
        si->kill.pid = info->pid;
    } else if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) {
        si->fault.addr = info->addr;
    }
}

int put_user_siginfo(uint32_t uptr, int sig, const struct ksiginfo *info)
{
    struct siginfo_32 si;

    fill_siginfo(&si, sig, info);
    return copy_to_user(uptr, &si, sizeof(si)) ? -EFAULT : 0;
}

/*
 * Where the frame of frame_size bytes and its FPU state go, as Linux's
 * get_sigframe: on the alternate stack if the handler asks and the task
 * is not on it already, the FPU state 64-byte aligned below, the frame
 * below that with (esp + 4) % 16 == 0 at the handler's entry.  0 if the
 * alternate stack would overflow.
 */
static uint32_t frame_address(const struct trap_frame *tf, const struct k_sigaction *ka,
                              uint32_t frame_size, uint32_t *fpstate)
{
    const struct signal_state *s = &current->sig;
    uint32_t sp = tf->user_esp;
    int on_alt = signal_on_altstack(sp);

    if ((ka->flags & SA_ONSTACK) && s->altstack_size && !on_alt) {
        sp = s->altstack_sp + s->altstack_size;
        on_alt = 1;
    }
    *fpstate = ((sp - (FPU_SIGFRAME_SIZE - FPU_SIGFRAME_FXSAVE)) & ~63u) - FPU_SIGFRAME_FXSAVE;
    uint32_t frame = ((*fpstate - frame_size + 4) & ~15u) - 4;
    /* the whole frame must fit on the alternate stack (here the range
     * counts even under SS_AUTODISARM) */
    if (on_alt && !(frame > s->altstack_sp && frame - s->altstack_sp <= s->altstack_size))
        return 0;
    return frame;
}

/* The old frame, written in three pieces so that its 624 unused bytes
 * need no room on the kernel stack. */
static int write_old_frame(uint32_t frame, int sig, const struct k_sigaction *ka,
                           const struct trap_frame *tf, uint32_t fpstate, sigset_t saved_mask)
{
    static const uint8_t old_retcode[8] = { 0x58, 0xB8, NR_SIGRETURN, 0, 0, 0, 0xCD, 0x80 };
    struct { uint32_t pretcode; int32_t sig; struct sigcontext_32 sc; } head;
    struct { uint32_t extramask; uint8_t retcode[8]; } tail;

    head.pretcode = ka->flags & SA_RESTORER ? ka->restorer : frame + offsetof(struct sigframe_32, retcode);
    head.sig = sig;
    fill_sigcontext(&head.sc, tf, fpstate, (uint32_t)saved_mask);
    tail.extramask = (uint32_t)(saved_mask >> 32);
    memcpy(tail.retcode, old_retcode, sizeof(tail.retcode));
    if (copy_to_user(frame, &head, sizeof(head)) ||
        clear_user(frame + offsetof(struct sigframe_32, fpstate_unused), FPU_SIGFRAME_SIZE) ||
        copy_to_user(frame + offsetof(struct sigframe_32, extramask), &tail, sizeof(tail)))
        return -EFAULT;
    return 0;
}

static int write_rt_frame(uint32_t frame, int sig, const struct k_sigaction *ka, const struct ksiginfo *info,
                          const struct trap_frame *tf, uint32_t fpstate, sigset_t saved_mask)
{
    static const uint8_t rt_retcode[8] = { 0xB8, NR_RT_SIGRETURN, 0, 0, 0, 0xCD, 0x80, 0 };
    const struct signal_state *s = &current->sig;
    struct rt_sigframe_32 f;

    f.pretcode = ka->flags & SA_RESTORER ? ka->restorer : frame + offsetof(struct rt_sigframe_32, retcode);
    f.sig = sig;
    f.pinfo = frame + offsetof(struct rt_sigframe_32, info);
    f.puc = frame + offsetof(struct rt_sigframe_32, uc);
    fill_siginfo(&f.info, sig, info);
    f.uc.uc_flags = 0;                  /* no XSAVE state: the CPU has only fxsave */
    f.uc.uc_link = 0;
    f.uc.ss_sp = s->altstack_sp;
    f.uc.ss_flags = s->altstack_flags;     /* as Linux's __save_altstack: as set */
    f.uc.ss_size = s->altstack_size;
    fill_sigcontext(&f.uc.mc, tf, fpstate, (uint32_t)saved_mask);
    f.uc.sigmask[0] = (uint32_t)saved_mask;
    f.uc.sigmask[1] = (uint32_t)(saved_mask >> 32);
    memcpy(f.retcode, rt_retcode, sizeof(f.retcode));
    return copy_to_user(frame, &f, sizeof(f));
}

int setup_signal_frame(struct trap_frame *tf, int sig, const struct k_sigaction *ka,
                       const struct ksiginfo *info, sigset_t saved_mask)
{
    uint8_t env[FPU_SIGFRAME_FXSAVE];
    uint32_t fpstate;
    int rt = !!(ka->flags & SA_SIGINFO);

    /* current->fpu is free while current runs (switch_to fills it when
     * current leaves the CPU, with these same registers) */
    fpu_save(&current->fpu);
    fpu_sigframe_env(&current->fpu, env);
    uint32_t frame = frame_address(tf, ka, rt ? sizeof(struct rt_sigframe_32) : sizeof(struct sigframe_32),
                                   &fpstate);
    if (!frame || copy_to_user(fpstate, env, sizeof(env)) ||
        copy_to_user(fpstate + FPU_SIGFRAME_FXSAVE, &current->fpu, FPU_STATE_SIZE))
        return -EFAULT;
    if (rt ? write_rt_frame(frame, sig, ka, info, tf, fpstate, saved_mask)
           : write_old_frame(frame, sig, ka, tf, fpstate, saved_mask))
        return -EFAULT;
    if (current->sig.altstack_flags & SS_AUTODISARM) {
        current->sig.altstack_sp = current->sig.altstack_size = 0;    /* Linux's sas_ss_reset */
        current->sig.altstack_flags = SS_DISABLE;
    }
    tf->user_esp = frame;
    tf->eip = ka->handler;
    tf->eax = (uint32_t)sig;
    tf->edx = rt ? frame + offsetof(struct rt_sigframe_32, info) : 0;
    tf->ecx = rt ? frame + offsetof(struct rt_sigframe_32, uc) : 0;
    tf->ds = tf->es = tf->user_ss = USER_DS;
    tf->cs = USER_CS;
    tf->eflags &= ~EFLAGS_CLEARED_FOR_HANDLER;
    fpu_restore_clean();                /* the handler starts with a clean FPU */
    return 0;
}

/* A data selector as the way back to user mode may load it: user data or
 * a TLS slot that holds a descriptor, any RPL, stays; anything else
 * becomes the null selector (loading it would fault in the kernel), as
 * Linux's exception fixup for a bad segment pop does.  The program's
 * next access through it faults: SIGSEGV. */
static uint32_t data_selector(uint32_t sel)
{
    uint32_t index = sel >> 3;

    if (sel & 4)
        return 0;                       /* the LDT: there is none */
    if (index == USER_DS >> 3)
        return sel;
    if (index < GDT_TLS_FIRST || index >= GDT_TLS_FIRST + GDT_TLS_COUNT)
        return 0;
    return current->tls[index - GDT_TLS_FIRST].access & 0x80 ? sel : 0;   /* present */
}

/* Put back the registers of sc, as Linux's restore_sigcontext: -EFAULT
 * if the FPU state cannot be read, -EINVAL for a cs or ss other than
 * user mode's (Linux forces RPL 3 and its iret then faults). */
static int restore_sigcontext(struct trap_frame *tf, const struct sigcontext_32 *sc)
{
    uint8_t env[FPU_SIGFRAME_FXSAVE];
    struct fpu_state fx;                /* not current->fpu: a copy that faults can
                                           sleep, and a switch saves into that */

    if ((sc->cs | 3) != USER_CS || (sc->ss | 3) != USER_DS)
        return -EINVAL;
    if (sc->fpstate) {
        if (copy_from_user(env, sc->fpstate, sizeof(env)) ||
            copy_from_user(&fx, sc->fpstate + FPU_SIGFRAME_FXSAVE, FPU_STATE_SIZE))
            return -EFAULT;
        fpu_sigframe_env_apply(env, &fx);
    }
    tf->gs = data_selector(sc->gs);
    tf->fs = data_selector(sc->fs);
    tf->es = data_selector(sc->es);
    tf->ds = data_selector(sc->ds);
    tf->edi = sc->edi;
    tf->esi = sc->esi;
    tf->ebp = sc->ebp;
    tf->user_esp = sc->esp;
    tf->ebx = sc->ebx;
    tf->edx = sc->edx;
    tf->ecx = sc->ecx;
    tf->eax = sc->eax;
    tf->eip = sc->eip;
    tf->cs = USER_CS;
    tf->user_ss = USER_DS;
    tf->eflags = (tf->eflags & ~EFLAGS_USER_CHANGEABLE) | (sc->eflags & EFLAGS_USER_CHANGEABLE);
    if (sc->fpstate)
        fpu_restore(&fx);               /* the registers are current's own until it
                                           leaves the CPU, when switch_to saves them */
    else
        fpu_restore_clean();
    return 0;
}

int restore_sigreturn_frame(struct trap_frame *tf, int rt)
{
    sigset_t mask;

    current->sig.syscall_nr = -1;       /* eax is the program's again, not a result */
    if (rt) {
        struct ucontext_32 uc;          /* the handler's ret popped pretcode */
        uint32_t frame = tf->user_esp - 4;
        if (copy_from_user(&uc, frame + offsetof(struct rt_sigframe_32, uc), sizeof(uc)))
            return -EFAULT;
        mask = uc.sigmask[0] | (uint64_t)uc.sigmask[1] << 32;
        int err = restore_sigcontext(tf, &uc.mc);
        if (err)
            return err;
        /* as Linux's restore_altstack: refused (and ignored) while on it */
        signal_set_altstack(uc.ss_sp, uc.ss_flags, uc.ss_size, tf->user_esp);
    } else {
        struct sigcontext_32 sc;        /* and the retcode's popl, sig */
        uint32_t frame = tf->user_esp - 8, extramask;
        if (copy_from_user(&sc, frame + offsetof(struct sigframe_32, sc), sizeof(sc)) ||
            copy_from_user(&extramask, frame + offsetof(struct sigframe_32, extramask), 4))
            return -EFAULT;
        mask = sc.oldmask | (uint64_t)extramask << 32;
        int err = restore_sigcontext(tf, &sc);
        if (err)
            return err;
    }
    current->sig.blocked = mask & ~SIG_UNBLOCKABLE;
    return 0;
}

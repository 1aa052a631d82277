/*
 * exec.c - the ELF loader.  Only static i386 ET_EXEC files are accepted.
 * Nothing is copied: each PT_LOAD segment becomes a private file-backed
 * VMA (the page cache demand-pages it), its bss an anonymous VMA.  The
 * new stack gets argc, argv, envp and the auxiliary vector as the i386
 * System V ABI lays them out:
 *
 *   high  [strings][AT_RANDOM bytes] ... [auxv pairs, AT_NULL]
 *         [NULL][envp...][NULL][argv...][argc]  <- ESP at entry   low
 */
#include "arch/x86/gdt.h"
#include "arch/x86/trap.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/lib.h"
#include "kernel/tmpfs.h"
#include "mm/kmalloc.h"
#include "mm/pagecache.h"
#include "mm/shmem.h"
#include "kernel/task.h"
#include "kernel/thread.h"
#include "kernel/uaccess.h"
#include "mm/vma.h"

struct elf_header {
    uint8_t  ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

#define ET_EXEC 2
#define EM_386  3
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define MAX_ARGS 64
#define MAX_PHDRS 64                   /* more is no program we know */
#define INITIAL_STACK (128u << 10)

enum { AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
       AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
       AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25 };

static int check_header(uint32_t size, const struct elf_header *eh)
{
    if (size < sizeof(*eh) || memcmp(eh->ident, "\177ELF", 4))
        return -ENOEXEC;
    if (eh->ident[4] != 1 || eh->ident[5] != 1)    /* 32-bit, little endian */
        return -ENOEXEC;
    if (eh->type != ET_EXEC || eh->machine != EM_386 || eh->phentsize != sizeof(struct elf_phdr))
        return -ENOEXEC;
    if (eh->phnum == 0 || eh->phnum > MAX_PHDRS || eh->phoff > size ||
        eh->phnum * sizeof(struct elf_phdr) > size - eh->phoff)
        return -ENOEXEC;
    return 0;
}

static unsigned segment_prot(const struct elf_phdr *ph)
{
    return (ph->flags & PF_R ? VM_READ : 0) | (ph->flags & PF_W ? VM_WRITE : 0) |
           (ph->flags & PF_X ? VM_EXEC : 0);
}

/* Map one PT_LOAD segment into mm; returns its end or a negative error. */
static int64_t map_segment(struct mm *mm, struct inode *file, const struct elf_phdr *ph)
{
    uint32_t end = ph->vaddr + ph->memsz, size = inode_size(file);

    if (ph->filesz > ph->memsz || ph->offset > size || ph->filesz > size - ph->offset)
        return -ENOEXEC;
    if (ph->vaddr < USER_MIN || end < ph->vaddr || end > STACK_TOP - STACK_LIMIT - STACK_GUARD_GAP)
        return -ENOEXEC;
    if ((ph->vaddr - ph->offset) % PAGE_SIZE)
        return -ENOEXEC;
    uint32_t start = PAGE_ALIGN_DOWN(ph->vaddr);
    uint32_t file_end = PAGE_ALIGN_UP(ph->vaddr + ph->filesz);
    int err = ph->filesz ? vma_map(mm, start, file_end, segment_prot(ph), 0, file->mapping,
                                   PAGE_ALIGN_DOWN(ph->offset)) : 0;
    uint32_t bss_start = ph->filesz ? file_end : start;
    if (!err && PAGE_ALIGN_UP(end) > bss_start)
        err = vma_map(mm, bss_start, PAGE_ALIGN_UP(end), segment_prot(ph), 0, 0, 0);
    if (err)                            /* overlapping segments, or no memory */
        return err == -ENOMEM ? -ENOMEM : -ENOEXEC;
    return end;
}

/* Push len bytes onto the user stack at *sp. */
static int push(uint32_t *sp, const void *data, uint32_t len)
{
    *sp -= len;
    return copy_to_user(*sp, data, len);
}

static int count(const char *const v[])
{
    int n = 0;
    while (v[n])
        n++;
    return n;
}

/* Build argc/argv/envp/auxv on the new stack; returns the initial ESP or 0. */
static uint32_t build_stack(const struct elf_header *eh, uint32_t phdr_addr,
                            const char *const argv[], const char *const envp[])
{
    int argc = count(argv), envc = count(envp);
    uint32_t sp = STACK_TOP, argv_addr[MAX_ARGS], envp_addr[MAX_ARGS];
    static const uint8_t random_bytes[16] = { 0x5e, 0xed, 0x6b, 0x1d, 0x42, 0x17, 0x99, 0xa3,
                                              0x0c, 0xfe, 0x31, 0x70, 0x8b, 0x24, 0xd6, 0x53 };

    if (argc > MAX_ARGS || envc > MAX_ARGS)
        return 0;
    for (int i = envc - 1; i >= 0; i--) {
        if (push(&sp, envp[i], strlen(envp[i]) + 1))
            return 0;
        envp_addr[i] = sp;
    }
    for (int i = argc - 1; i >= 0; i--) {
        if (push(&sp, argv[i], strlen(argv[i]) + 1))
            return 0;
        argv_addr[i] = sp;
    }
    if (push(&sp, random_bytes, sizeof(random_bytes)))
        return 0;
    uint32_t random_addr = sp;
    uint32_t auxv[][2] = {
        { AT_PHDR, phdr_addr }, { AT_PHENT, sizeof(struct elf_phdr) }, { AT_PHNUM, eh->phnum },
        { AT_PAGESZ, PAGE_SIZE }, { AT_BASE, 0 }, { AT_FLAGS, 0 }, { AT_ENTRY, eh->entry },
        { AT_UID, 0 }, { AT_EUID, 0 }, { AT_GID, 0 }, { AT_EGID, 0 }, { AT_HWCAP, 0 },
        { AT_CLKTCK, 100 }, { AT_SECURE, 0 }, { AT_RANDOM, random_addr }, { AT_NULL, 0 },
    };
    uint32_t words = (1 + argc + 1 + envc + 1) * 4 + sizeof(auxv);
    sp = (sp - words) & ~15u;           /* 16-byte aligned at entry */
    uint32_t p = sp, zero = 0, n = (uint32_t)argc;
    if (copy_to_user(p, &n, 4))
        return 0;
    p += 4;
    if (copy_to_user(p, argv_addr, argc * 4) || copy_to_user(p + argc * 4, &zero, 4))
        return 0;
    p += (argc + 1) * 4;
    if (copy_to_user(p, envp_addr, envc * 4) || copy_to_user(p + envc * 4, &zero, 4))
        return 0;
    p += (envc + 1) * 4;
    if (copy_to_user(p, auxv, sizeof(auxv)))
        return 0;
    return sp;
}

struct exec_args *exec_args_get(struct exec_args *args)
{
    if (args)
        args->refs++;
    return args;
}

void exec_args_put(struct exec_args *args)
{
    if (args && --args->refs == 0)
        kfree(args);
}

/* A new exec_args holding argv's strings, with one reference; NULL if
 * there is no memory for it. */
static struct exec_args *exec_args_copy(const char *const argv[])
{
    uint32_t len = 0;

    for (int i = 0; argv[i]; i++)
        len += strlen(argv[i]) + 1;
    struct exec_args *args = kmalloc(sizeof(*args) + len);
    if (!args)
        return 0;
    args->refs = 1;
    args->len = 0;
    for (int i = 0; argv[i]; i++) {
        uint32_t n = strlen(argv[i]) + 1;
        memcpy(args->text + args->len, argv[i], n);
        args->len += n;
    }
    return args;
}

static void start_user(struct trap_frame *tf, uint32_t entry, uint32_t sp)
{
    memset(tf, 0, sizeof(*tf));
    tf->cs = USER_CS;
    tf->ds = tf->es = tf->fs = tf->gs = tf->user_ss = USER_DS;
    tf->eflags = EFLAGS_RESERVED | EFLAGS_IF;
    tf->eip = entry;
    tf->user_esp = sp;
}

/* Read the ELF header and the program headers of file into hdr (a
 * kmalloc'd buffer): 0, -ENOEXEC, -ENOMEM or -EIO. */
static int read_headers(struct inode *file, struct elf_header **hdr)
{
    uint32_t size = inode_size(file);
    struct elf_header eh;
    int err;

    memset(&eh, 0, sizeof(eh));
    if ((err = shmem_peek(file->mapping, 0, &eh, MIN(size, (uint32_t)sizeof(eh)))))
        return err;
    if ((err = check_header(size, &eh)))
        return err;
    uint32_t len = eh.phoff + eh.phnum * sizeof(struct elf_phdr);
    *hdr = kmalloc(len);
    if (!*hdr)
        return -ENOMEM;
    if ((err = shmem_peek(file->mapping, 0, *hdr, len))) {
        kfree(*hdr);
        return err;
    }
    return 0;
}

/* The point of no return of execve: end the other threads of the
 * process (kernel/thread.h), and make the descriptor table and signal
 * actions the new program's alone if it shared them (Linux's
 * unshare_files and unshare_sighand).  0, -EINTR (the process is dying)
 * or -ENOMEM. */
static int exec_unshare(void)
{
    int err = thread_group_exec();

    if (err)
        return err;
    if (current->files->refs > 1) {
        struct files_table *copy = files_table_copy(current->files);
        if (!copy)
            return -ENOMEM;
        files_table_put(current->files);
        current->files = copy;
    }
    if (current->sighand->refs > 1) {
        struct sighand *copy = sighand_copy(current->sighand);
        if (!copy)
            return -ENOMEM;
        sighand_put(current->sighand);
        current->sighand = copy;
    }
    return 0;
}

/* exec once the headers are read (and checked) into eh. */
static int exec_headers(struct inode *file, const struct elf_header *eh, const char *const argv[],
                        const char *const envp[])
{
    int err = inode_deny_write_access(file);    /* -ETXTBSY while open for writing */
    if (err)
        return err;
    struct mm *mm = mm_create();
    if (!mm) {
        inode_allow_write_access(file);
        return -ENOMEM;
    }
    inode_get(file);
    mm->exe_file = file;                        /* mm_destroy lets it go */
    const struct elf_phdr *ph = (const struct elf_phdr *)((const char *)eh + eh->phoff);
    uint32_t image_end = 0, phdr_addr = 0;
    for (int i = 0; i < eh->phnum; i++) {
        if (ph[i].type != PT_LOAD)
            continue;
        int64_t end = map_segment(mm, file, &ph[i]);
        if (end < 0) {
            mm_destroy(mm);
            return (int)end;
        }
        if (eh->phoff >= ph[i].offset && eh->phoff < ph[i].offset + ph[i].filesz)
            phdr_addr = ph[i].vaddr + (eh->phoff - ph[i].offset);
        image_end = MAX(image_end, (uint32_t)end);
    }
    if (!image_end || eh->entry < USER_MIN || eh->entry >= image_end) {
        mm_destroy(mm);
        return -ENOEXEC;
    }
    mm->brk_start = mm->brk = PAGE_ALIGN_UP(image_end);
    if (vma_map(mm, STACK_TOP - INITIAL_STACK, STACK_TOP, VM_READ | VM_WRITE, VM_GROWSDOWN, 0, 0)) {
        mm_destroy(mm);
        return -ENOMEM;
    }

    err = exec_unshare();
    if (err) {
        mm_destroy(mm);
        return err;
    }
    struct mm *old = current->mm;
    current->mm = mm;
    pgtable_activate(mm->pgdir);
    /* the tail of each segment's last file page belongs to its bss: zero it */
    for (int i = 0; i < eh->phnum; i++) {
        uint32_t file_end = ph[i].vaddr + ph[i].filesz;
        if (ph[i].type == PT_LOAD && ph[i].memsz > ph[i].filesz && (ph[i].flags & PF_W) &&
            file_end % PAGE_SIZE)
            clear_user(file_end, PAGE_SIZE - file_end % PAGE_SIZE);
    }
    uint32_t sp = build_stack(eh, phdr_addr, argv, envp);
    struct exec_args *args = sp ? exec_args_copy(argv) : 0;
    if (!args) {
        current->mm = old;
        pgtable_activate(old ? old->pgdir : pgtable_kernel());
        mm_destroy(mm);
        return sp ? -ENOMEM : -E2BIG;
    }
    if (old)
        mm_put(old);                    /* a vfork parent may still use it */
    exec_args_put(current->args);
    current->args = args;
    memset(current->tls, 0, sizeof(current->tls));
    signal_exec(current);
    fpu_reset(&current->fpu);
    gdt_load_tls(current->tls);
    task_set_name(current, argv[0] ? argv[0] : inode_name(file));
    start_user(current->tf, eh->entry, sp);
    return 0;
}

int exec_from_file(struct inode *file, const char *const argv[], const char *const envp[])
{
    struct elf_header *eh;
    int err = read_headers(file, &eh);
    if (err)
        return err;
    err = exec_headers(file, eh, argv, envp);
    kfree(eh);
    return err;
}

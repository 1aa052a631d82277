/*
 * fault.h - the page-fault handler's interface: a fault record in, one
 * named path taken and counted, a result out.
 */
#ifndef MM_FAULT_H
#define MM_FAULT_H

#include <stdint.h>

struct mm;
struct page;

extern struct page *zero_page;  /* the one shared page of zeros */

struct fault {
    uint32_t addr;              /* CR2: the address that faulted */
    uint32_t eip;               /* the instruction that faulted */
    int write;                  /* the access was a write */
    int user;                   /* the access came from ring 3 */
    const char *reason;         /* set for an invalid fault: why */
    int access_error;           /* an invalid fault in a mapping that forbids
                                   the access (else nothing is mapped there) */
    int path;                   /* the enum fault_path taken, -1 if none (OOM) */
    uint32_t vma_seq;           /* mm->vma_seq when this try began */
    const void *regs;           /* the registers at the fault (the arch's trap
                                   frame), or NULL for a fault the kernel makes */
    uint32_t swap_slot;         /* do_swap_fault: the slot of the swap entry;
                                   else 0 (a shmem page's slot is its object's) */
};

enum fault_result { FAULT_HANDLED, FAULT_SIGSEGV, FAULT_SIGBUS, FAULT_OOM };
extern const char *const fault_result_name[];

/* The paths a fault can take, each counted in fault_path_count[]. */
enum fault_path {
    FP_ZERO_PAGE_READ,          /* read of fresh anonymous memory: map the zero page */
    FP_ZERO_FILL,               /* write of fresh anonymous memory: a new zeroed frame */
    FP_COW_COPY,                /* write to a shared private page: copy it */
    FP_COW_REUSE,               /* write to a COW page with one user left: reuse it */
    FP_FILE_MINOR,              /* file page already in the page cache */
    FP_FILE_MAJOR,              /* file page read from the ramdisk */
    FP_FILE_COW,                /* first write to a private file page: copy it */
    FP_STACK_GROWTH,            /* fault just below the stack: grow it */
    FP_SWAP_IN,                 /* swapped-out page read back from disk (major) */
    FP_SWAP_CACHE_HIT,          /* swapped-out page found in the swap cache (minor) */
    FP_LRU_TOUCH,               /* reclaim=lru: a touch of a hidden page shows it */
    FP_INVALID,                 /* no valid mapping: SIGSEGV or SIGBUS */
    NR_FAULT_PATHS
};

extern uint32_t fault_path_count[NR_FAULT_PATHS];
/* Faults that read from the ramdisk or the swap disk: file_major,
 * swap_in, and file_cow faults whose page was not in the page cache yet. */
extern uint32_t pgmajfault;
extern const char *const fault_path_name[NR_FAULT_PATHS];

/* faultaround=K: a file read fault also maps up to K cached pages around
 * it (0, the default, maps only the one that faulted). */
extern uint32_t fault_around_pages;

/* The zero page, and faultaround= from the kernel command line. */
void fault_init(const char *cmdline);
/* From the arch: a digest of f's registers.  Two faults with different
 * digests come from different executions of an instruction; a fault
 * that retries the same execution (it changed nothing) has the same. */
uint32_t fault_regs_digest(const struct fault *f);
/* Resolve a fault in mm; *major is set when it read from the ramdisk or
 * from swap.  When no frame is free it reclaims some (which may sleep)
 * and tries again from the start. */
enum fault_result handle_mm_fault(struct mm *mm, struct fault *f, int *major);

#endif

/*
 * trace.c - one line per traced page fault:
 *
 *   fault: pid 2 addr 0x40000000 eip 0x08049a10 write user path zero_fill frames +1 result handled
 *
 * "frames" is the change in allocated frames (page tables included).  A
 * fault on a PTE's swap entry names its slot after the path (a shmem
 * page read back from swap is "swap_in" without one: its object, not a
 * PTE, held the slot):
 *
 *   fault: pid 2 addr 0x40001000 eip 0x08049a10 read user path swap_in slot 17 frames +1 result handled
 *
 * A fault of a thread other than its process's first names the thread
 * too (trace=faults:PID takes either the process's or the thread's id):
 *
 *   fault: pid 2 tid 4 addr 0x40002000 eip 0x08049a30 write user path zero_fill frames +1 result handled
 *
 * and with trace=reclaim one line per page that reclaim takes: the
 * policy, the frame, its age (AGE_INITIAL under the policies that keep
 * none), every (pid, address) that mapped it, and where it went (a swap
 * slot; dropped, for a clean file page; written back, dropped, for a
 * dirty one):
 *
 *   reclaim: policy age pfn 0x01f3a age 0 from pid 2 0x40003000, pid 3 0x40003000: swap slot 9
 *   reclaim: policy clock pfn 0x01f41 age 6 from pid 2 0x40001000: written back, dropped
 *   reclaim: policy fifo pfn 0x01f40 age 6 from nothing: dropped
 *
 * ("pid -1": an address space exec is still building; "nothing": a page
 * only the page cache or the swap cache held.)  With trace=signals, one
 * line per signal a handler takes (kernel/signal.c): the signal, its
 * si_code and si_addr, the handler and the frame built for it:
 *
 *   signal: pid 2 (upager) signal 11 code 2 addr 0x40003000: handler 0x080491d0 (rt frame)
 *
 * Under QEMU's -icount a program's trace repeats exactly.
 */
#include "kernel/cmdline.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/trace.h"
#include "kernel/task.h"
#include "mm/fault.h"
#include "mm/page.h"
#include "mm/policy.h"
#include "mm/rmap.h"
#include "mm/vma.h"

int trace_faults_pid = TRACE_OFF;
int trace_reclaim_on;
int trace_signals_on;

/* One word of trace=: "faults", "faults:PID", "reclaim" or "signals". */
static void trace_word(const char *word)
{
    if (!strcmp(word, "faults") || !strncmp(word, "faults:", 7)) {
        trace_faults_pid = word[6] ? (int)parse_uint(word + 7, 0, 10) : TRACE_ALL;
        printk("trace: page faults of %s\n", trace_faults_pid == TRACE_ALL ? "every task" : "one task");
    } else if (!strcmp(word, "reclaim")) {
        trace_reclaim_on = 1;
        printk("trace: pages reclaim takes\n");
    } else if (!strcmp(word, "signals")) {
        trace_signals_on = 1;
        printk("trace: signals handlers take\n");
    } else {
        printk("trace: %s: nothing to trace by that name (faults, faults:PID, reclaim, signals)\n", word);
    }
}

void trace_init(const char *cmdline)
{
    char value[64];

    if (!cmdline_get(cmdline, "trace", value, sizeof(value)))
        return;
    for (char *word = value, *comma; word; word = comma ? comma + 1 : 0) {
        comma = strchr(word, ',');
        if (comma)
            *comma = 0;
        trace_word(word);
    }
}

/* The mappings of the page reclaim is taking, as " pid P 0xADDR, ...";
 * filled and printed with no sleep between (trace_reclaim_done). */
static char removed_from[192];
static uint32_t removed_len;

/* The pid of the process whose address space mm is (its threads share
 * it), or -1 for one that no task has yet (exec is still building it). */
static int pid_of_mm(const struct mm *mm)
{
    for (int i = 0; i < NR_TASKS; i++)
        if (tasks[i].state != TASK_UNUSED && tasks[i].mm == mm)
            return tasks[i].tgid;
    return -1;
}

/* rmap_walk callback: note one mapping (the list ends in "..." when it
 * does not fit). */
static int note_mapping(struct page *page, struct vma *vma, uint32_t addr, pte_t *ptep, void *arg)
{
    (void)page, (void)ptep, (void)arg;
    uint32_t room = sizeof(removed_from) - removed_len;
    int n = ksnprintf(removed_from + removed_len, room, "%s pid %d 0x%08x", removed_len ? "," : "",
                      pid_of_mm(vma->mm), addr);
    if ((uint32_t)n >= room)
        strlcpy(removed_from + sizeof(removed_from) - 5, " ...", 5);
    removed_len = MIN(removed_len + (uint32_t)n, sizeof(removed_from) - 1);
    return 0;
}

void trace_reclaim_start(struct page *page)
{
    removed_len = 0;
    removed_from[0] = 0;
    rmap_walk(page, note_mapping, 0);
}

void trace_reclaim_done(const struct page *page, const char *to)
{
    printk("reclaim: policy %s pfn 0x%05x age %u from%s: %s\n", reclaim_policy->name,
           page_to_pfn(page), page->age, removed_len ? removed_from : " nothing", to);
}

void trace_fault(int pid, int tid, const struct fault *f, int result, int32_t frames)
{
    char slot[24] = "", thread[24] = "";

    if (f->swap_slot)
        ksnprintf(slot, sizeof(slot), " slot %u", f->swap_slot);
    if (tid != pid)
        ksnprintf(thread, sizeof(thread), " tid %d", tid);
    printk("fault: pid %d%s addr 0x%08x eip 0x%08x %s %s path %s%s frames %c%d result %s\n", pid,
           thread, f->addr, f->eip, f->write ? "write" : "read", f->user ? "user" : "kernel",
           f->path >= 0 ? fault_path_name[f->path] : "none", slot, frames < 0 ? '-' : '+',
           frames < 0 ? -frames : frames, fault_result_name[result]);
}

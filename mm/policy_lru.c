/*
 * policy_lru.c - reclaim=lru: exact least-recently-used, as far as the
 * kernel can know it.  The accessed bit says only that a page was used
 * since it was last cleared, not when, so exact LRU needs the kernel to
 * see the user move from page to page.  It does that by leaving
 * accessible only the pages of the instruction that faulted last; every
 * other mapped user page is hidden (its PTE present, with the user bit
 * clear, mm/pgtable.h), so the first touch of any other page faults
 * (fault path lru_touch).  The handler shows that page, hides the ones
 * shown before, and moves the page to the end of user_pages, which is
 * then in exact order of last use, least recent first, up to ties
 * between the pages of one instruction.  The victim is the first page
 * on it that reclaim can take.
 *
 * One instruction may need several pages at once (its own bytes, a
 * source and a destination, each of which may cross a page boundary):
 * hiding the others at each fault would fault forever.  A fault is
 * precise: the instruction changed nothing, so its retry faults with the
 * very same registers.  Faults with the same registers in the same mm
 * (fault_regs_digest) therefore add to the shown set instead, up to
 * LRU_SHOWN_MAX pages, more than any x86 instruction touches at once; a
 * string instruction that walks more pages changes its registers as it
 * goes.  (Two different executions with equal registers only make the
 * order less exact, never stop a program.)
 *
 * What it costs: one fault each time the user moves from one page to
 * another, where the other policies pay nothing (docs/policies.md has
 * the figure); that is why no real kernel does it, and why Linux
 * approximates LRU with accessed bits.  What it cannot see: the kernel's
 * own accesses to user memory (read(), write()), pages read into the
 * page cache but not mapped, and touches of a page that fork or swapoff
 * mapped into another address space without a fault.  Locked pages
 * (mlock) cannot be reclaimed, so they are never hidden and their order
 * is not kept: a program that locks its text and stack touches them
 * without faulting.
 *
 * Who changes the shown set: faults (page_touched) and mm_destroy, in
 * task context; the kernel is not preempted, so each change is whole.
 */
#include "kernel/lib.h"
#include "kernel/list.h"
#include "mm/fault.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "mm/policy.h"
#include "mm/vma.h"

#define LRU_SHOWN_MAX 8

static struct shown_page {
    struct mm *mm;                      /* NULL once the mm is gone */
    uint32_t va;
} shown[LRU_SHOWN_MAX];
static uint32_t nr_shown;
static struct mm *group_mm;             /* the instruction the shown pages belong to */
static uint32_t group_regs;            /* fault_regs_digest of its faults */

/* Hide the page at sp again, if one is still mapped there. */
static void hide(const struct shown_page *sp)
{
    if (!sp->mm)
        return;
    pte_t *ptep = pgtable_walk(sp->mm->pgdir, sp->va, 0);
    if (ptep && pte_present(*ptep) && !pte_hidden(*ptep) && !(pte_page(*ptep)->flags & PG_mlocked))
        pgtable_set(sp->mm->pgdir, sp->va, ptep, pte_mkhidden(*ptep));
}

static int is_shown(const struct mm *mm, uint32_t va)
{
    for (uint32_t i = 0; i < nr_shown; i++)
        if (shown[i].mm == mm && shown[i].va == va)
            return 1;
    return 0;
}

static void lru_page_touched(struct mm *mm, const struct fault *f, struct page *page)
{
    uint32_t va = PAGE_ALIGN_DOWN(f->addr);

    if (!(page->flags & PG_user) || (page->flags & PG_mlocked))
        return;                         /* not a page reclaim could take: no order to keep */
    list_del(&page->list);
    list_add_tail(&page->list, &user_pages);
    if (is_shown(mm, va))
        return;                         /* a new frame at a shown address (copy on write) */
    uint32_t regs = fault_regs_digest(f);
    if (mm != group_mm || regs != group_regs) {
        for (uint32_t i = 0; i < nr_shown; i++)
            hide(&shown[i]);
        nr_shown = 0;
        group_mm = mm;
        group_regs = regs;
    } else if (nr_shown == LRU_SHOWN_MAX) {
        hide(&shown[0]);
        memmove(&shown[0], &shown[1], (LRU_SHOWN_MAX - 1) * sizeof(shown[0]));
        nr_shown--;
    }
    shown[nr_shown++] = (struct shown_page){ mm, va };
}

static void lru_mm_destroyed(struct mm *mm)
{
    for (uint32_t i = 0; i < nr_shown; i++)
        if (shown[i].mm == mm)
            shown[i].mm = 0;
    if (group_mm == mm)
        group_mm = 0;
}

const struct reclaim_policy policy_lru = {
    .name = "lru",
    .next_victim = first_takeable_user_page,
    .page_touched = lru_page_touched,
    .mm_destroyed = lru_mm_destroyed,
};

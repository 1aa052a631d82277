/*
 * upager.c - a pager in user space, built on SIGSEGV (raw; the demo of
 * docs/tour.md, "A pager in user space").
 *
 * The program maps a region PROT_NONE: every access to it faults.  Its
 * SIGSEGV handler is the pager: it learns the address from si_addr,
 * makes that one page readable and writable (mprotect), fills it with
 * what the page should hold, and returns; the faulting load runs again
 * and now finds the page there.  The main program just reads the region,
 * in an order of its own, as if it had always been there, and checks
 * each byte it reads.  Each page faults once, however often it is read.
 *
 * Fault counts: a page the pager serves costs one SIGSEGV (the access
 * to the PROT_NONE page; Linux counts no fault for it, as the access is
 * refused before any page is looked for) and one minor fault (the
 * pager's first write, which gets a zero page); getrusage shows them.
 */
#include "lib/usignal.h"
#include "lib/vmtest.h"

#define NPAGES 8

static char *region;
static volatile int served;

/* What byte i of page p holds, as the pager makes it. */
static char content(unsigned p, unsigned i)
{
    return (char)('a' + (p * 7 + i) % 26);
}

static void pager(int sig, struct siginfo *si, struct ucontext *uc)
{
    char *addr = si->addr;
    unsigned p = (unsigned)(addr - region) / PAGE;

    (void)sig, (void)uc;
    if (addr < region || p >= NPAGES) {
        uprintf(1, "pager: a fault outside the region, at %p: giving up\n", addr);
        exit(2);
    }
    char *page = region + p * PAGE;
    mprotect(page, PAGE, PROT_READ | PROT_WRITE);
    for (unsigned i = 0; i < PAGE; i++)
        page[i] = content(p, i);
    served++;
    uprintf(1, "pager: fault %d at region+0x%05x (page %u), si_code %d (%s): page filled\n", served,
            (unsigned)(addr - region), p, si->si_code, si->si_code == SEGV_ACCERR ? "SEGV_ACCERR" : "?");
}

int main(void)
{
    static const unsigned order[] = { 3, 0, 7, 3, 1, 0, 6, 2, 5, 4, 7, 1 };

    region = (char *)mmap2(NULL, NPAGES * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    sa_set(SIGSEGV, pager, SA_SIGINFO, 0);
    warm_stack();
    long minflt = ru_minflt();
    int bad = 0;
    for (unsigned k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
        unsigned p = order[k], i = (k * 331) % PAGE;
        char c = *(volatile char *)(region + p * PAGE + i);
        uprintf(1, "read page %u byte %4u: '%c'\n", p, i, c);
        bad += c != content(p, i);
    }
    long faults = ru_minflt() - minflt;
    uprintf(1, "%u reads of %d pages: %d SIGSEGVs served, %d minor faults, %d wrong bytes\n",
            (unsigned)(sizeof(order) / sizeof(order[0])), NPAGES, served, (int)faults, bad);
    return 0;
}

/*
 * brk_regrow.c - memory given back is gone: brk shrink and regrow, and
 * madvise(MADV_DONTNEED) (raw).
 *
 * Grow the heap by 4 pages and fill them; shrink it to 1 page; the pages
 * above the break then fault (SIGSEGV, in a child); regrow: the first
 * page kept its bytes, the three others read zero.  A break that is not
 * page aligned keeps its whole page.  Shrinking and regrowing 200 times
 * must not lose memory (the harness's leak check sees that).  Last,
 * MADV_DONTNEED on a private anonymous mapping: its pages read zero
 * again and stay usable.
 */
#include "lib/vmtest.h"

static int all_bytes(const char *p, unsigned n, char c)
{
    for (unsigned i = 0; i < n; i++)
        if (p[i] != c)
            return 0;
    return 1;
}

static void touch(void *arg)
{
    uprintf(1, "(not killed: read %d)\n", *(volatile char *)arg);
}

int main(void)
{
    char buf[24];
    unsigned long b0 = brk(0);
    char *heap = (char *)((b0 + PAGE - 1) & ~(unsigned long)(PAGE - 1));
    unsigned long top = (unsigned long)heap + 4 * PAGE;
    int i, ok;

    uprintf(1, "grow by 4 pages: %s\n", yes(brk(top) == top));
    memset(heap, 0xaa, 4 * PAGE);
    uprintf(1, "filled: %s\n", yes(all_bytes(heap, 4 * PAGE, (char)0xaa)));

    uprintf(1, "shrink to 1 page: %s\n", yes(brk((unsigned long)heap + PAGE) == (unsigned long)heap + PAGE));
    uprintf(1, "touch page 1 after the shrink: %s\n", status_text(status_of_child(touch, heap + PAGE), buf));
    uprintf(1, "touch page 3 after the shrink: %s\n", status_text(status_of_child(touch, heap + 3 * PAGE), buf));
    uprintf(1, "page 0 kept: %s\n", yes(all_bytes(heap, PAGE, (char)0xaa)));

    uprintf(1, "regrow by 3 pages: %s\n", yes(brk(top) == top));
    uprintf(1, "page 0 still kept: %s\n", yes(all_bytes(heap, PAGE, (char)0xaa)));
    uprintf(1, "pages 1-3 read zero: %s\n", yes(all_bytes(heap + PAGE, 3 * PAGE, 0)));

    /* a break inside a page keeps that page whole */
    memset(heap, 0xbb, 4 * PAGE);
    uprintf(1, "shrink to 100 bytes into page 1: %s\n",
            yes(brk((unsigned long)heap + PAGE + 100) == (unsigned long)heap + PAGE + 100));
    uprintf(1, "page 1 kept whole: %s\n", yes(all_bytes(heap + PAGE, PAGE, (char)0xbb)));
    uprintf(1, "touch page 2: %s\n", status_text(status_of_child(touch, heap + 2 * PAGE), buf));
    brk(top);
    uprintf(1, "after regrow, page 1 kept, pages 2-3 zero: %s %s\n",
            yes(all_bytes(heap + PAGE, PAGE, (char)0xbb)), yes(all_bytes(heap + 2 * PAGE, 2 * PAGE, 0)));

    for (i = 0, ok = 1; i < 200; i++) {
        ok &= brk((unsigned long)heap) == (unsigned long)heap;
        ok &= brk(top) == top;
        ok &= heap[3 * PAGE + 7] == 0 && heap[0] == 0;
        heap[0] = heap[3 * PAGE + 7] = 1;
    }
    uprintf(1, "200 rounds of shrink to nothing, regrow, write: zero each time: %s\n", yes(ok));
    uprintf(1, "shrink back to the start: %s\n", yes(brk(b0) == b0));

    char *anon = map_anon(4);
    if (!anon)
        return 1;
    memset(anon, 0xcc, 4 * PAGE);
    uprintf(1, "madvise(MADV_DONTNEED) of pages 1-2: %d\n", madvise(anon + PAGE, 2 * PAGE, MADV_DONTNEED));
    uprintf(1, "pages 1-2 read zero: %s\n", yes(all_bytes(anon + PAGE, 2 * PAGE, 0)));
    uprintf(1, "pages 0 and 3 kept: %s\n", yes(all_bytes(anon, PAGE, (char)0xcc) &&
                                             all_bytes(anon + 3 * PAGE, PAGE, (char)0xcc)));
    memset(anon + PAGE, 0xdd, PAGE);
    uprintf(1, "page 1 writable again: %s\n", yes(all_bytes(anon + PAGE, PAGE, (char)0xdd)));
    return 0;
}

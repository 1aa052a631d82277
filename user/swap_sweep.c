/*
 * swap_sweep.c - a 48 MiB anonymous region, three times the RAM of its
 * test (swap_sweep.mem, swap_sweep.swap): every page is written, then the
 * whole region is read back and checked twice, every word of every page.
 * Under memory pressure the kernel must swap pages out and fault them
 * back in with their data intact; on Linux with plenty of RAM it just
 * runs.  The kernel log's swap line (swap_sweep.klog) shows that pages
 * really went to swap and came back.
 */
#include "lib/vmtest.h"

#define MIB_ (1024u * 1024u)
#define SIZE (48 * MIB_)
#define WORDS (PAGE / 4)

static unsigned word_of(unsigned page, unsigned w, unsigned pass)
{
    return (page * 2654435761u) ^ (w * 40503u) ^ (pass << 28);
}

int main(void)
{
    unsigned npages = SIZE / PAGE, bad = 0;
    unsigned *p = (unsigned *)map_anon(npages);

    if (!p) {
        uprintf(1, "mmap of 48 MiB failed\n");
        return 1;
    }
    for (unsigned pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < npages; i++)
            for (unsigned w = 0; w < WORDS; w++)
                p[i * WORDS + w] = word_of(i, w, pass);
        for (unsigned check = 0; check < 2; check++)
            for (unsigned i = 0; i < npages; i++)
                for (unsigned w = 0; w < WORDS; w++)
                    bad += p[i * WORDS + w] != word_of(i, w, pass);
        uprintf(1, "pass %u: 48 MiB written, read back twice: %u bad words\n", pass, bad);
    }
    munmap(p, SIZE);
    return bad != 0;
}

/*
 * mremap_swap.c - mremap(2) moves swap entries as they are (raw).
 *
 * madvise(MADV_PAGEOUT) sends written pages to swap at once, with no
 * memory pressure, so every count is exact (as in madv_pageout).  Then
 * the mapping is moved, grown or shrunk, and the counts say what went
 * where: smaps shows the swapped pages at the new address (Swap:), the
 * old range is unmapped, reading them back costs one major fault each
 * and nothing was written or read by the move itself (pswpout, pswpin),
 * and a shrink frees the slots of the tail.  Page i holds 'a' + i and i
 * at its ends.  On Linux without swap nothing goes out (.linux-differs).
 */
#include "lib/vmtest.h"

#define MAP_NORESERVE 0x4000

static struct vmstat before, after;

static char *map_written(unsigned npages)
{
    char *p = map_anon(npages + 1);
    mprotect(p + npages * PAGE, PAGE, PROT_READ);   /* no growing in place */
    mark_pages(p, npages);
    return p;
}

static char *move(char *p, unsigned old_pages, unsigned new_pages, int flags, void *to)
{
    vmstat_read(&before);
    char *q = (char *)mremap(p, old_pages * PAGE, new_pages * PAGE, flags, to);
    vmstat_read(&after);
    char smaps[] = "/proc/self/smaps";
    uprintf(1, "  mremap %d -> %d pages: moved %s, old range %s, Swap %d kB there, "
            "pswpout +%d, pswpin +%d\n", (int)old_pages, (int)new_pages,
            yes(!MAP_FAILED((long)q) && q != p), mprotect(p, PAGE, PROT_READ) == -ENOMEM ? "unmapped" : "mapped",
            (int)proc_kb(smaps, (unsigned)q, "Swap"), (int)(after.v[VS_PSWPOUT] - before.v[VS_PSWPOUT]),
            (int)(after.v[VS_PSWPIN] - before.v[VS_PSWPIN]));
    return q;
}

/* Move the marked pages at p (from map_written(old_pages)), read back
 * what is left of them, and unmap it all. */
static void move_read_unmap(char *p, unsigned old_pages, unsigned new_pages, int flags, void *to)
{
    char *q = move(p, old_pages, new_pages, flags, to);

    read_back_marks("read back", q, old_pages < new_pages ? old_pages : new_pages);
    munmap(q, new_pages * PAGE);
    munmap(p + old_pages * PAGE, PAGE);
}

/*
 * An anonymous mapping keeps the page offsets it was made with when it
 * moves, so one made high, moved down and grown by 1.5 GiB has offsets
 * that pass 4 GiB in the middle (mm/rmap.c counts them modulo 4 GiB).
 * Pages on both sides of that point go to swap through the reverse map
 * and come back.  MAP_NORESERVE: the growth is no promise to refuse.
 */
static void wrapping_offsets(void)
{
    const unsigned high = 0xB0000000u, grown = 0x60000000u, wrap = 0u - high;
    char *p = (char *)mmap2((void *)high, 2 * PAGE, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
    char *q = (char *)mremap(p, 2 * PAGE, grown, MREMAP_MAYMOVE, 0);

    uprintf(1, "a mapping made at 0x%x and moved, grown to 1.5 GiB:\n", high);
    if (MAP_FAILED((long)q)) {
        uprintf(1, "  mremap: %d\n", (int)(long)q);
        return;
    }
    char *mid = q + wrap - 8 * PAGE;    /* 8 pages each side of offset 4 GiB */
    mark_pages(mid, 16);
    pageout_report(mid, 16);
    read_back_marks("read back", mid, 16);
    munmap(q, grown);
}

int main(void)
{
    touch_image(1);
    vmstat_read(&before);               /* its buffers are touched once before counting */

    uprintf(1, "16 pages in swap, grown to 32 by a move:\n");
    char *p = map_written(16);
    pageout_report(p, 16);
    move_read_unmap(p, 16, 32, MREMAP_MAYMOVE, 0);

    uprintf(1, "8 of 16 pages in swap (every other one), moved to a chosen address:\n");
    p = map_written(16);
    for (unsigned i = 0; i < 16; i += 2)
        madvise(p + i * PAGE, PAGE, MADV_PAGEOUT);
    move_read_unmap(p, 16, 16, MREMAP_MAYMOVE | MREMAP_FIXED, map_anon(16));

    uprintf(1, "16 pages in swap, shrunk to 4 by a move (the tail's slots are freed):\n");
    p = map_written(16);
    pageout_report(p, 16);
    move_read_unmap(p, 16, 4, MREMAP_MAYMOVE | MREMAP_FIXED, map_anon(4));

    wrapping_offsets();
    return 0;
}

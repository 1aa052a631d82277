/*
 * bench_pcache.c - does finding a page in the page cache stay as cheap
 * with 64,000 pages cached as with 1,000? (raw; `make bench` runs it under
 * tests/run --icount --mem 512M, after bench.c).
 *
 * Each figure is a minor fault on a page that is already in the page
 * cache but not mapped: the fault path looks the page up in its object
 * (mm/pagecache.c) and maps it.  The pages are those of shared anonymous
 * memory, which lives in the page cache like a file's: written once,
 * then unmapped from this process with madvise(MADV_DONTNEED), which
 * leaves them cached.  Timed as in bench.c (rdtsc around a pass of one
 * byte per page, minus the same pass without faults):
 *
 *   pcache_fault_1k          256 pages of a 1,024-page object, with only
 *                            that object's 1,024 pages cached
 *   pcache_fault_1k_of_64k   the same pages, once a second object of
 *                            64,000 pages is cached too
 *   pcache_fault_64k         256 pages spread over the 64,000-page object
 *
 * With a cache whose lookup grew with the number of pages cached, the
 * second and third figures would be far above the first.
 */
#include "lib/vmtest.h"

#define SMALL_PAGES 1024u
#define LARGE_PAGES 64000u
#define SAMPLES 256u

static char *map_shared(unsigned npages)
{
    long p = mmap2(NULL, npages * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return MAP_FAILED(p) ? NULL : (char *)p;
}

/* One pass reading one byte of SAMPLES pages, stride pages apart. */
static unsigned long long __attribute__((noinline)) pass(char *p, unsigned stride)
{
    unsigned long long t0 = rdtsc();

    for (unsigned i = 0; i < SAMPLES; i++)
        (void)((volatile char *)p)[i * stride * PAGE];
    return rdtsc() - t0;
}

/* Writes every page of the object, then unmaps them all (still cached). */
static void cache_all(char *p, unsigned npages)
{
    for (unsigned i = 0; i < npages; i++)
        p[i * PAGE] = 1;
    madvise(p, npages * PAGE, MADV_DONTNEED);
}

/* The cost of one cached-page fault on SAMPLES pages, stride apart. */
static unsigned figure(const char *name, char *p, unsigned stride)
{
    long min0 = ru_minflt();
    unsigned long long first = pass(p, stride);
    long faults = ru_minflt() - min0;
    unsigned long long total = first - pass(p, stride);
    unsigned per = (unsigned)(total / SAMPLES);

    uprintf(1, "%s %u %u %u\n", name, SAMPLES, (unsigned)total, per);
    if (faults != (long)SAMPLES)
        uprintf(1, "# %s: %d minor faults, expected %u\n", name, (int)faults, SAMPLES);
    madvise(p, SAMPLES * stride * PAGE, MADV_DONTNEED);
    return per;
}

int main(void)
{
    char *small = map_shared(SMALL_PAGES), *large = map_shared(LARGE_PAGES);

    if (!small || !large) {
        uprintf(1, "bench_pcache: cannot map the objects\n");
        return 1;
    }
    touch_image(1);
    warm_stack();
    uprintf(1, "# name ops total_cycles cycles_per_op\n");
    cache_all(small, SMALL_PAGES);
    unsigned alone = figure("pcache_fault_1k", small, SMALL_PAGES / SAMPLES);
    cache_all(large, LARGE_PAGES);
    unsigned crowded = figure("pcache_fault_1k_of_64k", small, SMALL_PAGES / SAMPLES);
    unsigned spread = figure("pcache_fault_64k", large, LARGE_PAGES / SAMPLES);
    uprintf(1, "# 64k / 1k: %u%% (same object), %u%% (an object of 64,000 pages)\n",
            crowded * 100 / alone, spread * 100 / alone);
    return 0;
}

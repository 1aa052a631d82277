/*
 * mremap_realloc.c - glibc's realloc of large blocks goes through mremap.
 *
 * A block of 128 KiB or more (the mmap threshold, fixed here with
 * mallopt so that freeing cannot raise it) is a mapping of its own, and
 * realloc grows it with mremap(MREMAP_MAYMOVE): in place when the pages
 * after it are free, else by moving its page-table entries.  Either way
 * no byte is copied, so the realloc itself touches no new page (a copy
 * would fault on every page of the new block).  Two blocks grow in turn
 * from 200 KiB to 8 MiB, three times over, each checked after every
 * step; the fault count of each realloc is checked to stay small, which
 * fails if the kernel lacks mremap and glibc falls back to copying.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define KiB 1024
#define NBLOCKS 2
#define ROUNDS 3
#define FEW_FAULTS 16           /* a copy of the smallest step faults 50 pages */

static long minor_faults(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

static unsigned char pattern(unsigned block, size_t i)
{
    return (unsigned char)(block * 31 + i * 7 + i / 4096);
}

static void fill(unsigned char *p, unsigned block, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        p[i] = pattern(block, i);
}

static int intact(const unsigned char *p, unsigned block, size_t size)
{
    for (size_t i = 0; i < size; i++)
        if (p[i] != pattern(block, i))
            return 0;
    return 1;
}

int main(void)
{
    static const size_t sizes[] = { 200 * KiB, 400 * KiB, 1024 * KiB, 2048 * KiB, 4096 * KiB, 8192 * KiB };
    const unsigned nsizes = sizeof(sizes) / sizeof(sizes[0]);

    mallopt(M_MMAP_THRESHOLD, 128 * KiB);
    for (unsigned round = 0; round < ROUNDS; round++) {
        unsigned char *block[NBLOCKS];
        int ok = 1, few_faults = 1;
        for (unsigned b = 0; b < NBLOCKS; b++) {
            block[b] = malloc(sizes[0]);
            fill(block[b], b, 0, sizes[0]);
        }
        for (unsigned s = 1; s < nsizes; s++) {
            for (unsigned b = 0; b < NBLOCKS; b++) {
                long before = minor_faults();
                unsigned char *grown = realloc(block[b], sizes[s]);
                few_faults &= minor_faults() - before < FEW_FAULTS;
                if (!grown) {
                    printf("round %u: realloc to %zu KiB failed\n", round, sizes[s] / KiB);
                    return 1;
                }
                block[b] = grown;
                ok &= intact(grown, b, sizes[s - 1]);
                fill(grown, b, sizes[s - 1], sizes[s]);
            }
        }
        for (unsigned b = 0; b < NBLOCKS; b++) {
            ok &= intact(block[b], b, sizes[nsizes - 1]);
            free(block[b]);
        }
        printf("round %u: %d blocks grown in turn from 200 KiB to 8 MiB in %u steps: data %s, "
               "every realloc faulted fewer than %d pages: %s\n", round, NBLOCKS, nsizes - 1,
               ok ? "intact" : "WRONG", FEW_FAULTS, few_faults ? "yes" : "no");
    }
    return 0;
}

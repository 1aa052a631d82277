/*
 * malloc_big.c - glibc's malloc on top of brk and mmap2.
 *
 * Small blocks come from the heap (brk); blocks of 1 MiB are above
 * glibc's mmap threshold (128 KiB) and come from anonymous mmap2, and
 * free() gives them back with munmap.  Every block is filled with a
 * pattern and checked, so a page the kernel mapped twice, or forgot to
 * zero or to copy, shows up as a mismatch.
 *
 * The test runs in 32 MiB (malloc_big.mem), so the last part, 64 rounds
 * of malloc, fill and free of 1 MiB, needs the memory of each free() to
 * come back: if glibc or the kernel kept it, the rounds would need
 * 64 MiB and the program would be killed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSMALL 1000
#define MiB (1024 * 1024)

static int fill_check(unsigned char *p, size_t n, unsigned seed)
{
    size_t i;

    for (i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7);
    for (i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed + i * 7))
            return 0;
    return 1;
}

int main(void)
{
    static unsigned char *small[NSMALL];
    unsigned char *big[4], *p;
    int i, ok;
    size_t j;

    ok = 1;
    for (i = 0; i < NSMALL; i++) {
        small[i] = malloc(16 + i % 200);
        ok &= small[i] != NULL && fill_check(small[i], 16 + i % 200, i);
    }
    for (i = 0; i < NSMALL; i++)        /* nothing overlapped: patterns intact */
        for (j = 0; j < (size_t)(16 + i % 200); j++)
            ok &= small[i][j] == (unsigned char)(i + j * 7);
    printf("%d small blocks: %s\n", NSMALL, ok ? "ok" : "CORRUPT");
    for (i = 0; i < NSMALL; i += 2)
        free(small[i]);
    for (i = 0; i < NSMALL; i += 2) {
        small[i] = malloc(100);
        ok &= small[i] != NULL && fill_check(small[i], 100, i);
    }
    for (i = 0; i < NSMALL; i++)
        free(small[i]);
    printf("free and reuse: %s\n", ok ? "ok" : "CORRUPT");

    ok = 1;
    for (i = 0; i < 4; i++) {
        big[i] = malloc(MiB);
        ok &= big[i] != NULL;
        for (j = 0; ok && j < MiB; j += 4096)   /* fresh memory reads as zero */
            ok &= big[i][j] == 0;
        ok &= big[i] != NULL && fill_check(big[i], MiB, 100 + i);
    }
    for (i = 0; i < 4; i++)
        for (j = 0; ok && j < MiB; j += 4093)
            ok &= big[i][j] == (unsigned char)(100 + i + j * 7);
    printf("4 blocks of 1 MiB: %s\n", ok ? "ok" : "CORRUPT");
    for (i = 0; i < 4; i++)
        free(big[i]);

    p = calloc(3, MiB);
    ok = p != NULL;
    for (j = 0; ok && j < 3 * MiB; j++)
        ok &= p[j] == 0;
    printf("calloc of 3 MiB is zeroed: %s\n", ok ? "ok" : "NOT ZERO");
    free(p);

    p = malloc(1000);
    ok = p != NULL && fill_check(p, 1000, 5);
    p = realloc(p, 2 * MiB);
    ok &= p != NULL;
    for (j = 0; ok && j < 1000; j++)
        ok &= p[j] == (unsigned char)(5 + j * 7);
    ok &= p != NULL && fill_check(p, 2 * MiB, 9);
    printf("realloc from 1000 bytes to 2 MiB: %s\n", ok ? "ok" : "CORRUPT");
    free(p);

    /* 64 MiB in all, in twice the machine's RAM: memory comes back */
    ok = 1;
    for (i = 0; i < 64; i++) {
        p = malloc(MiB);
        ok &= p != NULL;
        if (p) {
            memset(p, i, MiB);
            ok &= p[MiB - 1] == (unsigned char)i;
        }
        free(p);
    }
    printf("64 rounds of malloc/free of 1 MiB: %s\n", ok ? "ok" : "FAILED");
    return 0;
}

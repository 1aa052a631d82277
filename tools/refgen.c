/*
 * refgen.c - print a reference pattern of the replacement-policy lab on
 * the host, one page number per line: refgen PATTERN FRAMES.  The same
 * generator (user/lib/refpattern.h) drives user/reclaimlab.c in the
 * kernel, so tools/reclaimlab.py can work out OPT and LRU for exactly
 * the touches the kernel saw.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../user/lib/refpattern.h"

int main(int argc, char **argv)
{
    struct refgen g;
    int32_t page;

    if (argc != 3 || atoi(argv[2]) < 4) {
        fprintf(stderr, "usage: refgen PATTERN FRAMES (FRAMES >= 4)\n");
        return 2;
    }
    for (unsigned i = 0; i < NR_REFPATTERNS; i++) {
        if (strcmp(argv[1], refpatterns[i].name))
            continue;
        refgen_start(&g, &refpatterns[i], (uint32_t)atoi(argv[2]));
        while ((page = refgen_next(&g)) >= 0)
            printf("%d\n", page);
        return 0;
    }
    fprintf(stderr, "refgen: no pattern %s\n", argv[1]);
    return 2;
}

/*
 * glibc_mix.c - an ordinary glibc program built outside the project.
 * tests/user_tests.py (test outside/glibc_mix) compiles it at test time
 * with exactly
 *
 * build: gcc -m32 -static -o OUT SRC
 *
 * and runs it on our kernel and natively (tests/run, tests/run --linux):
 * the two outputs must be identical.  printf in several formats, malloc
 * and free of small blocks (the brk heap) and of large ones (1 MiB and
 * more: glibc maps those with mmap2), calloc, realloc across the mmap
 * threshold, fork and waitpid, and an exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIB (1024 * 1024)

static int check_bytes(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(i * 7 + seed))
            return 0;
    return 1;
}

static void fill_bytes(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 7 + seed);
}

int main(int argc, char **argv)
{
    (void)argc;
    printf("hello from glibc, built outside the project, argv[0] %s\n", argv[0]);
    printf("formats: [%5d] [%-6s] [%08x] [%lld] [%.3f] [%c] [%%]\n", 42, "left", 0xbeefu,
           -1234567890123LL, 3.14159, 'z');

    /* 200 small blocks of different sizes, each filled, checked, freed in a mixed order */
    static unsigned char *small[200];
    int ok = 1;
    for (int i = 0; i < 200; i++) {
        small[i] = malloc(16 + i * 3);
        if (!small[i]) {
            ok = 0;
            break;
        }
        fill_bytes(small[i], 16 + i * 3, i);
    }
    for (int i = 0; ok && i < 200; i++)
        ok = check_bytes(small[i], 16 + i * 3, i);
    for (int i = 0; i < 200; i += 2)
        free(small[i]);
    for (int i = 1; i < 200; i += 2)
        free(small[i]);
    printf("200 small blocks: allocated, filled, intact, freed: %s\n", ok ? "yes" : "no");

    /* large blocks: 1 MiB, 3 MiB, calloc of 2 MiB reads zero */
    unsigned char *big = malloc(MIB), *bigger = malloc(3 * MIB);
    if (big && bigger) {
        fill_bytes(big, MIB, 1);
        fill_bytes(bigger, 3 * MIB, 2);
        ok = check_bytes(big, MIB, 1) && check_bytes(bigger, 3 * MIB, 2);
    } else {
        ok = 0;
    }
    printf("1 MiB and 3 MiB blocks: written and read back: %s\n", ok ? "yes" : "no");
    free(big);
    free(bigger);
    unsigned char *zeros = calloc(2 * MIB, 1);
    size_t nonzero = 0;
    for (size_t i = 0; zeros && i < 2 * MIB; i++)
        nonzero += zeros[i] != 0;
    printf("calloc of 2 MiB: %s, nonzero bytes: %zu\n", zeros ? "ok" : "NULL", nonzero);
    free(zeros);

    /* realloc from the heap to above the mmap threshold and back keeps the data */
    unsigned char *r = malloc(1000);
    fill_bytes(r, 1000, 3);
    r = realloc(r, 2 * MIB);
    ok = r && check_bytes(r, 1000, 3);
    if (r) {
        fill_bytes(r, 2 * MIB, 4);
        r = realloc(r, 500);
        ok = ok && r && check_bytes(r, 500, 4);
    }
    printf("realloc 1000 B -> 2 MiB -> 500 B keeps the data: %s\n", ok ? "yes" : "no");
    free(r);

    /* fork: stdio buffers are flushed first, or the child would print them again */
    fflush(stdout);
    pid_t parent = getpid(), pid = fork();
    if (pid == 0) {
        unsigned char *c = malloc(MIB);
        fill_bytes(c, MIB, 5);
        printf("child: getppid is the parent: %s, its own 1 MiB block intact: %s\n",
               getppid() == parent ? "yes" : "no", check_bytes(c, MIB, 5) ? "yes" : "no");
        free(c);
        exit(12);
    }
    int status = 0;
    pid_t w = waitpid(pid, &status, 0);
    printf("fork returned a pid: %s\n", pid > 0 ? "yes" : "no");
    printf("waitpid returns the child: %s, exited: %s, status %d\n", pid > 0 && w == pid ? "yes" : "no",
           WIFEXITED(status) ? "yes" : "no", WEXITSTATUS(status));
    printf("waitpid with no children left: %d\n", (int)waitpid(-1, &status, 0));
    fflush(stdout);                     /* stdout is not a terminal: fully buffered */
    fprintf(stderr, "stderr works too\n");
    return 5;
}

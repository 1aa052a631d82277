/*
 * raw_hello.c - a program built outside the project, with no C library
 * and none of the project's headers: its own _start, its own int $0x80
 * wrappers.  tests/user_tests.py (test outside/raw_hello) compiles it at
 * test time with exactly
 *
 * build: gcc -m32 -static -nostdlib -fno-pie -no-pie -o OUT SRC
 *
 * and runs it on our kernel and natively (tests/run, tests/run --linux):
 * the two outputs must be identical.
 *
 * Written for a compiler whose defaults we do not choose: no local
 * arrays and no locals whose address is taken, so a default
 * -fstack-protector (which reads its canary at %gs:0x14, a TLS segment
 * this program never sets up) has nothing to instrument; no division
 * (no libgcc); no struct copies (no memcpy).
 */

/* _start: the initial stack is argc, argv[], NULL, envp[], NULL, auxv. */
__asm__(".text\n"
        ".globl _start\n"
        "_start:\n"
        "    xorl %ebp, %ebp\n"
        "    movl %esp, %eax\n"
        "    andl $-16, %esp\n"
        "    subl $12, %esp\n"
        "    pushl %eax\n"
        "    call start_c\n"
        "    hlt\n");

static long sys3(long n, long a, long b, long c)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

/* mmap2 (192) takes six arguments, the sixth in ebp, which the compiler
 * may use as its frame pointer: save it, load it, restore it. */
static long mmap_anon(unsigned long len)
{
    long r;
    __asm__ volatile("pushl %%ebp\n\t"
                     "xorl %%ebp, %%ebp\n\t"      /* offset 0 pages */
                     "int $0x80\n\t"
                     "popl %%ebp"
                     : "=a"(r)
                     : "a"(192), "b"(0), "c"(len), "d"(3 /* PROT_READ | PROT_WRITE */),
                       "S"(0x22 /* MAP_PRIVATE | MAP_ANONYMOUS */), "D"(-1)
                     : "memory");
    return r;
}

static unsigned long len_of(const char *s)
{
    unsigned long n = 0;
    while (s[n])
        n++;
    return n;
}

static void put(const char *s)
{
    sys3(4, 1, (long)s, len_of(s));
}

static char digits[12];

/* Decimal without division: subtract powers of ten. */
static const char *dec(unsigned long v)
{
    static const unsigned long pow10[] = { 1000000000, 100000000, 10000000, 1000000, 100000,
                                           10000, 1000, 100, 10, 1 };
    int i, n = 0, started = 0;

    for (i = 0; i < 10; i++) {
        int d = 0;
        while (v >= pow10[i]) {
            v -= pow10[i];
            d++;
        }
        if (d || started || i == 9) {
            digits[n++] = '0' + d;
            started = 1;
        }
    }
    digits[n] = 0;
    return digits;
}

static const char *yes(int c)
{
    return c ? "yes" : "no";
}

extern void _start(void);

static int status;

void start_c(long *sp)
{
    long argc = sp[0];
    char **argv = (char **)(sp + 1), **envp = argv + argc + 1, **e;
    unsigned long *aux;
    unsigned long pagesz = 0, entry = 0;
    long pid, r, i;

    put("hello from a program built outside the project\n");
    put("argc ");
    put(dec(argc));
    put(", argv[0] ");
    put(argv[0]);
    put("\n");
    for (e = envp; *e; e++) {
        put("env ");
        put(*e);
        put("\n");
    }
    for (aux = (unsigned long *)(e + 1); aux[0]; aux += 2) {
        if (aux[0] == 6)
            pagesz = aux[1];
        if (aux[0] == 9)
            entry = aux[1];
    }
    put("AT_PAGESZ ");
    put(dec(pagesz));
    put(", AT_ENTRY is _start: ");
    put(yes(entry == (unsigned long)_start));
    put("\n");
    sys3(4, 2, (long)"this line went to stderr\n", 25);

    /* the heap: brk up by 3 pages, written, read back */
    unsigned long b0 = sys3(45, 0, 0, 0), b1 = sys3(45, b0 + 3 * 4096, 0, 0);
    for (i = 0; i < 3 * 4096; i++)
        ((char *)b0)[i] = (char)i;
    for (i = 0; i < 3 * 4096 && ((char *)b0)[i] == (char)i; i++)
        ;
    put("brk grows by 3 pages, usable: ");
    put(yes(b1 == b0 + 3 * 4096 && i == 3 * 4096));
    put("\n");

    /* an anonymous mapping: zero-filled, writable */
    r = mmap_anon(2 * 4096);
    put("mmap 2 pages: ");
    put(yes((unsigned long)r < 0xfffff000ul));
    put(", zero-filled: ");
    for (i = 0; i < 2 * 4096 && ((char *)r)[i] == 0; i++)
        ;
    put(yes(i == 2 * 4096));
    ((char *)r)[4096] = 1;
    put(", munmap: ");
    put(dec(sys3(91, r, 2 * 4096, 0)));
    put("\n");

    /* fork, the child exits 9, the parent waits */
    long parent = sys3(20, 0, 0, 0);
    pid = sys3(2, 0, 0, 0);
    if (pid == 0) {
        put("child: getppid is the pid of the process that forked me: ");
        put(yes(sys3(64, 0, 0, 0) == parent));
        put("\n");
        sys3(1, 9, 0, 0);
    }
    r = sys3(7, pid, (long)&status, 0);
    put("waitpid returns the child: ");
    put(yes(r == pid));
    put(", its exit status: ");
    put(dec((status >> 8) & 0xff));
    put("\n");
    put("read from a bad fd: -");
    put(dec(-sys3(3, 99, (long)digits, 1)));
    put("\n");
    sys3(252, 7, 0, 0);         /* exit_group(7) */
}

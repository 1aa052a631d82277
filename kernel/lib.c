/*
 * lib.c - string routines and the formatter behind printk.
 *
 * memset/memcpy use rep stos/movs on 32-bit words: QEMU's -icount counts
 * one instruction per iteration, so clearing or copying a page costs 1024.
 */
#include "kernel/lib.h"

/* Whole 32-bit words first (a page is 1024 iterations, not 4096), then bytes. */
void *memset(void *dst, int c, size_t n)
{
    void *d = dst;
    uint32_t word = (uint8_t)c * 0x01010101u;
    size_t words = n / 4, bytes = n % 4;

    __asm__ volatile("rep stosl" : "+D"(d), "+c"(words) : "a"(word) : "memory");
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(bytes) : "a"(word) : "memory");
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    void *d = dst;
    size_t words = n / 4, bytes = n % 4;

    __asm__ volatile("rep movsl" : "+D"(d), "+S"(src), "+c"(words) : : "memory");
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(bytes) : : "memory");
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d <= s || d >= s + n)
        return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n];
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (!*a)
            return 0;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (; *s; s++)
        if (*s == (char)c)
            return (char *)s;
    return c ? 0 : (char *)s;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = 0;
    }
    return len;
}

uint32_t parse_uint(const char *s, const char **end, int base)
{
    uint32_t v = 0;

    if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    for (;; s++) {
        int d;
        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            d = *s - 'a' + 10;
        else if (base == 16 && *s >= 'A' && *s <= 'F')
            d = *s - 'A' + 10;
        else
            break;
        v = v * base + d;
    }
    if (end)
        *end = s;
    return v;
}

/* Output state of one kvsnprintf call: bytes beyond size are counted, not stored. */
struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width, int left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;

    if (!left)
        while (fill-- > 0)
            put(o, pad);
    while (n--)
        put(o, *s++);
    if (left)
        while (fill-- > 0)
            put(o, ' ');
}

/* *n /= base, returning the remainder, with 32-bit divisions only (the
 * kernel has no libgcc for 64-bit division). */
static uint32_t div64_u32(uint64_t *n, uint32_t base)
{
    uint32_t high = (uint32_t)(*n >> 32), low = (uint32_t)*n;
    uint32_t q_high = high / base, rem = high % base, q_low;

    /* divide rem:low by base; rem < base, so the quotient fits 32 bits */
    __asm__("divl %4" : "=a"(q_low), "=d"(rem) : "a"(low), "d"(rem), "rm"(base));
    *n = ((uint64_t)q_high << 32) | q_low;
    return rem;
}

static void put_number(struct out *o, uint64_t v, int base, int negative,
                       int width, int left, char pad)
{
    char tmp[24];
    int n = 0;

    do {
        tmp[n++] = "0123456789abcdef"[div64_u32(&v, base)];
    } while (v);
    if (negative) {
        if (pad == '0') {
            put(o, '-');
            width--;
        } else {
            tmp[n++] = '-';
        }
    }
    /* reverse into place */
    for (int i = 0; i < n / 2; i++) {
        char t = tmp[i];
        tmp[i] = tmp[n - 1 - i];
        tmp[n - 1 - i] = t;
    }
    put_padded(o, tmp, n, width, left, pad);
}

/*
 * kvsnprintf - format into buf, always NUL-terminated when size > 0.
 * Supports %d %u %o %x %p %s %c %%, a width, '-' (left) and '0' (zero pad),
 * and the 'l'/'ll' length modifiers.  Returns the length it wanted.
 */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };

    for (; *fmt; fmt++) {
        int left = 0, width = 0, longs = 0;
        char pad = ' ';

        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        fmt++;
        for (; *fmt == '-' || *fmt == '0'; fmt++) {
            if (*fmt == '-')
                left = 1;
            else
                pad = '0';
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') {
            longs++;
            fmt++;
        }
        switch (*fmt) {
        case 'd': {
            int64_t v = longs >= 2 ? va_arg(ap, int64_t) : va_arg(ap, long);
            put_number(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, left, pad);
            break;
        }
        case 'u':
        case 'o':
        case 'x': {
            uint64_t v = longs >= 2 ? va_arg(ap, uint64_t) : va_arg(ap, unsigned long);
            put_number(&o, v, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16, 0, width, left, pad);
            break;
        }
        case 'p':
            put(&o, '0');
            put(&o, 'x');
            put_number(&o, (uintptr_t)va_arg(ap, void *), 16, 0, 8, 0, '0');
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            put_padded(&o, s, strlen(s), width, left, ' ');
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            put_padded(&o, &c, 1, width, left, ' ');
            break;
        }
        case '%':
            put(&o, '%');
            break;
        default:
            put(&o, '%');
            if (*fmt)
                put(&o, *fmt);
            else
                fmt--;
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = 0;
    return (int)o.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

uint8_t random_byte(void)
{
    static uint32_t state = 0x12345678;

    state = state * 1103515245 + 12345;
    return state >> 16;
}

/*
 * ulib.c - string functions and uprintf for raw user programs.
 *
 * Deliberately small and plain, like xv6's ulib.c and printf.c: these
 * are the only library a raw program has.  The compiler may also call
 * memset/memcpy by itself (for struct copies), so they must exist.
 */
#include "ulib.h"

unsigned strlen(const char *s)
{
    unsigned n = 0;

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

int strncmp(const char *a, const char *b, unsigned n)
{
    for (; n > 0; n--, a++, b++) {
        if (*a != *b || !*a)
            return (unsigned char)*a - (unsigned char)*b;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (; *s; s++)
        if (*s == (char)c)
            return (char *)s;
    return c ? NULL : (char *)s;
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for (; *s; s++)
        if (*s == (char)c)
            last = s;
    return c ? (char *)last : (char *)s;
}

void *memset(void *dst, int c, unsigned n)
{
    unsigned char *d = dst;

    while (n--)
        *d++ = c;
    return dst;
}

void *memcpy(void *dst, const void *src, unsigned n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    while (n--)
        *d++ = *s++;
    return dst;
}

int memcmp(const void *a, const void *b, unsigned n)
{
    const unsigned char *p = a, *q = b;

    for (; n > 0; n--, p++, q++)
        if (*p != *q)
            return *p - *q;
    return 0;
}

/* ---- uprintf ---- */

struct outbuf {
    int fd;
    int len;
    int total;          /* bytes written so far, or a negative errno */
    char buf[512];
};

static void flush(struct outbuf *o)
{
    int off = 0;

    while (off < o->len && o->total >= 0) {
        int r = write(o->fd, o->buf + off, o->len - off);
        if (r <= 0) {
            o->total = r < 0 ? r : -EIO;
            break;
        }
        off += r;
        o->total += r;
    }
    o->len = 0;
}

static void putc(struct outbuf *o, char c)
{
    if (o->len == (int)sizeof(o->buf))
        flush(o);
    o->buf[o->len++] = c;
}

/* Writes the n bytes of s padded with spaces to width columns: on the
 * left (right-aligned), or on the right with the '-' flag.  With the '0'
 * flag a number is padded with zeros after its sign instead. */
static void putfield(struct outbuf *o, const char *s, int n, int width, int left, int zero)
{
    int pad = width > n ? width - n : 0;

    if (zero && !left) {
        if (n > 0 && *s == '-') {
            putc(o, *s++);
            n--;
        }
        while (pad-- > 0)
            putc(o, '0');
    } else if (!left) {
        while (pad-- > 0)
            putc(o, ' ');
    }
    while (n-- > 0)
        putc(o, *s++);
    while (left && pad-- > 0)
        putc(o, ' ');
}

/* Formats v in base into buf (at least 12 bytes); returns the length. */
static int fmtnum(char *buf, unsigned v, unsigned base, int negative)
{
    char digits[12];
    int n = 0, len = 0;

    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (negative)
        buf[len++] = '-';
    while (n > 0)
        buf[len++] = digits[--n];
    return len;
}

int vuprintf(int fd, const char *fmt, va_list ap)
{
    struct outbuf o;
    char num[16];
    const char *s;
    int d, left, zero, width;

    o.fd = fd;
    o.len = 0;
    o.total = 0;
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            putc(&o, *fmt);
            continue;
        }
        /* flags '-' (align left) and '0' (pad with zeros), then a width */
        left = zero = width = 0;
        for (;; fmt++) {
            if (fmt[1] == '-')
                left = 1;
            else if (fmt[1] == '0')
                zero = 1;
            else
                break;
        }
        while (fmt[1] >= '0' && fmt[1] <= '9')
            width = width * 10 + *++fmt - '0';
        switch (*++fmt) {
        case 'd':
            d = va_arg(ap, int);
            putfield(&o, num, fmtnum(num, d < 0 ? -(unsigned)d : (unsigned)d, 10, d < 0),
                     width, left, zero);
            break;
        case 'u':
            putfield(&o, num, fmtnum(num, va_arg(ap, unsigned), 10, 0), width, left, zero);
            break;
        case 'x':
            putfield(&o, num, fmtnum(num, va_arg(ap, unsigned), 16, 0), width, left, zero);
            break;
        case 'p':
            num[0] = '0';
            num[1] = 'x';
            putfield(&o, num, 2 + fmtnum(num + 2, (unsigned)va_arg(ap, void *), 16, 0),
                     width, left, 0);
            break;
        case 'c':
            num[0] = (char)va_arg(ap, int);
            putfield(&o, num, 1, width, left, 0);
            break;
        case 's':
            s = va_arg(ap, const char *);
            s = s ? s : "(null)";
            putfield(&o, s, strlen(s), width, left, 0);
            break;
        case '%':
            putc(&o, '%');
            break;
        case 0:                 /* a lone '%' at the end */
            fmt--;
            break;
        default:                /* unknown: print it as it was */
            putc(&o, '%');
            putc(&o, *fmt);
            break;
        }
    }
    flush(&o);
    return o.total;
}

int uprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vuprintf(fd, fmt, ap);
    va_end(ap);
    return r;
}

int uprintf_path(const char *path, int flags, const char *fmt, ...)
{
    va_list ap;
    int fd = open(path, flags, 0), r;

    if (fd < 0)
        return fd;
    va_start(ap, fmt);
    r = vuprintf(fd, fmt, ap);
    va_end(ap);
    close(fd);
    return r;
}

/* ---- small helpers ---- */

void msleep(unsigned ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) == -EINTR)
        ;
}

int waitpid_retry(int pid, int *status)
{
    int r;

    do
        r = waitpid(pid, status, 0);
    while (r == -EINTR);
    return r;
}

/*
 * toolslib.c - helpers shared by the tools and the shell (see toolslib.h).
 */
#include "toolslib.h"

int read_file(const char *path, char *buf, unsigned size)
{
    int fd = open(path, O_RDONLY, 0);
    unsigned len = 0;
    int n = 0;

    if (fd < 0)
        return fd;
    while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
        len += n;
    close(fd);
    buf[len] = 0;
    return n < 0 ? n : (int)len;
}

const char *find_text(const char *text, const char *name)
{
    unsigned n = strlen(name);
    const char *line = text;

    while (line && *line) {
        if (!strncmp(line, name, n) && line[n] == ':') {
            const char *p = line + n + 1;
            while (*p == ' ' || *p == '\t')
                p++;
            return p;
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return NULL;
}

int find_field(const char *text, const char *name, unsigned *value)
{
    const char *p = find_text(text, name);

    *value = p ? parse_num(&p, 10) : 0;
    return p != NULL;
}

unsigned parse_num(const char **p, unsigned base)
{
    unsigned v = 0;

    for (;; (*p)++) {
        char c = **p;
        int d = c >= '0' && c <= '9' ? c - '0'
              : base == 16 && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0)
            return v;
        v = v * base + d;
    }
}

int fmt_uint(char *buf, unsigned v)
{
    char digits[12];
    int n = 0, len = 0;

    do
        digits[n++] = '0' + v % 10;
    while ((v /= 10) != 0);
    while (n > 0)
        buf[len++] = digits[--n];
    buf[len] = 0;
    return len;
}

/* Linux's strerror() texts, for the errors a tool or the shell may meet. */
const char *errno_text(int err)
{
    static const char *const texts[] = {
        [EPERM] = "Operation not permitted",    [ENOENT] = "No such file or directory",
        [ESRCH] = "No such process",            [EINTR] = "Interrupted system call",
        [EIO] = "Input/output error",           [E2BIG] = "Argument list too long",
        [ENOEXEC] = "Exec format error",        [EBADF] = "Bad file descriptor",
        [ECHILD] = "No child processes",        [EAGAIN] = "Resource temporarily unavailable",
        [ENOMEM] = "Cannot allocate memory",    [EACCES] = "Permission denied",
        [EFAULT] = "Bad address",               [EEXIST] = "File exists",
        [ENOTDIR] = "Not a directory",          [EISDIR] = "Is a directory",
        [EINVAL] = "Invalid argument",          [EMFILE] = "Too many open files",
        [ETXTBSY] = "Text file busy",           [ENOSPC] = "No space left on device",
        [EROFS] = "Read-only file system",      [EPIPE] = "Broken pipe",
        [ENAMETOOLONG] = "File name too long",  [ENOSYS] = "Function not implemented",
        [EBUSY] = "Device or resource busy",    [EXDEV] = "Invalid cross-device link",
        [EFBIG] = "File too large",             [ENOTEMPTY] = "Directory not empty",
        [ELOOP] = "Too many levels of symbolic links",
    };
    static char buf[20] = "errno ";

    if (err > 0 && err < (int)(sizeof(texts) / sizeof(texts[0])) && texts[err])
        return texts[err];
    fmt_uint(buf + 6, err);
    return buf;
}

/*
 * cmdline.c - look up key=value words on the kernel command line.
 */
#include "kernel/cmdline.h"
#include "kernel/lib.h"

char kernel_cmdline[256];

int cmdline_get(const char *cmdline, const char *key, char *buf, size_t size)
{
    size_t keylen = strlen(key);
    const char *p = cmdline;

    while (*p) {
        while (*p == ' ')
            p++;
        const char *word = p;
        while (*p && *p != ' ')
            p++;
        if ((size_t)(p - word) > keylen && !strncmp(word, key, keylen) && word[keylen] == '=') {
            size_t n = p - word - keylen - 1;
            if (n >= size)
                n = size - 1;
            memcpy(buf, word + keylen + 1, n);
            buf[n] = 0;
            return 1;
        }
    }
    return 0;
}

int cmdline_has(const char *cmdline, const char *key, const char *value)
{
    char buf[64];

    return cmdline_get(cmdline, key, buf, sizeof(buf)) && !strcmp(buf, value);
}

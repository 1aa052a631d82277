/*
 * cmdline.c - the kernel command line, parsed as Linux parses its own:
 * words separated by spaces, a double-quoted part of a word may hold
 * spaces (the quotes are dropped), "key=value" words are the kernel's
 * options, and every word after a lone "--" is an argument for init.
 */
#include "kernel/cmdline.h"
#include "kernel/lib.h"

char kernel_cmdline[CMDLINE_MAX];
int kernel_cmdline_truncated;

/*
 * Keep the Multiboot command line without the kernel image's path, which
 * QEMU's -kernel puts first (GRUB 2 does not): a first word that is no
 * option ("key=value") and not "--" is that path.
 */
void cmdline_set(const char *multiboot_line)
{
    const char *p = multiboot_line, *word;
    int is_path = 1;

    while (*p == ' ')
        p++;
    for (word = p; *p && *p != ' '; p++)
        if (*p == '=')
            is_path = 0;
    if (p - word == 2 && !strncmp(word, "--", 2))
        is_path = 0;
    if (!is_path)
        p = word;
    while (*p == ' ')
        p++;
    kernel_cmdline_truncated = strlcpy(kernel_cmdline, p, sizeof(kernel_cmdline)) >= sizeof(kernel_cmdline);
}

/* Copy the next word at *p into buf (at most size - 1 bytes, the rest
 * dropped) and move *p past it.  Returns 0 when there is none left. */
static int next_word(const char **p, char *buf, size_t size)
{
    const char *s = *p;
    size_t n = 0;
    int quoted = 0;

    while (*s == ' ')
        s++;
    if (!*s)
        return 0;
    for (; *s && (quoted || *s != ' '); s++) {
        if (*s == '"')
            quoted = !quoted;
        else if (n + 1 < size)
            buf[n++] = *s;
    }
    buf[n] = 0;
    *p = s;
    return 1;
}

int cmdline_get(const char *cmdline, const char *key, char *buf, size_t size)
{
    static char word[CMDLINE_MAX];      /* boot code only: one caller at a time */
    size_t keylen = strlen(key);
    const char *p = cmdline;

    while (next_word(&p, word, sizeof(word)) && strcmp(word, "--")) {
        if (!strncmp(word, key, keylen) && word[keylen] == '=') {
            strlcpy(buf, word + keylen + 1, size);
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

int cmdline_init_argv(const char *cmdline, const char **argv, int max, char *buf, size_t size)
{
    const char *p = cmdline;
    size_t used = 0;
    int argc = 0;

    argv[argc++] = "init";
    if (cmdline_get(cmdline, "run", buf, size)) {       /* run=PROGRAM[,ARG...] */
        used = strlen(buf) + 1;
        for (char *w = buf; argc < max;) {
            argv[argc++] = w;
            while (*w && *w != ',')
                w++;
            if (!*w)
                break;
            *w++ = 0;
        }
    }
    while (used < size && next_word(&p, buf + used, size - used) && strcmp(buf + used, "--"))
        ;
    while (argc < max && used < size && next_word(&p, buf + used, size - used)) {
        argv[argc++] = buf + used;
        used += strlen(buf + used) + 1;
    }
    int dropped = used >= size || next_word(&p, buf + used, size - used);
    argv[argc] = 0;
    return dropped ? -1 : argc;
}

/*
 * echo.c - echo [-n] [ARG...]: writes the arguments separated by spaces,
 * then a newline unless -n comes first, as GNU echo does without its
 * backslash escapes (-e).  One write, so a line is never cut by another
 * process's output.  Exit status 1 if the write failed.
 */
#include "toolslib.h"

int main(int argc, char **argv)
{
    static char text[8192];
    int i = 1, len = 0, newline = 1;

    if (argc > 1 && !strcmp(argv[1], "-n")) {
        newline = 0;
        i++;
    }
    for (; i < argc; i++) {
        unsigned n = strlen(argv[i]);
        if (len + n + 2 > sizeof(text)) {
            uprintf(2, "echo: more than %d bytes\n", (int)sizeof(text) - 2);
            return 1;
        }
        memcpy(text + len, argv[i], n);
        len += n;
        if (i + 1 < argc)
            text[len++] = ' ';
    }
    if (newline)
        text[len++] = '\n';
    return len && write(1, text, len) != len;
}

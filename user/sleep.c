/*
 * sleep.c - sleep SECONDS: sleeps that many whole seconds (nanosleep).
 * Something to run in the background with the shell's '&'.  Exit status
 * 1, with GNU sleep's message, for a missing or malformed operand.
 */
#include "toolslib.h"

int main(int argc, char **argv)
{
    const char *p = argc == 2 ? argv[1] : "";
    unsigned seconds = parse_num(&p, 10);

    if (argc != 2 || *p || p == argv[1]) {
        uprintf(2, argc == 2 ? "sleep: invalid time interval '%s'\n" : "sleep: missing operand\n", argv[1]);
        return 1;
    }
    struct timespec t = { seconds, 0 };
    while (nanosleep(&t, &t) == -EINTR)
        ;
    return 0;
}

/*
 * hello_raw.c - a raw program (no C library): prints its arguments and
 * environment as crt0.S found them on the initial stack, then returns 3,
 * which crt0.S passes to exit_group.
 */
#include "lib/ulib.h"

int main(int argc, char **argv, char **envp)
{
    int i;

    write(1, "hello from a raw program\n", 25);
    uprintf(1, "argc = %d\n", argc);
    for (i = 0; i < argc; i++)
        uprintf(1, "argv[%d] = %s\n", i, argv[i]);
    for (i = 0; envp[i]; i++)
        uprintf(1, "envp[%d] = %s\n", i, envp[i]);
    uprintf(1, "environ %s envp\n", environ == envp ? "==" : "!=");
    uprintf(2, "this line went to stderr\n");
    return 3;
}

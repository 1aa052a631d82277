/*
 * show_args.c - prints argc and each argument in brackets, so that
 * spaces, empty strings and quotes in tests/run --args show exactly.
 */
#include "lib/ulib.h"

int main(int argc, char **argv)
{
    uprintf(1, "argc %d\n", argc);
    for (int i = 0; i < argc; i++)
        uprintf(1, "argv[%d] [%s]\n", i, argv[i]);
    return 0;
}

/*
 * mkdir.c - mkdir DIR...: makes each directory (mode 0777 less the
 * umask, as Linux's mkdir does).  Exit status 1 if one could not be made.
 */
#include "toolslib.h"
#include "lib/ufs.h"

int main(int argc, char **argv)
{
    int status = 0;

    if (argc < 2) {
        uprintf(2, "usage: mkdir DIR...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        int err = mkdir(argv[i], 0777);
        if (err < 0) {
            uprintf(2, "mkdir: %s: %s\n", argv[i], errno_text(-err));
            status = 1;
        }
    }
    return status;
}

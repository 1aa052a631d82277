/*
 * rm.c - rm [-d] PATH...: removes each name (unlink); with -d an empty
 * directory too (rmdir).  A file that is still open or mapped keeps its
 * data until the last close or munmap.  Exit status 1 if one could not
 * be removed.
 */
#include "toolslib.h"
#include "lib/ufs.h"

int main(int argc, char **argv)
{
    int i = 1, dirs = 0, status = 0;

    if (i < argc && !strcmp(argv[i], "-d")) {
        dirs = 1;
        i++;
    }
    if (i == argc) {
        uprintf(2, "usage: rm [-d] PATH...\n");
        return 2;
    }
    for (; i < argc; i++) {
        int err = unlink(argv[i]);
        if (err == -EISDIR && dirs)
            err = rmdir(argv[i]);
        if (err < 0) {
            uprintf(2, "rm: %s: %s\n", argv[i], errno_text(-err));
            status = 1;
        }
    }
    return status;
}

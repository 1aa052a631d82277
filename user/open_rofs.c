/*
 * open_rofs.c - the ramdisk cannot create or truncate files yet, so open()
 * answers as Linux does on a read-only file system: -EROFS for O_CREAT of
 * a file that does not exist and for O_TRUNC, while -EEXIST for
 * O_CREAT|O_EXCL on a file that exists comes first.  On Linux's writable
 * file systems these calls create and truncate, so this test is the
 * kernel's alone (open_rofs.linux-differs); file_access has the part
 * Linux shares.  Needs the file pattern10000.
 */
#include "lib/vmtest.h"

#define O_EXCL 0200

int main(void)
{
    static const struct { const char *path, *what; int flags; } cases[] = {
        { "no_such_file", "O_CREAT", O_WRONLY | O_CREAT },
        { "no_such_file", "O_CREAT|O_EXCL", O_WRONLY | O_CREAT | O_EXCL },
        { "no_such_file", "O_RDONLY", O_RDONLY },
        { "pattern10000", "O_CREAT|O_EXCL", O_WRONLY | O_CREAT | O_EXCL },
        { "pattern10000", "O_RDONLY|O_TRUNC", O_RDONLY | O_TRUNC },
        { "pattern10000", "O_WRONLY|O_TRUNC", O_WRONLY | O_TRUNC },
        { "pattern10000", "O_RDWR|O_CREAT|O_TRUNC", O_RDWR | O_CREAT | O_TRUNC },
    };

    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        uprintf(1, "%s %s: %d\n", cases[i].path, cases[i].what,
                open(cases[i].path, cases[i].flags, 0644));
    int fd = open("pattern10000", O_RDONLY, 0);
    uprintf(1, "the file still has %d bytes\n", (int)lseek(fd, 0, SEEK_END));
    return 0;
}

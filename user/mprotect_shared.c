/*
 * mprotect_shared.c - a MAP_SHARED mapping of a file opened read-only can
 * never become writable: mprotect(PROT_WRITE) is -EACCES (-13), and a
 * write still kills with SIGSEGV.  A private mapping of the same file may
 * become writable (its writes are copies), and one of a file opened
 * read-write may too (raw).
 */
#include "lib/vmtest.h"

#define FILE_NAME "pattern10000"

static char *map(int flags, int prot, int open_flags)
{
    int fd = open(FILE_NAME, open_flags, 0);
    char *p = (char *)mmap2(NULL, PAGE, prot, flags, fd, 0);
    close(fd);
    return p;
}

static void write_first_byte(void *p)
{
    *(volatile char *)p = 1;
}

int main(void)
{
    char status_buf[24];
    char *ro_shared = map(MAP_SHARED, PROT_READ, O_RDONLY);
    char *ro_private = map(MAP_PRIVATE, PROT_READ, O_RDONLY);
    char *rw_shared = map(MAP_SHARED, PROT_READ, O_RDWR);

    uprintf(1, "shared, read-only file, mprotect(PROT_WRITE): %d\n",
            mprotect(ro_shared, PAGE, PROT_READ | PROT_WRITE));
    uprintf(1, "  a write there: %s\n",
            status_text(status_of_child(write_first_byte, ro_shared), status_buf));
    uprintf(1, "private, read-only file, mprotect(PROT_WRITE): %d\n",
            mprotect(ro_private, PAGE, PROT_READ | PROT_WRITE));
    ro_private[0] = 'P';
    uprintf(1, "  written: %c\n", ro_private[0]);
    uprintf(1, "shared, read-write file, mprotect(PROT_WRITE): %d\n",
            mprotect(rw_shared, PAGE, PROT_READ | PROT_WRITE));
    uprintf(1, "  a write there: %s\n",
            status_text(status_of_child(write_first_byte, rw_shared), status_buf));
    return 0;
}

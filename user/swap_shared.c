/*
 * swap_shared.c - shared and file-backed pages under memory pressure.
 * A shared anonymous region (8 MiB) is written by a child and must be
 * seen by the parent; a MAP_SHARED mapping of a ramdisk file is written
 * by the parent, and a MAP_PRIVATE mapping of the same file gets private
 * copies.  Then the parent writes and drops a region twice the RAM of
 * its test (swap_shared.mem, .swap), which pushes every one of them out:
 * shmem pages to swap, file pages dropped (written back to the file
 * first), private copies to swap.  Afterwards each one must read back as
 * it was written, and read() of the file must show the shared writes and
 * none of the private ones.  Needs the file pattern1048576.
 */
#include "lib/vmtest.h"

#define SHM   (8u << 20)
#define FILE_SIZE (1u << 20)
#define SWEEP (32u << 20)
#define FILE_NAME "pattern1048576"

static unsigned marker(unsigned page, unsigned who)
{
    return 0x5a000000u ^ (page * 2654435761u) ^ who;
}

/* Pages of p (bytes long) whose first word is not marker(page, who). */
static unsigned wrong(const volatile unsigned *p, unsigned bytes, unsigned who)
{
    unsigned bad = 0;

    for (unsigned i = 0; i < bytes / PAGE; i++)
        bad += p[i * (PAGE / 4)] != marker(i, who);
    return bad;
}

static void fill(volatile unsigned *p, unsigned bytes, unsigned who)
{
    for (unsigned i = 0; i < bytes / PAGE; i++)
        p[i * (PAGE / 4)] = marker(i, who);
}

int main(void)
{
    int fd = open(FILE_NAME, O_RDWR, 0), done[2];
    volatile unsigned *shm = (volatile unsigned *)mmap2(0, SHM, PROT_READ | PROT_WRITE,
                                                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    volatile unsigned *fs = (volatile unsigned *)mmap2(0, FILE_SIZE, PROT_READ | PROT_WRITE,
                                                       MAP_SHARED, fd, 0);
    volatile unsigned *fp = (volatile unsigned *)mmap2(0, FILE_SIZE, PROT_READ | PROT_WRITE,
                                                       MAP_PRIVATE, fd, 0);

    if (fd < 0 || MAP_FAILED(shm) || MAP_FAILED(fs) || MAP_FAILED(fp)) {
        uprintf(1, "setup failed\n");
        return 1;
    }
    fill(fs, FILE_SIZE, 1);
    fill(fp, FILE_SIZE, 2);
    pipe(done);
    int pid = fork();
    if (pid == 0) {
        fill(shm, SHM, 3);
        signal_other(done[1]);
        exit(0);
    }
    wait_for(done[0]);
    char *sweep = map_anon(SWEEP / PAGE);
    for (unsigned i = 0; i < SWEEP; i += PAGE)
        sweep[i] = 1;
    munmap(sweep, SWEEP);
    uprintf(1, "shared anonymous pages wrong: %u\n", wrong(shm, SHM, 3));
    uprintf(1, "MAP_SHARED file pages wrong: %u\n", wrong(fs, FILE_SIZE, 1));
    uprintf(1, "MAP_PRIVATE copies wrong: %u\n", wrong(fp, FILE_SIZE, 2));
    unsigned bad = 0, word;
    for (unsigned i = 0; i < FILE_SIZE / PAGE; i++) {
        lseek(fd, i * PAGE, SEEK_SET);
        bad += read(fd, &word, 4) != 4 || word != marker(i, 1);
    }
    uprintf(1, "read() of the file: pages without the shared writes: %u\n", bad);
    int status;
    waitpid_retry(pid, &status);
    return 0;
}

/*
 * fs_swap.c - file data of the writable file system goes to swap under
 * memory pressure and comes back intact (raw, kernel-only: Linux has no
 * frame budget, fs_swap.linux-differs).  With a budget of 1 MiB of user
 * frames (fs_swap.kargs) and a swap disk, the program writes 4 MiB to a
 * new file in 64 KiB chunks of a pattern, reads it back with read() and
 * through a shared mapping, checking every byte, and looks at
 * /proc/meminfo's Shmem (file pages in memory) and /proc/swaps' Used:
 * swap is in use once the file is written, and when the file is deleted
 * its slots are freed and Shmem is back to where it started.  The
 * program locks its own pages in memory first (mlockall), so that the
 * swap in use is the file's, but for a few pages of init's that the
 * pressure pushes out too (8 kB here): so "freed" is "under 64 kB" (the
 * file had over 3 MiB there).
 */
#include "lib/ufs.h"
#include "lib/vmtest.h"

#define FILE_SIZE (4u << 20)
#define CHUNK (64u * 1024)

static unsigned chunk[CHUNK / 4];
static char text[4096];

static void fill_chunk(unsigned index)
{
    for (unsigned i = 0; i < CHUNK / 4; i++)
        chunk[i] = (index * (CHUNK / 4) + i) * 2654435761u;
}

/* Words of the chunk at index that p does not hold as the pattern. */
static unsigned wrong_words(const unsigned *p, unsigned index)
{
    unsigned bad = 0;

    for (unsigned i = 0; i < CHUNK / 4; i++)
        bad += p[i] != (index * (CHUNK / 4) + i) * 2654435761u;
    return bad;
}

/* /proc/meminfo's "Shmem:" in kB, or -1 when it has no such line. */
static int shmem_kb(void)
{
    unsigned kb = 0;

    read_all(open("/proc/meminfo", O_RDONLY, 0), text, sizeof(text));
    for (const char *line = text; *line;) {
        if (!strncmp(line, "Shmem:", 6)) {
            proc_field(line, "Shmem", &kb);
            return (int)kb;
        }
        const char *end = strchr(line, '\n');
        line = end ? end + 1 : line + strlen(line);
    }
    return -1;
}

/* The Used column (kB) of /proc/swaps' first area, or -1 if none. */
static int swap_used_kb(void)
{
    const char *p;

    read_all(open("/proc/swaps", O_RDONLY, 0), text, sizeof(text));
    p = strchr(text, '\n');
    if (!p || !p[1])
        return -1;
    p++;
    for (int field = 0; field < 3; field++) {
        while (*p && *p != ' ' && *p != '\t')
            p++;
        while (*p == ' ' || *p == '\t')
            p++;
    }
    return (int)parse_decimal(&p);
}

int main(void)
{
    unsigned bad = 0, short_io = 0;
    unsigned *map;

    /* the program's own pages stay in memory, so that only the file's
     * data use swap */
    uprintf(1, "mlockall(MCL_CURRENT) = %s\n", result_text(mlockall(MCL_CURRENT)));
    int fd = open("big", O_RDWR | O_CREAT | O_EXCL, 0644), shmem0 = shmem_kb(), used0 = swap_used_kb();
    uprintf(1, "/proc/meminfo has Shmem: %s; swap in use at the start: %s\n", yes(shmem0 >= 0),
            yes(used0 != 0));
    for (unsigned i = 0; i < FILE_SIZE / CHUNK; i++) {
        fill_chunk(i);
        short_io += write(fd, chunk, CHUNK) != (int)CHUNK;
    }
    int used1 = swap_used_kb(), shmem1 = shmem_kb();
    uprintf(1, "wrote 4 MiB (short writes %u); swap in use now: %s; Shmem grew: %s\n", short_io,
            yes(used1 > used0), yes(shmem1 > shmem0));

    lseek(fd, 0, SEEK_SET);
    for (unsigned i = 0; i < FILE_SIZE / CHUNK; i++) {
        memset(chunk, 0, CHUNK);
        short_io += read(fd, chunk, CHUNK) != (int)CHUNK;
        bad += wrong_words(chunk, i);
    }
    uprintf(1, "read() back: short reads %u, wrong words %u\n", short_io, bad);

    map = (unsigned *)mmap2(NULL, FILE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
    if (MAP_FAILED(map)) {
        uprintf(1, "mmap = %s\n", result_text((int)(long)map));
        return 1;
    }
    bad = 0;
    for (unsigned i = 0; i < FILE_SIZE / CHUNK; i++)
        bad += wrong_words(map + i * (CHUNK / 4), i);
    uprintf(1, "through a shared mapping: wrong words %u; swap still in use: %s\n", bad,
            yes(swap_used_kb() > used0));
    munmap(map, FILE_SIZE);
    close(fd);

    uprintf(1, "unlink(big) = %s\n", result_text(unlink("big")));
    int used2 = swap_used_kb();
    uprintf(1, "swap in use after it: under 64 kB: %s; Shmem back to the start: %s\n",
            yes(used2 >= 0 && used2 < 64), yes(shmem_kb() == shmem0));
    return 0;
}

/*
 * highmem_reserve - Linux's lowmem_reserve at 2 GiB of RAM
 * (highmem_reserve.mem: 1150 MiB of HighMem): user pages that have filled HighMem may not
 * take the last lowmem frames, which only the kernel can use.
 *
 * /proc/zoneinfo's "protection" tuples must be Linux's formula of the
 * zones' managed frames (sysctl_lowmem_reserve_ratio: DMA 256, Normal
 * 32).  Then child A writes 1200 MiB and waits, and child B writes
 * 850 MiB, which do not both fit: B's pages fill HighMem, then Normal
 * down to its protection for HighMem, then DMA until the free frames
 * above the protections are down to the min watermark, and then the OOM
 * killer takes A, the bigger, and B finishes.  After each MiB B reads the
 * free frames of Normal and DMA: the lowest it saw in Normal is its
 * protection (within the 256 frames between two looks, and a few frames
 * under it for page tables, which the kernel may still take), and DMA
 * never went below its own.  A kernel without the reserve lets B take
 * Normal down to nothing.
 */
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIB (1u << 20)
#define PAGE 4096u
#define A_MIB 1200u
#define B_MIB 850u
#define SLACK_BELOW 64u         /* page tables and the like, taken after the reserve was reached */
#define SLACK_ABOVE 256u        /* the frames B takes between two looks */

enum { DMA, NORMAL, HIGHMEM, NR_ZONES };
static const char *const zone_names[NR_ZONES] = { "DMA", "Normal", "HighMem" };

struct zone_info {
    unsigned free, managed, protection[NR_ZONES];
};

/* The three zones of /proc/zoneinfo; 0 if a zone or a line is missing. */
static int zoneinfo_read(struct zone_info z[NR_ZONES])
{
    FILE *f = fopen("/proc/zoneinfo", "r");
    char line[256], name[16];
    int zone = -1, found = 0;

    memset(z, 0, NR_ZONES * sizeof(*z));
    while (f && fgets(line, sizeof(line), f)) {
        if (sscanf(line, "Node 0, zone %15s", name) == 1) {
            zone = -1;
            for (int i = 0; i < NR_ZONES; i++)
                if (strcmp(name, zone_names[i]) == 0)
                    zone = i;
        } else if (zone >= 0) {
            struct zone_info *zi = &z[zone];
            sscanf(line, " pages free %u", &zi->free);
            sscanf(line, " managed %u", &zi->managed);
            found += sscanf(line, " protection: (%u, %u, %u)", &zi->protection[0],
                            &zi->protection[1], &zi->protection[2]) == 3;
        }
    }
    if (f)
        fclose(f);
    return found == NR_ZONES;
}

static void write_mib(unsigned mib, void (*each_mib)(void))
{
    char *p = mmap((void *)0x10000000, (size_t)mib * MIB, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        printf("mmap of %u MiB failed\n", mib);
        _exit(1);
    }
    for (unsigned m = 0; m < mib; m++) {
        for (unsigned off = 0; off < MIB; off += PAGE)
            p[(size_t)m * MIB + off] = 1;
        if (each_mib)
            each_mib();
    }
}

/* B's lowest free frames of DMA and Normal, in memory shared with the parent. */
static unsigned *lowest;

static void look(void)
{
    struct zone_info z[NR_ZONES];

    if (!zoneinfo_read(z))
        return;
    for (int i = DMA; i <= NORMAL; i++)
        if (z[i].free < lowest[i])
            lowest[i] = z[i].free;
}

static const char *yes(int cond)
{
    return cond ? "yes" : "no";
}

static void report(const char *what, int pid)
{
    int status;

    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
        printf("%s: signal %d\n", what, WTERMSIG(status));
    else
        printf("%s: exit %d\n", what, WEXITSTATUS(status));
}

int main(void)
{
    struct zone_info z[NR_ZONES];
    int ready[2];

    if (!zoneinfo_read(z)) {
        printf("/proc/zoneinfo has no protection line for each of DMA, Normal and HighMem\n");
        return 1;
    }
    unsigned high = z[HIGHMEM].managed, normal = z[NORMAL].managed;
    printf("HighMem managed: more than 1 GiB %s\n", yes(high > 1024 * 256));
    printf("protection of HighMem: (0, 0, 0) %s\n",
           yes(!z[HIGHMEM].protection[0] && !z[HIGHMEM].protection[1] && !z[HIGHMEM].protection[2]));
    printf("protection of Normal: (0, 0, HighMem / 32) %s\n",
           yes(!z[NORMAL].protection[0] && !z[NORMAL].protection[1] &&
               z[NORMAL].protection[2] == high / 32));
    printf("protection of DMA: (0, Normal / 256, (Normal + HighMem) / 256) %s\n",
           yes(!z[DMA].protection[0] && z[DMA].protection[1] == normal / 256 &&
               z[DMA].protection[2] == (normal + high) / 256));

    lowest = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    lowest[DMA] = lowest[NORMAL] = ~0u;
    pipe(ready);
    int a = fork();
    if (a == 0) {
        write_mib(A_MIB, 0);
        write(ready[1], "x", 1);
        for (;;)
            pause();
    }
    char c;
    if (read(ready[0], &c, 1) != 1)
        printf("A died before it had written its %u MiB\n", A_MIB);
    int b = fork();
    if (b == 0) {
        write_mib(B_MIB, look);
        _exit(0);
    }
    report("B, the smaller", b);
    int status, r = waitpid(a, &status, WNOHANG);
    printf("A, the bigger, was killed (SIGKILL: the OOM killer) while B ran: %s\n",
           yes(r == a && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
    if (r != a) {                   /* B found room: A waits for nothing */
        kill(a, SIGKILL);
        waitpid(a, &status, 0);
    }
    unsigned reserve = z[NORMAL].protection[HIGHMEM];
    printf("Normal: the lowest free count B saw is its protection for HighMem"
           " (-%u, +%u frames): %s\n", SLACK_BELOW, SLACK_ABOVE,
           yes(lowest[NORMAL] + SLACK_BELOW >= reserve && lowest[NORMAL] <= reserve + SLACK_ABOVE));
    if (lowest[NORMAL] + SLACK_BELOW < reserve || lowest[NORMAL] > reserve + SLACK_ABOVE)
        printf("  lowest %u, protection %u\n", lowest[NORMAL], reserve);
    reserve = z[DMA].protection[HIGHMEM];
    printf("DMA: B never took its protection for HighMem (-%u frames): %s\n", SLACK_BELOW,
           yes(lowest[DMA] + SLACK_BELOW >= reserve));
    if (lowest[DMA] + SLACK_BELOW < reserve)
        printf("  lowest %u, protection %u\n", lowest[DMA], reserve);
    return 0;
}

/*
 * ramdisk_many.c - a ramdisk of more than 64 files, one of them with a
 * 200-character name: every file opens and reads back its own name
 * (raw).  Needs build/user/data/many/ (user/Makefile) on the ramdisk.
 */
#include "lib/vmtest.h"

#define NR_SHORT 100
#define LONG_NAME_LEN 200

/* Open name and check that it holds exactly its own name. */
static int holds_its_name(const char *name)
{
    char buf[LONG_NAME_LEN + 8];
    int fd = open(name, O_RDONLY, 0);

    if (fd < 0)
        return 0;
    int n = read(fd, buf, sizeof(buf));
    close(fd);
    return n == (int)strlen(name) && !memcmp(buf, name, n);
}

int main(void)
{
    char name[LONG_NAME_LEN + 1] = "a_name_of_200_characters_";
    int good = 0;

    for (int i = 0; i < NR_SHORT; i++) {
        char short_name[8] = { 'f', '0' + i / 100, '0' + i / 10 % 10, '0' + i % 10, 0 };
        good += holds_its_name(short_name);
    }
    uprintf(1, "files f000..f099 that hold their own name: %d\n", good);
    for (int i = strlen(name); i < LONG_NAME_LEN; i++)
        name[i] = 'x';
    name[LONG_NAME_LEN] = 0;
    uprintf(1, "the %d-character name opens and holds itself: %s\n", (int)strlen(name),
            yes(holds_its_name(name)));
    name[LONG_NAME_LEN - 1] = 0;
    uprintf(1, "the name one character shorter: %d\n", open(name, O_RDONLY, 0));
    return 0;
}

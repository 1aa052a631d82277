/*
 * fs_glibc.c - the file system through glibc, as a student's program
 * uses it, in the current directory: fopen/fprintf/fseek/ftell/fread and
 * fgets on a new file, fdopen on a descriptor, dprintf to a file and to
 * stdout, mkdir, opendir/readdir of a directory it filled (the names
 * sorted, as readdir's order is the file system's own), rename and
 * remove of files and directories, and the errors strerror names.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints the entries of path, sorted, each with its type. */
static void list(const char *path)
{
    char *names[64];
    int n = 0;
    DIR *dir = opendir(path);
    struct dirent *de;

    if (!dir) {
        printf("opendir(%s): %s\n", path, strerror(errno));
        return;
    }
    while ((de = readdir(dir)) && n < 64) {
        char *entry = malloc(strlen(de->d_name) + 3);
        sprintf(entry, "%s%s", de->d_name,
                de->d_type == DT_DIR ? "/" : de->d_type == DT_LNK ? "@" : "");
        names[n++] = entry;
    }
    closedir(dir);
    qsort(names, n, sizeof(names[0]), by_name);
    printf("%s:", path);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void make(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    fputs(text, f);
    fclose(f);
}

static void streams(void)
{
    char line[64], all[256];
    FILE *f = fopen("notes.txt", "w+");

    if (!f) {
        printf("fopen(notes.txt, w+): %s\n", strerror(errno));
        exit(1);
    }
    for (int i = 1; i <= 3; i++)
        fprintf(f, "line %d: %d squared is %d\n", i, i, i * i);
    printf("ftell after three lines: %ld\n", ftell(f));
    fseek(f, 0, SEEK_SET);
    size_t n = fread(all, 1, sizeof(all) - 1, f);
    all[n] = 0;
    printf("fread got %zu bytes:\n%s", n, all);
    printf("feof: %s\n", feof(f) ? "yes" : "no");
    fseek(f, 7, SEEK_SET);
    printf("fgets at 7: %s", fgets(line, sizeof(line), f));
    printf("ftell after it: %ld\n", ftell(f));
    fseek(f, -6, SEEK_END);
    fputs("NINE!\n", f);
    fseek(f, 0, SEEK_END);
    printf("size by fseek(SEEK_END)/ftell: %ld\n", ftell(f));
    fclose(f);
    f = fopen("notes.txt", "a+");
    fprintf(f, "appended\n");
    rewind(f);
    while (fgets(line, sizeof(line), f))
        printf("read back: %s", line);
    fclose(f);
    printf("fopen(missing.txt, r): %s\n", fopen("missing.txt", "r") ? "opened" : strerror(errno));
}

static void descriptors(void)
{
    struct stat st;
    char text[64];
    int fd = open("fd.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    FILE *f = fdopen(fd, "w+");

    fprintf(f, "through fdopen\n");
    fflush(f);
    printf("lseek of the fd after fflush: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
    dprintf(fd, "dprintf %d %s\n", 42, "to the file");
    fseek(f, 0, SEEK_SET);
    while (fgets(text, sizeof(text), f))
        printf("fd.txt: %s", text);
    fclose(f);
    printf("write to the fd fclose closed: %s\n", write(fd, "x", 1) < 0 ? strerror(errno) : "written");
    stat("fd.txt", &st);
    printf("stat(fd.txt): size %ld mode %o\n", (long)st.st_size, (unsigned)st.st_mode);
    fflush(stdout);
    dprintf(1, "dprintf to stdout: %05d|%-4s|\n", 7, "ab");
}

static void directories(void)
{
    printf("mkdir(dir): %d\n", mkdir("dir", 0755));
    printf("mkdir(dir) again: %s\n", mkdir("dir", 0755) ? strerror(errno) : "made");
    make("dir/b.txt", "b");
    make("dir/a.txt", "a");
    make("dir/c.txt", "c");
    mkdir("dir/sub", 0700);
    make("dir/sub/deep", "deep");
    symlink("a.txt", "dir/link");
    list("dir");
    printf("rename(dir/b.txt, dir/z.txt): %d\n", rename("dir/b.txt", "dir/z.txt"));
    printf("remove(dir/a.txt): %d\n", remove("dir/a.txt"));
    printf("remove(dir/sub): %s\n", remove("dir/sub") ? strerror(errno) : "removed");
    printf("remove(dir/sub/deep): %d\n", remove("dir/sub/deep"));
    printf("remove(dir/sub): %s\n", remove("dir/sub") ? strerror(errno) : "removed");
    printf("remove(dir/missing): %s\n", remove("dir/missing") ? strerror(errno) : "removed");
    list("dir");
    printf("rename(dir, dir2): %d\n", rename("dir", "dir2"));
    list("dir");
    list("dir2");
    printf("rmdir(dir2): %s\n", rmdir("dir2") ? strerror(errno) : "removed");
    remove("dir2/z.txt");
    remove("dir2/c.txt");
    remove("dir2/link");
    printf("rmdir(dir2): %s\n", rmdir("dir2") ? strerror(errno) : "removed");
}

int main(void)
{
    streams();
    descriptors();
    directories();
    return 0;
}

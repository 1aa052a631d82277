/*
 * wc.c - wc [-lwc] [FILE...]: counts the lines ('\n' bytes), words and
 * bytes of each FILE, or of fd 0 without one ("-" is fd 0 too), printing the
 * counts asked for (all three by default) then the file's name, and a
 * "total" line for more than one file.  A word is what GNU wc counts in
 * the C locale: a run of bytes between white space (space, \t, \n, \v,
 * \f, \r) holding a printable one; other control bytes and bytes above
 * 0x7e neither make a word nor end one.
 *
 * The columns are as wide as GNU wc makes them: one count of one input
 * is printed alone; otherwise every column is as wide as the digits of
 * the inputs' total size when all of them are regular files, and at
 * least 7 when one is not (a pipe, the console).  Exit status 1 if a file
 * could not be read.
 */
#include "toolslib.h"

enum { LINES, WORDS, BYTES, NCOUNTS };

static int shown[NCOUNTS];              /* the counts asked for */
static int width = 1;

static int is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Adds the counts of fd to counts[]; returns 0 or -errno. */
static int count(int fd, unsigned *counts)
{
    static char buf[4096];
    int n, in_word = 0;

    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        counts[BYTES] += n;
        for (int i = 0; i < n; i++) {
            unsigned char c = buf[i];
            counts[LINES] += c == '\n';
            if (is_space(c)) {
                in_word = 0;
            } else if (c > ' ' && c < 0x7f && !in_word) {
                counts[WORDS]++;
                in_word = 1;
            }
        }
    }
    return n;
}

/* One line: the counts asked for, each right-aligned in `width`, then name. */
static void print(const unsigned *counts, const char *name)
{
    char text[64];                      /* 3 columns of up to 10 digits and a space */
    int len = 0;

    for (int i = 0; i < NCOUNTS; i++) {
        if (!shown[i])
            continue;
        char digits[12];
        int n = fmt_uint(digits, counts[i]);
        if (len)
            text[len++] = ' ';
        for (int pad = n; pad < width; pad++)
            text[len++] = ' ';
        memcpy(text + len, digits, n);
        len += n;
    }
    text[len] = 0;
    uprintf(1, "%s%s%s\n", text, name ? " " : "", name ? name : "");
}

/* GNU's column width for these inputs (see the comment at the top). */
static void set_width(char **files, int nfiles, int nshown)
{
    unsigned total = 0;
    int minimum = 1;

    if (nfiles <= 1 && nshown == 1)
        return;
    for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
        struct stat64 st;
        int fd = nfiles && strcmp(files[i], "-") ? open(files[i], O_RDONLY, 0) : 0;
        if (fd < 0)
            continue;
        if (fstat64(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG)
            total += (unsigned)st.st_size;
        else
            minimum = 7;
        if (fd > 0)
            close(fd);
    }
    for (width = 1; total >= 10; total /= 10)
        width++;
    if (width < minimum)
        width = minimum;
}

int main(int argc, char **argv)
{
    unsigned totals[NCOUNTS] = { 0 };
    int first = 1, nshown = 0, status = 0;

    for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
        for (const char *p = argv[first] + 1; *p; p++) {
            const char *opt = strchr("lwc", *p);
            if (!opt) {
                uprintf(2, "wc: invalid option -- '%c'\nusage: wc [-lwc] [FILE...]\n", *p);
                return 1;
            }
            nshown += !shown[opt - "lwc"];
            shown[opt - "lwc"] = 1;
        }
    }
    if (!nshown) {
        shown[LINES] = shown[WORDS] = shown[BYTES] = 1;
        nshown = NCOUNTS;
    }
    int nfiles = argc - first;
    set_width(argv + first, nfiles, nshown);
    for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
        const char *name = nfiles ? argv[first + i] : NULL;
        unsigned counts[NCOUNTS] = { 0 };
        int fd = name && strcmp(name, "-") ? open(name, O_RDONLY, 0) : 0;
        int r = fd < 0 ? fd : count(fd, counts);
        if (fd > 0)
            close(fd);
        if (r < 0) {
            uprintf(2, "wc: %s: %s\n", name ? name : "-", errno_text(-r));
            status = 1;
            continue;
        }
        print(counts, name);
        for (int j = 0; j < NCOUNTS; j++)
            totals[j] += counts[j];
    }
    if (nfiles > 1)
        print(totals, "total");
    return status;
}

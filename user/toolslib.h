/*
 * toolslib.h - helpers shared by the "see inside" tools (ps, free,
 * vmstat, pmap, cat) and the shell: reading a whole file such as a /proc
 * file, finding a "Name: value" field in it, small conversions.
 */
#ifndef USER_TOOLSLIB_H
#define USER_TOOLSLIB_H

#include "lib/ulib.h"

/* The tools read a /proc file into PROC_MAX bytes; a longer one (the
 * kernel's texts have no fixed limit, see kernel/procfs.c) is cut there. */
#define PROC_MAX (64u << 10)

/* Reads the whole file at path into buf (at most size - 1 bytes) and
 * NUL-terminates it.  Returns the length, or -errno. */
int read_file(const char *path, char *buf, unsigned size);

/* The value of the line "NAME:<spaces or tabs>VALUE" in text: a pointer
 * to VALUE (which ends at the line's '\n'), or NULL if there is no such
 * line.  The layout of /proc/meminfo, /proc/PID/status and smaps. */
const char *find_text(const char *text, const char *name);

/* The same for a numeric VALUE: stores it in *value and returns 1, or
 * returns 0 and stores 0. */
int find_field(const char *text, const char *name, unsigned *value);

/* Parses a decimal (base 10) or lower-case hex (base 16) number at *p
 * and moves *p past it. */
unsigned parse_num(const char **p, unsigned base);

/* Writes v in decimal and a NUL to buf (12 bytes are enough); returns the
 * number of digits.  uprintf writes to a file, never to a string. */
int fmt_uint(char *buf, unsigned v);

/* Linux's message for an errno, e.g. "No such file or directory", or
 * "errno N" for one it does not know. */
const char *errno_text(int err);

#endif

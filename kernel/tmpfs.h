/*
 * tmpfs.h - the file system: a tree of directories, files, symbolic
 * links and device nodes, all in memory, mounted at "/".
 *
 * At boot it holds the files of the boot archive (kernel/ramdisk.c),
 * /dev and an empty /proc, whose contents kernel/procfs.c makes up on
 * each lookup.  Programs then create, grow, rename and remove files as
 * on any Linux tmpfs.
 *
 * An inode is one file; a dentry is one name of it in a directory.  A
 * regular file's data is a shmem object (mm/shmem.h): its pages are
 * page-cache pages, so read(), write() and every mapping of the file see
 * one copy, and under memory pressure they go to swap (or, for a file
 * of the boot archive, back to the archive's memory).
 *
 * Lifetime: an inode lives while a name links it (nlink) or something
 * uses it (refs: open files, working directories, running programs, the
 * VMAs that map it).  So a file unlinked and closed while mapped keeps
 * its pages until the last munmap, and /proc/PID/maps still names it.
 *
 * Who changes what: the tree, nlink, refs, sizes and times change only
 * in system calls, with interrupts off; the kernel is not preempted, and
 * a path walk never sleeps, so nothing it looks at can go away under it.
 */
#ifndef KERNEL_TMPFS_H
#define KERNEL_TMPFS_H

#include <stdint.h>
#include "kernel/list.h"

#define NAME_MAX 255                    /* bytes in one name, as on Linux */
#define PATH_MAX 4096                   /* bytes in a path with its NUL */

#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
/* getdents64's d_type of a mode: the S_IFMT nibble (DT_DIR 4, DT_REG 8,
 * DT_LNK 10, ...). */
#define DT_DIR  4
#define DT_REG  8
#define DT_LNK  10
#define MODE_DT(m) (((m) & S_IFMT) >> 12)

/* Device numbers (major << 8 | minor) of the /dev nodes, as on Linux. */
#define DEV_NULL    0x0103
#define DEV_ZERO    0x0105
#define DEV_FULL    0x0107
#define DEV_URANDOM 0x0109
#define DEV_KMSG    0x010b
#define DEV_HDA     0x0300
#define DEV_TTY     0x0500
#define DEV_CONSOLE 0x0501

struct address_space;
struct dentry;

struct inode {
    uint32_t ino;
    uint32_t mode;                      /* type and permission bits */
    uint32_t nlink;                     /* names; a directory counts "." and each
                                           subdirectory's ".." too */
    int refs;                           /* open files, cwds, running programs */
    int write_count;                    /* as Linux's i_writecount: > 0, the open
                                           files that may write it; < 0, minus the
                                           address spaces executing it */
    uint32_t rdev;                      /* device nodes: DEV_* */
    uint32_t atime, mtime, ctime;       /* seconds since the epoch */
    struct address_space *mapping;      /* regular file: its data; its size is
                                           the file's */
    uint32_t boot_pages;                /* pages of it the boot archive holds
                                           (not counted against the size limit) */
    int resizing;                       /* a truncate is under way (it may sleep):
                                           others wait (tmpfs_truncate) */
    struct list_head entries;           /* directory: its dentries, oldest first */
    uint32_t nr_entries;
    uint32_t next_pos;                  /* directory: the pos of its next dentry */
    struct inode *parent;               /* directory: the one holding it (/: itself) */
    int is_procfs;                      /* /proc: procfs answers below it */
    char *target;                       /* symbolic link: what it points at */
    struct list_head aliases;           /* its dentries (alias_link): its names */
    char *deleted_path;                 /* a file unlinked while in use: its
                                           last path, or NULL */
};

struct dentry {
    struct list_head link;              /* in dir->entries */
    struct list_head alias_link;        /* in inode->aliases */
    struct inode *dir;
    struct inode *inode;
    uint32_t pos;                       /* its place in dir, for getdents64: grows
                                           with each name made, so a listing goes
                                           on where it was whatever is removed */
    char name[];                        /* NUL-terminated, at most NAME_MAX */
};

void tmpfs_init(void);
struct inode *tmpfs_root(void);

void inode_get(struct inode *inode);
/* Drop a reference; the inode dies when none is left and no name links it. */
void inode_put(struct inode *inode);
/* The file's size in bytes (0 for anything but a regular file or a
 * symbolic link). */
uint32_t inode_size(const struct inode *inode);
/* Stamp mtime and ctime (a write) or only ctime (a change of metadata). */
void inode_touch(struct inode *inode, int data);
/* The last component of one of the inode's names, or "" (none). */
const char *inode_name(const struct inode *inode);
/* The absolute path of one of the inode's names into buf (size bytes);
 * 0, or -ENOENT when it has none. */
int inode_path(const struct inode *inode, char *buf, uint32_t size);

/*
 * Path lookup.  A path is absolute or relative to the current task's
 * working directory; "." and ".." work, symbolic links are followed
 * (at most 40 per lookup, else -ELOOP).  Errors are Linux's: -ENOENT,
 * -ENOTDIR, -ENAMETOOLONG, -ELOOP.  A path below /proc is not looked up
 * here: the result is LOOKUP_PROC and the canonical "/proc/..." path,
 * for kernel/procfs.c.
 */
#define LOOKUP_PROC 1
#define MAX_LINKS_FOLLOWED 40           /* symbolic links per lookup, as Linux */
#define PROC_PATH_MAX 256               /* longer /proc paths name nothing */
#define LOOKUP_FOLLOW 1                 /* follow a symbolic link in the last name */
#define LOOKUP_PARENT 2                 /* stop at the last name's directory */

struct lookup {
    struct inode *inode;                /* the result, or (LOOKUP_PARENT) the
                                           directory of the last name */
    const char *last;                   /* LOOKUP_PARENT: the last name (in the
                                           path, not NUL-terminated), or NULL
                                           when the path has no last name ("/") */
    uint32_t last_len;
    int trailing_slash;                 /* the path ends in "/" */
    char proc[PROC_PATH_MAX];           /* LOOKUP_PROC: the /proc path */
};

/* Look up path: 0 or LOOKUP_PROC (the inode is not referenced: use it
 * before sleeping, or take a reference), or a negative errno.  With
 * LOOKUP_PARENT a missing last name is no error. */
int path_lookup(const char *path, int flags, struct lookup *res);
/* The same from dir for a relative path (NULL: the working directory). */
int path_lookup_at(struct inode *dir, const char *path, int flags, struct lookup *res);
/* The inode of name (len bytes) in dir, or NULL. */
struct inode *dir_lookup(struct inode *dir, const char *name, uint32_t len);

/* Directory operations.  dir is a directory; the name is not there yet
 * (create, mkdir, symlink, link) or is (unlink, rmdir).  Errors:
 * -ENOMEM, -ENOSPC (the file system's limits), -ENAMETOOLONG. */
int tmpfs_create(struct inode *dir, const char *name, uint32_t len, uint32_t mode,
                 struct inode **out);
int tmpfs_symlink(struct inode *dir, const char *name, uint32_t len, const char *target);
int tmpfs_link(struct inode *dir, const char *name, uint32_t len, struct inode *inode);
int tmpfs_unlink(struct inode *dir, const char *name, uint32_t len);
int tmpfs_rmdir(struct inode *dir, const char *name, uint32_t len);
int tmpfs_rename(struct inode *old_dir, const char *old_name, uint32_t old_len,
                 struct inode *new_dir, const char *new_name, uint32_t new_len);
/* Set a regular file's size: 0, -ENOMEM, -EIO, -EFBIG or -ENOSPC. */
int tmpfs_truncate(struct inode *inode, uint64_t size);
/* The first dentry of dir at pos or after it, or NULL. */
struct dentry *tmpfs_dir_entry(struct inode *dir, uint32_t pos);

/* Make the directories of path (relative to /, "a/b/c" makes a and a/b)
 * and a regular file at its end holding the size bytes at seed (the
 * boot archive's files, and the init program built into the kernel);
 * *out (if not NULL) is the file.  0 or a negative errno. */
int tmpfs_add_seeded(const char *path, uint32_t mode, uint8_t *seed, uint32_t size,
                     struct inode **out);
/* At power-off: remove every name, so that every file nobody holds is
 * freed with its pages and swap slots (what the leak check expects). */
void tmpfs_shutdown(void);

/* Figures for /proc/meminfo and statfs: pages of file data (counted
 * against the size limit) and the limits. */
uint32_t tmpfs_pages_used(void);
uint32_t tmpfs_inodes_used(void);

/* A file is written or executed, never both at once (-ETXTBSY), so a
 * running program's code cannot change under it. */
int inode_get_write_access(struct inode *inode);
void inode_put_write_access(struct inode *inode);
int inode_deny_write_access(struct inode *inode);
void inode_allow_write_access(struct inode *inode);

#endif

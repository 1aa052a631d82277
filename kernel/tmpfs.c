/*
 * tmpfs.c - the in-memory file system (see tmpfs.h): inodes, directory
 * entries, path lookup and the operations that change the tree.
 */
#include "kernel/errno.h"
#include "kernel/lib.h"
#include "kernel/printk.h"
#include "kernel/procfs.h"
#include "kernel/task.h"
#include "kernel/time.h"
#include "kernel/tmpfs.h"
#include "mm/buddy.h"
#include "mm/kmalloc.h"
#include "mm/memlayout.h"
#include "mm/pagecache.h"
#include "mm/shmem.h"

#define MAX_LINK_DEPTH 8                /* links inside links (the kernel stack) */
#define MAX_FILE_SIZE  0xFFFFF000u      /* the page cache indexes pages in 32 bits */

static struct inode *root;
static uint32_t next_ino = 1;
/* The limits, Linux tmpfs's defaults: half of RAM for file data, and
 * as many inodes as half of RAM has pages. */
static uint32_t max_pages, max_inodes;
static uint32_t nr_inodes, pages_used;  /* pages_used: file data made since boot */

static uint32_t now(void)
{
    return (uint32_t)time_seconds();
}

static uint32_t size_pages(uint64_t size)
{
    return (uint32_t)((size + PAGE_SIZE - 1) / PAGE_SIZE);
}

/* The pages of a file that count against the limit: those past what
 * the boot archive gave it, which lives in the archive's memory. */
static uint32_t counted_pages(const struct inode *inode, uint64_t size)
{
    uint32_t pages = size_pages(size);
    return pages > inode->boot_pages ? pages - inode->boot_pages : 0;
}

static struct inode *inode_new(uint32_t mode)
{
    if (nr_inodes >= max_inodes)
        return 0;
    struct inode *inode = kzalloc(sizeof(*inode));
    if (!inode)
        return 0;
    inode->ino = next_ino++;
    inode->mode = mode;
    inode->atime = inode->mtime = inode->ctime = now();
    list_init(&inode->entries);
    list_init(&inode->aliases);
    nr_inodes++;
    return inode;
}

/* An inode with no name and no user: free it and drop its data. */
static void inode_free(struct inode *inode)
{
    if (inode->mapping) {
        pages_used -= counted_pages(inode, inode->mapping->size);
        inode->mapping->host = 0;       /* pages under I/O may outlive it */
        shmem_put(inode->mapping);
    }
    kfree(inode->target);
    kfree(inode->deleted_path);
    kfree(inode);
    nr_inodes--;
}

void inode_get(struct inode *inode)
{
    inode->refs++;
}

void inode_put(struct inode *inode)
{
    if (inode->refs <= 0)
        panic("inode_put: inode %u has no reference to drop", inode->ino);
    if (--inode->refs == 0 && inode->nlink == 0)
        inode_free(inode);
}

uint32_t inode_size(const struct inode *inode)
{
    if (inode->mapping)
        return inode->mapping->size;
    return inode->target ? strlen(inode->target) : 0;
}

void inode_touch(struct inode *inode, int data)
{
    inode->ctime = now();
    if (data)
        inode->mtime = inode->ctime;
}

const char *inode_name(const struct inode *inode)
{
    if (list_empty(&inode->aliases))
        return "";
    return container_of(inode->aliases.next, struct dentry, alias_link)->name;
}

/* Build the path of dir's name chain into the end of buf, backwards. */
int inode_path(const struct inode *inode, char *buf, uint32_t size)
{
    uint32_t pos = size - 1;

    buf[pos] = 0;
    if (inode == root) {
        if (size < 2)
            return -ERANGE;
        buf[0] = '/';
        buf[1] = 0;
        return 0;
    }
    while (inode != root) {
        if (list_empty(&inode->aliases))
            return -ENOENT;
        const struct dentry *d = container_of(inode->aliases.next, struct dentry, alias_link);
        uint32_t len = strlen(d->name);
        if (len + 1 > pos)
            return -ERANGE;
        pos -= len;
        memcpy(buf + pos, d->name, len);
        buf[--pos] = '/';
        inode = d->dir;
    }
    memmove(buf, buf + pos, size - pos);
    return 0;
}

/* ---- directories ---- */

/* The dentry of name (len bytes) in dir, by a walk of its list: the
 * directories here hold hundreds of names, not millions. */
static struct dentry *dentry_find(struct inode *dir, const char *name, uint32_t len)
{
    struct list_head *pos;

    list_for_each(pos, &dir->entries) {
        struct dentry *d = container_of(pos, struct dentry, link);
        if (!memcmp(d->name, name, len) && d->name[len] == 0)
            return d;
    }
    return 0;
}

struct inode *dir_lookup(struct inode *dir, const char *name, uint32_t len)
{
    if (len == 1 && name[0] == '.')
        return dir;
    if (len == 2 && name[0] == '.' && name[1] == '.')
        return dir->parent;
    struct dentry *d = dentry_find(dir, name, len);
    return d ? d->inode : 0;
}

struct dentry *tmpfs_dir_entry(struct inode *dir, uint32_t pos)
{
    struct list_head *p;

    list_for_each(p, &dir->entries) {
        struct dentry *d = container_of(p, struct dentry, link);
        if (d->pos >= pos)
            return d;
    }
    return 0;
}

/* Give inode a new name in dir: one more link.  A directory that was
 * removed (someone's cwd still) takes no new names: -ENOENT. */
static int dentry_add(struct inode *dir, const char *name, uint32_t len, struct inode *inode)
{
    if (len > NAME_MAX)
        return -ENAMETOOLONG;
    if (!dir->nlink)
        return -ENOENT;
    struct dentry *d = kmalloc(sizeof(*d) + len + 1);
    if (!d)
        return -ENOMEM;
    memcpy(d->name, name, len);
    d->name[len] = 0;
    d->dir = dir;
    d->inode = inode;
    d->pos = dir->next_pos++;
    list_add_tail(&d->link, &dir->entries);
    dir->nr_entries++;
    inode->nlink++;
    list_add_tail(&d->alias_link, &inode->aliases);
    if (S_ISDIR(inode->mode)) {
        inode->parent = dir;
        dir->nlink++;                   /* its ".." */
    }
    inode_touch(dir, 1);
    return 0;
}

/* A file losing its last name while in use keeps its path, for
 * /proc/PID/maps ("/tmp/f (deleted)", as Linux shows it).  Without
 * memory it is shown without a path. */
static void remember_path(struct inode *inode)
{
    char *buf = kmalloc(PATH_MAX);

    if (buf && !inode_path(inode, buf, PATH_MAX) && (inode->deleted_path = kmalloc(strlen(buf) + 1)))
        memcpy(inode->deleted_path, buf, strlen(buf) + 1);
    kfree(buf);
}

/* Remove one name; the inode dies if nothing else holds it. */
static void dentry_remove(struct dentry *d)
{
    struct inode *dir = d->dir, *inode = d->inode;

    if (inode->nlink == 1 && inode->refs && S_ISREG(inode->mode))
        remember_path(inode);
    list_del(&d->link);
    list_del(&d->alias_link);
    dir->nr_entries--;
    inode->nlink--;
    if (S_ISDIR(inode->mode)) {
        inode->nlink--;                 /* its "." goes with its name */
        dir->nlink--;
    }
    inode_touch(dir, 1);
    inode_touch(inode, 0);
    kfree(d);
    if (!inode->nlink && !inode->refs)
        inode_free(inode);
}

/* ---- path lookup ---- */

struct walk {
    int links;                          /* symbolic links followed so far */
    int depth;                          /* of links inside links */
};

static int proc_path_append(struct lookup *res, const char *rest)
{
    uint32_t len = strlen(res->proc), add = strlen(rest);

    if (len + add + 1 > sizeof(res->proc))
        return -ENOENT;
    memcpy(res->proc + len, rest, add + 1);
    return LOOKUP_PROC;
}

/* The next name of a path at *p (slashes skipped): its start in *name,
 * *p moved past it; its length, 0 at the end of the path. */
static uint32_t next_name(const char **p, const char **name)
{
    while (**p == '/')
        ++*p;
    *name = *p;
    while (**p && **p != '/')
        ++*p;
    return *p - *name;
}

/*
 * Walk path from dir (or from / if it is absolute) to its end, or with
 * LOOKUP_PARENT to its last name.  Each symbolic link met on the way is
 * walked in its turn, from the directory that holds it.  Entering /proc
 * ends the walk with the rest of the path in res->proc.
 */
static int walk(struct walk *w, struct inode *dir, const char *path, int flags, struct lookup *res)
{
    const char *p = path;

    if (*p == '/')
        dir = root;
    res->last = 0;
    res->last_len = 0;
    for (;;) {
        const char *name;
        uint32_t len = next_name(&p, &name);
        if (!len)
            break;
        const char *rest = p;
        while (*rest == '/')
            rest++;
        int last = !*rest;
        if (len > NAME_MAX)
            return -ENAMETOOLONG;
        if (!S_ISDIR(dir->mode))
            return -ENOTDIR;
        if (dir->is_procfs && !(len == 2 && name[0] == '.' && name[1] == '.') &&
            !(len == 1 && name[0] == '.')) {
            strlcpy(res->proc, "/proc/", sizeof(res->proc));
            return proc_path_append(res, name);
        }
        if (last && (flags & LOOKUP_PARENT)) {
            res->last = name;
            res->last_len = len;
            res->inode = dir;
            res->trailing_slash = *p == '/';
            return 0;
        }
        struct inode *next = dir_lookup(dir, name, len);
        if (!next)
            return -ENOENT;
        if (S_ISLNK(next->mode) && (!last || (flags & LOOKUP_FOLLOW))) {
            if (++w->links > MAX_LINKS_FOLLOWED || w->depth >= MAX_LINK_DEPTH)
                return -ELOOP;
            w->depth++;
            int err = walk(w, dir, next->target, LOOKUP_FOLLOW, res);
            w->depth--;
            if (err == LOOKUP_PROC)
                return proc_path_append(res, p);
            if (err)
                return err;
            next = res->inode;
        }
        dir = next;
    }
    res->inode = dir;
    res->trailing_slash = p > path && p[-1] == '/';
    if (res->trailing_slash && !S_ISDIR(dir->mode))
        return -ENOTDIR;
    return 0;
}

/*
 * Make res->proc canonical, as procfs wants its paths: no empty, "." or
 * ".." names.  A ".." out of /proc leads back into the tree: then the
 * result is that directory (0), else LOOKUP_PROC.
 */
static int proc_canonical(struct lookup *res)
{
    char out[PROC_PATH_MAX];
    uint32_t len = 0;
    const char *p = res->proc;

    for (;;) {
        const char *name;
        uint32_t n = next_name(&p, &name);
        if (!n)
            break;
        if (n == 1 && name[0] == '.')
            continue;
        if (n == 2 && name[0] == '.' && name[1] == '.') {
            while (len && out[--len] != '/')
                ;
            continue;
        }
        out[len++] = '/';
        memcpy(out + len, name, n);     /* fits: never longer than res->proc */
        len += n;
    }
    out[len] = 0;
    if (len <= 5) {                     /* "", "/proc": a directory of the tree */
        res->inode = len ? dir_lookup(root, "proc", 4) : root;
        res->last = 0;
        return 0;
    }
    memcpy(res->proc, out, len + 1);
    return LOOKUP_PROC;
}

/* The last name of a /proc path is a link (/proc/self, /proc/PID/exe):
 * follow it, into /proc or into the tree. */
static int proc_follow(struct walk *w, struct lookup *res)
{
    char target[PROC_PATH_MAX];
    int mode = procfs_stat_mode(res->proc);

    if (mode < 0 || !S_ISLNK(mode))
        return mode < 0 ? mode : LOOKUP_PROC;
    if (++w->links > MAX_LINKS_FOLLOWED)
        return -ELOOP;
    int len = procfs_readlink(res->proc, target, sizeof(target));
    if (len < 0)
        return len;
    if (target[0] != '/') {             /* "PID", relative to /proc */
        ksnprintf(res->proc, sizeof(res->proc), "/proc/%s", target);
        return LOOKUP_PROC;
    }
    int err = walk(w, root, target, LOOKUP_FOLLOW, res);
    return err == LOOKUP_PROC ? proc_canonical(res) : err;
}

int path_lookup_at(struct inode *dir, const char *path, int flags, struct lookup *res)
{
    struct walk w = { 0, 0 };

    if (!*path)
        return -ENOENT;
    if (!dir)
        dir = current->fs && current->fs->cwd ? current->fs->cwd : root;
    if (path[strlen(path) - 1] == '/' && !(flags & LOOKUP_PARENT))
        flags |= LOOKUP_FOLLOW;         /* "link/" names what the link points at */
    res->trailing_slash = 0;
    int err = walk(&w, dir, path, flags, res);
    if (err == LOOKUP_PROC)
        err = proc_canonical(res);
    if (err == LOOKUP_PROC && (flags & LOOKUP_FOLLOW))
        err = proc_follow(&w, res);
    return err;
}

int path_lookup(const char *path, int flags, struct lookup *res)
{
    return path_lookup_at(0, path, flags, res);
}

/* ---- changing the tree ---- */

int tmpfs_create(struct inode *dir, const char *name, uint32_t len, uint32_t mode,
                 struct inode **out)
{
    if (len > NAME_MAX)
        return -ENAMETOOLONG;
    struct inode *inode = inode_new(mode);
    if (!inode)
        return nr_inodes >= max_inodes ? -ENOSPC : -ENOMEM;
    if (S_ISREG(mode) && !(inode->mapping = shmem_create(0, 0))) {
        inode_free(inode);
        return -ENOMEM;
    }
    if (inode->mapping)
        inode->mapping->host = inode;
    if (S_ISDIR(mode))
        inode->nlink = 1;               /* its "." */
    int err = dentry_add(dir, name, len, inode);
    if (err) {
        inode_free(inode);
        return err;
    }
    *out = inode;
    return 0;
}

int tmpfs_symlink(struct inode *dir, const char *name, uint32_t len, const char *target)
{
    uint32_t size = strlen(target) + 1;
    char *copy = kmalloc(size);
    struct inode *inode;

    if (!copy)
        return -ENOMEM;
    memcpy(copy, target, size);
    int err = tmpfs_create(dir, name, len, S_IFLNK | 0777, &inode);
    if (err) {
        kfree(copy);
        return err;
    }
    inode->target = copy;
    return 0;
}

int tmpfs_link(struct inode *dir, const char *name, uint32_t len, struct inode *inode)
{
    int err = dentry_add(dir, name, len, inode);
    if (!err)
        inode_touch(inode, 0);
    return err;
}

int tmpfs_unlink(struct inode *dir, const char *name, uint32_t len)
{
    struct dentry *d = dentry_find(dir, name, len);

    if (!d)
        return -ENOENT;
    KASSERT(!S_ISDIR(d->inode->mode));
    dentry_remove(d);
    return 0;
}

int tmpfs_rmdir(struct inode *dir, const char *name, uint32_t len)
{
    struct dentry *d = dentry_find(dir, name, len);

    if (!d)
        return -ENOENT;
    KASSERT(S_ISDIR(d->inode->mode));
    if (d->inode->nr_entries)
        return -ENOTEMPTY;
    if (d->inode->is_procfs)
        return -EBUSY;                  /* a mount point */
    dentry_remove(d);
    return 0;
}

/* Whether dir is inode or lies below it (a directory cannot move into
 * its own subtree). */
static int is_within(const struct inode *dir, const struct inode *inode)
{
    for (;;) {
        if (dir == inode)
            return 1;
        if (dir == root)
            return 0;
        dir = dir->parent;
    }
}

/*
 * rename, with Linux's rules: a name replaced by itself (or by another
 * name of the same file) is no change; a directory replaces only an
 * empty directory (-ENOTEMPTY, -ENOTDIR) and a file only a file
 * (-EISDIR); a directory cannot go below itself (-EINVAL).  The new
 * name is made before anything is removed, so -ENOMEM changes nothing.
 */
int tmpfs_rename(struct inode *old_dir, const char *old_name, uint32_t old_len,
                 struct inode *new_dir, const char *new_name, uint32_t new_len)
{
    struct dentry *from = dentry_find(old_dir, old_name, old_len);
    if (!from)
        return -ENOENT;
    struct inode *inode = from->inode;
    struct dentry *to = dentry_find(new_dir, new_name, new_len);
    int is_dir = S_ISDIR(inode->mode);

    if (to && to->inode == inode)
        return 0;
    if (to && is_dir && !S_ISDIR(to->inode->mode))
        return -ENOTDIR;
    if (to && !is_dir && S_ISDIR(to->inode->mode))
        return -EISDIR;
    if (to && is_dir && to->inode->nr_entries)
        return -ENOTEMPTY;
    if (is_dir && is_within(new_dir, inode))
        return -EINVAL;
    if (inode->is_procfs || (to && to->inode->is_procfs))
        return -EBUSY;
    inode->refs++;                      /* alive between its two names */
    int err = dentry_add(new_dir, new_name, new_len, inode);
    if (!err) {
        /* dentry_add counted one more name (and a directory's ".." in
         * new_dir); the old name goes with its counts */
        if (is_dir)
            inode->nlink++;             /* dentry_remove takes "." with the name */
        dentry_remove(from);
        if (to)
            dentry_remove(to);
    }
    inode_put(inode);
    return err;
}

/*
 * A size change may sleep (the last page comes back from swap to have its
 * tail zeroed), so one at a time per file: inode->resizing is held from
 * the size read to the size set, and another truncate or growing write of
 * the file waits for it.  The caller holds a reference to the inode.
 */
int tmpfs_truncate(struct inode *inode, uint64_t size)
{
    if (size > MAX_FILE_SIZE)
        return -EFBIG;
    while (inode->resizing)
        sleep_on(&inode->resizing);
    inode->resizing = 1;
    uint32_t old = inode->mapping->size;
    uint32_t before = counted_pages(inode, old), after = counted_pages(inode, size);
    int err = after > before && pages_used + (after - before) > max_pages ? -ENOSPC
            : shmem_resize(inode->mapping, (uint32_t)size);
    if (!err) {
        KASSERT(inode->mapping->size == size);
        pages_used = pages_used - before + after;
        inode_touch(inode, 1);
    }
    inode->resizing = 0;
    wakeup(&inode->resizing);
    return err;
}

uint32_t tmpfs_pages_used(void)
{
    return pages_used;
}

uint32_t tmpfs_inodes_used(void)
{
    return nr_inodes;
}

/* ---- the tree at boot ---- */

static struct inode *seeded_inode(uint32_t mode, uint8_t *seed, uint32_t size)
{
    struct inode *inode = inode_new(mode);

    if (!inode)
        return 0;
    inode->mapping = shmem_create_seeded(seed, size);
    if (!inode->mapping) {
        inode_free(inode);
        return 0;
    }
    inode->mapping->host = inode;
    inode->boot_pages = size_pages(size);
    return inode;
}

/* The directory name (len bytes) in dir, made if missing. */
static int subdir(struct inode *dir, const char *name, uint32_t len, struct inode **out)
{
    struct inode *sub = dir_lookup(dir, name, len);

    if (sub) {
        *out = sub;
        return S_ISDIR(sub->mode) ? 0 : -ENOTDIR;
    }
    return tmpfs_create(dir, name, len, S_IFDIR | 0755, out);
}

int tmpfs_add_seeded(const char *path, uint32_t mode, uint8_t *seed, uint32_t size,
                     struct inode **out)
{
    struct inode *dir = root;

    for (;;) {
        while (*path == '/')
            path++;
        const char *slash = strchr(path, '/');
        if (!slash)
            break;
        int err = subdir(dir, path, slash - path, &dir);
        if (err)
            return err;
        path = slash + 1;
    }
    if (!*path || dir_lookup(dir, path, strlen(path)))
        return -EEXIST;
    struct inode *inode = seeded_inode(mode, seed, size);
    if (!inode)
        return -ENOMEM;
    int err = dentry_add(dir, path, strlen(path), inode);
    if (err)
        inode_free(inode);
    else if (out)
        *out = inode;
    return err;
}

static void make_node(struct inode *dir, const char *name, uint32_t mode, uint32_t rdev)
{
    struct inode *inode;

    if (tmpfs_create(dir, name, strlen(name), mode, &inode))
        panic("tmpfs_init: no memory for %s", name);
    inode->rdev = rdev;
}

void tmpfs_init(void)
{
    max_pages = nr_managed_pages() / 2;
    max_inodes = max_pages;
    root = inode_new(S_IFDIR | 0755);
    if (!root)
        panic("tmpfs_init: no memory for the root directory");
    root->nlink = 2;                    /* "." and its own ".." */
    root->parent = root;
    root->refs = 1;                     /* never dies */

    struct inode *dev, *proc;
    make_node(root, "dev", S_IFDIR | 0755, 0);
    dev = dir_lookup(root, "dev", 3);
    make_node(dev, "null", S_IFCHR | 0666, DEV_NULL);
    make_node(dev, "zero", S_IFCHR | 0666, DEV_ZERO);
    make_node(dev, "full", S_IFCHR | 0666, DEV_FULL);
    make_node(dev, "urandom", S_IFCHR | 0666, DEV_URANDOM);
    make_node(dev, "random", S_IFCHR | 0666, DEV_URANDOM);
    make_node(dev, "kmsg", S_IFCHR | 0644, DEV_KMSG);
    make_node(dev, "tty", S_IFCHR | 0666, DEV_TTY);
    make_node(dev, "console", S_IFCHR | 0600, DEV_CONSOLE);
    make_node(dev, "hda", S_IFBLK | 0660, DEV_HDA);
    make_node(root, "proc", S_IFDIR | 0555, 0);
    proc = dir_lookup(root, "proc", 4);
    proc->is_procfs = 1;
    make_node(root, "tmp", S_IFDIR | 01777, 0);
}

void tmpfs_shutdown(void)
{
    struct inode *dir = root;

    if (!root)
        return;                         /* a boot test powers off before it exists */
    for (;;) {
        if (list_empty(&dir->entries)) {
            if (dir == root)
                break;
            dir = dir->parent;
            continue;
        }
        struct dentry *d = container_of(dir->entries.next, struct dentry, link);
        if (S_ISDIR(d->inode->mode) && d->inode->nr_entries)
            dir = d->inode;             /* empty it first */
        else
            dentry_remove(d);
    }
    inode_free(root);
    root = 0;
}

struct inode *tmpfs_root(void)
{
    return root;
}

/* ---- writers and running programs ---- */

int inode_get_write_access(struct inode *inode)
{
    if (inode->write_count < 0)
        return -ETXTBSY;
    inode->write_count++;
    return 0;
}

void inode_put_write_access(struct inode *inode)
{
    if (inode->write_count <= 0)
        panic("inode_put_write_access: inode %u has no writer (write_count %d)", inode->ino,
              inode->write_count);
    inode->write_count--;
}

int inode_deny_write_access(struct inode *inode)
{
    if (inode->write_count > 0)
        return -ETXTBSY;
    inode->write_count--;
    return 0;
}

void inode_allow_write_access(struct inode *inode)
{
    if (inode->write_count >= 0)
        panic("inode_allow_write_access: inode %u is not being executed (write_count %d)",
              inode->ino, inode->write_count);
    inode->write_count++;
}

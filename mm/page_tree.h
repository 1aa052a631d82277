/*
 * page_tree.h - a radix tree from page index to page: how an
 * address_space (mm/pagecache.h) finds its cached pages, as Linux's
 * radix tree (now the XArray) does.
 *
 * Each node has PAGE_TREE_FANOUT slots and uses PAGE_TREE_SHIFT bits of
 * the index, highest bits at the root.  A tree of height h holds indexes
 * below 64^h, so a lookup is h steps: 2 for up to 4096 pages, 3 up to
 * 262,144.  The cost depends on how large the largest index is, not on
 * how many pages are cached, in this object or in any other.  The root
 * grows a level when a larger index comes; a node left empty by a delete
 * is freed at once, so the tree of an object with no pages is empty.
 *
 * A tree is changed only through its address_space, by the page-cache
 * code, with interrupts off (every kernel path): no lookup ever sees a
 * half-made insert.
 */
#ifndef MM_PAGE_TREE_H
#define MM_PAGE_TREE_H

#include <stdint.h>

#define PAGE_TREE_SHIFT  6
#define PAGE_TREE_FANOUT (1u << PAGE_TREE_SHIFT)       /* 64 slots: 256 bytes a node */
#define PAGE_TREE_MAX_HEIGHT 6                          /* 6 * 6 bits >= 32 */

struct page;

struct page_tree {
    void *root;                 /* the top node; at height 0, the page of
                                   index 0 itself; NULL when empty */
    uint32_t height;            /* levels of nodes (0 when empty) */
};

struct page_tree_node {
    void *slots[PAGE_TREE_FANOUT];      /* child nodes, or pages at the last level */
};

/* Does a tree of this height have room for index? */
static inline int page_tree_fits(uint32_t height, uint32_t index)
{
    return height >= PAGE_TREE_MAX_HEIGHT || (index >> (height * PAGE_TREE_SHIFT)) == 0;
}

/* The slot of index in a node at level (0: the leaves). */
static inline uint32_t page_tree_slot(uint32_t index, uint32_t level)
{
    return (index >> (level * PAGE_TREE_SHIFT)) & (PAGE_TREE_FANOUT - 1);
}

/* The page at index, or NULL.  Inline: every page-cache fault runs it,
 * so it counts down the index bits left (shift) rather than the levels. */
static inline struct page *page_tree_lookup(const struct page_tree *tree, uint32_t index)
{
    void *p = tree->root;
    uint32_t shift = tree->height * PAGE_TREE_SHIFT;

    if (shift < 32 && index >> shift)
        return 0;                       /* past what this height holds */
    while (p && shift) {
        shift -= PAGE_TREE_SHIFT;
        p = ((struct page_tree_node *)p)->slots[(index >> shift) & (PAGE_TREE_FANOUT - 1)];
    }
    return p;
}

/* Put page at index (which must be free).  0, or -ENOMEM: nothing changed
 * but possibly the height. */
int page_tree_insert(struct page_tree *tree, uint32_t index, struct page *page);
/* Take the page at index out (it must be there). */
void page_tree_delete(struct page_tree *tree, uint32_t index);

#endif

/* page_tree.c - see page_tree.h. */
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/kmalloc.h"
#include "mm/page_tree.h"

static int node_empty(const struct page_tree_node *node)
{
    for (uint32_t i = 0; i < PAGE_TREE_FANOUT; i++)
        if (node->slots[i])
            return 0;
    return 1;
}

/* Free the empty nodes on the way to index, from the bottom up, so that
 * no node of the tree is ever empty. */
static void prune(struct page_tree *tree, uint32_t index)
{
    void **parent_slot[PAGE_TREE_MAX_HEIGHT + 1];
    void **slot = &tree->root;
    uint32_t depth = 0;

    for (uint32_t level = tree->height; level > 0 && *slot; level--) {
        parent_slot[depth++] = slot;
        slot = &((struct page_tree_node *)*slot)->slots[page_tree_slot(index, level - 1)];
    }
    while (depth > 0 && node_empty(*parent_slot[depth - 1])) {
        slot = parent_slot[--depth];
        kfree(*slot);
        *slot = 0;
    }
    if (!tree->root)
        tree->height = 0;
}

int page_tree_insert(struct page_tree *tree, uint32_t index, struct page *page)
{
    while (!page_tree_fits(tree->height, index)) {        /* grow: the old root becomes slot 0 */
        if (tree->root) {
            struct page_tree_node *top = kzalloc(sizeof(*top));
            if (!top)
                return -ENOMEM;
            top->slots[0] = tree->root;
            tree->root = top;
        }
        tree->height++;
    }
    void **slot = &tree->root;
    for (uint32_t level = tree->height; level > 0; level--) {
        if (!*slot && !(*slot = kzalloc(sizeof(struct page_tree_node)))) {
            prune(tree, index);
            return -ENOMEM;
        }
        slot = &((struct page_tree_node *)*slot)->slots[page_tree_slot(index, level - 1)];
    }
    if (*slot)
        panic("page_tree_insert: index %u is taken", index);
    *slot = page;
    return 0;
}

void page_tree_delete(struct page_tree *tree, uint32_t index)
{
    void **slot = &tree->root;

    for (uint32_t level = tree->height; level > 0 && *slot; level--)
        slot = &((struct page_tree_node *)*slot)->slots[page_tree_slot(index, level - 1)];
    if (!page_tree_fits(tree->height, index) || !*slot)
        panic("page_tree_delete: index %u is not in the tree", index);
    *slot = 0;
    prune(tree, index);
}

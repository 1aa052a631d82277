/*
 * list.h - circular doubly-linked lists with the links embedded in the
 * listed object (as in Linux).  An empty list's head points at itself.
 */
#ifndef KERNEL_LIST_H
#define KERNEL_LIST_H

#include <stddef.h>

struct list_head {
    struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }

static inline void list_init(struct list_head *head)
{
    head->next = head->prev = head;
}

static inline int list_empty(const struct list_head *head)
{
    return head->next == head;
}

static inline void list_insert_between(struct list_head *item, struct list_head *prev,
                                       struct list_head *next)
{
    item->prev = prev;
    item->next = next;
    prev->next = item;
    next->prev = item;
}

static inline void list_add(struct list_head *item, struct list_head *head)
{
    list_insert_between(item, head, head->next);
}

static inline void list_add_tail(struct list_head *item, struct list_head *head)
{
    list_insert_between(item, head->prev, head);
}

static inline void list_del(struct list_head *item)
{
    item->prev->next = item->next;
    item->next->prev = item->prev;
    item->next = item->prev = item;
}

#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

#define list_for_each(pos, head) \
    for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

/* The same, where the loop may take pos off the list. */
#define list_for_each_safe(pos, n, head) \
    for ((pos) = (head)->next, (n) = (pos)->next; (pos) != (head); (pos) = (n), (n) = (pos)->next)

#endif

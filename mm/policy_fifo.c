/*
 * policy_fifo.c - reclaim=fifo: the page loaded longest ago goes first,
 * used or not.  user_pages is already in load order (a page read back
 * from swap is loaded anew, at the end), so the victim is the first
 * page on it that reclaim can take.  FIFO shows Belady's anomaly: with
 * more frames, some reference strings fault more.
 */
#include "mm/policy.h"

const struct reclaim_policy policy_fifo = {
    .name = "fifo",
    .next_victim = first_takeable_user_page,
};

/*
 * mremap.h - mremap(2): resize a mapping, in place or by moving it.
 */
#ifndef MM_MREMAP_H
#define MM_MREMAP_H

#include <stdint.h>

struct mm;

enum mremap_flag {
    MREMAP_MAYMOVE   = 1,       /* the mapping may move to grow */
    MREMAP_FIXED     = 2,       /* move it to new_addr (with MAYMOVE only) */
    MREMAP_DONTUNMAP = 4,       /* leave the old range mapped: not implemented */
};

/*
 * mm_remap - mremap of mm, as Linux 6.1 does it.
 * addr:     page aligned, the start of the range
 * old_size: the range's length, rounded up to pages; 0 asks for a second
 *           mapping of a shared one
 * new_size: the length wanted, rounded up to pages, not 0
 * flags:    MREMAP_MAYMOVE, maybe with MREMAP_FIXED (the caller refused
 *           every other combination)
 * new_addr: where a MREMAP_FIXED move goes (what was there is unmapped)
 * Returns the range's address now, or -EFAULT (addr not mapped, or the
 * range not inside one VMA), -EINVAL (bad new_addr, overlapping ranges,
 * file offsets past 4 GiB) or -ENOMEM (no room to grow, no promise, no memory).
 */
int mm_remap(struct mm *mm, uint32_t addr, uint32_t old_size, uint32_t new_size,
             unsigned flags, uint32_t new_addr);

#endif

# vm-rmap, vm-swap and vm-walk follow one anonymous page out to swap and
# back: madv_pageout sends its 16 pages to swap with madvise(MADV_PAGEOUT)
# and reads them back, with nothing else in swap.
# program: build/user/madv_pageout
# swap: 64M
# expect: ^Breakpoint 2, swap_out_page \(
# expect: ^pfn 0x[0-9a-f]+ phys 0x[0-9a-f]{8}: flags anon\|user order 0 refcount 1 mapcount 1 owner -$
# expect: ^  anonymous, linear page 0x40000: the VMAs of its anon_vma$
# expect: ^    pid 2 \(madv_pageout\) 40000000-40010000 rw-p: 0x40000000 PTE 0x[0-9a-f]{5}067 \[P RW US A D\]$
# expect: ^  1 PTEs map it, mapcount 1$
# expect: ^Value returned is \$\d+ = 1$
# expect: ^  PTE 0x00000200 \[-\]$
# expect: ^  swapped out: swap entry, type 0 slot 1$
# expect: ^  slot 1: count 1, not in the swap cache$
# expect: ^swap area: slots 1-16383, 16383 usable, 1 in use, 0 in the swap cache$
# expect: ^  slot 1: count 1, not in the swap cache$
# expect: ^Breakpoint 3, do_swap_fault \(
# expect: ^  PTE 0x[0-9a-f]{5}005 \[P US\]$
# expect: ^  pfn 0x[0-9a-f]+ phys 0x[0-9a-f]{8}: flags anon\|swapcache\|user order 0 refcount 2 mapcount 1 owner swap slot 1$
# expect: ^    pid 2 \(madv_pageout\) 40000000-40010000 rw-p: 0x40000000 PTE 0x[0-9a-f]{5}005 \[P US\]$
# expect: ^  1 PTEs map it, mapcount 1$
# expect: ^swap area: slots 1-16383, 16383 usable, 16 in use, 1 in the swap cache$
# expect: ^  slot 1: count 1, in the swap cache: pfn 0x[0-9a-f]+$
# expect: ^  slot 16: count 1, not in the swap cache$
hbreak kmain
continue
delete
break swap_out_page
continue
vm-rmap page - mem_map
finish
vm-walk 0x40000000
vm-swap
delete
break do_swap_fault
continue
set $ptep = ptep
finish
vm-walk 0x40000000
vm-rmap *$ptep >> 12
vm-swap

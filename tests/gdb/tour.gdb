# docs/tour.md, step by step: every gdb command of the tour runs here and
# its key lines are asserted, so the tour cannot rot.
# program: build/user/tour user/tour.txt
# swap: 64M
#
# step 1: a zero-page read
# expect: ^Breakpoint 2, do_zero_page_fault \(.*\) at mm/fault.c
# expect: ^vaddr 0x40000000: PD index 256, PT index 0, offset 0x000
# expect: ^  PTE 0x00000000 \[-\]$
# expect: ^  PTE 0x[0-9a-f]{8} \[P US\]$
# expect: ^  pfn 0x[0-9a-f]+ phys 0x[0-9a-f]{8}: flags zero_page order 0 refcount 1 mapcount 0 owner -$
# step 2: the zero-fill write after it
# expect: ^Breakpoint 3, do_anonymous_fault \(.*\) at mm/fault.c
# expect: ^  PTE 0x[0-9a-f]{8} \[P US A\]$
# expect: flags zero_page
# expect: ^  PTE 0x[0-9a-f]{8} \[P RW US\]$
# expect: ^  pfn 0x[0-9a-f]+ phys 0x[0-9a-f]{8}: flags anon\|user order 0 refcount 1 mapcount 1 owner -$
# step 3: a COW fault in the child after fork
# expect: ^Breakpoint 4, do_cow_fault \(.*\) at mm/fault.c
# expect: ^pid 3$
# expect: ^  PTE 0x[0-9a-f]{8} \[P US A D\]$
# expect: ^  pfn 0x[0-9a-f]+ phys 0x[0-9a-f]{8}: flags anon\|user order 0 refcount 2 mapcount 2 owner -$
# expect: ^    pid 2 \(tour\) 40000000-40001000 rw-p: 0x40000000 PTE 0x[0-9a-f]{5}065 \[P US A D\]$
# expect: ^    pid 3 \(tour\) 40000000-40001000 rw-p: 0x40000000 PTE 0x[0-9a-f]{5}065 \[P US A D\]$
# expect: ^  2 PTEs map it, mapcount 2$
# expect: ^  PTE 0x[0-9a-f]{8} \[P RW US\]$
# expect: ^  pfn 0x[0-9a-f]+ phys 0x[0-9a-f]{8}: flags anon\|user order 0 refcount 1 mapcount 1 owner -$
# expect: ^old frame: refcount 1 mapcount 1$
# step 4: a page-cache hit in the second process
# expect: ^Breakpoint 5, do_file_fault \(.*\) at mm/fault.c
# expect: ^pid 3$
# expect: ^1 pages cached$
# expect: ^  tour.txt\s+index    0 pfn 0x[0-9a-f]{5} refcount 1 mapcount 0 pagecache\|user$
# expect: ^this fault: minor \+1 major \+0$
# expect: ^  tour.txt\s+index    0 pfn 0x[0-9a-f]{5} refcount 2 mapcount 1 pagecache\|user$
# step 5: a major fault
# expect: ^Breakpoint 5, do_file_fault \(.*\) at mm/fault.c
# expect: ^pid 2$
# expect: ^1 pages cached$
# expect: ^this fault: minor \+0 major \+1$
# expect: ^2 pages cached$
# expect: ^  tour.txt\s+index    1 pfn 0x[0-9a-f]{5} refcount 2 mapcount 1 pagecache\|user$
# step 6: a SIGSEGV kill
# expect: ^Breakpoint 6, do_invalid_fault \(.*reason=.*"not mapped".*\) at mm/fault.c
# expect: ^pid 4 faults at 0x00000000$
# expect: ^  PDE 0x00000000 \[-\]$
# expect: ^  not present: no page table covers this address$
# step 7: a page sent to swap and faulted back in
# expect: ^Breakpoint 7, swap_out_page \(
# expect: ^    pid 2 \(tour\) 40000000-40001000 rw-p: 0x40000000 PTE 0x[0-9a-f]{5}065 \[P US A D\]$
# expect: ^  swapped out: swap entry, type 0 slot 1$
# expect: ^  slot 1: count 1, not in the swap cache$
# expect: ^Breakpoint 8, do_swap_fault \(
# expect: ^this fault: swap_in \+1 swap_cache_hit \+0$
# expect: ^  pfn 0x[0-9a-f]+ phys 0x[0-9a-f]{8}: flags anon\|swapcache\|user order 0 refcount 2 mapcount 1 owner swap slot 1$
# expect: ^  slot 1: count 1, in the swap cache: pfn 0x[0-9a-f]+$
# Echo each command ("+CMD"), so tests/tourdoc.py can check docs/tour.md's
# listings, command by command, against this run.
set trace-commands on
hbreak kmain
continue
delete
break do_zero_page_fault if f->addr == 0x40000000
break do_anonymous_fault if f->addr == 0x40000000
break do_cow_fault if f->addr == 0x40000000
break do_file_fault if $_streq($vm_file(vma->mapping), "tour.txt")
break do_invalid_fault if f->user

# 1. a read of fresh anonymous memory maps the shared zero page, read-only
continue
vm-walk 0x40000000
finish
vm-walk 0x40000000

# 2. the first write: a protection fault on the zero page; a new frame replaces it
continue
vm-walk 0x40000000
finish
vm-walk 0x40000000

# 3. after fork the child writes: the frame it shares with its parent is copied
continue
printf "pid %d\n", current->pid
vm-walk 0x40000000
vm-rmap old_page - mem_map
set $old = old_page
finish
vm-walk 0x40000000
printf "old frame: refcount %d mapcount %d\n", $old->refcount, $old->mapcount

# 4. the child maps tour.txt: page 0 is in the page cache already (minor)
continue
printf "pid %d\n", current->pid
vm-cache tour.txt
set $minor = fault_path_count[FP_FILE_MINOR]
set $major = fault_path_count[FP_FILE_MAJOR]
finish
printf "this fault: minor +%d major +%d\n", fault_path_count[FP_FILE_MINOR] - $minor, fault_path_count[FP_FILE_MAJOR] - $major
vm-cache tour.txt

# 5. the parent touches page 1, which nobody has read yet (major)
continue
printf "pid %d\n", current->pid
vm-cache tour.txt
set $minor = fault_path_count[FP_FILE_MINOR]
set $major = fault_path_count[FP_FILE_MAJOR]
finish
printf "this fault: minor +%d major +%d\n", fault_path_count[FP_FILE_MINOR] - $minor, fault_path_count[FP_FILE_MAJOR] - $major
vm-cache tour.txt

# 6. the second child writes to address 0: no VMA there, so SIGSEGV
continue
printf "pid %d faults at 0x%08x\n", current->pid, f->addr
vm-walk 0

# 7. the parent sends its page to swap (madvise MADV_PAGEOUT) and reads it back
break swap_out_page
break do_swap_fault if f->addr == 0x40000000
continue
vm-rmap page - mem_map
finish
vm-walk 0x40000000
vm-swap
continue
set $swap_in = fault_path_count[FP_SWAP_IN]
set $hit = fault_path_count[FP_SWAP_CACHE_HIT]
finish
printf "this fault: swap_in +%d swap_cache_hit +%d\n", fault_path_count[FP_SWAP_IN] - $swap_in, fault_path_count[FP_SWAP_CACHE_HIT] - $hit
vm-walk 0x40000000
vm-swap

# vm-lru (and its alias vm-clock) under reclaim=age: belady locks itself
# in memory, then touches 1 2 3 4 1 2 5 ... of a region under a budget of
# 4 frames, so the fault on page 5 reclaims.  Stop in swap_out_page once
# pages are mlocked (belady's own run, not the boot's exec): the hand has
# just passed the victim, so the user page before "->" is it, at age 0,
# and the next region page, swept as often less one, is at age 1; vm-rmap
# shows the victim's PTE with its accessed bit cleared (old).
# program: build/user/belady
# args: reclaim=age userframes=4
# swap: 64M
# expect: ^Breakpoint 2, swap_out_page \(
# expect: ^reclaim policy: age$
# expect: ^clock hand: pfn 0x[0-9a-f]+ \(of max_pfn 0x[0-9a-f]+\)$
# expect: ^user pages: \d+ \(\d+ mlocked\), budget: 4 unlocked frames \(userframes\)$
# expect: ^8 user pages before the hand, 8 at or after it, in mem_map order:$
# expect: ^   pfn 0x[0-9a-f]{5} age  3 (young|old) +mapcount 1 anon, mlocked$
# expect: ^   pfn 0x[0-9a-f]{5} age  0 old   mapcount 1 anon$
# expect: ^-> pfn 0x[0-9a-f]{5} age  1 old   mapcount 1 anon$
# expect: ^   pfn 0x[0-9a-f]{5} age  3 (young|old) +mapcount 1 belady\[\d+\], mlocked$
# expect: ^victim pfn 0x[0-9a-f]{5}, clock hand 0x[0-9a-f]+$
# expect: ^1 user pages before the hand, 1 at or after it, in mem_map order:$
# expect: ^   pfn 0x[0-9a-f]{5} age  0 old   mapcount 1 anon$
# expect: ^-> pfn 0x[0-9a-f]{5} age  1 old   mapcount 1 anon$
# expect: ^  anonymous, linear page 0x[0-9a-f]+: the VMAs of its anon_vma$
# expect: ^    pid \d+ \(belady\) [0-9a-f]{8}-[0-9a-f]{8} rw-p: 0x[0-9a-f]{8} PTE 0x[0-9a-f]{5}047 \[P RW US D\]$
# expect: ^  1 PTEs map it, mapcount 1$
# expect: ^vm-lru \[N\]: what reclaim will take next
# expect: ^The age is reclaim=age's \(mm/policy_age.c
# expect: ^vm-clock is another name for this command\.$
hbreak kmain
continue
delete
break swap_out_page if nr_mlocked_pages > 0
continue
vm-lru
printf "victim pfn 0x%05x, clock hand 0x%x\n", page - mem_map, clock_hand
vm-clock 1
vm-rmap page - mem_map
help vm-clock

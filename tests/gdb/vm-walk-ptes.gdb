# vm-walk tells the kernel's not-present PTEs apart (mm/pgtable.h): the
# PROT_NONE entry mprotect leaves on a present page (frame kept, shown
# with its mem_map entry), a swap entry (written by hand, with swap off,
# then the PROT_NONE entry put back; tests/gdb/vm-swap.gdb has real ones)
# and the empty PTE.
# program: build/user/mprotect_none
# expect: ^Breakpoint 2, mm_protect \(
# expect: ^  PTE 0x[0-9a-f]{8} \[P RW US A D\]$
# expect: ^  PTE 0x[0-9a-f]{5}166 \[RW US A D G\]$
# expect: ^  PROT_NONE: frame kept, no access$
# expect: ^  phys 0x[0-9a-f]{5}000$
# expect: ^  pfn 0x[0-9a-f]+ phys 0x[0-9a-f]{8}: flags anon\|user order 0 refcount 1 mapcount 1 owner -$
# expect: ^  PTE 0x00000a00 \[-\]$
# expect: ^  swapped out: swap entry, type 0 slot 5$
# expect: ^  swap is off: slot 5 is in no area$
# expect: ^  PTE 0x[0-9a-f]{5}166 \[RW US A D G\]$
# expect: ^  PROT_NONE: frame kept, no access$
# expect: ^vaddr 0x40001000: PD index 256, PT index 1
# expect: ^  PTE 0x00000000 \[-\]$
# expect: ^  not present: the next access faults$
hbreak kmain
continue
delete
break mm_protect if prot == 0
continue
set $start = start
vm-walk $start
finish
vm-walk $start
set $pde = ((unsigned *)current->mm->pgdir)[$start >> 22]
set $ptep = (unsigned *)((unsigned)&KERNEL_BASE + ($pde & 0xfffff000)) + (($start >> 12) & 0x3ff)
set $saved = *$ptep
set *$ptep = 5 << 9
vm-walk $start
set *$ptep = $saved
vm-walk $start
vm-walk $start+0x1000

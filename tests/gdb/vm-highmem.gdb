# The gdb commands on HighMem frames (3 GiB of RAM): hello_raw's first
# page-cache fault maps a frame above pfn 0x38000 (896 MiB), which
# vm-walk, vm-page and vm-rmap decode like any other, and vm-buddy
# lists the HighMem zone.
# program: build/user/hello_raw
# mem: 3G
# expect: ^Breakpoint 2, handle_mm_fault
# expect: ^  PTE 0x00000000 \[-\]$
# expect: ^  PTE 0x([3-9ab][89a-f]|[4-9ab][0-9a-f])[0-9a-f]{3}005 \[P US\]$
# expect: ^  pfn 0x([3-9ab][89a-f]|[4-9ab][0-9a-f])[0-9a-f]{3} phys 0x[0-9a-f]{8}: flags pagecache\|user order 0 refcount 2 mapcount 1 owner hello_raw\[1\]$
# expect: ^highmem frame: 1$
# expect: ^  page cache of hello_raw, index 1: its VMAs$
# expect: ^    pid 2 \(hello_raw\) 08049000-0804a000 r-xp: 0x08049000 PTE 0x[0-9a-f]{8} \[P US\]$
# expect: ^  1 PTEs map it, mapcount 1$
# expect: ^Node 0, zone      DMA( +\d+){11}
# expect: ^Node 0, zone  HighMem( +\d+){11}
hbreak kmain
continue
delete
vm-break-fault 2
condition $bpnum current->pid == 2 && f->user == 1
continue
vm-walk f->addr
set $fault_addr = f->addr
finish
vm-walk $fault_addr
# the PTE read through the direct map: page tables are always lowmem
set $pte = *(unsigned *)(0xc0000000 + (current->mm->pgdir[$fault_addr >> 22] & 0xfffff000) + (($fault_addr >> 12) & 0x3ff) * 4)
printf "highmem frame: %d\n", ($pte >> 12) >= 0x38000
vm-rmap $pte >> 12
vm-buddy

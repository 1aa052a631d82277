# Every vm-* command against a real boot running a user program: stop at
# the first user-mode fault of pid 2 with vm-break-fault, then look at the
# task table, its VMAs, the page walk before and after the fault, the
# frame, the page cache and the allocator.
# program: build/user/hello_raw
# expect: ^vm-break-fault: breakpoint 2 in handle_mm_fault if current->pid == 2$
# expect: ^Breakpoint 2, handle_mm_fault
# expect: ^  PID  TGID  PPID STATE     NAME             PGDIR    MM USERS$
# expect: ^\s+1\s+1\s+0 (sleeping|runnable)\s+init\s+[0-9a-f]{8}\s+1$
# expect: ^\*\s+2\s+2\s+1 runnable\s+hello_raw\s+[0-9a-f]{8}\s+1$
# expect: ^08048000-08049000 r--p 00000000 00:02 \d+\s+/hello_raw$
# expect: ^bffe0000-c0000000 rw-p 00000000 00:00 0\s+\[stack\]$
# expect: ^vaddr 0x08049[0-9a-f]{3}: PD index 32, PT index 73, offset 0x[0-9a-f]{3} \(CR3 0x[0-9a-f]{8}\)$
# expect: ^  PTE 0x00000000 \[-\]$
# expect: ^  not present: the next access faults$
# expect: ^  PTE 0x[0-9a-f]{5}005 \[P US\]$
# expect: ^  pfn 0x[0-9a-f]+ phys 0x[0-9a-f]{8}: flags pagecache\|user order 0 refcount 2 mapcount 1 owner hello_raw\[1\]$
# expect: ^\d+ pages cached$
# expect: ^  hello_raw\s+index    1 pfn 0x[0-9a-f]{5} refcount 2 mapcount 1 pagecache\|user$
# expect: ^Node 0, zone      DMA( +\d+){11}
# expect: ^vaddr 0xc0100000: PD index 768
# expect: ^  PDE 0x000001e3 \[P RW A D PS G\]$
# expect: ^  4 MiB page: phys 0x00100000$
hbreak kmain
continue
delete
vm-break-fault 2
condition $bpnum current->pid == 2 && f->user == 1
continue
vm-tasks
vm-maps 2
vm-walk f->addr
set $fault_addr = f->addr
finish
vm-walk $fault_addr
vm-cache hello_raw
vm-buddy
vm-walk 0xc0100000

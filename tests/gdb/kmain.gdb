# The debug path users rely on: stop in kmain (a hardware breakpoint, since
# paging is still off at reset), read a variable, then break again once
# the allocator is up and use the vm-* commands.
# args: ktest=boot
# expect: ^Hardware assisted breakpoint 1 at 0xc0[0-9a-f]+: file kernel/main.c
# expect: ^Breakpoint 1, kmain \(magic=.*, mbi_phys=.*\) at kernel/main.c
# expect: ^\$1 = 0$
# expect: ^Breakpoint 2, 0xc0[0-9a-f]+ in ktest_run|^Breakpoint 2, ktest_run
# expect: ^\$2 = 3$
# expect: ^\$3 = 0x[0-9a-f]+000$
# expect: ^Node 0, zone      DMA( +\d+){11}
# expect: ^pfn 0x0 phys 0x00000000: flags reserved
hbreak kmain
continue
print boot_stage
break ktest_run
continue
print boot_stage
print/x $cr3
vm-buddy
vm-page 0

# `bt` in the fault handler unwinds through the trap frame (the CFI of
# trap_common in arch/x86/isr.S, named by the frame filter of
# tools/gdb/vmkernel.py) into the user code that faulted: the frame after
# the trap has the EIP and ESP the CPU saved in the trap frame, and gdb
# never gives up with "corrupt stack".  With the program's symbols loaded,
# the user frame is named.
# program: build/user/tour user/tour.txt
# expect: ^Breakpoint 2, handle_mm_fault \(
# expect: ^#0  handle_mm_fault \(mm=0x[0-9a-f]+, f=.*\) at mm/fault.c:\d+$
# expect: ^#1  0x[0-9a-f]+ in page_fault_entry \(.*\) at arch/x86/fault_entry.c:\d+$
# expect: ^#2  0x[0-9a-f]+ in trap_dispatch \(.*\) at arch/x86/trap.c:\d+$
# expect: ^#3  trap_common \(tf=0x[0-9a-f]+, trap=0x[0-9a-f]+ "page fault", user=1\) at arch/x86/isr.S:\d+$
# expect: ^#4  0x080[0-9a-f]{5} in \?\? \(\)$
# expect: ^bt: complete, no corrupt stack$
# expect: ^frame 4: its registers are the trap frame's$
# expect: ^#4  0x080[0-9a-f]{5} in main \(\)$
hbreak kmain
continue
delete
break handle_mm_fault if f->user && f->addr == 0x40000000
continue
bt
python
text = gdb.execute("bt", to_string=True)
print("bt: complete, no corrupt stack" if "Backtrace stopped" not in text
      and "corrupt stack" not in text else "bt: cut short")
tf = gdb.parse_and_eval("current->tf").dereference()
user = gdb.selected_frame().older().older().older().older()
same = all(int(user.read_register(reg)) == int(tf[field]) for reg, field in
           (("eip", "eip"), ("esp", "user_esp"), ("ebp", "ebp"), ("eax", "eax"), ("cs", "cs"), ("ss", "user_ss")))
print("frame 4: its registers are the trap frame's" if same else "frame 4: registers differ from the trap frame")
end
add-symbol-file build/user/tour
bt

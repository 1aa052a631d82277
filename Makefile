# Makefile - build, run, debug and test the kernel.
#
#   make            build/kernel.elf (plus build/kernel.asm and kernel.sym)
#   make iso        build/vmkernel.iso, bootable through GRUB
#   make run        boot in QEMU on this terminal (Ctrl-A X quits)
#   make run-iso    boot the ISO through GRUB
#   make gdb        QEMU paused + gdb attached, in this terminal
#   make qemu-gdb   QEMU paused, waiting for gdb on port $(GDBPORT)
#   make test       every test: host unit tests, boot tests, gdb test
#   make fuzz       a system-call fuzzing campaign (SEEDS=1-20 CALLS=4000)
#   make bench-buddy  allocator benchmark on the host
#   make bench-reclaim  page-replacement policies against OPT and LRU
#
# ARGS="..." sets the kernel command line, MEM=... the RAM size,
# SWAP=64M (make run, gdb, qemu-gdb) a fresh swap disk of that size as /dev/hda,
# SHELL_PROGRAM=path/to/busybox (make run, gdb, qemu-gdb) runs that program as the shell.

BUILD   := build
CC      := gcc
LD      := ld
QEMU    := qemu-system-i386
MEM     ?= 128M
ARGS    ?=
SWAP    ?=
GDBPORT ?= 1234

KCFLAGS := -m32 -march=i686 -std=gnu11 -ffreestanding -fno-pie -fno-stack-protector \
           -fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-delete-null-pointer-checks -mgeneral-regs-only \
           -fno-builtin -nostdinc -isystem $(shell $(CC) -m32 -print-file-name=include) \
           -O2 -g -Wall -Wextra -Werror -I.
KASFLAGS := -m32 -g -I.
KLDFLAGS := -m elf_i386 -nostdlib -z noexecstack --no-warn-rwx-segments

KSRC_C  := $(wildcard arch/x86/*.c kernel/*.c mm/*.c)
KSRC_S  := $(wildcard boot/*.S arch/x86/*.S kernel/*.S)
KOBJS   := $(patsubst %.c,$(BUILD)/%.o,$(KSRC_C)) $(patsubst %.S,$(BUILD)/%.o,$(KSRC_S))
KERNEL  := $(BUILD)/kernel.elf
ISO     := $(BUILD)/vmkernel.iso

# SWAP=SIZE: a fresh swap disk (dd, then util-linux mkswap: tests/qemu.py)
# attached as /dev/hda and enabled at boot with swap=/dev/hda.
ifneq ($(SWAP),)
SWAP_IMG  := $(BUILD)/swap.img
MAKE_SWAP := python3 -c 'import sys; sys.path.insert(0, "tests"); import qemu; qemu.make_swap_image(sys.argv[1], sys.argv[2])' \
             $(SWAP_IMG) $(SWAP)
SWAP_ARGS := $(if $(ARGS), )swap=/dev/hda
SWAP_QEMU := -drive file=$(SWAP_IMG),format=raw,if=ide,index=0
endif

# SHELL_PROGRAM=PATH: a static i386 program (a busybox binary, a static
# bash) joins the ramdisk as /NAME, its base name, in place of a program of
# that name, and init runs it instead of /sh through run=/NAME: argv is
# just NAME, or NAME sh for a busybox (named busybox*), which takes the
# applet from argv[1].  Nothing else needs it: the build and the tests
# never use it.
ifneq ($(SHELL_PROGRAM),)
ifeq ($(wildcard $(SHELL_PROGRAM)),)
$(error SHELL_PROGRAM=$(SHELL_PROGRAM): no such file)
endif
comma      := ,
SHELL_NAME := $(notdir $(SHELL_PROGRAM))
SHELL_ARGS := $(if $(ARGS)$(SWAP_ARGS), )run=/$(SHELL_NAME)$(if $(filter busybox%,$(SHELL_NAME)),$(comma)sh)
endif

QEMU_FLAGS := -m $(MEM) -nographic -no-reboot \
              -device isa-debug-exit,iobase=0xf4,iosize=0x04

.PHONY: all iso run run-iso gdb qemu-gdb test test-host test-linux tour-doc bench-buddy deps clean

all: $(KERNEL)

# Every object depends on this Makefile, so changing a flag rebuilds them all.
$(KOBJS): Makefile

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/ksyms0.o $(BUILD)/ksyms.o: $(BUILD)/%.o: $(BUILD)/%.c
	@$(CC) $(KCFLAGS) -c $< -o $@

# Two-pass link: the first pass has an empty symbol table; the second
# embeds the function names of the first.  ksyms lives after .text, so
# the function addresses cannot move between passes (checked below).
$(BUILD)/ksyms0.c: tools/mksyms.sh
	@mkdir -p $(BUILD)
	@sh tools/mksyms.sh > $@

$(BUILD)/kernel.pass1.elf: $(KOBJS) $(BUILD)/ksyms0.o linker.ld
	@echo "  LD      $@"; $(LD) $(KLDFLAGS) -T linker.ld -o $@ $(KOBJS) $(BUILD)/ksyms0.o

$(BUILD)/ksyms.c: $(BUILD)/kernel.pass1.elf tools/mksyms.sh
	@sh tools/mksyms.sh $< > $@

$(KERNEL): $(KOBJS) $(BUILD)/ksyms.o linker.ld
	@echo "  LD      $@"; $(LD) $(KLDFLAGS) -T linker.ld -o $@ $(KOBJS) $(BUILD)/ksyms.o
	@nm -n $(BUILD)/kernel.pass1.elf | grep ' [tT] ' > $(BUILD)/text1.sym
	@nm -n $@ | grep ' [tT] ' > $(BUILD)/text2.sym
	@cmp -s $(BUILD)/text1.sym $(BUILD)/text2.sym || { echo "ksyms moved text: link passes differ"; rm -f $@; exit 1; }
	@objdump -d -S $@ > $(BUILD)/kernel.asm
	@nm -n $@ > $(BUILD)/kernel.sym

iso: $(ISO)

$(ISO): $(KERNEL) $(BUILD)/ramdisk.cpio iso/boot/grub/grub.cfg FORCE
	rm -rf $(BUILD)/isodir
	mkdir -p $(BUILD)/isodir/boot/grub
	cp $(KERNEL) $(BUILD)/isodir/boot/kernel.elf
	cp $(BUILD)/ramdisk.cpio $(BUILD)/isodir/boot/ramdisk.cpio
	sed 's|^\(    multiboot /boot/kernel.elf\)$$|\1 $(ARGS)|' iso/boot/grub/grub.cfg > $(BUILD)/isodir/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(BUILD)/isodir 2> $(BUILD)/grub-mkrescue.log || { cat $(BUILD)/grub-mkrescue.log; exit 1; }

deps:
	@sh tools/deps.sh

run: deps
	$(MAKE) $(KERNEL) $(BUILD)/ramdisk.cpio
	$(MAKE_SWAP)
	@echo "Booting in QEMU. Quit with Ctrl-A then X, or exit at the shell's prompt."
	$(QEMU) $(RUN_FLAGS) -kernel $(KERNEL) -append "$(ARGS)$(SWAP_ARGS)$(SHELL_ARGS)" -initrd $(BUILD)/ramdisk.cpio \
	    $(SWAP_QEMU) || [ $$? -eq 33 ]

run-iso: deps
	$(MAKE) $(ISO)
	@echo "Booting the ISO through GRUB. Quit with Ctrl-A then X, or exit at the shell's prompt."
	$(QEMU) $(QEMU_FLAGS) -boot d -cdrom $(ISO) || [ $$? -eq 33 ]

qemu-gdb: deps
	$(MAKE) $(KERNEL) $(BUILD)/ramdisk.cpio
	$(MAKE_SWAP)
	@echo "QEMU is paused, waiting for gdb on port $(GDBPORT): run 'gdb -x tools/gdbinit' in another terminal."
	$(QEMU) $(QEMU_FLAGS) -kernel $(KERNEL) -append "$(ARGS)$(SWAP_ARGS)$(SHELL_ARGS)" -initrd $(BUILD)/ramdisk.cpio \
	    $(SWAP_QEMU) -S -gdb tcp::$(GDBPORT)

gdb: deps
	$(MAKE) $(KERNEL) $(BUILD)/ramdisk.cpio
	$(MAKE_SWAP)
	$(QEMU) $(QEMU_FLAGS) -kernel $(KERNEL) -append "$(ARGS)$(SWAP_ARGS)$(SHELL_ARGS)" -initrd $(BUILD)/ramdisk.cpio \
	    $(SWAP_QEMU) -S -gdb tcp::$(GDBPORT) \
	    -serial file:$(BUILD)/serial.log -monitor none -display none </dev/null & \
	qemu_pid=$$!; \
	echo "QEMU runs in the background; its serial output goes to $(BUILD)/serial.log"; \
	gdb -q -x tools/gdbinit; kill $$qemu_pid 2>/dev/null || true

test: deps
	$(MAKE) $(KERNEL)
	python3 tests/harness.py

bench-buddy: deps
	$(MAKE) -C tests/unit bench

FORCE:

clean:
	rm -rf $(BUILD)

# init is embedded in the kernel image (kernel/init_blob.S).
$(BUILD)/kernel/init_blob.o: $(BUILD)/user/init
$(BUILD)/user/init: user/init.c $(wildcard user/lib/*)
	@$(MAKE) -s -C user $(abspath $@)

-include $(KOBJS:.o=.d)

# ---- user programs and runner
# user/ holds the user programs; user/Makefile builds them into build/user/.
# tests/run runs one of them on the kernel (or natively with --linux) and
# tests/user_tests.py checks them against tests/user/*.expected.
#
#   make user        every user program, init included
#   make test-linux  the user tests natively on this host, against the same
#                    .expected files (tests marked .linux-differs are skipped)

.PHONY: user test-linux

user:
	@$(MAKE) --no-print-directory -C user

test: user

test-linux: user
	python3 tests/user_tests.py --linux

# Rewrite the gdb listings of docs/tour.md from a real run of tests/gdb/tour.gdb.
tour-doc: deps user
	$(MAKE) $(KERNEL)
	python3 tests/tourdoc.py --update

# ---- make run ramdisk
# build/ramdisk.cpio (spelled out, as the rules above use it before this
# point), the disk of make run, run-iso, gdb and qemu-gdb: every user
# program of build/user/ but init (the shell sh, the tools, the test
# programs), the data files of build/user/data/, and /PROGRAMS listing the
# programs (tools/mkramdisk.py).  Without run= on the command line init
# runs /sh, so `make run` ends at the shell's prompt "$ ";
# `make run ARGS=run=/hello` runs one program instead, and
# `make run SHELL_PROGRAM=path/to/busybox` adds that program and runs it
# as the shell (see SHELL_ARGS above).
#
# make run's QEMU is -nographic without telling the firmware so: the
# same serial console on this terminal, Ctrl-A X and the monitor mux,
# but -nographic makes SeaBIOS (and the iPXE ROM through it) run a
# console on COM1 that eats the bytes which arrive during the boot, so
# `printf 'hello\nexit\n' | make run` would lose them.  QEMU's status 33
# means the kernel powered off (isa-debug-exit, tests/qemu.py): not an error
# for make run and make run-iso.

RUN_FLAGS = $(filter-out -nographic,$(QEMU_FLAGS)) -display none -serial mon:stdio

$(BUILD)/ramdisk.cpio: user tools/mkramdisk.py tests/ramdisk.py
	@echo "  GEN     $@"
	@python3 tools/mkramdisk.py $@ $(BUILD)/user $(SHELL_PROGRAM)

# ---- benchmark
# make bench: what page faults, fork, mmap and a null system call cost on
# our kernel, in guest instructions: user/bench.c run under tests/run
# --icount, where the time stamp counter advances by one per instruction,
# so two runs print the same table.  One line per figure, "name ops
# total_cycles cycles_per_op", then the Linux 6.1 reference figures and
# the ratio ours/Linux (see the comment atop user/bench.c).  Then the
# file read figures again with faultaround=16, the zero-fill and COW
# figures again with 3 GiB of RAM (HighMem frames), a page-cache fault with
# 1,000 and with 64,000 pages cached (user/bench_pcache.c), and what
# swapping costs, user/bench_swap.c with 16 MiB of RAM and a swap disk,
# counted in busy cycles from /proc/self/schedstat.

.PHONY: bench

bench: deps user
	@$(MAKE) --no-print-directory $(KERNEL)
	@python3 tests/run --icount build/user/bench build/user/data/pattern1048576
	@echo "# with faultaround=16 (a file read fault maps up to 16 cached pages around it):"
	@python3 tests/run --icount --kargs faultaround=16 build/user/bench build/user/data/pattern1048576 \
	    | grep '^file_read_cached'
	@echo "# with 3 GiB of RAM, so that user pages are HighMem frames, zeroed and copied through kmap_atomic:"
	@python3 tests/run --icount --mem 3G build/user/bench build/user/data/pattern1048576 \
	    | grep -E '^(zero_fill_write|cow_fault_child|cow_fault_parent) '
	@python3 tests/run --icount --mem 512M build/user/bench_pcache
	@python3 tests/run --icount --mem 16M --swap 64M --kargs kswapd=off build/user/bench_swap

# make bench-reclaim: the replacement-policy lab (docs/reclaim-lab.md).
# tools/reclaimlab.py boots user/reclaimlab.c with each policy
# (reclaim=age, clock, fifo, random, lru) and userframes=64, and sets its
# page faults per reference pattern beside OPT and exact LRU, simulated
# on the same strings (tools/refgen.c, built into build/tools/); then
# Belady's anomaly (user/belady.c with 3 and 4 frames), the lab's goals
# ("goal: ... ok" or "MISSED"), and a sweep of the frame budget, drawn
# into build/reclaim.svg.  A Markdown report on stdout, the same every run.

.PHONY: bench-reclaim

bench-reclaim: deps user
	@$(MAKE) --no-print-directory $(KERNEL)
	@python3 tools/reclaimlab.py --svg $(BUILD)/reclaim.svg

# ---- address-space diagram
# make diagram: build/address-space.svg, a picture of one process's address
# space (docs/diagram.md).  user/smapsdump.c builds an address space with
# every kind of page (private, copy-on-write shared, page cache, zero page,
# untouched), forks, and the child prints its /proc/self/smaps; tests/run
# runs it on the kernel under --icount (the same picture every time), the
# status line "exit 0" is checked and stripped into build/smapsdump.smaps,
# and tools/vmdiagram.py draws that.  docs/address-space.svg is a copy.

.PHONY: diagram

diagram: deps user
	@$(MAKE) --no-print-directory $(KERNEL)
	@python3 tests/run --icount build/user/smapsdump build/user/data/pattern1048576 > $(BUILD)/smapsdump.out
	@tail -n 1 $(BUILD)/smapsdump.out | grep -qx 'exit 0' || { cat $(BUILD)/smapsdump.out; exit 1; }
	@sed '$$d' $(BUILD)/smapsdump.out > $(BUILD)/smapsdump.smaps
	@python3 tools/vmdiagram.py -o $(BUILD)/address-space.svg \
	    --title "The address space of a forked child, on vmkernel (user/smapsdump.c)" $(BUILD)/smapsdump.smaps
	@echo "  SVG     $(BUILD)/address-space.svg"

# ---- system-call fuzzer
# make fuzz SEEDS=1-20: a campaign of user/fuzz.c, one boot per seed
# (tools/fuzz.py), CALLS calls each; a table "seed calls panics hangs
# leaks", the last calls logged before each panic or hang, and a non-zero
# status on any finding.  make test runs a short fixed-seed campaign, the
# user test fuzz_short.

.PHONY: fuzz

SEEDS ?= 1-20
CALLS ?= 4000

fuzz: deps user
	@$(MAKE) --no-print-directory $(KERNEL)
	@python3 tools/fuzz.py --seeds $(SEEDS) --calls $(CALLS)

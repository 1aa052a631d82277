# Makefile - build, run, debug and test the kernel.
#
#   make            build/kernel.elf (plus build/kernel.asm and kernel.sym)
#   make iso        build/vmkernel.iso, bootable through GRUB
#   make run        boot in QEMU on this terminal (Ctrl-A X quits)
#   make run-iso    boot the ISO through GRUB
#   make gdb        QEMU paused + gdb attached, in this terminal
#   make qemu-gdb   QEMU paused, waiting for gdb on port $(GDBPORT)
#   make test       every test: host unit tests, boot tests, gdb test
#   make bench-buddy  allocator benchmark on the host
#
# ARGS="..." sets the kernel command line, MEM=... the RAM size.

BUILD   := build
CC      := gcc
LD      := ld
QEMU    := qemu-system-i386
MEM     ?= 128M
ARGS    ?=
GDBPORT ?= 1234

KCFLAGS := -m32 -march=i686 -std=gnu11 -ffreestanding -fno-pie -fno-stack-protector \
           -fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-delete-null-pointer-checks -mgeneral-regs-only \
           -fno-builtin -nostdinc -isystem $(shell $(CC) -m32 -print-file-name=include) \
           -O2 -g -Wall -Wextra -Werror -I.
KASFLAGS := -m32 -g -I.
KLDFLAGS := -m elf_i386 -nostdlib -z noexecstack --no-warn-rwx-segments
LIBGCC  := $(shell $(CC) -m32 -print-libgcc-file-name)

KSRC_C  := $(wildcard arch/x86/*.c kernel/*.c mm/*.c)
KSRC_S  := $(wildcard boot/*.S arch/x86/*.S kernel/*.S)
KOBJS   := $(patsubst %.c,$(BUILD)/%.o,$(KSRC_C)) $(patsubst %.S,$(BUILD)/%.o,$(KSRC_S))
KERNEL  := $(BUILD)/kernel.elf
ISO     := $(BUILD)/vmkernel.iso

QEMU_FLAGS := -m $(MEM) -nographic -no-reboot \
              -device isa-debug-exit,iobase=0xf4,iosize=0x04

.PHONY: all iso run run-iso gdb qemu-gdb test test-host test-linux bench-buddy deps clean

all: $(KERNEL)

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
	@echo "  LD      $@"; $(LD) $(KLDFLAGS) -T linker.ld -o $@ $(KOBJS) $(BUILD)/ksyms0.o $(LIBGCC)

$(BUILD)/ksyms.c: $(BUILD)/kernel.pass1.elf tools/mksyms.sh
	@sh tools/mksyms.sh $< > $@

$(KERNEL): $(KOBJS) $(BUILD)/ksyms.o linker.ld
	@echo "  LD      $@"; $(LD) $(KLDFLAGS) -T linker.ld -o $@ $(KOBJS) $(BUILD)/ksyms.o $(LIBGCC)
	@nm -n $(BUILD)/kernel.pass1.elf | grep ' [tT] ' > $(BUILD)/text1.sym
	@nm -n $@ | grep ' [tT] ' > $(BUILD)/text2.sym
	@cmp -s $(BUILD)/text1.sym $(BUILD)/text2.sym || { echo "ksyms moved text: link passes differ"; rm -f $@; exit 1; }
	@objdump -d -S $@ > $(BUILD)/kernel.asm
	@nm -n $@ > $(BUILD)/kernel.sym

iso: $(ISO)

$(ISO): $(KERNEL) iso/boot/grub/grub.cfg FORCE
	rm -rf $(BUILD)/isodir
	mkdir -p $(BUILD)/isodir/boot/grub
	cp $(KERNEL) $(BUILD)/isodir/boot/kernel.elf
	sed 's|^\(    multiboot /boot/kernel.elf\)$$|\1 $(ARGS)|' iso/boot/grub/grub.cfg > $(BUILD)/isodir/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(BUILD)/isodir 2> $(BUILD)/grub-mkrescue.log || { cat $(BUILD)/grub-mkrescue.log; exit 1; }

deps:
	@sh tools/deps.sh

run: deps
	$(MAKE) $(KERNEL)
	@echo "Booting in QEMU. Quit with Ctrl-A then X."
	$(QEMU) $(QEMU_FLAGS) -kernel $(KERNEL) -append "$(ARGS)"

run-iso: deps
	$(MAKE) $(ISO)
	@echo "Booting the ISO through GRUB. Quit with Ctrl-A then X."
	$(QEMU) $(QEMU_FLAGS) -cdrom $(ISO)

qemu-gdb: deps
	$(MAKE) $(KERNEL)
	@echo "QEMU is paused, waiting for gdb on port $(GDBPORT): run 'gdb -x tools/gdbinit' in another terminal."
	$(QEMU) $(QEMU_FLAGS) -kernel $(KERNEL) -append "$(ARGS)" -S -gdb tcp::$(GDBPORT)

gdb: deps
	$(MAKE) $(KERNEL)
	$(QEMU) $(QEMU_FLAGS) -kernel $(KERNEL) -append "$(ARGS)" -S -gdb tcp::$(GDBPORT) \
	    -serial file:$(BUILD)/serial.log -monitor none -display none </dev/null & \
	echo "QEMU runs in the background; its serial output goes to $(BUILD)/serial.log"; \
	gdb -q -x tools/gdbinit; kill %1 2>/dev/null || true

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

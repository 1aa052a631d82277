#!/usr/bin/env python3
"""mkbadelf.py GOOD_ELF OUTDIR - make the broken programs that bad_elf execs.

Each file is a copy of a valid static i386 program (GOOD_ELF) with one
thing wrong, so that a loader that misses the check runs the good program
instead of failing.  All are made executable (mode 755): execve must
fail because of their contents, not their permissions.

  not_elf          a text file with no "#!" line
  elf_trunc_ident  the first 16 bytes (e_ident) only: e_type reads as 0
  elf_trunc_phdrs  the 52-byte ELF header only: no program headers
  elf_class64      e_ident[EI_CLASS] = ELFCLASS64, the rest unchanged
  elf_machine      e_machine = 0x1234, not EM_386 (3)
  elf_type_rel     e_type = ET_REL (1), not ET_EXEC (2)
  elf_kernel_addr  every PT_LOAD (and the entry point) moved up by 0xB8000000,
                   into the kernel half at 0xC0000000
  elf_load_past_eof  the last PT_LOAD's file size runs 1 MiB past the end
"""
import os
import struct
import sys


def main():
    good, outdir = sys.argv[1], sys.argv[2]
    with open(good, "rb") as f:
        elf = f.read()
    assert elf[:4] == b"\x7fELF" and elf[4] == 1 and struct.unpack_from("<H", elf, 18)[0] == 3, \
        good + " is not an i386 ELF"

    def patched(offset, data):
        return elf[:offset] + data + elf[offset + len(data):]

    # program headers: e_phoff at 28, e_phentsize at 42, e_phnum at 44
    phoff, = struct.unpack_from("<I", elf, 28)
    phentsize, phnum = struct.unpack_from("<HH", elf, 42)
    loads = [phoff + i * phentsize for i in range(phnum)
             if struct.unpack_from("<I", elf, phoff + i * phentsize)[0] == 1]   # PT_LOAD

    kernel = bytearray(elf)
    entry, = struct.unpack_from("<I", elf, 24)
    struct.pack_into("<I", kernel, 24, entry + 0xB8000000)
    for ph in loads:                    # p_vaddr at +8, p_paddr at +12
        for field in (8, 12):
            v, = struct.unpack_from("<I", elf, ph + field)
            struct.pack_into("<I", kernel, ph + field, v + 0xB8000000)

    past_eof = bytearray(elf)
    last = loads[-1]                    # p_filesz at +16, p_memsz at +20
    filesz, memsz = struct.unpack_from("<II", elf, last + 16)
    struct.pack_into("<II", past_eof, last + 16, filesz + (1 << 20), max(memsz, filesz + (1 << 20)))

    files = {
        "not_elf": b"this is not a program\n",
        "elf_trunc_ident": elf[:16],
        "elf_trunc_phdrs": elf[:52],
        "elf_class64": patched(4, b"\x02"),
        "elf_machine": patched(18, struct.pack("<H", 0x1234)),
        "elf_type_rel": patched(16, struct.pack("<H", 1)),
        "elf_kernel_addr": bytes(kernel),
        "elf_load_past_eof": bytes(past_eof),
    }
    os.makedirs(outdir, exist_ok=True)
    for name, data in files.items():
        path = os.path.join(outdir, name)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, 0o755)


if __name__ == "__main__":
    main()

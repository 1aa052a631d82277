#!/usr/bin/env python3
"""mkramdisk.py - the ramdisk of `make run`: the user programs, a /PROGRAMS list.

    tools/mkramdisk.py OUT.cpio DIR [PROGRAM...]
    tools/mkramdisk.py OUT.cpio --files FILE...

The first form takes every program in DIR (build/user): each executable
regular file directly in DIR except init (embedded in the kernel) and
init-host (built for Linux), plus the data files of DIR/data/ that test
programs open (bad ELF files, patternN), plus the PROGRAMs given (make
run's SHELL_PROGRAM), each in place of a program of DIR with its name.  The
second form takes exactly the FILEs given, all counted as programs
(tests/user_tests.py builds the ramdisks of its shell sessions so).

Every file goes to the root of the archive under its base name, with
the modes of tests/ramdisk.py, and /PROGRAMS lists the programs' names,
one per line in sorted order (the shell's `help` prints it: there is no
readdir).  The kernel takes any number of files, with names of up to
NAME_MAX (255) bytes; this stops with an error naming the limit if a
name is longer.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from ramdisk import cpio_newc, file_mode, name_error  # noqa: E402

NOT_IN_RAMDISK = {"init", "init-host"}


def programs_in(directory):
    return sorted(os.path.join(directory, n) for n in os.listdir(directory)
                  if n not in NOT_IN_RAMDISK and os.path.isfile(os.path.join(directory, n))
                  and os.access(os.path.join(directory, n), os.X_OK))


def data_in(directory):
    data = os.path.join(directory, "data")
    if not os.path.isdir(data):
        return []
    return sorted(os.path.join(data, n) for n in os.listdir(data)
                  if not n.startswith(".") and os.path.isfile(os.path.join(data, n)))


def build(out, programs, data=()):
    """Writes the archive of the programs, the data files and /PROGRAMS."""
    names = [os.path.basename(p) for p in programs]
    if len(set(names + ["PROGRAMS"])) != len(names) + 1:
        sys.exit("mkramdisk: two programs with the same name, or one named PROGRAMS")
    taken = set(names + ["PROGRAMS"])
    for path in data:
        if os.path.basename(path) in taken:
            sys.exit("mkramdisk: %s has the name of another file" % path)
        taken.add(os.path.basename(path))
    if name_error(taken):
        sys.exit("mkramdisk: " + name_error(taken))
    entries = []
    for path in programs + list(data):
        with open(path, "rb") as f:
            entries.append((os.path.basename(path), file_mode(path, path in programs), f.read()))
    entries.append(("PROGRAMS", 0o644, "".join(n + "\n" for n in sorted(names)).encode()))
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(cpio_newc(entries))
    os.replace(tmp, out)


def main():
    args = sys.argv[1:]
    if len(args) >= 2 and args[1] == "--files":
        build(args[0], args[2:])
    elif len(args) >= 2 and os.path.isdir(args[1]):
        extra = args[2:]
        replaced = {os.path.basename(p) for p in extra}
        programs = [p for p in programs_in(args[1]) if os.path.basename(p) not in replaced]
        build(args[0], programs + extra, data_in(args[1]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

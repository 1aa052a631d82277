#!/usr/bin/env python3
"""mkramdisk.py - the ramdisk of `make run`: the user programs, a /PROGRAMS list.

    tools/mkramdisk.py OUT.cpio DIR
    tools/mkramdisk.py OUT.cpio --files FILE...

The first form takes every program in DIR (build/user): each executable
regular file directly in DIR except init (embedded in the kernel) and
init-host (built for Linux), plus the data files of DIR/data/ that test
programs open (bad ELF files, patternN), as long as there is room.  The
second form takes exactly the FILEs given, all counted as programs
(tests/user_tests.py builds the ramdisks of its shell sessions so).

Every file goes to the root of the archive under its base name, with
the modes of tests/ramdisk.py, and /PROGRAMS lists the programs' names,
one per line in sorted order (the shell's `help` prints it: there is no
readdir).  The kernel accepts at most RAMDISK_MAX_FILES files
(kernel/ramdisk.h) and rejects a larger archive altogether, so this
stops with an error if the programs alone are too many, and leaves out
(with a warning) the data files that do not fit.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from ramdisk import cpio_newc, file_mode  # noqa: E402

NOT_IN_RAMDISK = {"init", "init-host"}


def max_files():
    with open(os.path.join(ROOT, "kernel", "ramdisk.h")) as f:
        return int(re.search(r"#define RAMDISK_MAX_FILES\s+(\d+)", f.read()).group(1))


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
    """Writes the archive; returns the data files left out."""
    limit = max_files()
    names = [os.path.basename(p) for p in programs]
    room = limit - len(programs) - 1            # 1: /PROGRAMS
    if room < 0:
        sys.exit("mkramdisk: %d programs and /PROGRAMS are more than the kernel's "
                 "RAMDISK_MAX_FILES (%d)" % (len(programs), limit))
    if len(set(names + ["PROGRAMS"])) != len(names) + 1:
        sys.exit("mkramdisk: two programs with the same name, or one named PROGRAMS")
    taken = set(names + ["PROGRAMS"])
    data_kept, left_out = [], []
    for path in data:
        name = os.path.basename(path)
        if name in taken:
            sys.exit("mkramdisk: %s has the name of another file" % path)
        if len(data_kept) >= room:
            left_out.append(path)
        else:
            data_kept.append(path)
            taken.add(name)
    entries = []
    for path in programs + data_kept:
        with open(path, "rb") as f:
            entries.append((os.path.basename(path), file_mode(path, path in programs), f.read()))
    entries.append(("PROGRAMS", 0o644, "".join(n + "\n" for n in sorted(names)).encode()))
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(cpio_newc(entries))
    os.replace(tmp, out)
    return left_out


def main():
    args = sys.argv[1:]
    if len(args) >= 2 and args[1] == "--files":
        build(args[0], args[2:])
    elif len(args) == 2 and os.path.isdir(args[1]):
        left_out = build(args[0], programs_in(args[1]), data_in(args[1]))
        if left_out:
            sys.stderr.write("mkramdisk: warning: no room for %s (RAMDISK_MAX_FILES)\n"
                             % " ".join(os.path.relpath(p, ROOT) for p in left_out))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

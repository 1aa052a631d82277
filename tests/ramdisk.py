"""ramdisk.py - build the cpio "newc" ramdisk the kernel boots with.

Shared by tests/run and tests/harness.py.
"""
import os

NAME_MAX = 255      # the kernel's RAMDISK_NAME_MAX (kernel/ramdisk.h), as on Linux


def name_error(names):
    """A message naming the limit if a name is too long for the kernel, else None."""
    for name in names:
        if len(name.encode()) > NAME_MAX:
            return "the file name %s... is %d bytes, more than NAME_MAX (%d)" % (
                name[:20], len(name.encode()), NAME_MAX)
    return None


def file_mode(path, is_program):
    """0755 for the program and for files executable on the host, else 0644."""
    if is_program or os.stat(path).st_mode & 0o100:
        return 0o755
    return 0o644


def cpio_newc(entries):
    """A cpio archive in the "newc" format (the one Linux's initramfs reads).

    entries: a list of (name, mode, data).  Each member is a 110-byte ASCII
    header ("070701" and 13 fields of 8 hex digits), the name and its NUL
    padded to a multiple of 4 bytes, then the data padded likewise.  The
    archive ends with a member named "TRAILER!!!"."""
    def pad4(b):
        return b + b"\0" * (-len(b) % 4)

    def member(ino, name, mode, data, nlink=1):
        fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0, len(name) + 1, 0]
        # c_ino c_mode c_uid c_gid c_nlink c_mtime c_filesize c_devmajor
        # c_devminor c_rdevmajor c_rdevminor c_namesize c_check
        header = b"070701" + b"".join(b"%08X" % f for f in fields)
        return pad4(header + name.encode() + b"\0") + pad4(data)

    out = [member(i + 1, name, 0o100000 | mode, data) for i, (name, mode, data) in enumerate(entries)]
    out.append(member(0, "TRAILER!!!", 0, b"", nlink=1))
    return b"".join(out)


def make_ramdisk(path, program, files):
    entries = []
    for i, src in enumerate([program] + files):
        with open(src, "rb") as f:
            entries.append((os.path.basename(src), file_mode(src, i == 0), f.read()))
    with open(path, "wb") as f:
        f.write(cpio_newc(entries))


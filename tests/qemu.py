"""qemu.py - boot the kernel in QEMU once, with a time limit, and say how it ended.

Shared by tests/harness.py (make test) and tests/run (the program runner).
"""
import os
import re
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL = os.path.join(ROOT, "build", "kernel.elf")

# isa-debug-exit: QEMU's status is (code << 1) | 1, see arch/x86/qemu.h.
EXIT_PASS, EXIT_FAIL, EXIT_PANIC, EXIT_NO_ROOM = 33, 35, 37, 39
OUTCOMES = {
    EXIT_PASS: "finished",
    EXIT_FAIL: "self-test failure",
    EXIT_PANIC: "kernel panic/oops",
    EXIT_NO_ROOM: "ramdisk too big for RAM",
    0: "reset (triple fault or reboot)",
}

ICOUNT_FLAGS = ["-icount", "shift=0,align=off,sleep=off",
                "-rtc", "base=2024-01-01T00:00:00,clock=vm"]


SIZE_UNITS = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def size_bytes(size):
    """'4M', '64M', '1G', '512K' (or a plain byte count) in bytes."""
    m = re.fullmatch(r"(\d+)([KMG]?)", size.strip().upper())
    if not m:
        raise ValueError("bad size %r: want a number with K, M or G" % size)
    return int(m.group(1)) * SIZE_UNITS.get(m.group(2), 1)


def mkswap_command():
    """util-linux's mkswap, which may live in /sbin, off a user's PATH."""
    for path in (shutil.which("mkswap"), "/sbin/mkswap", "/usr/sbin/mkswap"):
        if path and os.access(path, os.X_OK):
            return path
    raise RuntimeError("mkswap not found: install util-linux (sh tools/deps.sh)")


def make_swap_image(path, size):
    """Write a fresh swap disk of `size` ('64M') at path: zeros written out
    by dd (not sparse), then a Linux swap signature from util-linux mkswap.
    'SIZE:DISK' (e.g. '64M:8M') makes a swap area of SIZE and then cuts
    the disk to DISK, shorter than its header says.  Attach it with
    boot(disk=path)."""
    size, _, disk = size.partition(":")
    count = size_bytes(size) // (1 << 10)
    subprocess.run(["dd", "if=/dev/zero", "of=" + path, "bs=1K", "count=%d" % count,
                    "status=none"], check=True)
    os.chmod(path, 0o600)               # mkswap warns about a swap file others can read
    subprocess.run([mkswap_command(), path], check=True, stdout=subprocess.DEVNULL)
    if disk:
        os.truncate(path, size_bytes(disk))
    return path


def disk_flags(path):
    """QEMU flags attaching the raw image at path as the primary master
    ATA disk, /dev/hda (arch/x86/ide.c)."""
    return ["-drive", "file=%s,format=raw,if=ide,index=0" % path]


def failing_disk(path, sector, kinds=("read", "write")):
    """A blkdebug wrapper for the image at path, to pass as boot(disk=...):
    QEMU fails every read and/or write (kinds) that touches `sector` with
    EIO, which its IDE model reports to the guest as an aborted command
    (ERR)."""
    rules = path + ".blkdebug"
    with open(rules, "w") as f:
        for kind in kinds:              # a rule is armed by its event, and fails its iotype only
            f.write('[inject-error]\nevent = "%s_aio"\niotype = "%s"\nerrno = "5"\nsector = "%d"\n\n'
                    % (kind, kind, sector))
    return "blkdebug:%s:%s" % (rules, path)


class Boot:
    """The result of one boot: how it ended, the console and the kernel log."""

    def __init__(self, outcome, status, console, klog, qemu_errors=""):
        self.outcome = outcome      # "finished", "timeout", "kernel panic/oops", ...
        self.status = status        # QEMU's exit status, None on timeout
        self.console = console      # bytes written to COM1
        self.klog = klog            # text written to COM2 (when klog=com2)
        self.qemu_errors = qemu_errors  # QEMU's own stderr


def boot(args="", mem="128M", timeout=30, initrd=None, icount=False, extra=None,
         separate_log=False, stdin_data=b"", kernel=KERNEL, disk=None):
    """Boot build/kernel.elf with the command line `args` and wait for it to end.
    disk: a raw image to attach as the primary master ATA disk."""
    with tempfile.TemporaryDirectory() as tmp:
        log_path = os.path.join(tmp, "klog.txt")
        cmd = ["qemu-system-i386", "-m", mem, "-display", "none", "-no-reboot",
               "-monitor", "none", "-serial", "stdio",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
        if kernel:
            cmd += ["-kernel", kernel, "-append", args]
        if separate_log:
            cmd += ["-serial", "file:" + log_path]
        if initrd:
            cmd += ["-initrd", initrd]
        if icount:
            cmd += ICOUNT_FLAGS
        if disk:
            cmd += disk_flags(disk)
        cmd += extra or []
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        try:
            console, qemu_errors = proc.communicate(stdin_data, timeout=timeout)
            status = proc.returncode
            outcome = OUTCOMES.get(status, "qemu error (status %d)" % status)
        except subprocess.TimeoutExpired:
            proc.kill()
            console, qemu_errors = proc.communicate()
            status, outcome = None, "timeout after %ds" % timeout
        klog = ""
        if separate_log and os.path.exists(log_path):
            with open(log_path, "rb") as f:
                klog = f.read().decode("utf-8", "replace").replace("\r", "")
        return Boot(outcome, status, console, klog, qemu_errors.decode("utf-8", "replace"))

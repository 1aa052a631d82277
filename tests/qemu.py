"""qemu.py - boot the kernel in QEMU once, with a time limit, and say how it ended.

Shared by tests/harness.py (make test) and tests/run (the program runner).
"""
import os
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


class Boot:
    """The result of one boot: how it ended, the console and the kernel log."""

    def __init__(self, outcome, status, console, klog, qemu_errors=""):
        self.outcome = outcome      # "finished", "timeout", "kernel panic/oops", ...
        self.status = status        # QEMU's exit status, None on timeout
        self.console = console      # bytes written to COM1
        self.klog = klog            # text written to COM2 (when klog=com2)
        self.qemu_errors = qemu_errors  # QEMU's own stderr


def boot(args="", mem="128M", timeout=30, initrd=None, icount=False, extra=None,
         separate_log=False, stdin_data=b"", kernel=KERNEL):
    """Boot build/kernel.elf with the command line `args` and wait for it to end."""
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

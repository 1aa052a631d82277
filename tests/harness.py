#!/usr/bin/env python3
"""harness.py - the whole test suite behind `make test`.

It runs, in order:
  1. host unit tests (cmocka, tests/unit/), one result per test case;
  2. boot tests (tests/boot/*.test): boot QEMU with a command line and a
     memory size, check how it ended and match the log against patterns;
  3. gdb tests (tests/gdb/*.gdb): boot QEMU paused, drive it with gdb in
     batch mode, match gdb's output against the patterns in the .gdb file;
  4. user-program tests (tests/user_tests.py: tests/user/*.expected, shell
     sessions, traces, programs built outside the project).

Each test prints one PASS/FAIL line; the last line is "N passed, N failed".
tests/MANIFEST names every test: one that is listed but did not run, or
ran but is not listed, fails (see check_manifest).  An error in the
harness fails the test it happened in, or the whole run.
Logs go to build/test-logs/.  Exit status is non-zero if anything failed.
"""
import concurrent.futures
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402
import qemu  # noqa: E402
import user_tests  # noqa: E402
from ramdisk import make_ramdisk  # noqa: E402
from result import Result  # noqa: E402

ROOT = qemu.ROOT
LOGS = os.path.join(ROOT, "build", "test-logs")


def write_log(name, text):
    path = os.path.join(LOGS, name.replace("/", "_") + ".log")
    with open(path, "w") as f:
        f.write(text)
    return path


def match_in_order(patterns, text):
    """Every regex in `patterns` must match a line, each after the previous one.
    Returns the first pattern that did not match, or None."""
    lines = text.splitlines()
    pos = 0
    for pat in patterns:
        rx = re.compile(pat)
        while pos < len(lines) and not rx.search(lines[pos]):
            pos += 1
        if pos == len(lines):
            return pat
        pos += 1
    return None


# ---- 1. host unit tests ------------------------------------------------------

def run_unit_tests():
    proc = subprocess.run(["make", "-s", "-C", os.path.join(ROOT, "tests", "unit")],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    out = proc.stdout.decode("utf-8", "replace")
    write_log("unit", out)
    results = []
    for m in re.finditer(r"^\[\s+(OK|FAILED|ERROR)\s+\] (\S+)", out, re.M):
        results.append(Result("unit/" + m.group(2), m.group(1) == "OK",
                              "" if m.group(1) == "OK" else "see build/test-logs/unit.log"))
    if proc.returncode != 0 or not results:
        results.append(Result("unit/build-and-run", False,
                              "make -C tests/unit exited %d" % proc.returncode))
    return results


# ---- 2. boot tests -----------------------------------------------------------

def parse_test_file(path):
    """A .test file: 'key: value' lines (args, mem, timeout, outcome, initrd, or
    initrd-mib: N for N MiB of zeros made at test time, disk: SIZE such as 4M
    for a fresh swap image made at test time under build/test-logs/ and
    attached as the primary master ATA disk; disk-error-at: SECTOR makes QEMU
    fail every access to that sector of it), any
    number of 'expect: REGEX' lines matched in order, and optionally
    'check: NAME', a function in checks.py run on the log.  '#' starts a
    comment."""
    spec = {"args": "", "mem": "128M", "timeout": "30", "outcome": "finished", "expect": []}
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            key, _, value = line.partition(":")
            value = value.strip()
            if key == "expect":
                spec["expect"].append(value)
            else:
                spec[key.strip()] = value
    return spec


def run_boot_test(path):
    name = "boot/" + os.path.basename(path)[:-5]
    spec = parse_test_file(path)
    initrd = os.path.join(ROOT, spec["initrd"]) if spec.get("initrd") else None
    if spec.get("initrd-mib"):          # too big to commit: a sparse file under build/
        initrd = os.path.join(LOGS, name.replace("/", "_") + ".initrd")
        with open(initrd, "wb") as f:
            f.truncate(int(spec["initrd-mib"]) << 20)
    disk = None
    if spec.get("disk"):                # dd of zeros, then mkswap (tests/qemu.py)
        disk = qemu.make_swap_image(os.path.join(LOGS, name.replace("/", "_") + ".disk"),
                                    spec["disk"])
        if spec.get("disk-error-at"):
            disk = qemu.failing_disk(disk, int(spec["disk-error-at"]))
    result = qemu.boot(spec["args"], spec["mem"], int(spec["timeout"]), initrd=initrd, disk=disk)
    log = result.console.decode("utf-8", "replace").replace("\r", "")
    write_log(name, log)
    if result.outcome != spec["outcome"]:
        return Result(name, False, "ended with %s, expected %s" % (result.outcome, spec["outcome"]))
    missing = match_in_order(spec["expect"], log)
    if missing:
        return Result(name, False, "no line matching /%s/" % missing)
    if spec.get("check"):
        why = getattr(checks, spec["check"])(log)
        if why:
            return Result(name, False, why)
    return Result(name, True)


def run_iso_test(_):
    """Build an ISO whose GRUB entry adds ktest=boot and boot it from CD:
    the same kernel ELF, loaded by real GRUB instead of QEMU's -kernel."""
    name = "boot/grub-iso"
    iso = os.path.join(ROOT, "build", "test-grub.iso")
    build = subprocess.run(["make", "-s", "iso", "ARGS=ktest=boot", "ISO=" + iso], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if build.returncode != 0:
        write_log(name, build.stdout.decode("utf-8", "replace"))
        return Result(name, False, "make iso failed")
    result = qemu.boot(mem="64M", timeout=60, extra=["-cdrom", iso], kernel=None)
    log = result.console.decode("utf-8", "replace").replace("\r", "")
    write_log(name, log)
    if result.outcome != "finished":
        return Result(name, False, "ended with " + result.outcome)
    missing = match_in_order([r"^Command line: .*ktest=boot$", r"^Bootloader: GRUB",
                              r"^MemTotal:", r"^ktest boot: PASS$"], log)
    if missing:
        return Result(name, False, "no line matching /%s/" % missing)
    return Result(name, True)


# ---- 3. gdb tests ------------------------------------------------------------

_ports_lock = threading.Lock()
_ports_used = set()


def free_port():
    """A TCP port no other test of this run has had (gdb tests run two at
    a time: two QEMUs on one port would hand one gdb the other's VM)."""
    with _ports_lock:
        while True:
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            if port not in _ports_used:
                _ports_used.add(port)
                return port


def wait_listening(port, proc, timeout=10):
    """Wait until something listens on port (read from /proc/net/tcp, so
    that QEMU's gdb stub sees no stray connection), or proc has exited."""
    want = ":%04X" % port
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        with open("/proc/net/tcp") as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if fields[1].endswith(want) and fields[3] == "0A":     # 0A: LISTEN
                    return True
        time.sleep(0.05)
    return False


def run_gdb_test(path):
    """Boot QEMU paused with its gdb stub, run the gdb script in batch mode.
    The script's '# args:' line sets the kernel command line, '# program:'
    names a user program (and files) for the ramdisk, which init runs,
    '# mem:' the RAM (64M unless given), '# swap:' the size of a fresh swap
    disk booted with swap=/dev/hda, and its '# expect:' lines are matched
    in order against gdb's output."""
    name = "gdb/" + os.path.basename(path)[:-4]
    args, expects, program, mem, swap = "", [], None, "64M", None
    with open(path) as f:
        for line in f:
            if line.startswith("# args:"):
                args = line.split(":", 1)[1].strip()
            elif line.startswith("# mem:"):
                mem = line.split(":", 1)[1].strip()
            elif line.startswith("# swap:"):
                swap = line.split(":", 1)[1].strip()
            elif line.startswith("# program:"):
                program = line.split(":", 1)[1].split()
            elif line.startswith("# expect:"):
                expects.append(line.split(":", 1)[1].strip())
    port = free_port()
    extra = []
    if program:
        initrd = os.path.join(ROOT, "build", "test-logs", name.replace("/", "_") + ".cpio")
        make_ramdisk(initrd, os.path.join(ROOT, program[0]), [os.path.join(ROOT, p) for p in program[1:]])
        extra = ["-initrd", initrd]
        args = ("klog=com2 run=/%s " % os.path.basename(program[0])) + args
    disk = os.path.join(ROOT, "build", "test-logs", name.replace("/", "_") + ".swap.img")
    if swap:
        extra += qemu.disk_flags(qemu.make_swap_image(disk, swap))
        args += " swap=/dev/hda"
    vm = subprocess.Popen(["qemu-system-i386", "-m", mem, "-display", "none", "-monitor", "none",
                           "-serial", "null", "-serial", "null", "-no-reboot",
                           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                           "-kernel", qemu.KERNEL, "-append", args,
                           "-S", "-gdb", "tcp:127.0.0.1:%d" % port] + extra,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_listening(port, vm):
            return Result(name, False, "QEMU's gdb stub did not start on port %d" % port)
        proc = subprocess.run(["gdb", "-q", "-batch", "-nx",
                               "-ex", "set confirm off",
                               "-ex", "file " + qemu.KERNEL,
                               "-ex", "target remote 127.0.0.1:%d" % port,
                               "-x", os.path.join(ROOT, "tools", "gdb", "vmkernel.py"),
                               "-x", path],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60,
                              cwd=ROOT)
        out = proc.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        out = None
    finally:
        vm.kill()
        vm.wait()
        if swap:
            os.remove(disk)
    if out is None:
        return Result(name, False, "gdb timed out")
    write_log(name, out)
    missing = match_in_order(expects, out)
    if missing:
        return Result(name, False, "no gdb output line matching /%s/" % missing)
    if os.path.basename(path) == "tour.gdb":    # docs/tour.md shows this very run
        import tourdoc
        wrong = tourdoc.check(out)
        if wrong:
            return Result(name, False, wrong)
    return Result(name, True)


MANIFEST = os.path.join(ROOT, "tests", "MANIFEST")


def all_jobs():
    """Every test but the unit tests: (name, function, argument) triples."""
    boot = sorted(glob.glob(os.path.join(ROOT, "tests", "boot", "*.test")))
    gdb = sorted(glob.glob(os.path.join(ROOT, "tests", "gdb", "*.gdb")))
    return ([("boot/" + os.path.basename(p)[:-5], run_boot_test, p) for p in boot] +
            [("boot/grub-iso", run_iso_test, None)] +
            [("gdb/" + os.path.basename(p)[:-4], run_gdb_test, p) for p in gdb] +
            [("harness/selftest", run_harness_selftest, None)] +
            user_tests.jobs())


def run_job(job):
    """Runs one job; an exception in the harness itself fails that test, loudly."""
    name, func, arg = job
    try:
        return func(arg)
    except Exception:               # noqa: BLE001 - reported as the test's failure
        path = write_log(name + ".harness-error", traceback.format_exc())
        return Result(name, False, "the harness failed: see %s" % os.path.relpath(path, ROOT))


def check_manifest(names):
    """tests/MANIFEST lists every test, one name per line: a listed test that
    did not run, or a test that ran but is not listed, fails the run.  So a
    test module or file that is renamed or deleted (or whose loader breaks)
    can never shrink the suite silently.  A new test goes into the list
    with `python3 tests/harness.py --list > tests/MANIFEST`."""
    with open(MANIFEST) as f:
        listed = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    ran = set(names)
    return ([Result(n, False, "listed in tests/MANIFEST but did not run") for n in listed if n not in ran] +
            [Result(n, False, "ran but is not listed in tests/MANIFEST") for n in sorted(ran - set(listed))])


def run_harness_selftest(_):
    """The harness catches its own shrinking: check_manifest fails a listed
    test that did not run and an unlisted one that did, and a copy of
    tests/ whose user_tests.py is renamed cannot even list its tests."""
    name = "harness/selftest"
    with open(MANIFEST) as f:
        listed = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    verdicts = check_manifest(listed[1:] + ["user/not-a-test"])
    if sorted(r.name for r in verdicts if not r.ok) != sorted([listed[0], "user/not-a-test"]):
        return Result(name, False, "check_manifest missed a dropped or an unlisted test")
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(ROOT, "tests"), os.path.join(tmp, "tests"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        os.rename(os.path.join(tmp, "tests", "user_tests.py"), os.path.join(tmp, "tests", "user_tests_renamed.py"))
        proc = subprocess.run([sys.executable, os.path.join(tmp, "tests", "harness.py"), "--list"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    if proc.returncode == 0:
        return Result(name, False, "the harness ran with tests/user_tests.py renamed")
    return Result(name, True)


def main():
    os.makedirs(LOGS, exist_ok=True)
    if sys.argv[1:] == ["--list"]:
        print("# Every test of make test, one per line; checked by tests/harness.py.\n"
              "# Made by: python3 tests/harness.py --list > tests/MANIFEST")
        for name in sorted([r.name for r in run_unit_tests()] + [job[0] for job in all_jobs()]):
            print(name)
        return
    results = []

    def report(r):
        results.append(r)
        print(r.line(), flush=True)

    for r in run_unit_tests():
        report(r)
    jobs = all_jobs()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for r in pool.map(run_job, jobs):
            report(r)
    for r in check_manifest([r.name for r in results]):
        report(r)

    passed = sum(r.ok for r in results)
    failed = len(results) - passed
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

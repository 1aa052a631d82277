#!/usr/bin/env python3
"""user_tests.py - the user-program tests: tests/user/NAME.expected.

Each test is a program build/user/NAME (built from user/ by `make user`)
and the files in tests/user/:

  NAME.expected        the exact output of `tests/run build/user/NAME ...`:
                       what the program wrote to fds 1 and 2, then
                       "exit N" or "signal N"
  NAME.program         optional: the program to run instead of
                       build/user/NAME (a name in build/user/)
  NAME.files           optional: more files for the ramdisk, one path per
                       line, relative to the repository root
  NAME.linux-differs   optional: why the output on Linux differs; such a
                       test is skipped by --linux
  NAME.args            optional: the program's arguments, passed as
                       tests/run --args "TEXT" (shell-style quoting), on
                       our kernel and on Linux alike
  NAME.kargs           optional: kernel command-line options, passed as
                       tests/run --kargs "TEXT" (our kernel only)
  NAME.mem             optional: the machine's RAM, passed as tests/run
                       --mem SIZE (our kernel only), for a test that
                       must run out of memory if the kernel leaks it
  NAME.swap            optional: a swap disk of SIZE, passed as tests/run
                       --swap SIZE (our kernel only)
  NAME.disk-error      optional: KIND:SECTOR, passed as tests/run
                       --disk-error (our kernel only)
  NAME.klog            optional: checks on the kernel log of the run (our
                       kernel only): each line "COUNT REGEX" means exactly
                       COUNT lines of the log match REGEX (re.search);
                       '#' starts a comment

Some swap tests run again as policy/POLICY/NAME under each replacement
policy but the default (reclaim=POLICY, see OTHER_POLICIES below), and
some memory tests as mem3g/NAME with 3 GiB of RAM, where user pages are
HighMem pages (see MEM3G_TESTS below).

tests/harness.py (make test) imports this file and runs jobs(): each job
boots the kernel with the program through tests/run, compares the output
with NAME.expected, and checks the kernel's leakcheck lines (as many free
pages at power-off as at boot, no swap slot in use, nothing committed).  On a failure the output is kept in
build/test-logs/user_NAME.out; the kernel log is build/test-logs/user_NAME.log.

    python3 tests/user_tests.py            the same tests, on our kernel
    python3 tests/user_tests.py --linux    the same programs natively on this
                                           host (tests/run --linux), to check
                                           the .expected files against Linux
    python3 tests/user_tests.py NAME...    only these tests

(make test-linux runs the --linux form.)  Both forms end with the line
"N passed, N failed" and exit non-zero if anything failed.

Shell sessions: tests/user/session_NAME.* boot the kernel with no run=
argument, so init runs the shell /sh, and type into it:

  session_NAME.in        the bytes typed, fed to COM1 all at once (the
                         kernel holds back what its input ring cannot
                         take); it must end with `exit` or `exit N`
  session_NAME.expected  the exact console output (the prompts, the
                         shell's echo of what it read, the programs'
                         output), then "exit N" or "signal N" from init's
                         line "init: sh status ..."
  session_NAME.files     optional: the programs for the ramdisk besides
                         build/user/sh, one path per line; without it, the
                         ramdisk of `make run` (every program and data
                         file of build/user/).  /PROGRAMS lists them
                         (tools/mkramdisk.py), for the shell's help.
  session_NAME.mask      optional: regular expressions, one per line, for
                         output lines whose figures change from run to run
                         or with any change to the kernel or the programs
                         (free, vmstat, ps, pmap).  In a line matching one
                         of them, in the expected and in the actual output
                         alike, every number (a word of decimal or hex
                         digits holding at least one digit) and the spaces
                         before it become " #" before the comparison; the
                         rest of the line must match exactly.
  session_NAME.kargs     optional: more kernel command-line options
  session_NAME.swap      optional: a fresh swap disk of that size, as
                         tests/run --swap makes it (swap=/dev/hda)

The kernel log goes to COM2 (klog=com2) and the leakcheck line is checked
as for the other tests.  Sessions need our console, so --linux skips them.
"""
import concurrent.futures
import errno
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import mkramdisk  # noqa: E402
import qemu  # noqa: E402
from result import Result  # noqa: E402

TESTS = os.path.join(ROOT, "tests", "user")
LOGS = os.path.join(ROOT, "build", "test-logs")
RUN = os.path.join(ROOT, "tests", "run")
TIMEOUT = 60            # seconds for one program, in QEMU or on Linux

LEAK_RE = re.compile(r"^leakcheck: free pages at boot (\d+), at power-off (\d+)$", re.M)
SWAP_LEAK_RE = re.compile(r"^leakcheck: swap slots in use at power-off (\d+)$", re.M)
COMMIT_LEAK_RE = re.compile(r"^leakcheck: committed pages at power-off (\d+)$", re.M)
SESSION = "session_"
SH_STATUS_RE = re.compile(r"^init: sh status (exit|signal) (\d+)$", re.M)
NUMBER_RE = re.compile(r" *\b(?=[0-9a-f]*[0-9])[0-9a-f]+\b")


def names():
    """The program tests, the shell sessions (session_NAME) and the programs
    built outside the project (outside/NAME)."""
    return sorted(os.path.basename(p)[:-len(".expected")]
                  for p in glob.glob(os.path.join(TESTS, "*.expected"))
                  if not p.endswith(TRACE_SUFFIX)) + outside_names()


def program_of(name):
    """build/user/NAME, or the program NAME.program names: one program
    can serve several tests that differ in their arguments or options."""
    path = os.path.join(TESTS, name + ".program")
    if os.path.exists(path):
        with open(path) as f:
            return os.path.join(ROOT, "build", "user", f.read().strip())
    return os.path.join(ROOT, "build", "user", name)


def extra_files(name):
    path = os.path.join(TESTS, name + ".files")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [os.path.join(ROOT, line.strip()) for line in f
                if line.strip() and not line.startswith("#")]


def linux_differs(name):
    """The reason from NAME.linux-differs, or None."""
    path = os.path.join(TESTS, name + ".linux-differs")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return " ".join(f.read().split())


def check_leak(klog_text):
    """None if the leakcheck line shows no leak, else the reason."""
    m = LEAK_RE.search(klog_text)
    if not m:
        return "no leakcheck line"
    if m.group(1) != m.group(2):
        return "leak: %s free pages at boot, %s at power-off (%d pages)" % (
            m.group(1), m.group(2), int(m.group(1)) - int(m.group(2)))
    s = SWAP_LEAK_RE.search(klog_text)
    if not s:
        return "no swap leakcheck line"
    if s.group(1) != "0":
        return "leak: %s swap slots still in use at power-off" % s.group(1)
    c = COMMIT_LEAK_RE.search(klog_text)
    if not c:
        return "no committed-pages leakcheck line"
    if c.group(1) != "0":
        return "leak: %s pages still committed at power-off" % c.group(1)
    return None


def klog_checks(name, klog_text):
    """None if the kernel log passes the checks of NAME.klog, else the reason."""
    path = name and os.path.join(TESTS, name + ".klog")
    if not path or not os.path.exists(path):
        return None
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            count, _, pattern = line.rstrip("\n").partition(" ")
            rx = re.compile(pattern)
            seen = sum(1 for log_line in klog_text.splitlines() if rx.search(log_line))
            if seen != int(count):
                return "%d kernel log lines match /%s/, tests/user/%s.klog wants %s" % (
                    seen, pattern, name, count)
    return None


def log_result(label, name, klog):
    """The test's result from the kernel log file: the leakcheck line must
    balance and NAME.klog's checks must hold."""
    with open(klog) as f:
        text = f.read()
    why = check_leak(text) or klog_checks(name, text)
    if why:
        return Result(label, False, why + " in " + os.path.relpath(klog, ROOT))
    return Result(label, True)


def one_line(text):
    """The text of a file as one line (for .args and .kargs files)."""
    return " ".join(text.split("\n")).strip()


def run_options(name, linux):
    """tests/run's --args, --kargs, --mem and --swap options from NAME.args,
    NAME.kargs, NAME.mem, NAME.swap and NAME.disk-error (all but the first
    on our kernel only)."""
    opts = []
    for suffix, option in ((".args", "--args"), (".kargs", "--kargs"), (".mem", "--mem"),
                           (".swap", "--swap"), (".disk-error", "--disk-error")):
        path = os.path.join(TESTS, name + suffix)
        if os.path.exists(path) and not (linux and suffix != ".args"):
            with open(path) as f:
                opts += [option, one_line(f.read())]
    return opts


def missing_input(label, paths):
    """A failing Result if one of paths does not exist (not built yet), else None."""
    for path in paths:
        if not os.path.exists(path):
            return Result(label, False, "%s is missing: run make user" % os.path.relpath(path, ROOT))
    return None


def run_runner(args):
    """Runs tests/run with args; returns (stdout, None) or (stdout, why it failed)."""
    try:
        proc = subprocess.run([sys.executable, RUN, "--timeout", str(TIMEOUT)] + args,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT + 30)
    except subprocess.TimeoutExpired:
        return b"", "tests/run itself hung"
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return proc.stdout, err[-1] if err else "tests/run exited %d" % proc.returncode
    return proc.stdout, None


def keep_output(out_path, output, keep):
    """Keeps the output of a failed run in out_path; removes an old one otherwise."""
    if keep:
        with open(out_path, "wb") as f:
            f.write(output)
    elif os.path.exists(out_path):
        os.remove(out_path)


def run_and_compare(label, tag, args, expected_path, mask=lambda b: b, what="", klog_of=None):
    """Runs tests/run with args and compares its output, through mask, with
    the file expected_path (through mask too).  With klog_of=NAME (runs on
    our kernel), the kernel log must then pass log_result."""
    with open(expected_path, "rb") as f:
        expected = f.read()
    os.makedirs(LOGS, exist_ok=True)
    klog = os.path.join(LOGS, tag + ".log")
    out_path = os.path.join(LOGS, tag + ".out")
    output, why = run_runner((["--log", klog] if klog_of else []) + args)
    exp, act = mask(expected), mask(output)
    keep_output(out_path, output, why or exp != act)
    if why:
        return Result(label, False, why + "; output in " + os.path.relpath(out_path, ROOT))
    if exp != act:
        return Result(label, False, "output differs from %s%s, %s; see %s" % (
            os.path.relpath(expected_path, ROOT), what,
            first_difference(exp.decode("utf-8", "replace"), act.decode("utf-8", "replace")),
            os.path.relpath(out_path, ROOT)))
    return log_result(label, klog_of, klog) if klog_of else Result(label, True)


def first_difference(expected, actual):
    exp, act = expected.splitlines(), actual.splitlines()
    for i in range(max(len(exp), len(act))):
        e = exp[i] if i < len(exp) else "(nothing)"
        a = act[i] if i < len(act) else "(nothing)"
        if e != a:
            return "line %d: expected %r, got %r" % (i + 1, e, a)
    return "the bytes differ (line endings?)"


def run_one(name, linux=False):
    """Runs tests/run on build/user/NAME; returns a Result."""
    label = "user/" + name + (" (linux)" if linux else "")
    tag = "user_" + name + ("_linux" if linux else "")
    program = program_of(name)
    files = extra_files(name)
    missing = missing_input(label, [program] + files)
    if missing:
        return missing
    return run_and_compare(label, tag, (["--linux"] if linux else []) + run_options(name, linux) +
                           [program] + files, os.path.join(TESTS, name + ".expected"),
                           klog_of=None if linux else name)


# ---- shell sessions ----------------------------------------------------------

def masked(text, patterns):
    """text with the numbers of the lines matching a pattern replaced by " #"."""
    if not patterns:
        return text
    lines = text.split(b"\n")
    for i, line in enumerate(lines):
        s = line.decode("utf-8", "replace")
        if any(p.search(s) for p in patterns):
            lines[i] = NUMBER_RE.sub(" #", s).encode()
    return b"\n".join(lines)


def read_mask(name):
    path = os.path.join(TESTS, name + ".mask")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [re.compile(line.rstrip("\n")) for line in f
                if line.strip() and not line.startswith("#")]


def session_ramdisk(name, path):
    """Builds the session's ramdisk at path; returns None or what is missing."""
    user = os.path.join(ROOT, "build", "user")
    sh = os.path.join(user, "sh")
    if os.path.exists(os.path.join(TESTS, name + ".files")):
        programs, data = [sh] + [p for p in extra_files(name) if p != sh], []
    else:
        programs, data = mkramdisk.programs_in(user), mkramdisk.data_in(user)
    for p in [sh] + programs + data:
        if not os.path.exists(p):
            return "%s is missing: run make user" % os.path.relpath(p, ROOT)
    try:
        mkramdisk.build(path, programs, data)
    except SystemExit as e:             # mkramdisk's errors
        return str(e)
    return None


def run_session(name):
    """Boots with no run= (init runs /sh), types NAME.in; returns a Result."""
    label, tag = "user/" + name, "user_" + name
    with open(os.path.join(TESTS, name + ".in"), "rb") as f:
        typed = f.read()
    with open(os.path.join(TESTS, name + ".expected"), "rb") as f:
        expected = f.read()
    os.makedirs(LOGS, exist_ok=True)
    initrd = os.path.join(LOGS, tag + ".cpio")
    missing = session_ramdisk(name, initrd)
    if missing:
        return Result(label, False, missing)
    args, disk = "klog=com2", None
    swap = os.path.join(TESTS, name + ".swap")
    if os.path.exists(swap):
        with open(swap) as f:
            disk = qemu.make_swap_image(os.path.join(LOGS, tag + ".swap.img"), one_line(f.read()))
        args += " swap=/dev/hda"
    kargs = os.path.join(TESTS, name + ".kargs")
    if os.path.exists(kargs):
        with open(kargs) as f:
            args += " " + one_line(f.read())
    result = qemu.boot(args, timeout=TIMEOUT, initrd=initrd, stdin_data=typed,
                       separate_log=True, disk=disk)
    os.remove(initrd)
    if disk:
        os.remove(disk)
    klog = os.path.join(LOGS, tag + ".log")
    with open(klog, "w") as f:
        f.write(result.klog)
    output = result.console
    if output and not output.endswith(b"\n"):
        output += b"\n"
    m = SH_STATUS_RE.search(result.klog)
    if m:
        output += ("%s %s\n" % (m.group(1), m.group(2))).encode()
    out_path = os.path.join(LOGS, tag + ".out")
    mask = read_mask(name)
    same = masked(output, mask) == masked(expected, mask)
    if not same:
        with open(out_path, "wb") as f:
            f.write(output)
    elif os.path.exists(out_path):
        os.remove(out_path)
    powered_off = result.outcome == "finished" or (
        result.status == 0 and re.search(r"^leakcheck: ", result.klog, re.M) is not None)
    if not powered_off:
        return Result(label, False, "the kernel did not power off: %s (kernel log in %s)" % (
            result.outcome, os.path.relpath(klog, ROOT)))
    if not m:
        return Result(label, False, "init logged no \"init: sh status\" line (kernel log in %s)"
                      % os.path.relpath(klog, ROOT))
    if not same:
        return Result(label, False, "output differs from tests/user/%s.expected%s, %s; see %s" % (
            name, " (numbers masked)" if mask else "",
            first_difference(masked(expected, mask).decode("utf-8", "replace"),
                             masked(output, mask).decode("utf-8", "replace")),
            os.path.relpath(out_path, ROOT)))
    return log_result(label, name, klog)


# ---- fault traces and the address-space diagram -----------------------------
# Tests run by name too (python3 tests/user_tests.py trace/tour) and skipped
# by --linux:
#
#   trace/NAME       tests/user/NAME.trace.expected: the exact output of
#                    tests/run --icount --trace build/user/NAME [NAME.files]
#                    (the program's output, its page-fault trace, the status
#                    line; under -icount the trace repeats exactly), except
#                    that the EIPs inside the kernel ("eip 0xc..." of the
#                    faults of copy_to_user and the like, which move whenever
#                    the kernel is rebuilt) and the frame numbers of reclaim
#                    lines (which move with the kernel's own allocations)
#                    are masked on both sides, so the file can be rewritten
#                    with that command's raw output.  NAME.kargs may choose
#                    what to trace, e.g. trace=faults,reclaim.
#   tools/vmdiagram  tools/vmdiagram.py draws each tests/data/*.smaps: the SVG
#                    is well-formed, with one bar per VMA of the input whose
#                    colours add up to its Size, Rss and ZeroPage.

TRACE_SUFFIX = ".trace.expected"
KERNEL_EIP_RE = re.compile(rb"\beip 0x[c-f][0-9a-f]{7}\b")
PFN_RE = re.compile(rb"\bpfn 0x[0-9a-f]{5}\b")


def extra_tests():
    """{name: (function, argument)} of the tests above."""
    tests = {"trace/" + os.path.basename(p)[:-len(TRACE_SUFFIX)]:
             (run_trace, os.path.basename(p)[:-len(TRACE_SUFFIX)])
             for p in glob.glob(os.path.join(TESTS, "*" + TRACE_SUFFIX))}
    tests["tools/vmdiagram"] = (run_vmdiagram, None)
    for policy in OTHER_POLICIES:
        for name in POLICY_TESTS:
            tests["policy/%s/%s" % (policy, name)] = (run_policy, (policy, name))
    for name in MEM3G_TESTS:
        tests["mem3g/" + name] = (run_mem3g, name)
    return tests


# The swap tests whose output does not depend on which pages go, run
# again under each policy but the default (reclaim=age): same output,
# same leak checks.
OTHER_POLICIES = ("clock", "fifo", "random", "lru")
POLICY_TESTS = ("swap_fork", "swap_shared", "swap_exit", "swap_onoff")


def run_policy(arg):
    policy, name = arg
    label, tag = "policy/%s/%s" % (policy, name), "policy_%s_%s" % (policy, name)
    opts = run_options(name, False)
    if "--kargs" in opts:
        i = opts.index("--kargs") + 1
        opts[i] += " reclaim=" + policy
    else:
        opts += ["--kargs", "reclaim=" + policy]
    return run_and_compare(label, tag, opts + [program_of(name)] + extra_files(name),
                           os.path.join(TESTS, name + ".expected"), klog_of=name)


# Memory tests whose output does not depend on the RAM size, run again
# with 3 GiB (--mem 3G in place of their own NAME.mem; their swap disk and
# kernel options kept), so that their user and page-cache pages are
# HighMem frames: copy-on-write, file mappings, shared memory, fork, and
# swap (under a userframes= budget, or MADV_PAGEOUT, which swap at any RAM
# size).  Left out: the tests with a NAME.mem of 16M or 32M (they swap,
# run out of memory or reach the commit limit because RAM is small, or
# print figures of its size).  mremap_random's small budget has the clock
# hand look for a victim often: at 3G it passes each free block of mem_map
# in one step (it took 24 s when the hand visited every frame).
MEM3G_TESTS = ("cow_isolation", "fork_wait", "shared_anon", "fs_mmap", "file_private_shared",
               "thread_cow", "fault_counts_linux", "fs_swap", "shared_writeback",
               "madv_pageout", "mremap_swap", "mremap_random")


def run_mem3g(name):
    label, tag = "mem3g/" + name, "mem3g_" + name
    opts = run_options(name, False)
    if "--mem" in opts:
        del opts[opts.index("--mem"):opts.index("--mem") + 2]
    return run_and_compare(label, tag, opts + ["--mem", "3G", program_of(name)] + extra_files(name),
                           os.path.join(TESTS, name + ".expected"), klog_of=name)


def run_trace(name):
    label, tag = "trace/" + name, "trace_" + name
    program = program_of(name)
    missing = missing_input(label, [program] + extra_files(name))
    if missing:
        return missing
    return run_and_compare(label, tag, ["--icount", "--trace"] + run_options(name, False) +
                           [program] + extra_files(name), os.path.join(TESTS, name + TRACE_SUFFIX),
                           mask=lambda text: PFN_RE.sub(b"pfn PFN", KERNEL_EIP_RE.sub(b"eip KERNEL", text)),
                           what=" (kernel EIPs and frame numbers masked)", klog_of=name)


def run_vmdiagram(_):
    import xml.etree.ElementTree as ET
    label = "tools/vmdiagram"
    samples = sorted(glob.glob(os.path.join(ROOT, "tests", "data", "*.smaps")))
    if not samples:
        return Result(label, False, "no tests/data/*.smaps")
    for path in samples:
        where = os.path.relpath(path, ROOT)
        with open(path) as f:
            text = f.read()
        # The input's VMAs, read here independently of the tool: [{field: kB}].
        vmas = []
        for line in text.splitlines():
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ [r-][w-][x-][sp] ", line):
                vmas.append({})
            m = re.match(r"^(\w+):\s+(\d+) kB$", line)
            if m and vmas:
                vmas[-1][m.group(1)] = int(m.group(2))
        proc = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "vmdiagram.py"), path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        if proc.returncode != 0:
            return Result(label, False, "%s: exit %d: %s" % (
                where, proc.returncode, proc.stderr.decode("utf-8", "replace").strip()))
        try:
            root = ET.fromstring(proc.stdout)
        except ET.ParseError as e:
            return Result(label, False, "%s: the SVG is not well-formed XML: %s" % (where, e))
        ns = "{http://www.w3.org/2000/svg}"
        bars = sorted((g for g in root.iter(ns + "g") if g.get("class") == "vma"),
                      key=lambda g: int(g.get("data-start"), 16))     # drawn top down
        if len(bars) != len(vmas):
            return Result(label, False, "%s: %d VMAs but %d bars" % (where, len(vmas), len(bars)))
        for g, fields in zip(bars, vmas):
            kb = {r.get("class").split()[1]: int(r.get("data-kb")) for r in g.iter(ns + "rect")
                  if (r.get("class") or "").startswith("seg ")}
            resident = sum(v for k, v in kb.items() if k not in ("zero_page", "not_resident"))
            if (sum(kb.values()), resident, kb.get("zero_page", 0)) != (
                    fields["Size"], fields["Rss"], fields.get("ZeroPage", 0)):
                return Result(label, False, "%s: the bar at %s has colours %s for Size %d, Rss %d" % (
                    where, g.get("data-start"), kb, fields["Size"], fields["Rss"]))
    return Result(label, True)


# ---- programs built outside the project -------------------------------------
# outside/NAME: tests/outside/NAME.c is compiled at test time, with the
# plain command of its "build:" comment line (OUT and SRC replaced by
# build/outside/NAME and the source; without such a line
# "gcc -m32 -static -o OUT SRC"), nothing of the project's build involved.
# Then tests/run and tests/run --linux run it: the two outputs must be
# identical, more than the status line, and equal to
# tests/outside/NAME.expected; the kernel's leakcheck must balance.  With
# --linux (make test-linux) only the host side runs, against NAME.expected.

OUTSIDE = os.path.join(ROOT, "tests", "outside")
OUTSIDE_PREFIX = "outside/"
OUTSIDE_BUILD_RE = re.compile(r"^\W*build:\s*(gcc\s.*?)\s*(\*/)?\s*$", re.M)


def outside_names():
    return sorted(OUTSIDE_PREFIX + os.path.basename(p)[:-len(".c")]
                  for p in glob.glob(os.path.join(OUTSIDE, "*.c")))


def build_outside(name):
    """Compiles tests/outside/NAME.c; returns (program, None) or (None, why)."""
    src = os.path.join(OUTSIDE, name + ".c")
    out = os.path.join(ROOT, "build", "outside", name)
    with open(src) as f:
        m = OUTSIDE_BUILD_RE.search(f.read())
    words = (m.group(1) if m else "gcc -m32 -static -o OUT SRC").split()
    os.makedirs(os.path.dirname(out), exist_ok=True)
    if os.path.exists(out):
        os.remove(out)
    try:
        proc = subprocess.run([out if w == "OUT" else src if w == "SRC" else w for w in words],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "%s: %s" % (" ".join(words), e)
    if proc.returncode != 0 or not os.path.exists(out):
        lines = proc.stdout.decode("utf-8", "replace").strip().splitlines()
        return None, "%s failed: %s" % (" ".join(words), lines[-1] if lines else "exit %d" % proc.returncode)
    return out, None


def host_runs_i386(program):
    """Whether this host's kernel executes i386 ELF programs: one built
    without IA32 emulation refuses them with ENOEXEC."""
    try:
        subprocess.run([program], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=30, cwd=LOGS)
    except OSError as e:
        if e.errno == errno.ENOEXEC:
            return False
        raise
    except subprocess.TimeoutExpired:
        pass
    return True


def run_outside(name, linux=False):
    label = OUTSIDE_PREFIX + name + (" (linux)" if linux else "")
    tag = "outside_" + name + ("_linux" if linux else "")
    program, why = build_outside(name)
    if why:
        return Result(label, False, why)
    expected_path = os.path.join(OUTSIDE, name + ".expected")
    expected = None
    if os.path.exists(expected_path):
        with open(expected_path, "rb") as f:
            expected = f.read()
    os.makedirs(LOGS, exist_ok=True)
    klog = os.path.join(LOGS, tag + ".log")
    outputs = {}
    # Without IA32 emulation in the host kernel, Linux's side is the
    # output recorded in NAME.expected on a host that had it.
    host_ok = host_runs_i386(program)
    if not host_ok and (linux or expected is None):
        return Result(label, False, "this host's kernel cannot run i386 programs (no IA32 emulation)"
                      + ("" if linux else ", and there is no tests/outside/%s.expected" % name))
    for side in (["linux"] if linux else ["kernel", "linux"]) if host_ok else ["kernel"]:
        output, why = run_runner((["--linux"] if side == "linux" else ["--log", klog]) + [program])
        outputs[side] = output
        out_path = os.path.join(LOGS, "%s_%s.out" % (tag, side))
        keep_output(out_path, output, True)
        if why:
            return Result(label, False, "%s: %s; output in %s" % (side, why, os.path.relpath(out_path, ROOT)))
    if not host_ok:
        outputs["linux"] = expected
    text = {k: v.decode("utf-8", "replace") for k, v in outputs.items()}
    if len(text["linux"].splitlines()) < 2:
        return Result(label, False, "Linux's output is only the status line: %r" % text["linux"])
    if not linux and outputs["kernel"] != outputs["linux"]:
        return Result(label, False, "our kernel and Linux differ, %s (expected: Linux); see build/test-logs/%s_*.out"
                      % (first_difference(text["linux"], text["kernel"]), tag))
    if expected is not None and outputs["linux"] != expected:
        return Result(label, False, "Linux's output differs from tests/outside/%s.expected, %s" % (
            name, first_difference(expected.decode("utf-8", "replace"), text["linux"])))
    if linux:
        return Result(label, True)
    result = log_result(label, None, klog)
    if result.ok and not host_ok:
        result.why = "this host cannot run i386 programs: compared with tests/outside/%s.expected" % name
    return result


def run_test(name, linux=False):
    """A session, an extra test (trace/NAME, tools/vmdiagram) or a program test."""
    if name.startswith(OUTSIDE_PREFIX):
        return run_outside(name[len(OUTSIDE_PREFIX):], linux)
    if name in extra_tests():
        func, arg = extra_tests()[name]
        return func(arg)
    if name.startswith(SESSION):
        return run_session(name)
    return run_one(name, linux)


def label_of(name):
    """The name a test has in the harness's PASS/FAIL lines and tests/MANIFEST."""
    return name if name.startswith(OUTSIDE_PREFIX) or name in extra_tests() else "user/" + name


def jobs():
    """For tests/harness.py: (name, function, argument) triples, one per test."""
    return [(label_of(name), run_test, name) for name in names() + sorted(extra_tests())]


def main():
    args = sys.argv[1:]
    linux = "--linux" in args
    wanted = [a for a in args if a != "--linux"]
    if any(a.startswith("-") for a in wanted):
        sys.exit(__doc__)
    unknown = [n for n in wanted if n not in names() and n not in extra_tests()]
    if unknown:
        sys.exit("no such test: " + " ".join(unknown))
    todo = wanted or names() + sorted(extra_tests())

    results, skipped = [], 0
    runnable = []
    for name in todo:
        why = linux_differs(name) if linux else None
        if linux and name.startswith(SESSION):
            print("SKIP user/%s (linux): a shell session needs our console" % name, flush=True)
            skipped += 1
        elif linux and name in extra_tests():
            print("SKIP %s (linux): not a program test" % name, flush=True)
            skipped += 1
        elif why:
            print("SKIP user/%s (linux): see tests/user/%s.linux-differs" % (name, name), flush=True)
            skipped += 1
        else:
            runnable.append(name)
    # Two at a time, like the harness: the machine has two cores.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for r in pool.map(lambda n: run_test(n, linux), runnable):
            results.append(r)
            print(r.line(), flush=True)
    passed = sum(r.ok for r in results)
    if skipped:
        print("%d skipped (tests/user/*.linux-differs, shell sessions)" % skipped)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""fuzz.py - a campaign of the system-call fuzzer user/fuzz.c.

    tools/fuzz.py [--seeds 1-20] [--calls N] [--timeout S]

For each seed (a list such as 1-20 or 3,7,10-12) the kernel boots once,
through tests/run, with build/user/fuzz and a fuzz.conf holding
"SEED CALLS"; the kernel log is read back:

  panics  the log has "KERNEL PANIC" or "OOPS"
  hangs   the kernel did not power off within the time limit
  leaks   the leakcheck line "free pages at boot N, at power-off M" has N != M,
          or "swap slots in use at power-off S" has S != 0
          (or is missing although the kernel powered off)

  strays  processes the fuzzer found alive but not in its pid table: forked
          by a call that returned an error (the fuzzer SIGKILLs them)

It prints one line per seed, "seed calls panics hangs leaks strays" (calls:
those the fuzzer made, from its line "fuzz: seed S: M calls made, ..."),
and for a seed that panicked or hung the last calls the fuzzer logged
before (its "fuzz: ..." lines), the reproducer; for strays, their lines.  Kernel logs are kept in
build/fuzz/seed-S.log.  The exit status is 1 if any seed found something.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN = os.path.join(ROOT, "tests", "run")
FUZZ = os.path.join(ROOT, "build", "user", "fuzz")
LOGS = os.path.join(ROOT, "build", "fuzz")

LEAK_RE = re.compile(r"^leakcheck: free pages at boot (\d+), at power-off (\d+)$", re.M)
SWAP_LEAK_RE = re.compile(r"^leakcheck: swap slots in use at power-off (\d+)$", re.M)
# the fuzzer's lines, behind the kernel's "kmsg: pid N (NAME): " prefix
KMSG = r"^(?:kmsg: pid \d+ \(\w+\): )?fuzz: "
MADE_RE = re.compile(KMSG + r"seed \d+: (\d+) calls made", re.M)
STRAY_RE = re.compile(KMSG + r"s\d+ c\d+: stray pid .*$", re.M)
CALL_RE = re.compile(KMSG + r"s\d+ [cg]\d+ n\d+ .*$", re.M)
PANIC_RE = re.compile(r"^(?:KERNEL PANIC|OOPS)", re.M)
LAST_CALLS = 20


def parse_seeds(text):
    seeds = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        seeds += range(int(lo), int(hi or lo) + 1)
    return seeds


def run_seed(seed, calls, timeout):
    """Boots the kernel with the fuzzer for one seed; returns a dict of findings."""
    log = os.path.join(LOGS, "seed-%d.log" % seed)
    with tempfile.TemporaryDirectory(prefix="vmkernel-fuzz-") as tmp:
        conf = os.path.join(tmp, "fuzz.conf")
        with open(conf, "w") as f:
            f.write("%d %d\n" % (seed, calls))
        proc = subprocess.run([sys.executable, RUN, "--timeout", str(timeout), "--log", log,
                               FUZZ, conf], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout + 60)
    with open(log, errors="replace") as f:
        klog = f.read()
    made = MADE_RE.search(klog)
    panic = PANIC_RE.search(klog)
    leak = LEAK_RE.search(klog)
    swap_leak = SWAP_LEAK_RE.search(klog)
    swap_leaked = int(swap_leak.group(1)) if swap_leak else 0
    powered_off = leak is not None
    r = {
        "seed": seed,
        "calls": int(made.group(1)) if made else sum(1 for _ in CALL_RE.finditer(klog)),
        "panics": 1 if panic else 0,
        "hangs": 1 if not panic and not powered_off else 0,
        "leaks": 1 if (leak and leak.group(1) != leak.group(2)) or swap_leaked else 0,
        "strays": STRAY_RE.findall(klog),
        "log": log,
        "why": "",
    }
    if swap_leaked:
        r["why"] = "leak of %d swap slots" % swap_leaked
    elif leak and r["leaks"]:
        r["why"] = "leak of %d pages" % (int(leak.group(1)) - int(leak.group(2)))
    elif r["strays"]:
        r["why"] = "%d stray processes" % len(r["strays"])
        r["last"] = r["strays"]
    if r["panics"] or r["hangs"]:
        end = panic.start() if panic else len(klog)
        r["last"] = CALL_RE.findall(klog[:end])[-LAST_CALLS:]
        r["why"] = klog[panic.start():].splitlines()[0] if panic else (
            proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["no power-off"])[-1]
    elif not made or proc.returncode != 0:
        r["why"] = "the fuzzer did not finish: " + proc.stdout.decode("utf-8", "replace").strip()
    return r


def main():
    ap = argparse.ArgumentParser(description="Run the system-call fuzzer on the kernel, one boot per seed.")
    ap.add_argument("--seeds", default="1-20", help="seeds, e.g. 1-20 or 1,5,9-12 (default 1-20)")
    ap.add_argument("--calls", type=int, default=4000, help="calls per seed (default 4000)")
    ap.add_argument("--timeout", type=int, default=120, help="seconds per boot (default 120)")
    opts = ap.parse_args()
    if not os.path.exists(FUZZ):
        sys.exit("fuzz: %s is missing: run make user" % os.path.relpath(FUZZ, ROOT))
    os.makedirs(LOGS, exist_ok=True)

    print("%6s %7s %6s %5s %5s %6s" % ("seed", "calls", "panics", "hangs", "leaks", "strays"))
    findings = []
    for seed in parse_seeds(opts.seeds):
        r = run_seed(seed, opts.calls, opts.timeout)
        print("%6d %7d %6d %5d %5d %6d%s" % (
            r["seed"], r["calls"], r["panics"], r["hangs"], r["leaks"], len(r["strays"]),
            "   " + r["why"] if r["why"] else ""), flush=True)
        if r["panics"] or r["hangs"] or r["leaks"] or r["strays"]:
            findings.append(r)
    for r in findings:
        print("\nseed %d: %s (kernel log %s)" % (r["seed"], r["why"], os.path.relpath(r["log"], ROOT)))
        for line in r.get("last", []):
            print("  " + line)
    total = sum(r["panics"] + r["hangs"] + r["leaks"] + len(r["strays"]) for r in findings)
    print("\n%d finding%s" % (total, "" if total == 1 else "s"))
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()

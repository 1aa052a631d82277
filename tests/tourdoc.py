#!/usr/bin/env python3
"""tourdoc.py - docs/tour.md's gdb listings are a real run of tests/gdb/tour.gdb.

A listing in tour.md is an indented code block whose first line starts
with "(gdb) ".  Taken together, the listings must hold every command of
tour.gdb, in order, each followed by exactly the output gdb gave it in
the run (blank lines left out).  Frame, page-table and pointer addresses
depend on the allocator and the build, so they are masked before the
comparison; everything else (line numbers, source lines, flags, counts)
must match.  run_gdb_test (harness.py) calls check() on the tour's run,
so `make test` fails when the document and the code disagree.

  python3 tests/tourdoc.py            check tour.md against the last run's log
  python3 tests/tourdoc.py --update   run tour.gdb, rewrite the listings from it
                                      (make tour-doc)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "tour.md")
SCRIPT = os.path.join(ROOT, "tests", "gdb", "tour.gdb")
PROMPT = "(gdb) "
INDENT = "    "

# What varies from run to run or build to build, and its mask.
MASKS = [
    (re.compile(r"=0x[0-9a-f]+"), "=0x?"),                          # pointer arguments
    (re.compile(r"^0x[0-9a-f]+ in "), "0x? in "),                   # finish: caller's pc
    (re.compile(r" at 0x[0-9a-f]+: "), " at 0x?: "),                # breakpoint address
    (re.compile(r"\b(CR3|pfn|phys) 0x[0-9a-f]+"), r"\1 0x?"),       # frames
    (re.compile(r"\b(PDE|PTE) 0x[0-9a-f]{5}([0-9a-f]{3})\b"), r"\1 0x?\2"),  # frame, not flags
]


def mask(line):
    for pattern, replacement in MASKS:
        line = pattern.sub(replacement, line)
    return line


def run_commands(gdb_output):
    """[(command, [output lines])] from a run with `set trace-commands on`,
    which echoes each command as "+COMMAND"."""
    commands = []
    for line in gdb_output.splitlines():
        line = line.expandtabs().rstrip()
        if line.startswith("+"):
            commands.append((line[1:], []))
        elif commands and line and not line.startswith("[Inferior "):
            commands[-1][1].append(line)
    return commands


def doc_listings(lines):
    """[(first, end, [(command, [output lines])])]: the listings of tour.md
    as line ranges [first, end) with their commands."""
    listings, i = [], 0
    while i < len(lines):
        if not lines[i].startswith(INDENT + PROMPT) or (i and lines[i - 1].startswith(INDENT)):
            i += 1
            continue
        first, commands = i, []
        while i < len(lines) and lines[i].startswith(INDENT):
            text = lines[i][len(INDENT):].rstrip()
            if text.startswith(PROMPT):
                commands.append((text[len(PROMPT):], []))
            elif text:
                commands[-1][1].append(text)
            i += 1
        listings.append((first, i, commands))
    return listings


def check(gdb_output, doc_path=DOC):
    """None if every listing of the document matches the run, else why not."""
    with open(doc_path) as f:
        lines = f.read().splitlines()
    run = run_commands(gdb_output)
    shown = [(first, command) for first, _, commands in doc_listings(lines) for command in commands]
    where = os.path.relpath(doc_path, ROOT)
    for n, (first, (command, output)) in enumerate(shown):
        if n >= len(run):
            return "%s: listing at line %d shows `%s`, which tour.gdb does not run" % (
                where, first + 1, command)
        if command != run[n][0]:
            return "%s: listing at line %d shows `%s` where tour.gdb runs `%s`" % (
                where, first + 1, command, run[n][0])
        want, got = [mask(l) for l in run[n][1]], [mask(l) for l in output]
        for i in range(max(len(want), len(got))):
            w = want[i] if i < len(want) else "(nothing)"
            g = got[i] if i < len(got) else "(nothing)"
            if w != g:
                return "%s: listing at line %d, `%s` shows %r where the run gives %r (make tour-doc)" % (
                    where, first + 1, command, g, w)
    if len(shown) < len(run):
        return "%s: the listings leave out `%s` and what follows (tour.gdb runs it)" % (
            where, run[len(shown)][0])
    return None


def update(gdb_output, doc_path=DOC):
    """Rewrite the listings of the document with the run's output; the
    commands stay where the document puts them and must be tour.gdb's."""
    with open(doc_path) as f:
        lines = f.read().splitlines()
    run = iter(run_commands(gdb_output))
    out, done = [], 0
    for first, end, commands in doc_listings(lines):
        out += lines[done:first]
        for command, _ in commands:
            ran, output = next(run, (None, []))
            if ran != command:
                sys.exit("%s line %d: `%s` is not the next command of tour.gdb (`%s`): fix the listing" % (
                    doc_path, first + 1, command, ran))
            out += [INDENT + PROMPT + command] + [INDENT + l for l in output]
        done = end
    out += lines[done:]
    with open(doc_path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import harness
    log = os.path.join(harness.LOGS, "gdb_tour.log")
    if "--update" in sys.argv[1:]:
        os.makedirs(harness.LOGS, exist_ok=True)
        harness.run_gdb_test(SCRIPT)            # writes the log, whatever the document says
        with open(log, encoding="utf-8", errors="replace") as f:
            update(f.read())
    with open(log, encoding="utf-8", errors="replace") as f:
        wrong = check(f.read())
    print(wrong or "docs/tour.md matches the run of tests/gdb/tour.gdb")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""reclaimlab.py - the host side of the replacement-policy lab (make bench-reclaim).

    tools/reclaimlab.py [--svg OUT.svg] [--frames F] [--sweep 16,24,...]

Boots the kernel with each replacement policy (reclaim=age, clock, fifo,
random, lru) and a budget of F user frames (userframes=F, kswapd=off),
runs user/reclaimlab.c there, and sets the page faults it counts beside
what two policies that only a simulator can run would take on exactly the
same reference string (tools/refgen.c prints it from the same generator,
user/lib/refpattern.h):

  * OPT, Belady's optimal policy: evict the page whose next use is the
    farthest away.  No real policy can beat it, so it is the yardstick:
    every kernel figure is printed with its ratio to OPT.
  * LRU, exact least-recently-used, which the kernel's policies (but lru)
    approximate with accessed bits.

Every miss counts, first touches too: in the kernel a first touch is a
zero fill, which needs a frame like a swap-in does.  A FIFO simulation
checks the kernel's fifo, and the LRU simulation its lru: a warning line
follows the table where they differ.

Then Belady's anomaly (user/belady.c with 3 and 4 frames), the goals of
the lab (lines "goal: ... ok" or "goal: ... MISSED"), and a sweep of the
frame budget for the patterns shift and hotcold, as a table and as an SVG
(--svg, default build/reclaim.svg): page faults against frames, one curve
per policy.

The output is Markdown on stdout and repeats exactly from run to run: the
kernel is deterministic under these options, and nothing depends on
timing but Belady's row for "age agescan=50", whose background aging runs
by the timer; belady touches one page each 50 ms, so that one aging pass
falls between two touches, and the row has come out the same every run.  Boots run two at a time.  Exit status 0 whether or not the goals
are met (this is a report); 1 if refgen could not be built or a boot
failed.  Standard library only.
"""
import argparse
import collections
import concurrent.futures
import heapq
import os
import re
import subprocess
import sys
import textwrap
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
REFGEN = os.path.join(BUILD, "tools", "refgen")
REFGEN_SOURCES = [os.path.join(ROOT, "tools", "refgen.c"),
                  os.path.join(ROOT, "user", "lib", "refpattern.h")]
RECLAIMLAB = os.path.join(BUILD, "user", "reclaimlab")
BELADY = os.path.join(BUILD, "user", "belady")
LOG_DIR = os.path.join(BUILD, "reclaimlab")        # one kernel log per boot

POLICIES = ["age", "clock", "fifo", "random", "lru"]   # the kernel's, in table order
FRAMES = 64                                             # the main table's budget
SWEEP_FRAMES = [16, 24, 32, 48, 64, 96, 128]
SWEEP_PATTERNS = ["shift", "hotcold"]
BELADY_FRAMES = [3, 4]
# Belady's string under these (kernel options after reclaim=): age as it
# is by default, which ages pages only when reclaim wants a frame, and age
# with background aging once each of belady's 50 ms steps (agescan=50).
BELADY_POLICIES = ["fifo", "lru", "age", "age agescan=50"]
BELADY_NO_ANOMALY = ["lru", "age agescan=50"]
BOOTS_AT_ONCE = 2           # QEMU boots in parallel (no more: they share the machine)
BOOT_TIMEOUT = 120          # seconds, per boot

# The goals of the lab (section "Goals" of docs/reclaim-lab.md).
AGE_VS_LRU = 1.15           # age within 1.15x exact LRU on every pattern
AGE_VS_OPT = 1.5            # age within 1.5x OPT on these patterns:
AGE_VS_OPT_PATTERNS = ["shift", "hotcold"]
RANDOM_PATTERNS = ["random1.1", "random1.5", "random2.0"]
FLOOR_SLACK = 0.10          # on random touches, every policy within 10% of the floor
AGE_BEATS = ["fifo", "random"]          # age takes fewer faults than these...
AGE_BEATS_PATTERNS = ["shift", "hotcold"]   # ...on the patterns with locality
# loop has none that recency can use: each page comes back after P - 1 > F
# others, so every policy that keeps recent pages misses on every touch
# there; its line is printed, as a finding, but it is not a goal.

RECLAIMLAB_RE = re.compile(r"^(\S+) (\d+) pages (\d+) touches (\d+) faults$", re.M)
BELADY_TOUCHES_RE = re.compile(r"^touches \(\* = fault\):(.*)$", re.M)
BELADY_FAULTS_RE = re.compile(r"^(\d+) faults in (\d+) touches$", re.M)


class LabError(Exception):
    """Something could not run: the report cannot be made."""


# ---- building refgen and booting the kernel ---------------------------------------

def build_refgen():
    """Compile build/tools/refgen unless it is newer than its sources."""
    if os.path.exists(REFGEN) and \
            os.path.getmtime(REFGEN) >= max(os.path.getmtime(s) for s in REFGEN_SOURCES):
        return
    os.makedirs(os.path.dirname(REFGEN), exist_ok=True)
    command = ["gcc", "-O2", "-Wall", "-o", REFGEN, REFGEN_SOURCES[0]]
    sys.stderr.write("  CC      %s\n" % os.path.relpath(REFGEN, ROOT))
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        raise LabError("could not build %s: %s" % (REFGEN, " ".join(command)))


def boot(program, policy, frames):
    """Run program on the kernel with this policy and frame budget, and
    return what it printed without the final "exit 0" line."""
    name = os.path.basename(program)
    log = os.path.join(LOG_DIR, "%s-%s-%d.log" % (name, policy.replace(" ", "-"), frames))
    command = [sys.executable, os.path.join(ROOT, "tests", "run"), "--log", log,
               "--mem", "16M", "--swap", "64M",
               "--kargs", "reclaim=%s userframes=%d kswapd=off" % (policy, frames), program]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                timeout=BOOT_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise LabError("%s with reclaim=%s userframes=%d took over %d s (kernel log in %s)"
                       % (name, policy, frames, BOOT_TIMEOUT, log))
    lines = result.stdout.splitlines()
    if result.returncode != 0 or not lines or lines[-1] != "exit 0":
        raise LabError("%s with reclaim=%s userframes=%d failed (kernel log in %s):\n%s%s"
                       % (name, policy, frames, log, result.stdout, result.stderr))
    return "\n".join(lines[:-1]) + "\n"


def boot_all(jobs):
    """Run every (program, policy, frames) of jobs, BOOTS_AT_ONCE at a time;
    return {job: output}."""
    os.makedirs(LOG_DIR, exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=BOOTS_AT_ONCE) as pool:
        futures = {job: pool.submit(boot, *job) for job in jobs}
        return {job: future.result() for job, future in futures.items()}


# ---- what the programs print ------------------------------------------------------

def parse_reclaimlab(text):
    """{pattern: (pages, touches, faults)} from reclaimlab's lines
    "PATTERN PAGES pages TOUCHES touches FAULTS faults", in its order."""
    rows = {m.group(1): tuple(int(g) for g in m.groups()[1:])
            for m in RECLAIMLAB_RE.finditer(text)}
    if not rows:
        raise LabError("reclaimlab printed no pattern line:\n" + text)
    return rows


def parse_belady(text):
    """(the reference string, the faults) from belady's output."""
    touches = BELADY_TOUCHES_RE.search(text)
    faults = BELADY_FAULTS_RE.search(text)
    if not touches or not faults:
        raise LabError("belady printed no \"touches\" or \"N faults in\" line:\n" + text)
    pages = [int(p) for p in re.findall(r"\d+", touches.group(1))]
    return pages, int(faults.group(1))


_refstrings = {}


def refstring(pattern, frames):
    """The pages the pattern touches with this budget, from refgen."""
    key = (pattern, frames)
    if key not in _refstrings:
        result = subprocess.run([REFGEN, pattern, str(frames)], capture_output=True, text=True)
        if result.returncode != 0:
            raise LabError("refgen %s %d: %s" % (pattern, frames, result.stderr.strip()))
        _refstrings[key] = [int(line) for line in result.stdout.split()]
    return _refstrings[key]


# ---- the simulated policies -------------------------------------------------------
# Each takes a reference string and a number of frames and returns its misses,
# first touches included.

def simulate_opt(refs, frames):
    """Belady's OPT: on a miss with every frame full, evict the resident
    page whose next use is farthest in the future (or never comes).
    A max-heap of (next use, page) finds it in O(log n); entries left
    behind by a later touch of the same page are skipped when popped."""
    never = len(refs)
    next_use = [never] * len(refs)          # next_use[i]: when refs[i] comes again
    seen = {}
    for i in range(len(refs) - 1, -1, -1):
        next_use[i] = seen.get(refs[i], never)
        seen[refs[i]] = i
    resident = {}                           # page -> its next use
    heap = []                               # (-next use, page), some stale
    misses = 0
    for i, page in enumerate(refs):
        if page not in resident:
            misses += 1
            if len(resident) == frames:
                while True:
                    far, victim = heapq.heappop(heap)
                    if resident.get(victim) == -far:
                        break
                del resident[victim]
        resident[page] = next_use[i]
        heapq.heappush(heap, (-next_use[i], page))
    return misses


def simulate_lru(refs, frames):
    """Exact LRU: evict the page touched longest ago."""
    resident = collections.OrderedDict()    # least recently touched first
    misses = 0
    for page in refs:
        if page in resident:
            resident.move_to_end(page)
            continue
        misses += 1
        if len(resident) == frames:
            resident.popitem(last=False)
        resident[page] = True
    return misses


def simulate_fifo(refs, frames):
    """FIFO: evict the page loaded longest ago; a hit changes nothing."""
    resident, order = set(), collections.deque()
    misses = 0
    for page in refs:
        if page in resident:
            continue
        misses += 1
        if len(resident) == frames:
            resident.discard(order.popleft())
        resident.add(page)
        order.append(page)
    return misses


def floor_faults(pages, touches, frames):
    """What a policy can expect on uniform random touches over `pages`
    pages: each page's first touch misses, then a touch hits only if its
    page is among the `frames` resident ones."""
    return pages + (touches - pages) * (1 - frames / pages)


# ---- gathering the figures --------------------------------------------------------

def reclaimlab_results(outputs, frames_list):
    """{frames: {pattern: row}} with row a dict of pages, touches, the
    kernel's faults per policy and the simulated OPT, LRU and FIFO."""
    results = {}
    for frames in frames_list:
        table = {}
        for policy in POLICIES:
            for pattern, (pages, touches, faults) in \
                    parse_reclaimlab(outputs[(RECLAIMLAB, policy, frames)]).items():
                row = table.setdefault(pattern, {"pages": pages, "touches": touches})
                row[policy] = faults
        for pattern, row in table.items():
            refs = refstring(pattern, frames)
            if len(refs) != row["touches"]:
                raise LabError("refgen %s %d printed %d touches, the kernel's reclaimlab %d: "
                               "is build/user/reclaimlab older than user/lib/refpattern.h?"
                               % (pattern, frames, len(refs), row["touches"]))
            row["OPT"] = simulate_opt(refs, frames)
            row["LRU"] = simulate_lru(refs, frames)
            row["FIFO"] = simulate_fifo(refs, frames)
        results[frames] = table
    return results


def belady_results(outputs):
    """{frames: row} with the kernel's faults per policy on Belady's string
    and the simulated OPT, LRU and FIFO; and the string itself."""
    results, string = {}, None
    for frames in BELADY_FRAMES:
        row = {}
        for policy in BELADY_POLICIES:
            refs, row[policy] = parse_belady(outputs[(BELADY, policy, frames)])
            if string is not None and refs != string:
                raise LabError("belady touched %s, then %s" % (refs, string))
            string = refs
        row["OPT"] = simulate_opt(string, frames)
        row["LRU"] = simulate_lru(string, frames)
        row["FIFO"] = simulate_fifo(string, frames)
        results[frames] = row
    return results, string


def simulator_warnings(results, belady):
    """Lines for every place the FIFO or LRU simulation and the kernel's
    fifo or lru disagree."""
    warnings = []

    def check(where, row):
        for sim, policy in (("FIFO", "fifo"), ("LRU", "lru")):
            if policy in row and row[sim] != row[policy]:
                warnings.append("warning: %s: %s (sim) takes %d faults, the kernel's %s %d"
                                % (where, sim, row[sim], policy, row[policy]))

    for frames, table in sorted(results.items()):
        for pattern, row in table.items():
            check("%s with %d frames" % (pattern, frames), row)
    for frames, row in sorted(belady.items()):
        check("Belady's string with %d frames" % frames, row)
    return warnings


# ---- goals ------------------------------------------------------------------------

def goal_line(text, met, detail):
    return "goal: %s (%s) %s" % (text, detail, "ok" if met else "MISSED")


def worst(pairs):
    """The (name, ratio) of pairs with the highest ratio."""
    return max(pairs, key=lambda pair: pair[1])


def check_goals(table, belady, frames):
    """The goal lines for the main table (one frame budget) and Belady's rows."""
    lines = []

    ratios = [(p, row["age"] / row["LRU"]) for p, row in table.items()]
    name, ratio = worst(ratios)
    lines.append(goal_line("age within %.2fx LRU (sim) on every pattern" % AGE_VS_LRU,
                           ratio <= AGE_VS_LRU, "worst: %s %.2fx" % (name, ratio)))

    ratios = [(p, table[p]["age"] / table[p]["OPT"]) for p in AGE_VS_OPT_PATTERNS]
    name, ratio = worst(ratios)
    lines.append(goal_line("age within %.1fx OPT on %s" % (AGE_VS_OPT, " and ".join(
        AGE_VS_OPT_PATTERNS)), ratio <= AGE_VS_OPT, "worst: %s %.2fx" % (name, ratio)))

    offs = []
    for p in RANDOM_PATTERNS:
        row = table[p]
        floor = floor_faults(row["pages"], row["touches"], frames)
        offs += [("%s %s" % (policy, p), abs(row[policy] / floor - 1)) for policy in POLICIES]
    name, off = worst(offs)
    lines.append(goal_line("every kernel policy within %d%% of the floor on %s, floor = pages + "
                           "(touches - pages) * (1 - F/pages)" % (FLOOR_SLACK * 100,
                                                                   ", ".join(RANDOM_PATTERNS)),
                           off <= FLOOR_SLACK, "farthest: %s %.1f%% off" % (name, off * 100)))

    losses = ["%s %d >= %s %d on %s" % ("age", table[p]["age"], policy, table[p][policy], p)
              for p in AGE_BEATS_PATTERNS for policy in AGE_BEATS
              if table[p]["age"] >= table[p][policy]]
    lines.append(goal_line("age takes fewer faults than %s on %s" % (
        " and ".join(AGE_BEATS), ", ".join(AGE_BEATS_PATTERNS)), not losses,
        "; ".join(losses) if losses else "it does on all %d"
        % (len(AGE_BEATS) * len(AGE_BEATS_PATTERNS))))
    lines.append("not a goal: on loop, which has no locality, age %d, %s" % (
        table["loop"]["age"], ", ".join("%s %d" % (policy, table["loop"][policy]) for policy in AGE_BEATS)))

    few, many = BELADY_FRAMES
    grows = {policy: belady[many][policy] > belady[few][policy] for policy in BELADY_POLICIES}
    detail = ", ".join("%s %d -> %d" % (policy, belady[few][policy], belady[many][policy])
                       for policy in BELADY_POLICIES)
    lines.append(goal_line("Belady's anomaly (more faults with %d frames than %d) under fifo, "
                           "not under %s" % (many, few, " or ".join(BELADY_NO_ANOMALY)),
                           grows["fifo"] and not any(grows[p] for p in BELADY_NO_ANOMALY), detail))
    return lines


# ---- tables -----------------------------------------------------------------------

def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def with_ratio(faults, opt):
    return "%d (%.2f)" % (faults, faults / opt)


def main_table(table):
    header = ["pattern", "pages", "touches", "OPT", "LRU (sim)"] + POLICIES
    rows = [[p, row["pages"], row["touches"], row["OPT"], with_ratio(row["LRU"], row["OPT"])] +
            [with_ratio(row[policy], row["OPT"]) for policy in POLICIES]
            for p, row in table.items()]
    return markdown_table(header, rows)


def belady_table(belady):
    header = ["frames", "OPT", "LRU (sim)", "FIFO (sim)"] + BELADY_POLICIES
    rows = [[frames, row["OPT"], row["LRU"], row["FIFO"]] + [row[p] for p in BELADY_POLICIES]
            for frames, row in sorted(belady.items())]
    return markdown_table(header, rows)


def sweep_table(results):
    header = ["pattern", "frames", "pages", "touches", "OPT", "LRU (sim)"] + POLICIES
    rows = [[p, frames, results[frames][p]["pages"], results[frames][p]["touches"]] +
            [results[frames][p][key] for key in ["OPT", "LRU"] + POLICIES]
            for p in SWEEP_PATTERNS for frames in sorted(results)]
    return markdown_table(header, rows)


# ---- the SVG: faults against frames, one panel per pattern -------------------------

# (key in a result row, legend text, colour, dash pattern or None, line width).
# The kernel's lru is drawn wide and pale under the dashed LRU (sim), so both
# show where they agree.
SERIES = [
    ("OPT", "OPT (sim)", "#000000", "7,4", 1.8),
    ("LRU", "LRU (sim)", "#00603F", "3,3", 1.8),
    ("lru", "lru", "#7FD6B5", None, 5.0),
    ("age", "age", "#D55E00", None, 2.2),
    ("clock", "clock", "#0072B2", None, 2.2),
    ("fifo", "fifo", "#CC79A7", None, 2.2),
    ("random", "random", "#E69F00", None, 2.2),
]
PANEL_WIDTH, PANEL_HEIGHT = 460, 320    # the plotting area of one panel
PANEL_GAP = 110                         # between the two panels (room for the y labels)
MARGIN = 24
LEFT = 78                               # left of the first plot: y tick labels and title
SANS = "DejaVu Sans, Verdana, Arial, sans-serif"


def nice_step(top, ticks=6):
    """A round tick step (1, 2 or 5 times a power of ten) giving about
    `ticks` ticks from 0 to top."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if top / (step * m) <= ticks:
                return step * m
        step *= 10


def text(x, y, s, size=12, anchor="start", weight=None, fill="#222"):
    attrs = 'x="%.1f" y="%.1f" font-size="%s" fill="%s" font-family="%s"' % (x, y, size, fill, SANS)
    if anchor != "start":
        attrs += ' text-anchor="%s"' % anchor
    if weight:
        attrs += ' font-weight="%s"' % weight
    return "<text %s>%s</text>" % (attrs, escape(s))


def panel(x0, y0, pattern, results):
    """The SVG parts of one panel whose plotting area's top left is (x0, y0)."""
    frames_list = sorted(results)
    x_top = frames_list[-1] + frames_list[0]            # a little room right of the last point
    y_top = max(results[f][pattern][key] for f in frames_list for key, *_ in SERIES)
    y_step = nice_step(y_top)
    y_top = (y_top // y_step + 1) * y_step

    def px(frames):
        return x0 + PANEL_WIDTH * frames / x_top

    def py(faults):
        return y0 + PANEL_HEIGHT * (1 - faults / y_top)

    parts = ['<g class="panel" data-pattern="%s">' % pattern]
    parts.append(text(x0 + PANEL_WIDTH / 2, y0 - 12, pattern, size=15, anchor="middle",
                      weight="bold"))
    # Grid and y ticks.
    for faults in range(0, y_top + 1, y_step):
        y = py(faults)
        parts.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1"/>'
                     % (x0, y, x0 + PANEL_WIDTH, y, "#E4E4E4" if faults else "#333"))
        parts.append(text(x0 - 8, y + 4, "%d" % faults, size=11, anchor="end", fill="#444"))
    # x ticks at every budget measured.
    for frames in frames_list:
        x = px(frames)
        parts.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333" stroke-width="1"/>'
                     % (x, y0 + PANEL_HEIGHT, x, y0 + PANEL_HEIGHT + 5))
        parts.append(text(x, y0 + PANEL_HEIGHT + 18, "%d" % frames, size=11, anchor="middle",
                          fill="#444"))
    parts.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333" stroke-width="1"/>'
                 % (x0, y0, x0, y0 + PANEL_HEIGHT))
    parts.append(text(x0 + PANEL_WIDTH / 2, y0 + PANEL_HEIGHT + 38, "frames (userframes=F)",
                      size=12, anchor="middle"))
    parts.append('<text x="%.1f" y="%.1f" font-size="12" fill="#222" font-family="%s" '
                 'text-anchor="middle" transform="rotate(-90 %.1f %.1f)">page faults</text>'
                 % (x0 - 52, y0 + PANEL_HEIGHT / 2, SANS, x0 - 52, y0 + PANEL_HEIGHT / 2))
    # The curves, widest first (the pale lru under the dashed LRU (sim)),
    # then a dot at each kernel measurement.
    for key, label, colour, dash, width in sorted(SERIES, key=lambda s: -s[4]):
        points = " ".join("%.1f,%.1f" % (px(f), py(results[f][pattern][key])) for f in frames_list)
        parts.append('<polyline class="curve %s" points="%s" fill="none" stroke="%s" '
                     'stroke-width="%.1f" stroke-linejoin="round"%s/>'
                     % (key, points, colour, width,
                        ' stroke-dasharray="%s"' % dash if dash else ""))
    for key, label, colour, dash, width in SERIES:
        if dash:
            continue
        for f in frames_list:
            faults = results[f][pattern][key]
            parts.append('<circle cx="%.1f" cy="%.1f" r="2.6" fill="%s"><title>%s, %d frames: '
                         '%d faults</title></circle>' % (px(f), py(faults), colour, label, f,
                                                        faults))
    parts.append("</g>")
    return parts


def legend(x, y):
    """One row of line samples and names; returns the parts and its width."""
    parts, lx = ['<g class="legend">'], x
    for key, label, colour, dash, width in SERIES:
        parts.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" '
                     'stroke-width="%.1f"%s/>' % (lx, y, lx + 30, y, colour, width,
                                                 ' stroke-dasharray="%s"' % dash if dash else ""))
        parts.append(text(lx + 36, y + 4, label, size=12.5))
        lx += 36 + len(label) * 12.5 * 0.6 + 26
    parts.append("</g>")
    return parts


def render_svg(results):
    width = LEFT + 2 * PANEL_WIDTH + PANEL_GAP + MARGIN + 10
    y_plot = MARGIN + 16 + 22 + 34 + 40
    parts = [text(MARGIN, MARGIN + 16, "Page faults against frames, per replacement policy",
                  size=20, weight="bold"),
             text(MARGIN, MARGIN + 38, "vmkernel, reclaim=POLICY userframes=F kswapd=off, "
                  "user/reclaimlab.c; OPT and LRU (sim) simulated on the same reference "
                  "strings (tools/reclaimlab.py)", size=12, fill="#555")]
    parts += legend(MARGIN + 4, MARGIN + 62)
    for i, pattern in enumerate(SWEEP_PATTERNS):
        parts += panel(LEFT + i * (PANEL_WIDTH + PANEL_GAP), y_plot, pattern, results)
    y = y_plot + PANEL_HEIGHT + 66
    caption = (
        "Each pattern grows with F (user/lib/refpattern.h): shift makes 32F random touches in "
        "a working set of 7F/8 pages that moves up by a quarter of its size seven times; "
        "hotcold sends three touches in four to a hot set of F/2 pages and the fourth to a "
        "scan over 4F pages. So the faults grow with F too: what matters is how far each curve "
        "stays above OPT. Every miss counts, first touches too. The kernel's lru (wide, pale) "
        "and the simulated LRU (dotted) should be one curve. Hover over a dot for its figure.")
    for line in textwrap.wrap(caption, int((width - 2 * MARGIN) / 6.4)):
        parts.append(text(MARGIN, y, line, size=11.5, fill="#444"))
        y += 16
    height = y + MARGIN - 8
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">\n'
            '<title>Page faults against frames, per replacement policy</title>\n'
            '<rect width="100%%" height="100%%" fill="white"/>\n' % (width, height, width, height))
    return head + "\n".join(parts) + "\n</svg>\n"


# ---- the report -------------------------------------------------------------------

def report(results, belady, string, frames, svg_path):
    """The Markdown report, as one string."""
    table = results[frames]
    out = ["# Replacement-policy lab: %d frames (reclaim=POLICY userframes=%d kswapd=off)"
           % (frames, frames), "",
           "Page faults that needed a frame (zero fills and swap-ins) per pattern; in brackets "
           "the ratio to OPT.", "",
           main_table(table), ""]
    warnings = simulator_warnings(results, belady)
    out += warnings or ["FIFO (sim) equals the kernel's fifo and LRU (sim) its lru everywhere."]
    out += ["", "## Belady's anomaly: %s" % " ".join(str(p) for p in string), "",
            "Faults of user/belady.c (reclaim=POLICY userframes=FRAMES kswapd=off), "
            "one touch each 50 ms.", "",
            belady_table(belady), "",
            "## Goals", ""]
    out += check_goals(table, belady, frames)
    out += ["", "## Frame sweep: %s" % ", ".join(SWEEP_PATTERNS), "",
            "Page faults with F frames (drawn in %s)." % os.path.relpath(svg_path, ROOT), "",
            sweep_table(results), ""]
    return "\n".join(out)


def parse_args():
    ap = argparse.ArgumentParser(description="The replacement-policy lab: kernel policies "
                                 "against OPT and LRU (Markdown on stdout, an SVG).")
    ap.add_argument("--svg", default=os.path.join(BUILD, "reclaim.svg"),
                    help="where to draw the frame sweep (default build/reclaim.svg)")
    ap.add_argument("--frames", type=int, default=FRAMES,
                    help="the frame budget F of the main table (default %d)" % FRAMES)
    ap.add_argument("--sweep", default=",".join(str(f) for f in SWEEP_FRAMES),
                    help="the budgets of the sweep, comma-separated (default %(default)s)")
    opts = ap.parse_args()
    opts.sweep = sorted({int(f) for f in opts.sweep.split(",")})
    if min(opts.sweep + [opts.frames]) < 4:
        ap.error("frame budgets must be at least 4 (user/reclaimlab.c needs them)")
    return opts


def main():
    opts = parse_args()
    try:
        for program in (RECLAIMLAB, BELADY):
            if not os.path.exists(program):
                raise LabError("%s is missing: build it with make user" % program)
        build_refgen()
        frames_list = sorted(set(opts.sweep) | {opts.frames})
        jobs = [(RECLAIMLAB, policy, frames) for frames in frames_list for policy in POLICIES]
        jobs += [(BELADY, policy, frames) for frames in BELADY_FRAMES
                 for policy in BELADY_POLICIES]
        outputs = boot_all(jobs)
        results = reclaimlab_results(outputs, frames_list)
        belady, string = belady_results(outputs)
    except LabError as e:
        sys.exit("reclaimlab: %s" % e)
    sweep = {frames: results[frames] for frames in opts.sweep}
    os.makedirs(os.path.dirname(os.path.abspath(opts.svg)), exist_ok=True)
    with open(opts.svg, "w") as f:
        f.write(render_svg(sweep))
    sys.stdout.write(report(results, belady, string, opts.frames, opts.svg))


if __name__ == "__main__":
    main()

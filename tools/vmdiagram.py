#!/usr/bin/env python3
"""vmdiagram.py - a picture of one process's address space, from its smaps.

    tools/vmdiagram.py [-o OUT.svg] [--title TEXT] [SMAPS]

Reads a /proc/PID/smaps dump (from SMAPS, or from stdin without it or
with "-") and writes a self-contained SVG (to OUT.svg, or to stdout).
`make diagram` draws the smaps of user/smapsdump.c running on our kernel
into build/address-space.svg; docs/diagram.md explains how to read it.

The picture:

  * one bar per VMA, highest address at the top (the stack), the program
    image at the bottom, each VMA's start and end address on the left;
  * a bar's height grows with the logarithm of its size (HEIGHT_MIN
    pixels for one page, HEIGHT_PER_DOUBLING more each time the size
    doubles), and a scale at the bottom shows what 4 KiB, 64 KiB, 1 MiB,
    ... look like; gaps between VMAs are collapsed to a break mark
    labelled with their size;
  * inside a bar, colours show what the VMA's pages are, as proportions
    of its size (smaps gives per-VMA totals, not which page is where):
    private anonymous, copy-on-write shared anonymous, page cache mapped
    by others too, page cache mapped only here, the zero page, and not
    resident (the rest of Size);
  * on the right: name, permissions, size and the figures of each colour.

How the smaps fields become colours, per VMA (all in kB):

    file          = Rss - Anonymous         (page-cache pages: file, shmem)
    shared        = Shared_Clean + Shared_Dirty
    private       = Rss - shared
    cow_shared    = the shared pages that are anonymous: smaps does not
                    say, so min(Anonymous, Shared_Dirty) (anonymous pages
                    are dirty), kept within what the totals allow:
                    at least max(Anonymous - private, shared - file),
                    at most min(Anonymous, shared)
    private_anon  = Anonymous - cow_shared
    cache_shared  = shared - cow_shared
    cache_private = file - cache_shared
    zero_page     = ZeroPage                (our kernel's line; 0 on Linux,
                                             which leaves the zero page out
                                             of smaps altogether)
    not_resident  = Size - Rss - ZeroPage

The guess matters only for a VMA with both anonymous and page-cache pages
and some of them shared, such as a private file mapping after a fork; the
figures beside such a VMA end with "(≈ split guessed)".

Lines that are neither a VMA's header nor a "Name: N kB" field (Linux's
VmFlags, THPeligible, tests/run's status line) are ignored, so a dump
from Linux works as well as ours.  Standard library only.
"""
import argparse
import math
import os
import re
import sys
import textwrap
from xml.sax.saxutils import escape

HEADER_RE = re.compile(r"^([0-9a-fA-F]+)-([0-9a-fA-F]+)\s+([r-][w-][x-][spSP-])\s+"
                       r"([0-9a-fA-F]+)\s+(\S+)\s+(\d+)(?:\s+(.*?))?\s*$")
FIELD_RE = re.compile(r"^([A-Za-z_]+):\s+(\d+)\s+kB\s*$")

# What a page of a VMA can be: (key, colour, text colour for its figure,
# legend text, short name for the figures beside a bar).
CATEGORIES = [
    ("private_anon", "#D55E00", "#B34E00",
     "private anonymous: this process's own page", "private"),
    ("cow_shared", "#CC79A7", "#A3507F",
     "anonymous, copy-on-write shared with a parent or child", "COW-shared"),
    ("cache_shared", "#0072B2", "#0072B2",
     "page cache (file or shared memory), mapped by others too", "cache, shared"),
    ("cache_private", "#56B4E9", "#2A84B8",
     "page cache (file or shared memory), mapped only here", "cache, only here"),
    ("zero_page", "#F0E442", "#8C8400",
     "the zero page: read but never written", "zero page"),
    ("not_resident", "#ECECEC", "#777777",
     "not resident: no page mapped here yet, the next access faults", "not resident"),
]

HEIGHT_MIN = 32             # pixels for a one-page VMA
HEIGHT_PER_DOUBLING = 8     # more pixels each time the size doubles
GAP_HEIGHT = 30             # a collapsed gap
BAR_WIDTH = 440
MIN_SEGMENT = 3             # pixels: a segment that is not 0 stays visible
GUESSED = "\u2248 split guessed"    # beside a VMA whose shared pages are ambiguous
MARGIN = 24
KERNEL_BASE = 0xC0000000    # the 3G/1G split of 32-bit Linux and of ours
SANS = "DejaVu Sans, Verdana, Arial, sans-serif"
MONO = "DejaVu Sans Mono, Menlo, Consolas, monospace"


class Vma:
    def __init__(self, start, end, perms, offset, name):
        self.start, self.end, self.perms, self.offset = start, end, perms, offset
        self.name = name
        self.fields = {}

    def kb(self, field):
        return self.fields.get(field, 0)

    @property
    def size_kb(self):
        return self.fields.get("Size", (self.end - self.start) // 1024)

    def composition(self):
        """{category key: kB}, summing to Size, and whether the split of
        the shared pages between anonymous and page cache is a guess (see
        the docstring)."""
        size = self.size_kb
        rss = min(self.kb("Rss"), size)
        zero = min(self.kb("ZeroPage"), size - rss)
        anon = min(self.kb("Anonymous"), rss)
        file = rss - anon
        shared = min(self.kb("Shared_Clean") + self.kb("Shared_Dirty"), rss)
        private = rss - shared
        # What the totals allow for the shared anonymous pages, and the
        # guess within that: anonymous pages are the dirty ones.
        low, high = max(0, anon - private, shared - file), min(anon, shared)
        cow_shared = min(max(min(anon, self.kb("Shared_Dirty")), low), high)
        cache_shared = shared - cow_shared
        return {
            "private_anon": anon - cow_shared,
            "cow_shared": cow_shared,
            "cache_shared": cache_shared,
            "cache_private": file - cache_shared,
            "zero_page": zero,
            "not_resident": size - rss - zero,
        }, low < high


def parse(text):
    """The VMAs of one smaps dump, in address order."""
    vmas = []
    for line in text.splitlines():
        m = HEADER_RE.match(line)
        if m:
            vma = Vma(int(m.group(1), 16), int(m.group(2), 16), m.group(3),
                      int(m.group(4), 16), (m.group(7) or "").strip())
            if vmas and vma.start < vmas[-1].end:
                sys.stderr.write("vmdiagram: %x-%x overlaps the VMA before it: "
                                 "is this more than one process's smaps? drawing up to it\n"
                                 % (vma.start, vma.end))
                break
            vmas.append(vma)
            continue
        m = FIELD_RE.match(line)
        if m and vmas:
            vmas[-1].fields.setdefault(m.group(1), int(m.group(2)))
    return vmas


# ---- words --------------------------------------------------------------------

def fmt_kb(kb):
    """4 KiB, 128 KiB, 1 MiB, 895.8 MiB, 1 GiB (smaps's kB are KiB)."""
    for unit, scale in (("EiB", 1 << 50), ("PiB", 1 << 40), ("TiB", 1 << 30), ("GiB", 1 << 20),
                        ("MiB", 1 << 10)):
        if kb >= scale:
            v = kb / scale
            return ("%d %s" % (v, unit)) if v == int(v) else ("%.1f %s" % (v, unit))
    return "%d KiB" % kb


def fmt_bytes(n):
    return fmt_kb(n // 1024) if n >= 1024 else "%d bytes" % n


def display_name(vma, image_file, after_image=False, has_heap=False):
    """The name to show, and a hint of what the VMA is."""
    name = vma.name
    if len(name) > 40:                          # a long path: its last part
        name = "\u2026/" + name.rstrip("/").rsplit("/", 1)[-1][-38:]
    hint = ""
    if vma.name and vma.name == image_file:
        hint = {"r-x": "program text", "rw-": "program data (.data)",
                "r--": "ELF headers, read-only data"}.get(vma.perms[:3], "program image")
    elif vma.name == "/dev/zero (deleted)":
        hint = "shared anonymous memory (MAP_SHARED)"
    elif vma.name.startswith("/"):
        hint = "mapped file, " + ("MAP_SHARED" if vma.perms[3] == "s" else "MAP_PRIVATE")
    elif not vma.name:
        name = "[anon]"
        hint = "anonymous memory"
        if after_image:
            hint += ": .bss" + ("" if has_heap else ", then the heap (brk)")
    return name, hint


# ---- layout -------------------------------------------------------------------

def text_width(s, size, bold=False):
    """A generous guess at the width of s in pixels (SVG cannot measure text)."""
    return len(s) * size * (0.64 if bold else 0.56)


def bar_height(size_bytes):
    pages = max(1, size_bytes // 4096)
    return HEIGHT_MIN + HEIGHT_PER_DOUBLING * math.log2(pages)


def segments(comp, size_kb, width):
    """(key, x offset, width) of each category that is not 0; widths sum to width."""
    keys = [c[0] for c in CATEGORIES if comp[c[0]] > 0]
    if not keys or size_kb <= 0:
        return []
    widths = {k: max(MIN_SEGMENT, width * comp[k] / size_kb) for k in keys}
    # Take what the MIN_SEGMENT widening added from the widest segment.
    excess = sum(widths.values()) - width
    widest = max(keys, key=lambda k: widths[k])
    widths[widest] -= excess
    out, x = [], 0.0
    for k in keys:
        out.append((k, x, widths[k]))
        x += widths[k]
    return out


class Svg:
    def __init__(self):
        self.parts = []

    def add(self, s):
        self.parts.append(s)

    def text(self, x, y, s, size=12, anchor="start", weight=None, fill="#222", family=SANS,
             style=None, cls=None):
        attrs = 'x="%.1f" y="%.1f" font-size="%s" fill="%s" font-family="%s"' % (
            x, y, size, fill, family)
        if anchor != "start":
            attrs += ' text-anchor="%s"' % anchor
        if weight:
            attrs += ' font-weight="%s"' % weight
        if style:
            attrs += ' font-style="%s"' % style
        if cls:
            attrs += ' class="%s"' % cls
        self.add("<text %s>%s</text>" % (attrs, s))


def zigzag(x0, x1, y, amp=3.0, step=8.0):
    pts, x, up = [], x0, True
    while x < x1:
        pts.append("%.1f,%.1f" % (x, y - amp if up else y + amp))
        x += step
        up = not up
    pts.append("%.1f,%.1f" % (x1, y))
    return " ".join(pts)


def vma_label(v, image_file, image_end, has_heap):
    """The two lines beside a bar: (name, perms, size, hint) and the figures."""
    name, hint = display_name(v, image_file, image_end == v.start, has_heap)
    comp, guessed = v.composition()
    figures = [(key, colour, ink, "%s %s" % (fmt_kb(comp[key]), short))
               for key, colour, ink, _, short in CATEGORIES if comp[key] > 0]
    note = "  (%s)" % GUESSED if guessed else ""
    w1 = (text_width(name, 13, True) + text_width("  " + v.perms, 13) +
          text_width("  " + fmt_kb(v.size_kb), 13) + text_width("  " + hint, 11.5))
    w2 = sum(text_width("\u25A0 " + f[3] + "   ", 11.5) for f in figures) + text_width(note, 11.5)
    return name, hint, figures, note, max(w1, w2)


def render(vmas, title, source):
    svg = Svg()
    top = max(v.end for v in vmas)
    digits = max(8, len("%x" % (top - 1)))
    x_addr = MARGIN + digits * 6.7              # right edge of the address labels
    x_bar = x_addr + 12
    x_lab = x_bar + BAR_WIDTH + 16
    kernel_band = KERNEL_BASE // 2 < top <= KERNEL_BASE
    image_file = vmas[0].name if vmas[0].name.startswith("/") else None
    image_end = max((v.end for v in vmas if v.name == image_file), default=None)
    has_heap = any(v.name == "[heap]" for v in vmas)
    labels = {id(v): vma_label(v, image_file, image_end, has_heap) for v in vmas}
    width = int(max([x_lab + 400] + [x_lab + lab[-1] for lab in labels.values()]) + MARGIN)
    width = max(width, 1060)

    # Title, summary, legend.
    y = MARGIN + 16
    svg.text(MARGIN, y, escape(title), size=20, weight="bold")
    tot = {k: sum(v.composition()[0][k] for v in vmas) for k, *_ in CATEGORIES}
    y += 22
    summary = "%d VMAs, %s mapped: %s resident (Rss), %s zero page, %s not resident" % (
        len(vmas), fmt_kb(sum(v.size_kb for v in vmas)), fmt_kb(sum(v.kb("Rss") for v in vmas)),
        fmt_kb(tot["zero_page"]), fmt_kb(tot["not_resident"]))
    if source:
        summary += "    (from %s)" % source
    svg.text(MARGIN, y, escape(summary), size=12, fill="#555")
    y += 14
    col_w = (width - 2 * MARGIN) / 2
    svg.add('<g class="legend">')
    for i, (key, colour, _, legend, _) in enumerate(CATEGORIES):
        lx = MARGIN + (i % 2) * col_w
        ly = y + 12 + (i // 2) * 20
        svg.add('<rect x="%.1f" y="%.1f" width="22" height="14" fill="%s" stroke="#444" '
                'stroke-width="0.8"/>' % (lx, ly, colour))
        svg.text(lx + 30, ly + 11.5, escape(legend), size=12.5)
    svg.add("</g>")
    y += 12 + 3 * 20 + 18

    # The rows, from the highest address down: (kind, high address, low address, vma).
    rows = []
    if kernel_band:
        rows.append(("kernel", 1 << 32, KERNEL_BASE, None))
        if top < KERNEL_BASE:
            rows.append(("gap", KERNEL_BASE, top, None))
    for i in range(len(vmas) - 1, -1, -1):
        v = vmas[i]
        rows.append(("vma", v.end, v.start, v))
        below = vmas[i - 1].end if i > 0 else 0
        if below < v.start:
            rows.append(("gap", v.start, below, None))

    labelled = set()

    def address_label(yy, addr):
        if addr in labelled:
            return
        labelled.add(addr)
        svg.add('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#666" stroke-width="1"/>'
                % (x_bar - 7, yy, x_bar, yy))
        svg.text(x_addr - 2, yy + 4, "%0*x" % (digits, addr), size=11, anchor="end",
                 fill="#444", family=MONO)

    for kind, hi, lo, v in rows:
        if kind == "kernel":
            h = 34
            svg.add('<g class="kernel">')
            svg.add('<rect x="%.1f" y="%.1f" width="%d" height="%d" fill="url(#hatch)" '
                    'stroke="#888" stroke-width="1"/>' % (x_bar, y, BAR_WIDTH, h))
            svg.text(x_bar + BAR_WIDTH / 2, y + h / 2 + 4, "kernel", size=12, anchor="middle",
                     fill="#555", weight="bold")
            svg.text(x_lab, y + h / 2 - 2, "kernel space, %s" % fmt_bytes((1 << 32) - KERNEL_BASE),
                     size=13, weight="bold", fill="#555")
            svg.text(x_lab, y + h / 2 + 13, "the same in every process; user mode cannot "
                     "touch it", size=11.5, fill="#666")
            svg.add("</g>")
            y += h
            address_label(y, KERNEL_BASE)
        elif kind == "gap":
            h = GAP_HEIGHT
            svg.add('<g class="gap">')
            svg.add('<rect x="%.1f" y="%.1f" width="%d" height="%d" fill="#FAFAFA"/>'
                    % (x_bar, y, BAR_WIDTH, h))
            for yy in (y + 5, y + h - 5):
                svg.add('<polyline points="%s" fill="none" stroke="#999" stroke-width="1.2"/>'
                        % zigzag(x_bar - 4, x_bar + BAR_WIDTH + 4, yy))
            what = "unmapped: %s" % fmt_bytes(hi - lo)
            if lo == 0:
                what += " from address 0 (a NULL pointer faults here)"
            svg.text(x_bar + BAR_WIDTH / 2, y + h / 2 + 4, escape(what), size=11.5,
                     anchor="middle", fill="#777", style="italic")
            svg.add("</g>")
            y += h
            if lo == 0:
                address_label(y, 0)
        else:
            h = bar_height(v.end - v.start)
            comp, _ = v.composition()
            name, hint, figures, note, _ = labels[id(v)]
            info = "%08x-%08x %s %s\n" % (v.start, v.end, v.perms, v.name) + \
                "\n".join("%s: %d kB" % kv for kv in v.fields.items())
            svg.add('<g class="vma" data-start="%x" data-end="%x" data-size-kb="%d">'
                    % (v.start, v.end, v.size_kb))
            svg.add("<title>%s</title>" % escape(info))
            for key, dx, w in segments(comp, v.size_kb, BAR_WIDTH):
                colour = next(c[1] for c in CATEGORIES if c[0] == key)
                svg.add('<rect class="seg %s" data-kb="%d" x="%.1f" y="%.1f" width="%.1f" '
                        'height="%.1f" fill="%s"/>' % (key, comp[key], x_bar + dx, y, w, h, colour))
            svg.add('<rect x="%.1f" y="%.1f" width="%d" height="%.1f" fill="none" stroke="#333" '
                    'stroke-width="1.2"/>' % (x_bar, y, BAR_WIDTH, h))
            cy = y + h / 2
            svg.add('<text x="%.1f" y="%.1f" font-size="13" font-family="%s" fill="#222">'
                    '<tspan font-weight="bold">%s</tspan>'
                    '<tspan font-family="%s" fill="#444">  %s</tspan>'
                    '<tspan>  %s</tspan>'
                    '<tspan fill="#666" font-size="11.5">  %s</tspan></text>'
                    % (x_lab, cy - 2, SANS, escape(name), MONO, v.perms, fmt_kb(v.size_kb),
                       escape(hint)))
            svg.add('<text x="%.1f" y="%.1f" font-size="11.5" font-family="%s">%s</text>'
                    % (x_lab, cy + 13, SANS, "".join(
                        '<tspan fill="%s" font-size="13">\u25A0</tspan><tspan fill="%s"> %s'
                        '   </tspan>' % (colour if key != "not_resident" else "#BBBBBB", ink,
                                         escape(text))
                        for key, colour, ink, text in figures) +
                       ('<tspan fill="#777" font-style="italic">%s</tspan>' % escape(note))))
            svg.add("</g>")
            address_label(y, v.end)
            y += h
            address_label(y, v.start)

    # The scale: bars of 4 KiB, 64 KiB, ... up to 16 times the largest VMA,
    # standing on one line, with what they mean on their left.
    largest = max(v.size_kb for v in vmas)
    sizes = [4]
    while len(sizes) < 3 or sizes[-1] < 16 * largest and len(sizes) < 8:
        sizes.append(sizes[-1] * 16)
    floor = y + 24 + bar_height(sizes[-1] * 1024)
    svg.add('<g class="scale">')
    svg.text(MARGIN, floor - 18, "Scale of the bar heights", size=12.5, weight="bold")
    svg.text(MARGIN, floor - 2, "(logarithmic: 16 times the size, %d px taller)"
             % (4 * HEIGHT_PER_DOUBLING), size=11.5, fill="#555")
    sx = MARGIN + 330
    for kb in sizes:
        h = bar_height(kb * 1024)
        svg.add('<rect x="%.1f" y="%.1f" width="22" height="%.1f" fill="#DDDDDD" stroke="#555" '
                'stroke-width="0.8"/>' % (sx, floor - h, h))
        svg.text(sx + 28, floor - 2, fmt_kb(kb), size=11.5, fill="#444")
        sx += 90
    svg.add("</g>")
    y = floor + 30
    caption = (
        "Each bar is one VMA, one entry of /proc/PID/smaps; the highest addresses are at the top. "
        "A bar's height grows with the logarithm of its size (one page: %d px, each doubling: "
        "%d px more), and the unmapped gaps between VMAs are collapsed to a break mark. "
        "smaps gives only totals per VMA, so the colours in a bar are proportions of its size, "
        "not the positions of the pages. Where a VMA says \"%s\", smaps does not tell which of "
        "its shared pages are anonymous and which are page cache: the split is a guess (the "
        "anonymous pages are taken to be the dirty ones) within what the totals allow. "
        "A colour that is not 0 is at "
        "least %d px wide. Hover over a bar for its smaps figures. Drawn by tools/vmdiagram.py."
        % (HEIGHT_MIN, HEIGHT_PER_DOUBLING, GUESSED.replace(" ", "\u00a0"), MIN_SEGMENT))
    for line in textwrap.wrap(caption, int((width - 2 * MARGIN) / 6.4)):
        svg.text(MARGIN, y, escape(line), size=11.5, fill="#444")
        y += 16
    height = int(y + MARGIN - 8)

    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">\n'
            '<title>%s</title>\n'
            '<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="8" height="8" fill="#F2F2F2"/>'
            '<line x1="0" y1="0" x2="0" y2="8" stroke="#BBBBBB" stroke-width="3"/></pattern></defs>\n'
            '<rect width="100%%" height="100%%" fill="white"/>\n'
            % (width, height, width, height, escape(title)))
    return head + "\n".join(svg.parts) + "\n</svg>\n"


def main():
    ap = argparse.ArgumentParser(description="Draw one process's address space (SVG) "
                                 "from its /proc/PID/smaps.")
    ap.add_argument("smaps", nargs="?", default="-", help="an smaps dump (default: stdin)")
    ap.add_argument("-o", "--output", default="-", help="the SVG file (default: stdout)")
    ap.add_argument("--title", default="The address space of one process",
                    help="the title at the top")
    opts = ap.parse_args()
    if opts.smaps == "-":
        text, source = sys.stdin.read(), None
    else:
        with open(opts.smaps, errors="replace") as f:
            text, source = f.read(), os.path.basename(opts.smaps)
    vmas = parse(text)
    if not vmas:
        sys.exit("vmdiagram: no VMA in the input (expected /proc/PID/smaps lines such as "
                 "\"08048000-08049000 r-xp 00000000 00:02 1   /hello\")")
    out = render(vmas, opts.title, source)
    if opts.output == "-":
        sys.stdout.write(out)
    else:
        with open(opts.output, "w") as f:
            f.write(out)


if __name__ == "__main__":
    main()

"""checks.py - computed checks for boot tests ('check: NAME' in a .test file).

Each function takes the boot log and returns None when it holds, or a
reason why not.
"""
import re

PAGE = 4096
LOWMEM = 896 << 20
DMA_LIMIT = 16 << 20
PHYS_LIMIT = 1 << 32


def _ranges(log, pattern):
    return [(int(a, 16), int(b, 16) + 1) for a, b in re.findall(pattern, log)]


def memory_accounting(log):
    """Recompute, from the memory map the kernel printed, how many frames
    each zone must manage (usable RAM from 1 MiB up to 4 GiB, minus the
    kernel image, the modules and mem_map: DMA below 16 MiB, Normal below
    896 MiB, HighMem above) and compare with the zone lines and MemTotal.
    MemFree is one page less: the kmap page table (mm/highmem.c).  Also
    checks the 'left unused' line for RAM above 4 GiB."""
    usable = _ranges(log, r"\[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] usable")
    reserved = _ranges(log, r"Kernel image: \[phys 0x([0-9a-f]+)-0x([0-9a-f]+)\]")
    reserved += _ranges(log, r"Module \d+: \[phys 0x([0-9a-f]+)-0x([0-9a-f]+)\]")
    reserved += _ranges(log, r"mem_map at \[phys 0x([0-9a-f]+)-0x([0-9a-f]+)\]")
    if not usable or len(reserved) < 2:
        return "memory map, kernel image or mem_map line missing"
    zone = {"DMA": 0, "Normal": 0, "HighMem": 0}
    above = 0
    for start, end in usable:
        if end > PHYS_LIMIT:
            above += end - max(start, PHYS_LIMIT)
        first = (max(start, 1 << 20) + PAGE - 1) // PAGE
        last = min(end, PHYS_LIMIT - PAGE) // PAGE
        for pfn in range(first, last):
            pa = pfn * PAGE
            if any(pa < re_end and rs <= pa for rs, re_end in
                   ((r[0] & ~(PAGE - 1), (r[1] + PAGE - 1) & ~(PAGE - 1)) for r in reserved)):
                continue
            zone["DMA" if pa < DMA_LIMIT else "Normal" if pa < LOWMEM else "HighMem"] += 1
    for name, expected in zone.items():
        m = re.search(r"zone %s\s+pfn \S+, (\d+) pages managed \((\d+) MiB\)" % name, log)
        if not m or int(m.group(1)) != expected or int(m.group(2)) != expected * PAGE >> 20:
            return "zone %s manages %s pages, expected %d" % (name, m and m.group(1), expected)
    total_kb = sum(zone.values()) * 4
    for field, kb in (("MemTotal", total_kb), ("MemFree", total_kb - 4)):
        m = re.search(r"^%s:\s+(\d+) kB$" % field, log, re.M)
        if not m or int(m.group(1)) != kb:
            return "%s is %s kB, expected %d kB" % (field, m and m.group(1), kb)
    wrong = lowmem_reserve(log, zone)
    if wrong:
        return wrong
    if above:
        line = "%d MiB of RAM above 4 GiB is left unused (reaching it needs PAE)" % (above >> 20)
        if line not in log:
            return "missing line: " + line
    elif "left unused" in log:
        return "reports unused RAM but there is none above 4 GiB"
    return None


def lowmem_reserve(log, zone):
    """Linux's lowmem_reserve from the zone sizes: what GFP_HIGHMEM must
    leave is HighMem / 32 in Normal plus (Normal + HighMem) / 256 in DMA,
    and GFP_KERNEL Normal / 256 in DMA (sysctl_lowmem_reserve_ratio: DMA
    256, Normal 32); the buddy ktest prints what each class left."""
    want = {"GFP_HIGHMEM": zone["HighMem"] // 32 + (zone["Normal"] + zone["HighMem"]) // 256,
            "GFP_KERNEL": zone["Normal"] // 256 if zone["DMA"] else 0}
    for gfp, frames in want.items():
        m = re.search(r"ktest buddy: %s took all it may, (\d+) frames left" % gfp, log)
        if "ktest buddy:" in log and not m:
            return "no line of the buddy ktest says what %s left" % gfp
        if m and int(m.group(1)) != frames:
            return "%s left %s frames free, expected the lowmem reserve of %d" % (gfp, m.group(1), frames)
    return None


def ends_at_last_expect(log):
    """The log's last line is the ktest's announcement of what it does
    next: nothing ran after it (no oops, no PASS or FAIL line), so the
    reset came from that instruction and nothing else."""
    lines = [line for line in log.splitlines() if line.strip()]
    if not lines or not lines[-1].startswith("ktest "):
        return "the log goes on after the ktest's line: %r" % (lines[-1] if lines else "")
    return None

"""vmkernel.py - gdb commands for looking inside the kernel's virtual memory.

Loaded by tools/gdbinit (make gdb) and by the gdb tests.  Every command
reads kernel structures through gdb's symbols and field names (never
hard-coded offsets), and the kernel's constants from its debug info (the
enums page_flag, task_state, vm_prot, vm_flag, pte_soft_bit; KERNEL_BASE
from the linker script), so they keep working when the kernel changes.
Only the CPU's own formats are written down here: the x86 PDE/PTE bits
and the 10/10/12 split of an address.

  vm-walk ADDR [CR3]      the PDE and PTE for ADDR, decoded, and the frame's mem_map entry
  vm-maps [PID]           a task's VMAs in the /proc/PID/maps format
  vm-tasks                the task table
  vm-buddy                free blocks per order per zone, like /proc/buddyinfo
  vm-page PFN             one mem_map entry, decoded
  vm-cache [NAME]         page-cache pages (of one file, or of a SysV segment: SYSV<key>)
  vm-rmap PFN             every (task, address) whose PTE maps the frame, by the reverse map
  vm-swap                 the swap area, its slots in use with their counts, the swap cache
  vm-lru [N]              the reclaim policy, the clock hand, the ages of the user pages around it (alias vm-clock)
  vm-break-fault [PID] [ADDR]   stop in handle_mm_fault only for that task / page
  $vm_file(MAPPING)       the file an address_space caches, for breakpoint conditions

`bt` unwinds through the trap frame, into the interrupted user or kernel
code, by the CFI of trap_common (arch/x86/isr.S); the frame filter below
names that frame and its trap instead of gdb's "<signal handler called>".
"""
import gdb
from gdb.FrameDecorator import FrameDecorator

# The CPU's PDE/PTE bits (Intel SDM vol. 3, 4.3): hardware, not the kernel's choice.
PTE_BITS = [(0x001, "P"), (0x002, "RW"), (0x004, "US"), (0x008, "PWT"), (0x010, "PCD"),
            (0x020, "A"), (0x040, "D"), (0x080, "PS"), (0x100, "G")]
PTE_PRESENT, PTE_ACCESSED, PDE_LARGE_PAGE = 0x001, 0x020, 0x080
VM_SWAP_LIST = 32               # vm-swap lists this many slots in use
VM_LRU_WINDOW = 8               # vm-lru shows this many user pages each side of the hand


def ev(expr):
    return gdb.parse_and_eval(expr)


def enum_values(type_name, prefix):
    """The enumerators of a kernel enum as {short lower-case name: value}:
    enum_values("enum task_state", "TASK_") gives {"unused": 0, ...}."""
    return {f.name[len(prefix):].lower(): int(f.enumval)
            for f in gdb.lookup_type(type_name).fields()}


def kernel_base():
    return int(ev("(unsigned long)&KERNEL_BASE"))


def read_u32(vaddr):
    data = gdb.selected_inferior().read_memory(vaddr, 4)
    return int.from_bytes(bytes(data), "little")


def decode_pte_flags(entry):
    return " ".join(name for bit, name in PTE_BITS if entry & bit) or "-"


def decode_page_flags(flags):
    names = [n for n, bit in sorted(enum_values("enum page_flag", "PG_").items(),
                                    key=lambda item: item[1]) if flags & bit]
    return "|".join(names) if names else "-"


def inode_path(inode):
    """The absolute path of one of a file's names (as the kernel's
    inode_path makes it), or None for a file with no name."""
    parts = []
    while int(inode["parent"]) != int(inode.address):      # only / is its own parent
        aliases = int(inode["aliases"].address)
        dentries = list(list_entries(aliases, "struct dentry", "alias_link"))
        if not dentries:
            return None
        parts.append(dentries[0]["name"].address.cast(gdb.lookup_type("char").pointer()).string())
        inode = dentries[0]["dir"].dereference()
    return "/" + "/".join(reversed(parts))


def shm_segment(mapping_addr):
    """The SysV segment (struct shm_segment) whose shmem object an
    address_space is, or None (as the kernel's shmem_segment)."""
    if int(ev("((struct address_space *)%d)->ops" % mapping_addr)) != int(ev("&shmem_ops")):
        return None
    segment = ev("((struct shmem_object *)%d)->segment" % mapping_addr)    # mapping is its first member
    return segment.dereference() if int(segment) else None


def mapping_name(mapping_addr):
    """The name of the object an address_space caches: its file's path
    without the leading "/", SYSV<key> for a SysV segment (the key it was
    made with, as in maps), or [shmem]."""
    segment = shm_segment(mapping_addr)
    if segment is not None:
        return "SYSV%08x" % (int(segment["name_key"]) & 0xffffffff)
    host = ev("((struct address_space *)%d)->host" % mapping_addr)
    path = inode_path(host.dereference()) if int(host) else None
    return path[1:] if path else "[shmem]"


def page_owner(page):
    """Who a struct page belongs to: FILE[INDEX] for a page-cache page,
    swap slot N for one in the swap cache, else -."""
    owner = int(page["owner"])
    page_flags = enum_values("enum page_flag", "PG_")
    if owner and int(page["flags"]) & page_flags["pagecache"]:
        return "%s[%d]" % (mapping_name(owner), int(page["index"]))
    if int(page["flags"]) & page_flags["swapcache"]:
        return "swap slot %d" % int(page["swap_slot"])
    return "-"


def page_line(pfn):
    if pfn >= int(ev("max_pfn")):
        return "pfn 0x%x is not in mem_map (max_pfn 0x%x)" % (pfn, int(ev("max_pfn")))
    page = ev("mem_map")[pfn]
    return ("pfn 0x%x phys 0x%08x: flags %s order %d refcount %d mapcount %d owner %s" % (
        pfn, pfn << 12, decode_page_flags(int(page["flags"])), int(page["order"]),
        int(page["refcount"]), int(page["mapcount"]), page_owner(page)))


def list_entries(head_addr, type_name, member):
    """Walk a struct list_head (by address); yield each containing struct."""
    offset = int(ev("(unsigned long)&((%s *)0)->%s" % (type_name, member)))
    pos = int(ev("((struct list_head *)%d)->next" % head_addr))
    while pos != head_addr:
        yield ev("*(%s *)%d" % (type_name, pos - offset))
        pos = int(ev("((struct list_head *)%d)->next" % pos))


def find_task(pid_arg):
    if not pid_arg:
        return ev("*current")
    pid = int(ev(pid_arg))
    tasks = ev("tasks")
    unused = enum_values("enum task_state", "TASK_")["unused"]
    for i in range(tasks.type.range()[1] + 1):
        if int(tasks[i]["state"]) != unused and int(tasks[i]["pid"]) == pid:
            return tasks[i]
    raise gdb.GdbError("no task with pid %d" % pid)


def task_of_mm(mm_addr):
    """The task whose address space is mm_addr, or None."""
    tasks = ev("tasks")
    unused = enum_values("enum task_state", "TASK_")["unused"]
    for i in range(tasks.type.range()[1] + 1):
        if int(tasks[i]["state"]) != unused and int(tasks[i]["mm"]) == mm_addr:
            return tasks[i]
    return None


def user_pte(pgdir, addr):
    """The PTE for addr in the page directory at kernel address pgdir, or
    None when no page table covers addr."""
    pde = read_u32(pgdir + (addr >> 22) * 4)
    if not pde & PTE_PRESENT:
        return None
    return read_u32(kernel_base() + (pde & 0xFFFFF000) + ((addr >> 12) & 0x3FF) * 4)


def swap_entry(pte):
    """(type, slot) of a swap entry PTE, by mm/pgtable.h's layout."""
    shifts = enum_values("enum swap_entry_layout", "SWP_")
    return (pte >> shifts["type_shift"]) & 0x1F, pte >> shifts["offset_shift"]


def swap_area():
    return ev("'mm/swapfile.c'::area")


def swap_slot_line(slot):
    """What the swap area says of slot: its count and its cached page."""
    area = swap_area()
    if not int(area["on"]):
        return "swap is off: slot %d is in no area" % slot
    if slot >= int(area["nr_slots"]):
        return "slot %d is past the end of the area (%d slots)" % (slot, int(area["nr_slots"]))
    value, cached = int(area["map"][slot]), int(area["cache"][slot])
    text = "slot %d: count %d%s" % (slot, value & int(ev("SWAP_COUNT_MAX")),
                                   " (bad)" if value & int(ev("SWAP_BAD")) else "")
    if cached:
        return text + ", in the swap cache: pfn 0x%x" % pfn_of(cached)
    return text + ", not in the swap cache"


def pfn_of(page_addr):
    """The frame number of the struct page at page_addr."""
    return (page_addr - int(ev("mem_map"))) // ev("mem_map").type.target().sizeof


def user_pfns():
    """The pfn of every frame whose mem_map entry has PG_user, in mem_map
    order: all of mem_map read at once, then each entry's flags field."""
    page_type = ev("mem_map").type.target()
    flags = next(f for f in page_type.fields() if f.name == "flags")
    start, width = flags.bitpos // 8, flags.type.sizeof
    raw = bytes(gdb.selected_inferior().read_memory(int(ev("mem_map")),
                                                     int(ev("max_pfn")) * page_type.sizeof))
    user = enum_values("enum page_flag", "PG_")["user"]
    return [pfn for pfn in range(int(ev("max_pfn")))
            if int.from_bytes(raw[pfn * page_type.sizeof + start:][:width], "little") & user]


def rmap_ptes(page, pfn):
    """Every VMA the kernel's rmap_walk (mm/rmap.c) would look at for the
    page at pfn: an anonymous page's anon_vma's VMAs, a page-cache page's
    address_space's VMAs, none without a reverse map.  Yields (vma, addr,
    pte): addr is None when the VMA does not cover the page's index, pte
    None unless the PTE at addr maps the frame (present or PROT_NONE)."""
    if int(page["flags"]) & enum_values("enum page_flag", "PG_")["pagecache"]:
        head, member = int(ev("&((struct address_space *)%d)->mappings" % int(page["owner"]))), "mapping_link"
    elif int(page["rmap"]):
        head, member = int(ev("&((struct anon_vma *)%d)->vmas" % int(page["rmap"]))), "anon_link"
    else:
        return
    for vma in list_entries(head, "struct vma", member):
        first = int(vma["file_offset"]) // 4096
        npages = (int(vma["end"]) - int(vma["start"])) // 4096
        index = int(page["index"])
        if index < first or index - first >= npages:
            yield vma, None, None
            continue
        addr = int(vma["start"]) + (index - first) * 4096
        pte = user_pte(int(vma["mm"]["pgdir"]), addr)
        maps = pte is not None and pte & (PTE_PRESENT | int(ev("PTE_PROTNONE"))) and pte >> 12 == pfn
        yield vma, addr, pte if maps else None


class VmWalk(gdb.Command):
    """vm-walk ADDR [CR3]: translate ADDR through the page directory (default: CR3 now)."""

    def __init__(self):
        super().__init__("vm-walk", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if not args:
            raise gdb.GdbError("usage: vm-walk ADDR [CR3]")
        addr = int(ev(args[0])) & 0xFFFFFFFF
        cr3 = int(ev(args[1] if len(args) > 1 else "$cr3")) & 0xFFFFF000
        pd_index, pt_index = addr >> 22, (addr >> 12) & 0x3FF
        pde = read_u32(kernel_base() + cr3 + pd_index * 4)
        print("vaddr 0x%08x: PD index %d, PT index %d, offset 0x%03x (CR3 0x%08x)" % (
            addr, pd_index, pt_index, addr & 0xFFF, cr3))
        print("  PDE 0x%08x [%s]" % (pde, decode_pte_flags(pde)))
        if not pde & PTE_PRESENT:
            print("  not present: no page table covers this address")
            return
        if pde & PDE_LARGE_PAGE:
            phys = (pde & 0xFFC00000) | (addr & 0x3FFFFF)
            print("  4 MiB page: phys 0x%08x" % phys)
        else:
            pte = read_u32(kernel_base() + (pde & 0xFFFFF000) + pt_index * 4)
            print("  PTE 0x%08x [%s]" % (pte, decode_pte_flags(pte)))
            if not pte & PTE_PRESENT:
                # the kernel's not-present PTEs, as mm/pgtable.h defines them
                if pte == 0:
                    print("  not present: the next access faults")
                    return
                if not pte & int(ev("PTE_PROTNONE")):
                    swap_type, slot = swap_entry(pte)
                    print("  swapped out: swap entry, type %d slot %d" % (swap_type, slot))
                    print("  " + swap_slot_line(slot))
                    return
                print("  PROT_NONE: frame kept, no access")
            phys = (pte & 0xFFFFF000) | (addr & 0xFFF)
            print("  phys 0x%08x" % phys)
        print("  " + page_line(phys >> 12))


def vma_perms(vma):
    """A VMA's protection and sharing as /proc/PID/maps writes them: rw-p."""
    vm_prot, vm_flag = enum_values("enum vm_prot", "VM_"), enum_values("enum vm_flag", "VM_")
    prot = int(vma["prot"])
    return "".join(c if prot & vm_prot[bit] else "-"
                   for c, bit in (("r", "read"), ("w", "write"), ("x", "exec"))) + (
        "s" if int(vma["flags"]) & vm_flag["shared"] else "p")


class VmMaps(gdb.Command):
    """vm-maps [PID]: the VMAs of a task (default: the current one), /proc/PID/maps style."""

    def __init__(self):
        super().__init__("vm-maps", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        task = find_task(arg.strip())
        mm = task["mm"]
        if int(mm) == 0:
            print("pid %d (%s) has no user address space" % (int(task["pid"]), task["name"].string()))
            return
        head = int(ev("&((struct mm *)%d)->vmas" % int(mm)))
        vm_flag = enum_values("enum vm_flag", "VM_")
        for vma in list_entries(head, "struct vma", "list"):
            flags = int(vma["flags"])
            mapping = vma["mapping"]
            f = mapping["host"] if int(mapping) else mapping
            segment = shm_segment(int(mapping)) if int(mapping) else None
            name = ""
            if segment is not None:
                name = "/%s (deleted)" % mapping_name(int(mapping))
            elif int(mapping):
                path = inode_path(f.dereference()) if int(f) else None
                name = path or ("(deleted)" if int(f) else "/dev/zero (deleted)")
            elif flags & vm_flag["growsdown"]:
                name = "[stack]"
            elif int(vma["start"]) == int(mm["brk_start"]):
                name = "[heap]"
            line = "%08x-%08x %s %08x %s %d " % (
                int(vma["start"]), int(vma["end"]), vma_perms(vma),
                int(vma["file_offset"]) if int(mapping) else 0, "00:02" if int(mapping) else "00:00",
                int(segment["id"]) if segment is not None else int(f["ino"]) if int(f) else 0)
            print(line.ljust(73) + name if name else line)


class VmTasks(gdb.Command):
    """vm-tasks: every task in the task table.  TGID is its process (the
    threads of one share it); MM USERS is how many tasks share its
    address space (threads and a vfork child share their parent's), so
    tasks with the same PGDIR run in one mm."""

    def __init__(self):
        super().__init__("vm-tasks", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        tasks = ev("tasks")
        cur = int(ev("current"))
        states = {v: name for name, v in enum_values("enum task_state", "TASK_").items()}
        print("  PID  TGID  PPID STATE     NAME             PGDIR    MM USERS")
        for i in range(tasks.type.range()[1] + 1):
            t = tasks[i]
            state = int(t["state"])
            if states[state] == "unused" and i != 0:
                continue
            parent = int(t["parent"])
            ppid = int(ev("((struct task *)%d)->tgid" % parent)) if parent else 0
            mm = int(t["mm"])
            pgdir = "%08x" % int(t["mm"]["pgdir"]) if mm else "-"
            users = "%8d" % int(t["mm"]["users"]) if mm else "       -"
            mark = "*" if int(t.address) == cur else " "
            print("%s%4d %5d %5d %-9s %-16s %-8s %s" % (mark, int(t["pid"]), int(t["tgid"]), ppid,
                                                        states[state], t["name"].string(), pgdir,
                                                        users))


class VmBuddy(gdb.Command):
    """vm-buddy: free_area counts per order per zone (the /proc/buddyinfo format)."""

    def __init__(self):
        super().__init__("vm-buddy", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        zones = ev("zones")
        for z in range(zones.type.range()[1] + 1):
            zone = zones[z]
            if int(zone["managed_pages"]) == 0:
                continue
            area = zone["free_area"]
            counts = "".join("%6d " % int(area[o]["nr_free"]) for o in range(area.type.range()[1] + 1))
            print("Node 0, zone %8s %s" % (zone["name"].string(), counts))
            print("  free_pages %d of %d managed" % (int(zone["free_pages"]), int(zone["managed_pages"])))


class VmPage(gdb.Command):
    """vm-page PFN: the mem_map entry of one physical frame."""

    def __init__(self):
        super().__init__("vm-page", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        print(page_line(int(ev(arg))))


class VmCache(gdb.Command):
    """vm-cache [NAME]: the pages in the page cache, of one file if NAME is given."""

    def __init__(self):
        super().__init__("vm-cache", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        want = arg.strip().lstrip("/")
        head = int(ev("&user_pages"))
        rows = []
        pagecache = enum_values("enum page_flag", "PG_")["pagecache"]
        for page in list_entries(head, "struct page", "list"):
            if not int(page["flags"]) & pagecache:
                continue
            name = mapping_name(int(page["owner"]))
            if want and name != want:
                continue
            rows.append((name, int(page["index"]), pfn_of(int(page.address)), int(page["refcount"]),
                         int(page["mapcount"]), decode_page_flags(int(page["flags"]))))
        rows.sort()
        print("%d pages cached" % len(rows))
        for name, index, pfn, ref, maps, flags in rows:
            print("  %-20s index %4d pfn 0x%05x refcount %d mapcount %d %s" % (
                name, index, pfn, ref, maps, flags))


class VmRmap(gdb.Command):
    """vm-rmap PFN: every (task, address) whose PTE maps the frame, found as the
kernel's rmap_walk (mm/rmap.c) finds them: an anonymous page through its
anon_vma's VMAs, a page-cache page through its address_space's VMAs, each
VMA checked by a page-table walk at the page's index."""

    def __init__(self):
        super().__init__("vm-rmap", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: vm-rmap PFN")
        pfn = int(ev(arg))
        print(page_line(pfn))
        if pfn >= int(ev("max_pfn")):
            return
        page = ev("mem_map")[pfn]
        if int(page["flags"]) & enum_values("enum page_flag", "PG_")["pagecache"]:
            print("  page cache of %s, index %d: its VMAs" % (mapping_name(int(page["owner"])), int(page["index"])))
        elif int(page["rmap"]):
            print("  anonymous, linear page 0x%x: the VMAs of its anon_vma" % int(page["index"]))
        else:
            print("  no reverse map: mapped by no PTE")
            return
        found = 0
        for vma, addr, pte in rmap_ptes(page, pfn):
            where = "%08x-%08x %s" % (int(vma["start"]), int(vma["end"]), vma_perms(vma))
            task = task_of_mm(int(vma["mm"]))
            who = "pid %d (%s)" % (int(task["pid"]), task["name"].string()) if task else "mm 0x%x" % int(vma["mm"])
            if addr is None:
                print("    %s %s: does not cover the index" % (who, where))
                continue
            if pte is not None:
                found += 1
                print("    %s %s: 0x%08x PTE 0x%08x [%s]" % (who, where, addr, pte, decode_pte_flags(pte)))
            else:
                print("    %s %s: 0x%08x does not map it" % (who, where, addr))
        print("  %d PTEs map it, mapcount %d" % (found, int(page["mapcount"])))


class VmSwap(gdb.Command):
    """vm-swap: the swap area (mm/swapfile.c), every slot in use with its count
(the PTEs that hold its entry, plus one for the swap cache), and the page
the swap cache holds for it."""

    def __init__(self):
        super().__init__("vm-swap", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        area = swap_area()
        if not int(area["on"]):
            print("swap is off")
            return
        nr_slots = int(area["nr_slots"])
        print("swap area: slots 1-%d, %d usable, %d in use, %d in the swap cache%s" % (
            nr_slots - 1, int(area["nr_good"]), int(area["nr_used"]),
            int(area["nr_cached"]), "" if int(area["writeok"]) else ", no new slots (swapoff)"))
        raw = bytes(gdb.selected_inferior().read_memory(int(area["map"]), 2 * nr_slots))
        bad = int(ev("SWAP_BAD"))
        used = [slot for slot in range(1, nr_slots)
                if int.from_bytes(raw[2 * slot:2 * slot + 2], "little") not in (0, bad)]
        for slot in used[:VM_SWAP_LIST]:
            print("  " + swap_slot_line(slot))
        if len(used) > VM_SWAP_LIST:
            print("  ... and %d more slots in use" % (len(used) - VM_SWAP_LIST))


class VmLru(gdb.Command):
    """vm-lru [N]: what reclaim will take next (mm/policy.h): the policy chosen
at boot (reclaim=), the clock hand (the pfn it looks at next), the number
of user pages (and of those mlocked, which the budget does not count),
the budget (userframes=, none if 0), then the N user pages (default 8)
before the hand and the N at or after it.  They come in mem_map order,
going round from the end of mem_map to its start, since that is the
order the hand sweeps them in; "->" marks the one it looks at next.  For
each: its pfn, its age, young if a PTE that maps it (found by the
reverse map, as vm-rmap finds them) has the accessed bit set, i.e. it
was used since the hand last passed, else old; its mapcount, and what it
holds: anon, FILE[INDEX], a swap slot; reclaim does not take mlocked ones.

The age is reclaim=age's (mm/policy_age.c, Linux 2.0's page aging): a new
page starts at 6; each time the hand passes a page that reclaim can take,
it tests and clears the accessed bits: used, age + 3 (at most 20); idle,
age - 1.  The first page whose age reaches 0 is the victim.  reclaim=clock
sweeps with the same hand but keeps only the accessed bit (the age stays
where it started); fifo, random and lru neither move the hand nor age.
vm-clock is another name for this command."""

    def __init__(self):
        super().__init__("vm-lru", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        window = int(ev(arg)) if arg.strip() else VM_LRU_WINDOW
        if window < 1:
            raise gdb.GdbError("usage: vm-lru [N], N at least 1")
        hand, budget = int(ev("clock_hand")), int(ev("userframes"))
        print("reclaim policy: %s" % ev("reclaim_policy")["name"].string())
        print("clock hand: pfn 0x%x (of max_pfn 0x%x)" % (hand, int(ev("max_pfn"))))
        print("user pages: %d (%d mlocked), budget: %s" % (
            int(ev("nr_user_pages")), int(ev("nr_mlocked_pages")),
            "%d unlocked frames (userframes)" % budget if budget else "none"))
        pfns = user_pfns()
        if not pfns:
            print("no user pages in mem_map")
            return
        # the first user page at or after the hand, going round mem_map
        next_index = next((i for i, pfn in enumerate(pfns) if pfn >= hand), 0)
        after = min(window, len(pfns))
        before = min(window, len(pfns) - after)
        print("%d user pages before the hand, %d at or after it, in mem_map order:" % (before, after))
        page_flags = enum_values("enum page_flag", "PG_")
        for i in range(next_index - before, next_index + after):
            pfn = pfns[i % len(pfns)]
            page = ev("mem_map")[pfn]
            flags = int(page["flags"])
            young = any(pte is not None and pte & PTE_ACCESSED for _, _, pte in rmap_ptes(page, pfn))
            what = page_owner(page)
            if flags & page_flags["anon"]:
                what = "anon" if what == "-" else "anon, " + what
            if flags & page_flags["mlocked"]:
                what += ", mlocked"
            print("%s pfn 0x%05x age %2d %-5s mapcount %d %s" % (
                "->" if i == next_index else "  ", pfn, int(page["age"]),
                "young" if young else "old", int(page["mapcount"]), what))


class VmBreakFault(gdb.Command):
    """vm-break-fault [PID] [ADDR]: break in handle_mm_fault only for task PID (0: any)
and only for the page holding ADDR.  To stop in one path instead, break on it:
do_zero_page_fault, do_anonymous_fault, do_cow_fault, do_wp_reuse, do_file_fault,
do_file_cow_fault,
do_stack_growth."""

    def __init__(self):
        super().__init__("vm-break-fault", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        conds = []
        if args and int(ev(args[0])):
            conds.append("current->pid == %d" % int(ev(args[0])))
        if len(args) > 1:
            conds.append("(f->addr & 0xfffff000) == %d" % (int(ev(args[1])) & 0xFFFFF000))
        bp = gdb.Breakpoint("handle_mm_fault")
        if conds:
            bp.condition = " && ".join(conds)
        print("vm-break-fault: breakpoint %d in handle_mm_fault%s" % (
            bp.number, " if " + bp.condition if conds else ""))


class TrapFrameArg:
    """One name=value pair shown in a backtrace line."""

    def __init__(self, name, value):
        self.name, self.val = name, value

    def symbol(self):
        return self.name

    def value(self):
        return self.val


class TrapFrameDecorator(FrameDecorator):
    """The trap_common frame, gdb's signal frame: shown as
    trap_common (tf=..., trap=... "page fault", user=1)."""

    def function(self):
        return "trap_common"

    def frame_args(self):
        frame = self.inferior_frame()
        if frame.newer() is None:       # stopped in the stub itself: no call yet
            return None
        # trap_common pushed %esp, the struct trap_frame *, and called trap_dispatch
        tf = ev("*(struct trap_frame **)%d" % int(frame.read_register("esp")))
        vector = int(tf["vector"])
        names = ev("'arch/x86/trap.c'::exception_names")
        trap = (TrapFrameArg("trap", names[vector]) if vector <= names.type.range()[1]
                else TrapFrameArg("vector", tf["vector"]))
        return [TrapFrameArg("tf", tf), trap, TrapFrameArg("user", int(tf["cs"]) & 3 == 3)]

    def line(self):
        frame = self.inferior_frame()
        if frame.newer() is None:
            return frame.find_sal().line
        return gdb.find_pc_line(frame.pc() - 1).line     # the call, not the return address


class NamedFrameDecorator(FrameDecorator):
    """Any other frame: as gdb prints it, but "??" rather than nothing for
    code without symbols (the user program, unless add-symbol-file)."""

    def function(self):
        name = super().function()
        if isinstance(name, int):
            return self.inferior_frame().name() or "??"
        return name


class TrapFrameFilter:
    """Decorates every frame of a backtrace: trap frames get their names."""

    def __init__(self):
        self.name, self.priority, self.enabled = "vmkernel-trap-frames", 100, True
        gdb.frame_filters[self.name] = self

    def filter(self, frames):
        for frame in frames:
            if frame.inferior_frame().type() == gdb.SIGTRAMP_FRAME:
                yield TrapFrameDecorator(frame)
            else:
                yield NamedFrameDecorator(frame)


class VmFile(gdb.Function):
    """$vm_file(MAPPING): the path (without its "/") of the file an
    address_space caches, "[shmem]" for none: for breakpoint conditions,
    as in `break do_file_fault if $_streq($vm_file(vma->mapping), "tour.txt")`."""

    def __init__(self):
        super().__init__("vm_file")

    def invoke(self, mapping):
        return mapping_name(int(mapping))


TrapFrameFilter()
VmFile()
for command in (VmWalk, VmMaps, VmTasks, VmBuddy, VmPage, VmCache, VmRmap, VmSwap, VmLru, VmBreakFault):
    command()
gdb.execute("alias vm-clock = vm-lru")

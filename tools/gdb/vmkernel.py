"""vmkernel.py - gdb commands for looking inside the kernel's memory management.

Loaded by tools/gdbinit (make gdb) and by the gdb tests.  Every command
reads kernel structures through gdb's symbols and field names, so it keeps
working when the structures grow.

  vm-buddy      free blocks per order per zone, like /proc/buddyinfo
  vm-page PFN   one mem_map entry, decoded
"""
import gdb

PAGE_FLAGS = ["buddy", "reserved", "kernel", "pagetable", "anon", "pagecache",
              "slab", "kmalloc_large", "dirty", "zero_page"]


def decode_page_flags(flags):
    names = [n for i, n in enumerate(PAGE_FLAGS) if flags & (1 << i)]
    return "|".join(names) if names else "-"


class VmBuddy(gdb.Command):
    """vm-buddy: free_area counts per order per zone (the /proc/buddyinfo format)."""

    def __init__(self):
        super().__init__("vm-buddy", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        zones = gdb.parse_and_eval("zones")
        nr_zones = zones.type.range()[1] + 1
        for z in range(nr_zones):
            zone = zones[z]
            if int(zone["managed_pages"]) == 0:
                continue
            name = zone["name"].string()
            area = zone["free_area"]
            orders = area.type.range()[1] + 1
            counts = "".join("%6d " % int(area[o]["nr_free"]) for o in range(orders))
            print("Node 0, zone %8s %s" % (name, counts))
            print("  free_pages %d of %d managed" % (int(zone["free_pages"]),
                                                     int(zone["managed_pages"])))


class VmPage(gdb.Command):
    """vm-page PFN: the mem_map entry of one physical frame."""

    def __init__(self):
        super().__init__("vm-page", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        pfn = int(gdb.parse_and_eval(arg))
        if pfn >= int(gdb.parse_and_eval("max_pfn")):
            print("pfn 0x%x is beyond mem_map (max_pfn 0x%x)" % (pfn, int(gdb.parse_and_eval("max_pfn"))))
            return
        page = gdb.parse_and_eval("mem_map")[pfn]
        print("pfn 0x%x phys 0x%08x: flags %s order %d refcount %d mapcount %d owner %s index %d" % (
            pfn, pfn << 12, decode_page_flags(int(page["flags"])), int(page["order"]),
            int(page["refcount"]), int(page["mapcount"]), page["owner"], int(page["index"])))


VmBuddy()
VmPage()

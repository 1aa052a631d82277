/* qemu.c - see qemu.h. */
#include "arch/x86/cpu.h"
#include "arch/x86/qemu.h"

void qemu_exit(unsigned code)
{
    outl(QEMU_EXIT_PORT, code);
}

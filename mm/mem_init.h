/* mem_init.h - bring up physical memory management at boot. */
#ifndef MM_MEM_INIT_H
#define MM_MEM_INIT_H

void mem_init(void);
/* Print /proc/buddyinfo- and /proc/meminfo-style lines to the kernel log. */
void mem_print_stats(void);

#endif

/*
 * cpustat.h - what the one CPU did with its time, counted by the timer:
 * each tick goes to user mode, the kernel or the idle task (/proc/stat's
 * cpu line, /proc/uptime's idle figure), and every 5 seconds the count
 * of runnable tasks feeds the load average (/proc/loadavg, sysinfo(2)),
 * computed as Linux's kernel/sched/loadavg.c does.
 *
 * Who changes what: the timer interrupt (cpustat_tick) and the scheduler
 * (nr_context_switches, in switch_to), both with interrupts off.
 */
#ifndef KERNEL_CPUSTAT_H
#define KERNEL_CPUSTAT_H

#include <stdint.h>

/* Ticks since boot (TIMER_HZ per second, which is also Linux's USER_HZ,
 * the unit of /proc/stat). */
struct cpu_ticks {
    uint64_t user;              /* a task was running in user mode */
    uint64_t system;            /* a task was in the kernel: since the kernel
                                   runs with interrupts off, only while a task
                                   waits with them on (the disk driver), so
                                   this stays small and system calls show up
                                   as user time */
    uint64_t idle;              /* the idle task was waiting for an interrupt */
};
extern struct cpu_ticks cpu_ticks;
extern uint64_t nr_context_switches;    /* switch_to calls that changed task */

/*
 * Load averages are fixed-point numbers with LOAD_FSHIFT fraction bits
 * (Linux's FSHIFT): LOAD_FIXED_1 is a load of 1.0, one task always
 * runnable.  load_average[0..2] are the 1, 5 and 15 minute averages.
 */
#define LOAD_FSHIFT  11
#define LOAD_FIXED_1 (1u << LOAD_FSHIFT)
extern uint32_t load_average[3];

/* Account one timer tick to what the CPU was doing when it came; every
 * LOAD_FREQ ticks, also update the load average. */
void cpustat_tick(int in_user_mode, int in_idle_task);

#endif

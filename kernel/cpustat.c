/*
 * cpustat.c - tick accounting and the load average (see cpustat.h).
 *
 * The load average is an exponentially decaying mean of the number of
 * runnable tasks, sampled every LOAD_FREQ ticks: with e = exp(-5 s / T)
 * for T = 1, 5 and 15 minutes, each sample does
 *
 *     load = load * e + runnable * (1 - e)
 *
 * in fixed point, e being LOAD_EXP_* / LOAD_FIXED_1.  For example, one
 * task spinning from boot gives a 1-minute load of 1 - e^n after n
 * samples: 0.08 after the first (5 s), 0.63 after a minute, 0.99 after
 * five.  The constants and the rounding are Linux's, so the figures
 * move as they do there.
 */
#include "arch/x86/pic.h"
#include "kernel/cpustat.h"
#include "kernel/task.h"

#define LOAD_FREQ (5 * TIMER_HZ + 1)   /* ticks between samples, as Linux's */
#define LOAD_EXP_1  1884                /* LOAD_FIXED_1 / exp(5 s / 1 min) */
#define LOAD_EXP_5  2014                /* LOAD_FIXED_1 / exp(5 s / 5 min) */
#define LOAD_EXP_15 2037                /* LOAD_FIXED_1 / exp(5 s / 15 min) */

struct cpu_ticks cpu_ticks;
uint64_t nr_context_switches;
uint32_t load_average[3];

/* One sample into one average: Linux's calc_load, which rounds up while
 * the load grows so that a steady load is reached, not approached. */
static uint32_t decay_load(uint32_t load, uint32_t exp, uint32_t active)
{
    uint32_t next = load * exp + active * (LOAD_FIXED_1 - exp);

    if (active >= load)
        next += LOAD_FIXED_1 - 1;
    return next / LOAD_FIXED_1;
}

void cpustat_tick(int in_user_mode, int in_idle_task)
{
    static uint32_t ticks_to_sample = LOAD_FREQ;

    if (in_idle_task)
        cpu_ticks.idle++;
    else if (in_user_mode)
        cpu_ticks.user++;
    else
        cpu_ticks.system++;
    if (--ticks_to_sample)
        return;
    ticks_to_sample = LOAD_FREQ;
    uint32_t active = task_count(1) * LOAD_FIXED_1;
    load_average[0] = decay_load(load_average[0], LOAD_EXP_1, active);
    load_average[1] = decay_load(load_average[1], LOAD_EXP_5, active);
    load_average[2] = decay_load(load_average[2], LOAD_EXP_15, active);
}

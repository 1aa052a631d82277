/*
 * trace.h - tracing, switched on by the kernel command line:
 *   trace=faults        every page fault of every task
 *   trace=faults:PID    only the faults of task PID
 *   trace=reclaim       every page reclaim takes
 *   trace=signals       every signal a handler takes
 *   trace=faults,reclaim  both (and so on, separated by commas)
 * Each fault or page taken becomes one kernel-log line (see trace.c).
 * When off each costs one comparison.
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <stdint.h>

struct fault;
struct page;

#define TRACE_OFF (-1)
#define TRACE_ALL 0
extern int trace_faults_pid;

void trace_init(const char *cmdline);

/* Whether a fault of the thread tid of process pid is traced
 * (faults:PID names either). */
static inline int trace_faults_on(int pid, int tid)
{
    return trace_faults_pid == TRACE_ALL || trace_faults_pid == pid || trace_faults_pid == tid;
}

/* The line of a fault of thread tid of process pid ("tid N" appears for
 * a thread other than the first). */
void trace_fault(int pid, int tid, const struct fault *f, int result, int32_t frames);

extern int trace_reclaim_on;
/* Reclaim is about to remove page from every mapping: note them. */
void trace_reclaim_start(struct page *page);
/* ... and has removed it; to says where it goes.  Logs the line. */
void trace_reclaim_done(const struct page *page, const char *to);

extern int trace_signals_on;

#endif

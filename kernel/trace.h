/*
 * trace.h - fault tracing, switched on by the kernel command line:
 *   trace=faults        every page fault of every task
 *   trace=faults:PID    only the faults of task PID
 * Each fault becomes one kernel-log line (see trace_fault).  When off it
 * costs one comparison per fault.
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <stdint.h>

struct fault;

#define TRACE_OFF (-1)
#define TRACE_ALL 0
extern int trace_faults_pid;

void trace_init(const char *cmdline);

static inline int trace_faults_on(int pid)
{
    return trace_faults_pid == TRACE_ALL || trace_faults_pid == pid;
}

void trace_fault(int pid, const struct fault *f, int result, int32_t frames);

#endif

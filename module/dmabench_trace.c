// SPDX-License-Identifier: GPL-2.0
/* Instantiates the dmabench trace events (tracepoints/dmabench_trace.h). */
#define CREATE_TRACE_POINTS
#include "dmabench_trace.h"

// SPDX-License-Identifier: GPL-2.0
/*
 * LTTng probes for dmabench's trace events (tracepoints/dmabench_trace.h).
 * Loaded after dmabench.ko, whose tracepoints they attach to.
 */
#include <linux/module.h>
#include <lttng/tracer.h>

/*
 * The kernel side's own header first: its tracepoint prototypes must match
 * the TP_PROTO restated in lttng_dmabench.h, or this does not compile.
 */
#include "dmabench_trace.h"

#include <wrapper/tracepoint.h>

#undef TRACE_INCLUDE_PATH
#undef TRACE_INCLUDE_FILE
#define LTTNG_PACKAGE_BUILD
#define CREATE_TRACE_POINTS
#define TRACE_INCLUDE_PATH .
#define TRACE_INCLUDE_FILE lttng_dmabench

#include "lttng_dmabench.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LTTng probes for dmabench's trace events");

// SPDX-License-Identifier: GPL-2.0
/* LTTng probes for the kernel's swiotlb events (include/trace/events/swiotlb.h). */
#include <linux/module.h>
#include <linux/device.h>
#include <linux/swiotlb.h>
#include <lttng/tracer.h>

/* The kernel's header first: prototypes are checked against lttng_swiotlb.h. */
#include <trace/events/swiotlb.h>

#include <wrapper/tracepoint.h>

#undef TRACE_INCLUDE_PATH
#undef TRACE_INCLUDE_FILE
#define LTTNG_PACKAGE_BUILD
#define CREATE_TRACE_POINTS
#define TRACE_INCLUDE_PATH .
#define TRACE_INCLUDE_FILE lttng_swiotlb

#include "lttng_swiotlb.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LTTng probes for the kernel's swiotlb events");

// SPDX-License-Identifier: GPL-2.0
/* LTTng probes for the kernel's iommu events (include/trace/events/iommu.h). */
#include <linux/module.h>
#include <linux/device.h>
#include <lttng/tracer.h>

/* The kernel's header first: prototypes are checked against lttng_iommu.h. */
#include <trace/events/iommu.h>

#include <wrapper/tracepoint.h>

#undef TRACE_INCLUDE_PATH
#undef TRACE_INCLUDE_FILE
#define LTTNG_PACKAGE_BUILD
#define CREATE_TRACE_POINTS
#define TRACE_INCLUDE_PATH .
#define TRACE_INCLUDE_FILE lttng_iommu

#include "lttng_iommu.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LTTng probes for the kernel's iommu events");

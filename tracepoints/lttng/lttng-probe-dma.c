// SPDX-License-Identifier: GPL-2.0
/*
 * LTTng probes for the kernel's DMA API events (include/trace/events/dma.h,
 * 6.12 on). Built only for kernels that have that header (Kbuild).
 */
#include <linux/module.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <lttng/tracer.h>

/* The kernel's header first: prototypes are checked against lttng_dma.h. */
#include <trace/events/dma.h>

#include <wrapper/tracepoint.h>

#undef TRACE_INCLUDE_PATH
#undef TRACE_INCLUDE_FILE
#define LTTNG_PACKAGE_BUILD
#define CREATE_TRACE_POINTS
#define TRACE_INCLUDE_PATH .
#define TRACE_INCLUDE_FILE lttng_dma

#include "lttng_dma.h"

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LTTng probes for the kernel's DMA API events");

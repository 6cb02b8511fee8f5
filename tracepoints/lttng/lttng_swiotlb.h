/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's swiotlb_bounced event (include/trace/events/swiotlb.h in 6.1),
 * restated for LTTng with the same fields.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM swiotlb

#if !defined(LTTNG_DMABENCH_SWIOTLB_H) || defined(TRACE_HEADER_MULTI_READ)
#define LTTNG_DMABENCH_SWIOTLB_H

#include <lttng/tracepoint-event.h>

LTTNG_TRACEPOINT_EVENT(swiotlb_bounced,

	TP_PROTO(struct device *dev, dma_addr_t dev_addr, size_t size),

	TP_ARGS(dev, dev_addr, size),

	TP_FIELDS(
		ctf_string(dev_name, dev_name(dev))
		ctf_integer_hex(u64, dma_mask, dev->dma_mask ? *dev->dma_mask : 0)
		ctf_integer_hex(u64, dev_addr, dev_addr)
		ctf_integer(size_t, size, size)
		ctf_integer(u8, force, is_swiotlb_force_bounce(dev))
	)
)

#endif /* LTTNG_DMABENCH_SWIOTLB_H */

/* This part must be outside protection */
#include <lttng/define_trace.h>

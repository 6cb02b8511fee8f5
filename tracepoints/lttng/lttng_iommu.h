/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's iommu map and unmap events (include/trace/events/iommu.h in
 * 6.1), restated for LTTng. Event names get an iommu_ prefix: LTTng's event
 * names are global, and "map" alone says nothing.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM iommu

#if !defined(LTTNG_DMABENCH_IOMMU_H) || defined(TRACE_HEADER_MULTI_READ)
#define LTTNG_DMABENCH_IOMMU_H

#include <lttng/tracepoint-event.h>

LTTNG_TRACEPOINT_EVENT_MAP(map,

	iommu_map,

	TP_PROTO(unsigned long iova, phys_addr_t paddr, size_t size),

	TP_ARGS(iova, paddr, size),

	TP_FIELDS(
		ctf_integer_hex(u64, iova, iova)
		ctf_integer_hex(u64, paddr, paddr)
		ctf_integer(size_t, size, size)
	)
)

LTTNG_TRACEPOINT_EVENT_MAP(unmap,

	iommu_unmap,

	TP_PROTO(unsigned long iova, size_t size, size_t unmapped_size),

	TP_ARGS(iova, size, unmapped_size),

	TP_FIELDS(
		ctf_integer_hex(u64, iova, iova)
		ctf_integer(size_t, size, size)
		ctf_integer(size_t, unmapped_size, unmapped_size)
	)
)

#endif /* LTTNG_DMABENCH_IOMMU_H */

/* This part must be outside protection */
#include <lttng/define_trace.h>

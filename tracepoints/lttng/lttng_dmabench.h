/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmabench's events (tracepoints/dmabench_trace.h) restated for LTTng: the
 * same classes, instances and fields. The kernel's event names already carry
 * the dmabench_ prefix (tracepoint names are global: LTTng and
 * tracepoint_probe_register look them up by name), so LTTng's are the same.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM dmabench

#if !defined(LTTNG_DMABENCH_H) || defined(TRACE_HEADER_MULTI_READ)
#define LTTNG_DMABENCH_H

#include <lttng/tracepoint-event.h>

LTTNG_TRACEPOINT_EVENT_CLASS(dmabench_op,

	TP_PROTO(const char *device, u32 op, u64 size, u32 dir, u64 attrs,
		 u64 dma_addr, u64 latency_ns),

	TP_ARGS(device, op, size, dir, attrs, dma_addr, latency_ns),

	TP_FIELDS(
		ctf_string(device, device)
		ctf_integer(u32, op, op)
		ctf_integer(u32, dir, dir)
		ctf_integer(u64, size, size)
		ctf_integer_hex(u64, attrs, attrs)
		ctf_integer_hex(u64, dma_addr, dma_addr)
		ctf_integer(u64, latency_ns, latency_ns)
	)
)

#define LTTNG_DMABENCH_OP_EVENT(name)					\
LTTNG_TRACEPOINT_EVENT_INSTANCE(dmabench_op, dmabench_##name,		\
	TP_PROTO(const char *device, u32 op, u64 size, u32 dir, u64 attrs, \
		 u64 dma_addr, u64 latency_ns),				\
	TP_ARGS(device, op, size, dir, attrs, dma_addr, latency_ns))

LTTNG_DMABENCH_OP_EVENT(map_page)
LTTNG_DMABENCH_OP_EVENT(unmap_page)
LTTNG_DMABENCH_OP_EVENT(map_sg)
LTTNG_DMABENCH_OP_EVENT(unmap_sg)
LTTNG_DMABENCH_OP_EVENT(sync_single_for_cpu)
LTTNG_DMABENCH_OP_EVENT(sync_single_for_device)
LTTNG_DMABENCH_OP_EVENT(sync_sg_for_cpu)
LTTNG_DMABENCH_OP_EVENT(sync_sg_for_device)
LTTNG_DMABENCH_OP_EVENT(alloc)
LTTNG_DMABENCH_OP_EVENT(free)
LTTNG_DMABENCH_OP_EVENT(mmap)
LTTNG_DMABENCH_OP_EVENT(get_sgtable)
LTTNG_DMABENCH_OP_EVENT(map_list)
LTTNG_DMABENCH_OP_EVENT(unmap_list)

LTTNG_TRACEPOINT_EVENT_CLASS(dmabench_run,

	TP_PROTO(const char *scenario, const char *device, u32 via,
		 u32 threads, u64 iterations, u64 elapsed_ns),

	TP_ARGS(scenario, device, via, threads, iterations, elapsed_ns),

	TP_FIELDS(
		ctf_string(scenario, scenario)
		ctf_string(device, device)
		ctf_integer(u32, via, via)
		ctf_integer(u32, threads, threads)
		ctf_integer(u64, iterations, iterations)
		ctf_integer(u64, elapsed_ns, elapsed_ns)
	)
)

LTTNG_TRACEPOINT_EVENT_INSTANCE(dmabench_run, dmabench_run_start,
	TP_PROTO(const char *scenario, const char *device, u32 via,
		 u32 threads, u64 iterations, u64 elapsed_ns),
	TP_ARGS(scenario, device, via, threads, iterations, elapsed_ns))

LTTNG_TRACEPOINT_EVENT_INSTANCE(dmabench_run, dmabench_run_end,
	TP_PROTO(const char *scenario, const char *device, u32 via,
		 u32 threads, u64 iterations, u64 elapsed_ns),
	TP_ARGS(scenario, device, via, threads, iterations, elapsed_ns))

#endif /* LTTNG_DMABENCH_H */

/* This part must be outside protection */
#include <lttng/define_trace.h>

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmabench trace events: one per DMA-API op of the instrumented ops layer
 * (and of the scenarios, for --via direct), plus the start and end of a run.
 *
 * Fields are plain integers and strings so that an LTTng probe can restate
 * them one for one. latency_ns is 0 when the op was not timed.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM dmabench

#if !defined(_DMABENCH_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _DMABENCH_TRACE_H

#include <linux/tracepoint.h>

#include "dmabench_compat.h"

#ifndef _DMABENCH_TRACE_OPS
#define _DMABENCH_TRACE_OPS
/*
 * The op field: which DMA-API entry point the event records. MAP_LIST and
 * UNMAP_LIST are a list of segments mapped or unmapped as one by a list
 * scenario (scenarios/newapi.c: N x dma_map_page or dma_map_phys, or the
 * IOVA API's link and sync), never by dma_map_sg. Traces record the
 * values: a new op goes at the end.
 */
enum dmabench_trace_op {
	DMABENCH_OP_MAP_PAGE,
	DMABENCH_OP_UNMAP_PAGE,
	DMABENCH_OP_MAP_SG,
	DMABENCH_OP_UNMAP_SG,
	DMABENCH_OP_SYNC_SINGLE_FOR_CPU,
	DMABENCH_OP_SYNC_SINGLE_FOR_DEVICE,
	DMABENCH_OP_SYNC_SG_FOR_CPU,
	DMABENCH_OP_SYNC_SG_FOR_DEVICE,
	DMABENCH_OP_ALLOC,
	DMABENCH_OP_FREE,
	DMABENCH_OP_MMAP,
	DMABENCH_OP_GET_SGTABLE,
	DMABENCH_OP_MAP_LIST,
	DMABENCH_OP_UNMAP_LIST,
};
#endif

TRACE_DEFINE_ENUM(DMABENCH_OP_MAP_PAGE);
TRACE_DEFINE_ENUM(DMABENCH_OP_UNMAP_PAGE);
TRACE_DEFINE_ENUM(DMABENCH_OP_MAP_SG);
TRACE_DEFINE_ENUM(DMABENCH_OP_UNMAP_SG);
TRACE_DEFINE_ENUM(DMABENCH_OP_SYNC_SINGLE_FOR_CPU);
TRACE_DEFINE_ENUM(DMABENCH_OP_SYNC_SINGLE_FOR_DEVICE);
TRACE_DEFINE_ENUM(DMABENCH_OP_SYNC_SG_FOR_CPU);
TRACE_DEFINE_ENUM(DMABENCH_OP_SYNC_SG_FOR_DEVICE);
TRACE_DEFINE_ENUM(DMABENCH_OP_ALLOC);
TRACE_DEFINE_ENUM(DMABENCH_OP_FREE);
TRACE_DEFINE_ENUM(DMABENCH_OP_MMAP);
TRACE_DEFINE_ENUM(DMABENCH_OP_GET_SGTABLE);
TRACE_DEFINE_ENUM(DMABENCH_OP_MAP_LIST);
TRACE_DEFINE_ENUM(DMABENCH_OP_UNMAP_LIST);

#define dmabench_show_op(op)						\
	__print_symbolic(op,						\
		{ DMABENCH_OP_MAP_PAGE,		"map_page" },		\
		{ DMABENCH_OP_UNMAP_PAGE,	"unmap_page" },		\
		{ DMABENCH_OP_MAP_SG,		"map_sg" },		\
		{ DMABENCH_OP_UNMAP_SG,		"unmap_sg" },		\
		{ DMABENCH_OP_SYNC_SINGLE_FOR_CPU, "sync_single_for_cpu" }, \
		{ DMABENCH_OP_SYNC_SINGLE_FOR_DEVICE, "sync_single_for_device" }, \
		{ DMABENCH_OP_SYNC_SG_FOR_CPU,	"sync_sg_for_cpu" },	\
		{ DMABENCH_OP_SYNC_SG_FOR_DEVICE, "sync_sg_for_device" }, \
		{ DMABENCH_OP_ALLOC,		"alloc" },		\
		{ DMABENCH_OP_FREE,		"free" },		\
		{ DMABENCH_OP_MMAP,		"mmap" },		\
		{ DMABENCH_OP_GET_SGTABLE,	"get_sgtable" },	\
		{ DMABENCH_OP_MAP_LIST,		"map_list" },		\
		{ DMABENCH_OP_UNMAP_LIST,	"unmap_list" })

/* Same values as enum dma_data_direction. */
#define dmabench_show_dir(dir)						\
	__print_symbolic(dir,						\
		{ 0, "BIDIRECTIONAL" },					\
		{ 1, "TO_DEVICE" },					\
		{ 2, "FROM_DEVICE" },					\
		{ 3, "NONE" })

DECLARE_EVENT_CLASS(dmabench_op,

	TP_PROTO(const char *device, u32 op, u64 size, u32 dir, u64 attrs,
		 u64 dma_addr, u64 latency_ns),

	TP_ARGS(device, op, size, dir, attrs, dma_addr, latency_ns),

	TP_STRUCT__entry(
		__string(device, device)
		__field(u32, op)
		__field(u32, dir)
		__field(u64, size)
		__field(u64, attrs)
		__field(u64, dma_addr)
		__field(u64, latency_ns)
	),

	TP_fast_assign(
		dmabench_assign_str(device, device);
		__entry->op = op;
		__entry->dir = dir;
		__entry->size = size;
		__entry->attrs = attrs;
		__entry->dma_addr = dma_addr;
		__entry->latency_ns = latency_ns;
	),

	TP_printk("device=%s op=%s size=%llu dir=%s attrs=0x%llx dma_addr=0x%llx latency_ns=%llu",
		  __get_str(device), dmabench_show_op(__entry->op),
		  __entry->size, dmabench_show_dir(__entry->dir),
		  __entry->attrs, __entry->dma_addr, __entry->latency_ns)
);

#define DMABENCH_DEFINE_OP_EVENT(name)					\
DEFINE_EVENT(dmabench_op, name,						\
	TP_PROTO(const char *device, u32 op, u64 size, u32 dir, u64 attrs, \
		 u64 dma_addr, u64 latency_ns),				\
	TP_ARGS(device, op, size, dir, attrs, dma_addr, latency_ns))

DMABENCH_DEFINE_OP_EVENT(dmabench_map_page);
DMABENCH_DEFINE_OP_EVENT(dmabench_unmap_page);
DMABENCH_DEFINE_OP_EVENT(dmabench_map_sg);
DMABENCH_DEFINE_OP_EVENT(dmabench_unmap_sg);
DMABENCH_DEFINE_OP_EVENT(dmabench_sync_single_for_cpu);
DMABENCH_DEFINE_OP_EVENT(dmabench_sync_single_for_device);
DMABENCH_DEFINE_OP_EVENT(dmabench_sync_sg_for_cpu);
DMABENCH_DEFINE_OP_EVENT(dmabench_sync_sg_for_device);
DMABENCH_DEFINE_OP_EVENT(dmabench_alloc);
DMABENCH_DEFINE_OP_EVENT(dmabench_free);
DMABENCH_DEFINE_OP_EVENT(dmabench_mmap);
DMABENCH_DEFINE_OP_EVENT(dmabench_get_sgtable);
DMABENCH_DEFINE_OP_EVENT(dmabench_map_list);
DMABENCH_DEFINE_OP_EVENT(dmabench_unmap_list);

/*
 * run_start: iterations is the per-thread request (0 = timed run).
 * run_end: iterations is the number completed by all threads.
 */
DECLARE_EVENT_CLASS(dmabench_run,

	TP_PROTO(const char *scenario, const char *device, u32 via,
		 u32 threads, u64 iterations, u64 elapsed_ns),

	TP_ARGS(scenario, device, via, threads, iterations, elapsed_ns),

	TP_STRUCT__entry(
		__string(scenario, scenario)
		__string(device, device)
		__field(u32, via)
		__field(u32, threads)
		__field(u64, iterations)
		__field(u64, elapsed_ns)
	),

	TP_fast_assign(
		dmabench_assign_str(scenario, scenario);
		dmabench_assign_str(device, device);
		__entry->via = via;
		__entry->threads = threads;
		__entry->iterations = iterations;
		__entry->elapsed_ns = elapsed_ns;
	),

	TP_printk("scenario=%s device=%s via=%s threads=%u iterations=%llu elapsed_ns=%llu",
		  __get_str(scenario), __get_str(device),
		  __print_symbolic(__entry->via, { 0, "direct" }, { 1, "ops" }),
		  __entry->threads, __entry->iterations, __entry->elapsed_ns)
);

DEFINE_EVENT(dmabench_run, dmabench_run_start,
	TP_PROTO(const char *scenario, const char *device, u32 via,
		 u32 threads, u64 iterations, u64 elapsed_ns),
	TP_ARGS(scenario, device, via, threads, iterations, elapsed_ns));

DEFINE_EVENT(dmabench_run, dmabench_run_end,
	TP_PROTO(const char *scenario, const char *device, u32 via,
		 u32 threads, u64 iterations, u64 elapsed_ns),
	TP_ARGS(scenario, device, via, threads, iterations, elapsed_ns));

#endif /* _DMABENCH_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_PATH .
#define TRACE_INCLUDE_FILE dmabench_trace
#include <trace/define_trace.h>

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmabench's LTTng-UST events: the harness marks each repetition of a run
 * with its parameters (run_start) and its result summary (run_end), so that
 * an LTTng session with the kernel's events shows where every run begins and
 * ends on the same clock.
 *
 * Provider: lib/ust/dmabench_ust_tp.c, built as bench/libdmabench-ust.so.
 * Call sites: lib/ust.c (dynamic linkage; see there why).
 */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER dmabench_ust

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "ust/dmabench_ust_tp.h"

#if !defined(DMABENCH_UST_TP_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define DMABENCH_UST_TP_H

#include <stdint.h>
#include <lttng/tracepoint.h>

/* iterations: per thread, as requested (0 = a timed run of duration_ns). */
LTTNG_UST_TRACEPOINT_EVENT(dmabench_ust, run_start,
	LTTNG_UST_TP_ARGS(const char *, scenario, const char *, device,
			  const char *, via, const char *, direction,
			  uint64_t, size_bytes, uint32_t, threads,
			  uint64_t, iterations, uint64_t, duration_ns,
			  uint32_t, batch, uint32_t, repetition),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_string(scenario, scenario)
		lttng_ust_field_string(device, device)
		lttng_ust_field_string(via, via)
		lttng_ust_field_string(direction, direction)
		lttng_ust_field_integer(uint64_t, size_bytes, size_bytes)
		lttng_ust_field_integer(uint32_t, threads, threads)
		lttng_ust_field_integer(uint64_t, iterations, iterations)
		lttng_ust_field_integer(uint64_t, duration_ns, duration_ns)
		lttng_ust_field_integer(uint32_t, batch, batch)
		lttng_ust_field_integer(uint32_t, repetition, repetition)
	)
)

/*
 * iterations: completed by all threads; ops: DMA-API ops timed, all ops of
 * the scenario (map and unmap of one iteration are two; a batched sample
 * counts its batch); status: 0 or -errno.
 */
LTTNG_UST_TRACEPOINT_EVENT(dmabench_ust, run_end,
	LTTNG_UST_TP_ARGS(const char *, scenario, const char *, device,
			  uint32_t, repetition, int32_t, status,
			  uint64_t, elapsed_ns, uint64_t, iterations,
			  uint64_t, ops),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_string(scenario, scenario)
		lttng_ust_field_string(device, device)
		lttng_ust_field_integer(uint32_t, repetition, repetition)
		lttng_ust_field_integer(int32_t, status, status)
		lttng_ust_field_integer(uint64_t, elapsed_ns, elapsed_ns)
		lttng_ust_field_integer(uint64_t, iterations, iterations)
		lttng_ust_field_integer(uint64_t, ops, ops)
	)
)

#endif /* DMABENCH_UST_TP_H */

#include <lttng/tracepoint-event.h>

// SPDX-License-Identifier: GPL-2.0
/*
 * The call sites of dmabench's LTTng-UST events, in lttng-ust(3)'s dynamic
 * linking mode: LTTNG_UST_TRACEPOINT_DEFINE puts the tracepoint structures
 * here, LTTNG_UST_TRACEPOINT_PROBE_DYNAMIC_LINKAGE leaves the provider out of
 * the link. At startup a constructor dlopen()s liblttng-ust-tracepoint.so.1
 * if it is installed; the provider (ust/, built as bench/libdmabench-ust.so) registers the
 * probes when something loads it.
 *
 * Why this and not linking liblttng-ust into the CLI: liblttng-ust starts
 * two listener threads in every process that links it and waits for the
 * session daemon at startup (LTTNG_UST_REGISTER_TIMEOUT, 3 s by default;
 * -1, forever, is what TCG needs), so every `dmabench list` would pay it and
 * a plain run would depend on a tracer being installed. Here the CLI needs
 * no LTTng library at run time: without one, or without the provider, the
 * tracepoints stay disabled and cost one predictable branch per repetition.
 * Only `dmabench trace --with lttng`, which knows a session is there,
 * preloads the provider into the run it records (LD_PRELOAD rather than a
 * dlopen() in cmd_run: the run does not have to know it is traced, and the
 * provider is loaded before main(), when the tracepoints register).
 */
#define LTTNG_UST_TRACEPOINT_DEFINE
#define LTTNG_UST_TRACEPOINT_PROBE_DYNAMIC_LINKAGE
#include "ust/dmabench_ust_tp.h"
#include "names.h"
#include "options.h"
#include "ust.h"

uint64_t dmabench_results_ops(const struct dmabench_results *res)
{
	uint64_t ops = 0;
	uint32_t i;

	for (i = 0; i < res->nops && i < DMABENCH_MAX_OPS; i++)
		ops += res->ops[i].count * (res->ops[i].ops_per_sample ?
					    res->ops[i].ops_per_sample : 1);
	return ops;
}

static const char *name_or_unknown(const struct opt_name *names, uint64_t value)
{
	const char *name = opt_name_of(names, value);

	return name ? name : "?";
}

void dmabench_ust_run_start(const struct dmabench_params *p, const char *device,
			    uint32_t repetition)
{
	if (!lttng_ust_tracepoint_enabled(dmabench_ust, run_start))
		return;
	lttng_ust_do_tracepoint(dmabench_ust, run_start, p->scenario, device,
				name_or_unknown(dmabench_via_names, p->via),
				name_or_unknown(dmabench_dir_names, p->direction),
				p->size_bytes, p->threads, p->iterations,
				p->duration_ns, p->batch, repetition);
}

void dmabench_ust_run_end(const struct dmabench_params *p, const char *device,
			  uint32_t repetition, int status,
			  const struct dmabench_results *res)
{
	if (!lttng_ust_tracepoint_enabled(dmabench_ust, run_end))
		return;
	lttng_ust_do_tracepoint(dmabench_ust, run_end, p->scenario, device,
				repetition, status, res->elapsed_ns,
				res->iterations, dmabench_results_ops(res));
}

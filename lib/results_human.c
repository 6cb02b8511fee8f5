// SPDX-License-Identifier: GPL-2.0
/*
 * A table for people that gnuplot can also read: every summary line starts
 * with '#', data rows are whitespace separated, unknown values are "-".
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "names.h"
#include "results.h"
#include "sysinfo.h"
#include "mem_sampler.h"

static void print_header(FILE *fp, const struct run_result *r)
{
	const struct dmabench_device_info *d = &r->device;
	char start[40], end[40];

	iso8601_utc(&r->start_time, start, sizeof(start));
	iso8601_utc(&r->end_time, end, sizeof(end));
	fprintf(fp, "# dmabench %s: %s (%s)\n", r->tool_version,
		r->config->params.scenario, r->scenario.summary);
	fprintf(fp, "# cmdline: %s\n", r->cmdline);
	fprintf(fp, "# start %s  end %s  profile %s  kernel %s (%s)  hypervisor %s"
		"  clocksource %s  clock_read_ns %" PRIu64 "  clock %s  traced %s\n",
		start, end, r->profile, r->kernel_release, r->kernel_version,
		r->hypervisor, r->clocksource,
		r->clock_read_ns, run_result_clock(r),
		r->traced ? r->traced : "no");
	fprintf(fp, "# device %s  bus_id %s  path %s  group_type %s  dma_mask 0x%"
		PRIx64 "  max_mapping_size_bytes %" PRIu64 "  need_sync %s"
		"  skip_sync %s\n", d->name,
		d->bus_id[0] ? d->bus_id : "-", dmabench_path_name(d->path),
		d->group_type[0] ? d->group_type : "-", (uint64_t)d->dma_mask,
		(uint64_t)d->max_mapping_size_bytes,
		d->flags & DMABENCH_DEV_F_NEED_SYNC ? "yes" : "no",
		d->flags & DMABENCH_DEV_F_SKIP_SYNC ? "yes" : "no");
	/* The same echo as the JSON's, values in the units their keys name. */
	opts_print_params(fp, &run_options, r->config);
}

/* A column is as wide as its key, at least 9: numbers line up under names. */
static int col_width(const char *key)
{
	int len = (int)strlen(key);

	return len > 9 ? len : 9;
}

static void print_op_row(FILE *fp, uint32_t rep, const struct op_summary *s)
{
	uint64_t u;
	double d;
	size_t i;

	fprintf(fp, "%-4u %-15s", rep, s->name);
	for (i = 0; i < op_metrics_count; i++) {
		const struct metric *m = &op_metrics[i];

		if (!metric_value(m, s, &u, &d))
			fprintf(fp, " %*s", col_width(m->key), "-");
		else if (m->kind == METRIC_F64)
			fprintf(fp, " %*.1f", col_width(m->key), d);
		else
			fprintf(fp, " %*" PRIu64, col_width(m->key), u);
	}
	fputc('\n', fp);
}

static void print_vmalloc(FILE *fp, uint32_t rep, const struct vm_summary *v)
{
	if (!v->have_vmallocinfo) {
		fprintf(fp, "# rep %u: vmalloc: /proc/vmallocinfo unreadable\n", rep);
		return;
	}
	fprintf(fp, "# rep %u: dma_vmalloc_bytes baseline %" PRIu64 " peak %" PRIu64
		" end %" PRIu64 "  dma_vmalloc_areas baseline %" PRIu64 " peak %"
		PRIu64 " end %" PRIu64 "  samples %" PRIu64 "  back_to_baseline %s"
		" (DMA areas and module counters exact, MemFree within %llu bytes)\n",
		rep, v->dma_bytes.baseline, v->dma_bytes.peak, v->dma_bytes.end,
		v->dma_areas.baseline, v->dma_areas.peak, v->dma_areas.end,
		v->nsamples, v->back_to_baseline ? "yes" : "NO",
		(unsigned long long)VM_MEMFREE_TOLERANCE_BYTES);
	/* Reported, not judged: other devices may bounce through it too. */
	if (v->have_swiotlb)
		fprintf(fp, "# rep %u: swiotlb_used_slots baseline %" PRIu64 " peak %"
			PRIu64 " end %" PRIu64 " (2 KiB slots, not part of back_to_baseline)\n",
			rep, v->swiotlb_used_slots.baseline, v->swiotlb_used_slots.peak,
			v->swiotlb_used_slots.end);
}

/* The per-op clock, its calibration and the floor, in one line. */
static void print_clock(FILE *fp, uint32_t rep, const struct repetition *R)
{
	const struct dmabench_results *res = &R->results;
	struct floor_summary f;

	fprintf(fp, "# rep %u: clock %s", rep, dmabench_clock_used_name(res->clock));
	if (res->clock == DMABENCH_CLOCK_TSC)
		fprintf(fp, " %.6f cycles/ns (calibrated over %.1f ms, error <= %u ppb,"
			" run check %+d ppb)", (double)res->clock_hz / 1e9,
			(double)res->calib_window_ns / 1e6, res->calib_err_ppb,
			res->calib_check_ppb);
	floor_summary_compute(res, &R->floor, &f);
	if (f.count)
		fprintf(fp, "  floor mean %.1f ns (%.1f up to p99) p10 %" PRIu64 " p50 %"
			PRIu64 " p90 %" PRIu64 " ns (%" PRIu64 " back-to-back reads)",
			f.mean_ns, f.mean_p99_ns, f.p10_ns, f.p50_ns, f.p90_ns, f.count);
	fputc('\n', fp);
}

int run_result_write_human(FILE *fp, const struct run_result *r)
{
	struct op_summary s;
	uint32_t rep, op;
	size_t i;

	print_header(fp, r);
	if (r->repeat_auto.stopped)
		fprintf(fp, "# repeat auto: %s after %u repetitions (min %d, max %u): widest "
			"p50 interval (%s) +-%.2f%% at %.1f%% coverage, target %u%%\n",
			!strcmp(r->repeat_auto.stopped, "cap") ? "stopped at the cap" :
			"within target", r->nreps, RUN_REPEAT_AUTO_MIN, r->config->repeat_max,
			r->repeat_auto.worst_op ? r->repeat_auto.worst_op : "-",
			r->repeat_auto.half_width_pct, r->repeat_auto.level * 100,
			r->config->repeat_target_pct);
	fprintf(fp, "#%-3s %-15s", "rep", "op");
	for (i = 0; i < op_metrics_count; i++) {
		fprintf(fp, " %*s", col_width(op_metrics[i].key), op_metrics[i].key);
	}
	fputc('\n', fp);
	for (rep = 0; rep < r->nreps; rep++) {
		const struct dmabench_results *res = &r->reps[rep].results;

		fprintf(fp, "# rep %u: elapsed_ns %" PRIu64 "  iterations %" PRIu64
			"  threads %u  clock_read_ns %" PRIu64 "\n", rep,
			(uint64_t)res->elapsed_ns, (uint64_t)res->iterations,
			res->threads, (uint64_t)res->clock_read_ns);
		print_clock(fp, rep, &r->reps[rep]);
		if (r->scenario.flags & DMABENCH_SCN_F_STORM)
			fprintf(fp, "# rep %u: peak_outstanding %" PRIu64
				" buffers, %" PRIu64 " bytes\n", rep,
				(uint64_t)res->peak_outstanding,
				(uint64_t)res->peak_outstanding_bytes);
		if (r->reps[rep].vmalloc)
			print_vmalloc(fp, rep, r->reps[rep].vmalloc);
		for (op = 0; op < res->nops && op < DMABENCH_MAX_OPS; op++) {
			rep_op_summary(&r->reps[rep], op, &s);
			print_op_row(fp, rep, &s);
			if (s.errors || s.overflow)
				fprintf(fp, "# WARNING: rep %u op %s: %" PRIu64
					" failed ops, %" PRIu64 " samples beyond %"
					PRIu64 " ns (counted, not in percentiles' range)\n",
					rep, s.name, s.errors, s.overflow,
					(uint64_t)dmabench_hist_lower_ns(DMABENCH_HIST_BUCKETS));
		}
		/* Per-op runs: each iteration timed whole, its ops' stamps included. */
		if (rep_whole_iteration_summary(&r->reps[rep], &s))
			print_op_row(fp, rep, &s);
	}
	return ferror(fp) ? -1 : 0;
}

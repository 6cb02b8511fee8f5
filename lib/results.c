// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "names.h"
#include "results.h"
#include "stats.h"

#define S(field) offsetof(struct op_summary, field)

const struct metric op_metrics[] = {
	{ "count", "samples", "samples timed", METRIC_U64, S(count) },
	{ "errors", "ops", "failed ops", METRIC_U64, S(errors) },
	{ "overflow", "samples", "samples beyond the histogram", METRIC_U64, S(overflow) },
	{ "min_ns", "ns", "minimum latency", METRIC_U64, S(min_ns) },
	{ "max_ns", "ns", "maximum latency", METRIC_U64, S(max_ns) },
	{ "mean_ns", "ns", "mean latency", METRIC_F64, S(mean_ns) },
	{ "stddev_ns", "ns", "standard deviation", METRIC_F64, S(stddev_ns) },
	{ "p50_ns", "ns", "median latency", METRIC_U64, S(p50_ns) },
	{ "p90_ns", "ns", "90th percentile latency", METRIC_U64, S(p90_ns) },
	{ "p99_ns", "ns", "99th percentile latency", METRIC_U64, S(p99_ns) },
	{ "p999_ns", "ns", "99.9th percentile latency", METRIC_U64, S(p999_ns) },
	{ "ops_per_sample", "ops", "ops averaged in one sample", METRIC_U64, S(ops_per_sample) },
	{ "net_mean_ns", "ns", "mean latency net of the floor", METRIC_F64, S(net_mean_ns) },
	{ "net_p50_ns", "ns", "median latency net of the floor", METRIC_F64, S(net_p50_ns) },
};

const size_t op_metrics_count = sizeof(op_metrics) / sizeof(op_metrics[0]);

#define R(field) offsetof(struct dmabench_results, field)

const struct rep_metric rep_metrics[] = {
	{ "elapsed_ns", "ns", R(elapsed_ns) },
	{ "iterations", "iterations", R(iterations) },
	{ "clock_read_ns", "ns", R(clock_read_ns) },
	{ "peak_outstanding", "buffers", R(peak_outstanding) },
	{ "peak_outstanding_bytes", "bytes", R(peak_outstanding_bytes) },
	{ "clock_hz", "hz", R(clock_hz) },
	{ "calib_window_ns", "ns", R(calib_window_ns) },
	{ "floor_count", "samples", R(floor_count) },
	{ "floor_sum_ns", "ns", R(floor_sum_ns) },
};

const size_t rep_metrics_count = sizeof(rep_metrics) / sizeof(rep_metrics[0]);

static uint64_t percentile_or_unknown(const struct hist *h, double pct)
{
	uint64_t v;

	return hist_percentile(h, pct, &v) == HIST_PCT_OK ? v : METRIC_UNKNOWN;
}

void op_summary_compute(const struct dmabench_op_stats *stats,
			const struct hist *hist, struct op_summary *out)
{
	memset(out, 0, sizeof(*out));
	out->name = stats->name;
	out->count = stats->count;
	out->errors = stats->errors;
	out->overflow = stats->overflow;
	out->ops_per_sample = stats->ops_per_sample;
	out->min_ns = stats->count ? stats->min_ns : METRIC_UNKNOWN;
	out->max_ns = stats->count ? stats->max_ns : METRIC_UNKNOWN;
	hist_mean_stddev(stats->count, stats->sum_ns, stats->sum_sq_ns2_lo,
			 stats->sum_sq_ns2_hi, &out->mean_ns, &out->stddev_ns);
	out->p50_ns = percentile_or_unknown(hist, 50.0);
	out->p90_ns = percentile_or_unknown(hist, 90.0);
	out->p99_ns = percentile_or_unknown(hist, 99.0);
	out->p999_ns = percentile_or_unknown(hist, 99.9);
	out->hist_samples = hist_count(hist);
	out->net_mean_ns = NAN;
	out->net_p50_ns = NAN;
}

void floor_summary_compute(const struct dmabench_results *res,
			   const struct hist *floor, struct floor_summary *out)
{
	memset(out, 0, sizeof(*out));
	out->count = res->floor_count;
	out->mean_ns = res->floor_count ?
		       (double)res->floor_sum_ns / (double)res->floor_count : NAN;
	out->mean_p99_ns = res->floor_count ? hist_mean_upto(floor, 99.0) : NAN;
	out->p10_ns = percentile_or_unknown(floor, 10.0);
	out->p50_ns = percentile_or_unknown(floor, 50.0);
	out->p90_ns = percentile_or_unknown(floor, 90.0);
	out->p99_ns = percentile_or_unknown(floor, 99.0);
}

bool rep_whole_iteration_summary(const struct repetition *rep,
				 struct op_summary *out)
{
	if (!rep->whole_iteration.count && !rep->whole_iteration.errors)
		return false;
	op_summary_compute(&rep->whole_iteration, &rep->whole_iteration_hist, out);
	return true;
}

void rep_op_summary(const struct repetition *rep, uint32_t op,
		    struct op_summary *out)
{
	struct floor_summary f;

	op_summary_compute(&rep->results.ops[op], &rep->hist[op], out);
	floor_summary_compute(&rep->results, &rep->floor, &f);
	if (!f.count || out->ops_per_sample != 1 || !out->count)
		return;
	/* A read pair hit by an interrupt or a host preemption (us to ms)
	 * is not what a stamp costs: the floor's mean up to its p99 is. */
	out->net_mean_ns = out->mean_ns - f.mean_p99_ns;
	if (out->p50_ns != METRIC_UNKNOWN && f.p50_ns != METRIC_UNKNOWN)
		out->net_p50_ns = (double)out->p50_ns - (double)f.p50_ns;
}

bool metric_value(const struct metric *m, const struct op_summary *s,
		  uint64_t *u, double *d)
{
	const char *p = (const char *)s + m->offset;

	if (m->kind == METRIC_F64) {
		*u = 0;
		memcpy(d, p, sizeof(*d));
		return s->count > 0 && !isnan(*d);
	}
	memcpy(u, p, sizeof(*u));
	*d = (double)*u;
	return *u != METRIC_UNKNOWN;
}

bool run_result_within_target(struct run_result *r, double target_pct)
{
	double v[DMABENCH_MAX_REPEAT], worst = -1, h;
	struct op_summary s;
	struct stats_ci ci;
	uint32_t op, i, n;
	bool ok = true;

	for (op = 0; r->nreps && op < r->reps[0].results.nops && op < DMABENCH_MAX_OPS; op++) {
		for (i = n = 0; i < r->nreps && n < DMABENCH_MAX_REPEAT; i++) {
			rep_op_summary(&r->reps[i], op, &s);
			if (s.p50_ns != METRIC_UNKNOWN)
				v[n++] = (double)s.p50_ns;
		}
		if (stats_median_ci(v, n, STATS_CI_LEVEL, &ci)) {
			ok = false;
			continue;
		}
		h = stats_ci_rel_half_width(&ci) * 100;
		if (!ci.reached || !(h <= target_pct))
			ok = false;
		if (!(h <= worst)) {	/* NaN (a zero median) counts as widest */
			worst = h;
			r->repeat_auto.half_width_pct = h;
			r->repeat_auto.level = ci.level;
			r->repeat_auto.worst_op = r->reps[0].results.ops[op].name;
		}
	}
	return ok;
}

const char *run_result_clock(const struct run_result *r)
{
	return dmabench_clock_used_name(r->nreps ? r->reps[0].results.clock : 0);
}

int run_result_write(FILE *fp, const struct run_result *r)
{
	static int (*const writers[])(FILE *, const struct run_result *) = {
		[OUTPUT_HUMAN] = run_result_write_human,
		[OUTPUT_JSON] = run_result_write_json,
		[OUTPUT_CSV] = run_result_write_csv,
	};

	return writers[r->config->format](fp, r);
}

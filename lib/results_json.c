// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "names.h"
#include "results.h"
#include "sysinfo.h"
#include "mem_sampler.h"

/*
 * json_int_t is int64_t: counters and nanoseconds stay far below 2^63, but
 * 64-bit masks do not, so masks go out as hex strings.
 */
static json_t *json_u64(uint64_t v)
{
	return v > INT64_MAX ? json_real((double)v) : json_integer((json_int_t)v);
}

static json_t *json_hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
	return json_string(buf);
}

/* set_new that remembers a failure, so callers check once at the end. */
static void set(json_t *obj, const char *key, json_t *val, bool *ok)
{
	if (!val || json_object_set_new(obj, key, val))
		*ok = false;
}

static json_t *sysinfo_json(const struct utsname *u, bool *ok)
{
	json_t *o = json_object();

	if (!o) {
		*ok = false;
		return NULL;
	}
	set(o, "sysname", json_string(u->sysname), ok);
	set(o, "nodename", json_string(u->nodename), ok);
	set(o, "release", json_string(u->release), ok);
	set(o, "version", json_string(u->version), ok);
	set(o, "machine", json_string(u->machine), ok);
	return o;
}

static json_t *flags_json(const struct opt_name *names, uint64_t flags)
{
	json_t *a = json_array();

	for (; a && names->name; names++)
		if (flags & names->value)
			json_array_append_new(a, json_string(names->name));
	return a;
}

json_t *device_info_to_json(const struct dmabench_device_info *d)
{
	json_t *o = json_object();
	bool good = o != NULL, *ok = &good;

	if (!o)
		return NULL;
	set(o, "name", json_string(d->name), ok);
	set(o, "bus_id", json_string(d->bus_id), ok);
	set(o, "path", json_string(dmabench_path_name(d->path)), ok);
	set(o, "group_type", json_string(d->group_type), ok);
	set(o, "iommu_group", json_integer(d->iommu_group), ok);
	set(o, "flags", flags_json(dmabench_dev_flag_names, d->flags), ok);
	set(o, "need_sync", json_boolean(d->flags & DMABENCH_DEV_F_NEED_SYNC), ok);
	set(o, "skip_sync", json_boolean(d->flags & DMABENCH_DEV_F_SKIP_SYNC), ok);
	set(o, "ops_layer_refusal",
	    json_string(dmabench_ops_refusal_name(d->ops_layer_refusal)), ok);
	set(o, "dma_mask", json_hex(d->dma_mask), ok);
	set(o, "coherent_dma_mask", json_hex(d->coherent_dma_mask), ok);
	set(o, "max_mapping_size_bytes", json_u64(d->max_mapping_size_bytes), ok);
	if (!good) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/*
 * A histogram as runs of consecutive buckets (file_version 2):
 *   "histogram": [[lower_ns, count, count, ...], ...]
 * Each run starts at the lower bound (ns) of its first bucket; the counts
 * are that bucket's and the next ones' by index, whose bounds the uapi
 * layout gives (dmabench_hist_lower_ns). Runs are in bucket order and start
 * at a non-empty bucket; a gap of up to RESULTS_HIST_RUN_GAP empty buckets
 * stays inside a run as zeros, a longer one starts a new run. An empty
 * histogram is []. Version 1 wrote a [lower_ns, upper_ns, count] triple per
 * non-empty bucket: three quarters of a result file, four times this.
 */
static json_t *histogram_json(const struct hist *h)
{
	json_t *a = json_array(), *run = NULL;
	uint32_t i, k, last = 0;

	for (i = 0; a && i < DMABENCH_HIST_BUCKETS; i++) {
		if (!h->buckets[i])
			continue;
		if (run && i - last - 1 <= RESULTS_HIST_RUN_GAP) {
			for (k = last + 1; k < i; k++)
				if (json_array_append_new(run, json_integer(0)))
					goto fail;
		} else {
			/* a keeps run's reference; run stays ours to append to. */
			run = json_array();
			if (json_array_append_new(a, run) ||
			    json_array_append_new(run, json_integer(
				    (json_int_t)dmabench_hist_lower_ns(i))))
				goto fail;
		}
		if (json_array_append_new(run, json_integer((json_int_t)h->buckets[i])))
			goto fail;
		last = i;
	}
	return a;
fail:
	json_decref(a);
	return NULL;
}

static json_t *op_json(const struct op_summary *s, const struct hist *h, bool *ok)
{
	json_t *o = json_object();
	uint64_t u;
	double d;
	size_t i;

	if (!o) {
		*ok = false;
		return NULL;
	}
	for (i = 0; i < op_metrics_count; i++) {
		const struct metric *m = &op_metrics[i];

		if (!metric_value(m, s, &u, &d))
			set(o, m->key, json_null(), ok);
		else if (m->kind == METRIC_F64)
			set(o, m->key, json_real(d), ok);
		else
			set(o, m->key, json_u64(u), ok);
	}
	set(o, "histogram", histogram_json(h), ok);
	return o;
}

static json_t *pct_json(uint64_t v)
{
	return v == METRIC_UNKNOWN ? json_null() : json_u64(v);
}

/* The per-op clock of a repetition and, for the TSC, its calibration. */
static json_t *clock_json(const struct dmabench_results *res, bool *ok)
{
	json_t *o = json_object();

	if (!o) {
		*ok = false;
		return NULL;
	}
	set(o, "kind", json_string(dmabench_clock_used_name(res->clock)), ok);
	set(o, "flags", flags_json(dmabench_clock_flag_names, res->clock_flags), ok);
	if (res->clock != DMABENCH_CLOCK_TSC)
		return o;
	set(o, "tsc_hz", json_u64(res->clock_hz), ok);
	set(o, "cycles_per_ns", json_real((double)res->clock_hz / 1e9), ok);
	set(o, "calib_window_ns", json_u64(res->calib_window_ns), ok);
	set(o, "calib_err_ppb", json_u64(res->calib_err_ppb), ok);
	set(o, "calib_check_ppb", json_integer(res->calib_check_ppb), ok);
	return o;
}

/* Back-to-back reads of the clock: the floor of a per-op sample. */
static json_t *floor_json(const struct repetition *rep, bool *ok)
{
	struct floor_summary f;
	json_t *o;

	floor_summary_compute(&rep->results, &rep->floor, &f);
	if (!f.count)
		return json_null();
	o = json_object();
	if (!o) {
		*ok = false;
		return NULL;
	}
	set(o, "count", json_u64(f.count), ok);
	set(o, "mean_ns", json_real(f.mean_ns), ok);
	set(o, "mean_p99_ns", isnan(f.mean_p99_ns) ? json_null() : json_real(f.mean_p99_ns), ok);
	set(o, "p10_ns", pct_json(f.p10_ns), ok);
	set(o, "p50_ns", pct_json(f.p50_ns), ok);
	set(o, "p90_ns", pct_json(f.p90_ns), ok);
	set(o, "p99_ns", pct_json(f.p99_ns), ok);
	set(o, "histogram", histogram_json(&rep->floor), ok);
	return o;
}

static json_t *repetition_json(const struct run_result *r,
			       const struct repetition *rep, uint32_t index,
			       bool *ok)
{
	json_t *o = json_object(), *ops = json_object();
	struct op_summary s;
	uint32_t i;

	if (!o || !ops) {
		json_decref(o);
		json_decref(ops);
		*ok = false;
		return NULL;
	}
	set(o, "repetition", json_integer(index), ok);
	for (i = 0; i < rep_metrics_count; i++) {
		uint64_t v;

		memcpy(&v, (const char *)&rep->results + rep_metrics[i].offset, sizeof(v));
		set(o, rep_metrics[i].key, json_u64(v), ok);
	}
	set(o, "threads", json_integer(rep->results.threads), ok);
	set(o, "clock", clock_json(&rep->results, ok), ok);
	set(o, "floor", floor_json(rep, ok), ok);
	for (i = 0; i < rep->results.nops && i < DMABENCH_MAX_OPS; i++) {
		rep_op_summary(rep, i, &s);
		set(ops, s.name, op_json(&s, &rep->hist[i], ok), ok);
	}
	set(o, "ops", ops, ok);
	/* Beside the ops, not among them: sums over "ops" must not count it. */
	if (rep_whole_iteration_summary(rep, &s))
		set(o, "whole_iteration", op_json(&s, &rep->whole_iteration_hist, ok), ok);
	else
		set(o, "whole_iteration", json_null(), ok);
	if (rep->vmalloc)
		set(o, "vmalloc", vm_summary_to_json(rep->vmalloc, r->vm_callers), ok);
	return o;
}

/* Why --repeat auto stopped where it did; null without it. */
static json_t *repeat_auto_json(const struct run_result *r, bool *ok)
{
	json_t *o;

	if (!r->repeat_auto.stopped)
		return json_null();
	o = json_object();
	if (!o) {
		*ok = false;
		return NULL;
	}
	set(o, "stopped", json_string(r->repeat_auto.stopped), ok);
	set(o, "repetitions", json_integer(r->nreps), ok);
	set(o, "target_pct", json_integer(r->config->repeat_target_pct), ok);
	set(o, "max", json_integer(r->config->repeat_max), ok);
	set(o, "min", json_integer(RUN_REPEAT_AUTO_MIN), ok);
	set(o, "metric", json_string("p50_ns"), ok);
	set(o, "widest_op", json_string(r->repeat_auto.worst_op ?
					r->repeat_auto.worst_op : ""), ok);
	set(o, "half_width_pct", isnan(r->repeat_auto.half_width_pct) ? json_null() :
	    json_real(r->repeat_auto.half_width_pct), ok);
	set(o, "ci_level", json_real(r->repeat_auto.level), ok);
	return o;
}

json_t *run_result_to_json(const struct run_result *r)
{
	char start[40], end[40];
	json_t *root = json_object(), *reps = json_array(), *scen = json_object();
	json_t *params;
	bool ok = root && reps && scen;
	uint32_t i;

	if (!ok) {
		json_decref(root);
		json_decref(reps);
		json_decref(scen);
		return NULL;
	}
	iso8601_utc(&r->start_time, start, sizeof(start));
	iso8601_utc(&r->end_time, end, sizeof(end));

	set(root, "file_version", json_integer(RESULTS_FILE_VERSION), &ok);
	set(root, "tool", json_string("dmabench"), &ok);
	set(root, "tool_version", json_string(r->tool_version), &ok);
	set(root, "cmdline", json_string(r->cmdline), &ok);
	set(root, "start_time", json_string(start), &ok);
	set(root, "end_time", json_string(end), &ok);
	set(root, "return_code", json_integer(r->exit_code), &ok);
	set(root, "sysinfo", sysinfo_json(&r->uts, &ok), &ok);
	set(root, "kernel_release", json_string(r->kernel_release), &ok);
	set(root, "kernel_version", json_string(r->kernel_version), &ok);
	set(root, "hypervisor", json_string(r->hypervisor), &ok);
	set(root, "profile", json_string(r->profile), &ok);
	set(root, "clocksource", json_string(r->clocksource), &ok);
	set(root, "clocksource_from", json_string(r->clocksource_from ?
						  r->clocksource_from : "module"), &ok);
	set(root, "clock_read_ns", json_u64(r->clock_read_ns), &ok);
	set(root, "clock", json_string(run_result_clock(r)), &ok);
	set(root, "traced", r->traced ? json_string(r->traced) : json_false(), &ok);

	params = opts_to_json(&run_options, r->config);
	set(root, "params", params, &ok);
	if (params)
		set(params, "scenario", json_string(r->config->params.scenario), &ok);
	set(root, "device", device_info_to_json(&r->device), &ok);

	set(scen, "name", json_string(r->scenario.name), &ok);
	set(scen, "summary", json_string(r->scenario.summary), &ok);
	set(root, "scenario", scen, &ok);

	for (i = 0; i < r->nreps; i++)
		if (json_array_append_new(reps, repetition_json(r, &r->reps[i], i, &ok)))
			ok = false;
	set(root, "repetitions", reps, &ok);
	set(root, "repeat_auto", repeat_auto_json(r, &ok), &ok);
	if (!ok) {
		json_decref(root);
		return NULL;
	}
	return root;
}

int run_result_write_json(FILE *fp, const struct run_result *r)
{
	json_t *root = run_result_to_json(r);
	int ret;

	if (!root) {
		errno = ENOMEM;
		return -1;
	}
	/*
	 * One line, no indentation: indented, every count of a histogram
	 * would take a line of its own. `jq .` shows it indented.
	 */
	ret = json_dumpf(root, fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (ret || fputc('\n', fp) == EOF || ferror(fp)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench pairs: every old/attribute allocation pair the module declares
 * (lib/alloc_pairs.c) in the same boot, old then attribute form, --iterations alloc+free each;
 * old vs attribute p50/p90/p99 per op and their ratio (attr / old).
 *
 * vmalloc bytes per buffer, per scenario: an alloc_storm of the scenario's
 * variant and attrs, pattern until_enomem, fills --outstanding buffers of
 * --size, holds them --hold, then frees them; the vmalloc sampler reads
 * /proc/vmallocinfo every --vmalloc-interval meanwhile. Bytes per buffer =
 * (peak - baseline) of the DMA-API and dmabench callers' areas / buffers
 * held at the peak (the storm's peak_outstanding). The storm allocates
 * with __GFP_NORETRY where the alloc_* scenarios use GFP_KERNEL: same path,
 * same mappings, possibly an earlier ENOMEM (then fewer buffers are held
 * and the division uses that count).
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "lib/alloc_pairs.h"
#include "lib/names.h"
#include "lib/fingerprint.h"
#include "lib/results.h"
#include "lib/run_options.h"
#include "lib/sysinfo.h"
#include "lib/mem_sampler.h"

#define PAIRS_HIST_COUNTERS	(DMABENCH_MAX_OPS * DMABENCH_HIST_BUCKETS)
#define PAIRS_STORM_ITERATIONS	(1ULL << 30)	/* until_enomem ends by itself */

static const char vmalloc_method[] =
	"alloc_storm of the scenario's variant and attrs, pattern until_enomem, "
	"fixed --size, --outstanding buffers held --hold while /proc/vmallocinfo "
	"is sampled every --vmalloc-interval; bytes per buffer = (peak - baseline) "
	"of the areas of DMA-API (dma_*, iommu_*) and dmabench callers / buffers "
	"held (peak_outstanding)";

struct side_result {
	const char *scenario;
	bool ran;
	const char *status;		/* "ok", "unavailable", "failed" */
	char reason[OPT_ERR_LEN];
	struct dmabench_results results;
	struct hist hist[DMABENCH_MAX_OPS];
};

struct vm_result {
	const struct alloc_side *side;
	bool measured;
	char reason[128];		/* when not measured */
	uint64_t held;
	double bytes_per_buffer, areas_per_buffer;
	bool back_to_baseline;
	struct vm_summary sum;
};

struct pairs_report {
	struct fingerprint h;
	const struct pairs_config *cfg;
	struct alloc_pairs ap;
	struct vm_callers callers;
	struct side_result sides[ALLOC_PAIRS_MAX][2];
	struct vm_result vm[2 * ALLOC_PAIRS_MAX];
	uint32_t nvm;
	bool failed;
};

static void run_config_base(struct run_config *rc, const struct pairs_config *cfg,
			    const char *scenario, uint64_t size)
{
	memset(rc, 0, sizeof(*rc));
	opts_set_defaults(&run_options, rc);
	snprintf(rc->params.scenario, sizeof(rc->params.scenario), "%s", scenario);
	snprintf(rc->params.device, sizeof(rc->params.device), "%s", cfg->device);
	rc->params.via = cfg->via;
	rc->params.size_bytes = size;
	rc->params.iterations = cfg->iterations;
}

/* Looks the scenario up; runs it unless the module says it cannot. */
static void run_side(struct cmd_ctx *ctx, struct dmabench_handle *dev,
		     const struct pairs_config *cfg, const char *scenario,
		     uint64_t size, uint64_t *hist_buf, struct side_result *s)
{
	struct dmabench_scenario_info si;
	struct run_config rc;
	struct dmabench_run run;
	char err[OPT_ERR_LEN];
	uint32_t op;
	int ret;

	s->scenario = scenario;
	ret = dmabench_handle_find_scenario(dev, scenario, &si);
	if (ret || !(si.flags & DMABENCH_SCN_F_ALLOC) ||
	    (si.flags & DMABENCH_SCN_F_UNAVAILABLE)) {
		s->status = "unavailable";
		snprintf(s->reason, sizeof(s->reason), "%s", ret ?
			 "the module has no such scenario" :
			 (si.flags & DMABENCH_SCN_F_UNAVAILABLE) ?
			 "API absent from this kernel" : "not an allocation scenario");
		return;
	}
	run_config_base(&rc, cfg, scenario, size);
	if (run_config_for_scenario(&rc, si.flags, err, sizeof(err))) {
		s->status = "failed";
		snprintf(s->reason, sizeof(s->reason), "%s", err);
		return;
	}
	memset(&run, 0, sizeof(run));
	memset(hist_buf, 0, PAIRS_HIST_COUNTERS * sizeof(uint64_t));
	run.params = rc.params;
	run.hist_ptr = (uint64_t)(uintptr_t)hist_buf;
	run.hist_buckets = DMABENCH_HIST_BUCKETS;
	ret = dmabench_handle_run(dev, &run);
	if (ret) {
		s->status = "failed";
		snprintf(s->reason, sizeof(s->reason), "RUN: %s", strerror(-ret));
		cmd_error(ctx, "pairs", "%s: %s", scenario, strerror(-ret));
		return;
	}
	s->results = run.results;
	if (s->results.nops > DMABENCH_MAX_OPS)
		s->results.nops = DMABENCH_MAX_OPS;
	for (op = 0; op < s->results.nops; op++) {
		s->results.ops[op].name[sizeof(s->results.ops[op].name) - 1] = '\0';
		hist_load(&s->hist[op], hist_buf + (size_t)op * DMABENCH_HIST_BUCKETS,
			  s->results.ops[op].overflow);
	}
	s->ran = true;
	s->status = "ok";
}

/* vmalloc bytes per held buffer of one scenario's variant. */
static void measure_vmalloc(struct cmd_ctx *ctx, struct dmabench_handle *dev,
			    const struct pairs_config *cfg,
			    struct vm_callers *callers, struct vm_result *v)
{
	struct run_config rc;
	struct dmabench_run run;
	struct vm_sampler vs;
	int ret;

	run_config_base(&rc, cfg, "alloc_storm", cfg->size_bytes);
	rc.params.variant = v->side->variant;
	rc.params.attrs = v->side->attrs;
	rc.params.outstanding = cfg->outstanding;
	rc.params.pattern = DMABENCH_STORM_UNTIL_ENOMEM;
	rc.params.distribution = DMABENCH_DIST_FIXED;
	rc.params.hold_ns = cfg->hold_ns;
	rc.params.iterations = PAIRS_STORM_ITERATIONS;
	memset(&run, 0, sizeof(run));
	run.params = rc.params;
	run.hist_buckets = DMABENCH_HIST_BUCKETS;
	ret = vm_sampler_start(&vs, ctx->vm_sources ? ctx->vm_sources :
			       &vm_default_sources, callers, cfg->vmalloc_interval_ns,
			       vm_now_ns(), NULL, &v->sum);
	if (ret) {
		snprintf(v->reason, sizeof(v->reason), "sampler: %s", strerror(-ret));
		return;
	}
	ret = dmabench_handle_run(dev, &run);
	vm_sampler_stop(&vs);
	if (ret) {
		snprintf(v->reason, sizeof(v->reason), "alloc_storm: %s", strerror(-ret));
		return;
	}
	if (!v->sum.have_vmallocinfo) {
		snprintf(v->reason, sizeof(v->reason), "/proc/vmallocinfo unreadable");
		return;
	}
	v->held = run.results.peak_outstanding;
	if (!v->held) {
		snprintf(v->reason, sizeof(v->reason), "no buffer could be allocated");
		return;
	}
	v->measured = true;
	v->bytes_per_buffer = (double)(v->sum.dma_bytes.peak - v->sum.dma_bytes.baseline) /
			      (double)v->held;
	v->areas_per_buffer = (double)(v->sum.dma_areas.peak - v->sum.dma_areas.baseline) /
			      (double)v->held;
	v->back_to_baseline = v->sum.back_to_baseline;
}

static const struct vm_result *vm_of(const struct pairs_report *p, const char *scenario)
{
	uint32_t i;

	for (i = 0; i < p->nvm; i++)
		if (!strcmp(p->vm[i].side->scenario, scenario))
			return &p->vm[i];
	return NULL;
}

static const struct dmabench_op_stats *find_op(const struct side_result *s,
					       const char *name, uint32_t *index)
{
	uint32_t i;

	for (i = 0; s->ran && i < s->results.nops; i++)
		if (!strcmp(s->results.ops[i].name, name)) {
			*index = i;
			return &s->results.ops[i];
		}
	return NULL;
}

struct pct_key {
	const char *key;
	size_t offset;
};

static const struct pct_key pct_keys[] = {
	{ "p50_ns", offsetof(struct op_summary, p50_ns) },
	{ "p90_ns", offsetof(struct op_summary, p90_ns) },
	{ "p99_ns", offsetof(struct op_summary, p99_ns) },
};

static uint64_t pct_of(const struct op_summary *s, size_t k)
{
	uint64_t v;

	memcpy(&v, (const char *)s + pct_keys[k].offset, sizeof(v));
	return v;
}

/* attr / old, or a negative number when either is unknown. */
static double ratio(uint64_t old, uint64_t attr)
{
	if (old == METRIC_UNKNOWN || attr == METRIC_UNKNOWN || !old)
		return -1.0;
	return (double)attr / (double)old;
}

static json_t *side_op_json(const struct op_summary *s)
{
	json_t *o = json_object();
	size_t k;

	json_object_set_new(o, "count", json_u64_or_null(s->count));
	json_object_set_new(o, "errors", json_u64_or_null(s->errors));
	for (k = 0; k < sizeof(pct_keys) / sizeof(pct_keys[0]); k++)
		json_object_set_new(o, pct_keys[k].key, json_u64_or_null(pct_of(s, k)));
	return o;
}

/* Every op of the old side, and the attribute side's ops of the same name. */
static json_t *ops_json(const struct side_result *old, const struct side_result *attr)
{
	json_t *ops = json_object();
	struct op_summary so, sa;
	uint32_t i, j;
	size_t k;

	for (i = 0; old->ran && i < old->results.nops; i++) {
		const struct dmabench_op_stats *a = find_op(attr, old->results.ops[i].name, &j);
		json_t *o = json_object();

		op_summary_compute(&old->results.ops[i], &old->hist[i], &so);
		json_object_set_new(o, "old", side_op_json(&so));
		if (a) {
			op_summary_compute(a, &attr->hist[j], &sa);
			json_object_set_new(o, "attr", side_op_json(&sa));
			for (k = 0; k < sizeof(pct_keys) / sizeof(pct_keys[0]); k++) {
				char key[32];
				double r = ratio(pct_of(&so, k), pct_of(&sa, k));

				snprintf(key, sizeof(key), "ratio_%.3s", pct_keys[k].key);
				json_object_set_new(o, key, r < 0 ? json_null() : json_real(r));
			}
		}
		json_object_set_new(ops, old->results.ops[i].name, o);
	}
	/* Ops only the attribute side has (vmap, vunmap). */
	for (j = 0; attr->ran && j < attr->results.nops; j++) {
		if (find_op(old, attr->results.ops[j].name, &i))
			continue;
		op_summary_compute(&attr->results.ops[j], &attr->hist[j], &sa);
		json_object_set_new(ops, attr->results.ops[j].name,
				    json_pack("{s:o}", "attr", side_op_json(&sa)));
	}
	return ops;
}

static json_t *vm_bytes_json(const struct vm_result *v)
{
	return v && v->measured ? json_real(v->bytes_per_buffer) : json_null();
}

static json_t *vm_json(const struct vm_result *v, const struct vm_callers *callers)
{
	char attrs[160] = "";
	const struct opt_name *n;
	json_t *o, *by;
	uint32_t i;

	for (n = dmabench_attr_names; n->name; n++)
		if (v->side->attrs & n->value)
			snprintf(attrs + strlen(attrs), sizeof(attrs) - strlen(attrs),
				 "%s%s", attrs[0] ? "|" : "", n->name);
	o = json_pack("{s:s,s:s,s:s}", "scenario", v->side->scenario, "variant",
		      dmabench_variant_name(v->side->variant), "attrs", attrs);
	if (!v->measured) {
		json_object_set_new(o, "vmalloc_bytes_per_buffer", json_null());
		json_object_set_new(o, "reason", json_string(v->reason));
		return o;
	}
	json_object_set_new(o, "buffers_held", json_u64_or_null(v->held));
	json_object_set_new(o, "vmalloc_bytes_per_buffer", json_real(v->bytes_per_buffer));
	json_object_set_new(o, "vmalloc_areas_per_buffer", json_real(v->areas_per_buffer));
	by = json_object();
	for (i = 0; i < v->sum.ncallers && i < callers->n; i++) {
		const struct vm_stat *b = &v->sum.caller_bytes[i];

		if (b->peak > b->baseline)
			json_object_set_new(by, callers->name[i], json_real(
				(double)(b->peak - b->baseline) / (double)v->held));
	}
	json_object_set_new(o, "bytes_per_buffer_by_caller", by);
	json_object_set_new(o, "samples", json_u64_or_null(v->sum.nsamples));
	json_object_set_new(o, "back_to_baseline", json_boolean(v->back_to_baseline));
	return o;
}

static uint64_t pair_size(const struct pairs_config *cfg, const struct alloc_pair *p)
{
	return p->size_bytes ? p->size_bytes : cfg->size_bytes;
}

static const char *pair_status(const struct side_result *s)
{
	if (!strcmp(s[0].status, "failed") || !strcmp(s[1].status, "failed"))
		return "failed";
	if (!s[0].ran || !s[1].ran)
		return "unavailable";
	return "ok";
}

static int write_json(FILE *fp, void *arg)
{
	const struct pairs_report *p = arg;
	json_t *root = fingerprint_json(&p->h), *pairs = json_array(), *vms = json_array();
	size_t i;
	int ret = -1;

	if (!root || !pairs || !vms)
		goto out;
	json_object_set_new(root, "ratio", json_string("attr / old"));
	json_object_set_new(root, "vmalloc_method", json_string(vmalloc_method));
	for (i = 0; i < p->ap.npairs; i++) {
		const struct side_result *s = p->sides[i];
		json_t *o = json_pack("{s:s,s:s,s:I,s:s}", "old", p->ap.pair[i].old,
				      "attr", p->ap.pair[i].attr, "size_bytes",
				      (json_int_t)pair_size(p->cfg, &p->ap.pair[i]),
				      "status", pair_status(s));

		if (s[0].reason[0] || s[1].reason[0])
			json_object_set_new(o, "reason", json_pack("{s:s,s:s}",
					    "old", s[0].reason, "attr", s[1].reason));
		json_object_set_new(o, "ops", ops_json(&s[0], &s[1]));
		/* The dma_pool pair's size is not --size: no storm figure. */
		json_object_set_new(o, "vmalloc_bytes_per_buffer", json_pack("{s:o,s:o}",
			"old", p->ap.pair[i].size_bytes ? json_null() :
			       vm_bytes_json(vm_of(p, p->ap.pair[i].old)),
			"attr", p->ap.pair[i].size_bytes ? json_null() :
				vm_bytes_json(vm_of(p, p->ap.pair[i].attr))));
		json_array_append_new(pairs, o);
	}
	json_object_set_new(root, "pairs", pairs);
	pairs = NULL;
	for (i = 0; i < p->nvm; i++)
		json_array_append_new(vms, vm_json(&p->vm[i], &p->callers));
	json_object_set_new(root, "variants", vms);
	vms = NULL;
	ret = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!ret && fputc('\n', fp) == EOF)
		ret = -1;
out:
	json_decref(root);
	json_decref(pairs);
	json_decref(vms);
	if (ret && !errno)
		errno = ENOMEM;
	return ret ? -1 : 0;
}

static void csv_row(FILE *fp, const struct pairs_report *p, size_t i, const char *op,
		    const char *metric, const char *side, double v, const char *unit)
{
	fprintf(fp, "%s,%s,%s,%" PRIu64 ",%s,%s,%s,%s,%s,%.3f,%s\n", p->h.profile,
		p->h.device.name, opt_name_of(dmabench_via_names, p->cfg->via),
		pair_size(p->cfg, &p->ap.pair[i]), p->ap.pair[i].old,
		p->ap.pair[i].attr, op, metric, side, v, unit);
}

static int write_csv(FILE *fp, void *arg)
{
	const struct pairs_report *p = arg;
	struct op_summary so, sa;
	uint32_t op, j;
	size_t i, k;

	fputs("profile,device,via,size_bytes,old,attr,op,metric,side,value,unit\n", fp);
	for (i = 0; i < p->ap.npairs; i++) {
		const struct side_result *s = p->sides[i];
		const struct vm_result *vo = vm_of(p, p->ap.pair[i].old);
		const struct vm_result *va = vm_of(p, p->ap.pair[i].attr);

		for (op = 0; s[0].ran && s[1].ran && op < s[0].results.nops; op++) {
			const struct dmabench_op_stats *a =
				find_op(&s[1], s[0].results.ops[op].name, &j);

			if (!a)
				continue;
			op_summary_compute(&s[0].results.ops[op], &s[0].hist[op], &so);
			op_summary_compute(a, &s[1].hist[j], &sa);
			for (k = 0; k < sizeof(pct_keys) / sizeof(pct_keys[0]); k++) {
				double r = ratio(pct_of(&so, k), pct_of(&sa, k));

				if (r < 0)
					continue;
				csv_row(fp, p, i, so.name, pct_keys[k].key, "old",
					(double)pct_of(&so, k), "ns");
				csv_row(fp, p, i, so.name, pct_keys[k].key, "attr",
					(double)pct_of(&sa, k), "ns");
				csv_row(fp, p, i, so.name, pct_keys[k].key, "ratio", r,
					"attr/old");
			}
		}
		if (p->ap.pair[i].size_bytes)
			continue;
		if (vo && vo->measured)
			csv_row(fp, p, i, "all", "vmalloc_bytes_per_buffer", "old",
				vo->bytes_per_buffer, "bytes");
		if (va && va->measured)
			csv_row(fp, p, i, "all", "vmalloc_bytes_per_buffer", "attr",
				va->bytes_per_buffer, "bytes");
	}
	return ferror(fp) ? -1 : 0;
}

static void human_vm(FILE *fp, const struct vm_result *v)
{
	if (v && v->measured)
		fprintf(fp, " %12.0f", v->bytes_per_buffer);
	else
		fprintf(fp, " %12s", "-");
}

static int write_human(FILE *fp, void *arg)
{
	const struct pairs_report *p = arg;
	struct op_summary so, sa;
	uint32_t j;
	size_t i;

	fingerprint_human(fp, &p->h);
	fprintf(fp, "# ratio = attr / old; vmalloc bytes per buffer: %s\n", vmalloc_method);
	fprintf(fp, "#%-19s %-21s %8s %10s %10s %7s %10s %10s %7s %12s %12s\n",
		"old", "attr", "size", "old_p50", "attr_p50", "ratio", "old_p99",
		"attr_p99", "ratio", "old_vm_B/buf", "attr_vm_B/buf");
	for (i = 0; i < p->ap.npairs; i++) {
		const struct side_result *s = p->sides[i];
		const struct dmabench_op_stats *a;

		fprintf(fp, "%-20s %-21s %8" PRIu64, p->ap.pair[i].old,
			p->ap.pair[i].attr, pair_size(p->cfg, &p->ap.pair[i]));
		a = s[0].ran && s[1].ran ? find_op(&s[1], s[0].results.ops[0].name, &j) : NULL;
		if (!a) {
			fprintf(fp, " %s: %s\n", pair_status(s),
				s[0].reason[0] ? s[0].reason : s[1].reason);
			continue;
		}
		op_summary_compute(&s[0].results.ops[0], &s[0].hist[0], &so);
		op_summary_compute(a, &s[1].hist[j], &sa);
		fprintf(fp, " %10" PRIu64 " %10" PRIu64 " %7.2f %10" PRIu64 " %10" PRIu64
			" %7.2f", so.p50_ns, sa.p50_ns, ratio(so.p50_ns, sa.p50_ns),
			so.p99_ns, sa.p99_ns, ratio(so.p99_ns, sa.p99_ns));
		human_vm(fp, p->ap.pair[i].size_bytes ? NULL : vm_of(p, p->ap.pair[i].old));
		human_vm(fp, p->ap.pair[i].size_bytes ? NULL : vm_of(p, p->ap.pair[i].attr));
		fprintf(fp, "  (op %s)\n", so.name);
	}
	return ferror(fp) ? -1 : 0;
}

/* Every distinct scenario of the pairs that has a storm variant, once. */
static void collect_variants(struct pairs_report *p)
{
	size_t i, k;

	for (i = 0; i < p->ap.npairs; i++) {
		const char *names[2] = { p->ap.pair[i].old, p->ap.pair[i].attr };

		if (p->ap.pair[i].size_bytes)
			continue;
		for (k = 0; k < 2; k++) {
			const struct alloc_side *side = alloc_side_of(&p->ap, names[k]);

			if (side && side->has_variant && !vm_of(p, names[k]) &&
			    p->nvm < sizeof(p->vm) / sizeof(p->vm[0]))
				p->vm[p->nvm++].side = side;
		}
	}
}

int cmd_pairs(struct cmd_ctx *ctx, int argc, char **argv)
{
	static int (*const writers[])(FILE *, void *) = {
		[OUTPUT_HUMAN] = write_human, [OUTPUT_JSON] = write_json,
		[OUTPUT_CSV] = write_csv,
	};
	struct pairs_report *p = calloc(1, sizeof(*p));
	uint64_t *hist_buf = malloc(PAIRS_HIST_COUNTERS * sizeof(uint64_t));
	struct pairs_config cfg;
	struct dmabench_handle dev;
	char err[OPT_ERR_LEN], *cmdline = NULL;
	size_t i, k;
	int ret;

	if (!p || !hist_buf) {
		cmd_error(ctx, "pairs", "out of memory");
		ret = EXIT_RUN_FAILED;
		goto out_free;
	}
	switch (pairs_config_parse(&cfg, argc - 1, argv + 1, err, sizeof(err))) {
	case OPTS_OK:
		break;
	case OPTS_HELP:
		ret = cmd_help(ctx, 2, (char *[]){ "help", "pairs", NULL });
		goto out_free;
	case OPTS_ERROR:
		cmd_error(ctx, "pairs", "%s", err);
		ret = EXIT_USAGE;
		goto out_free;
	}
	ret = cmd_open_device(ctx, "pairs", &dev);
	if (ret)
		goto out_free;
	ret = dmabench_handle_find_device(&dev, cfg.device, &p->h.device);
	if (ret) {
		cmd_error(ctx, "pairs", "no device '%s' (dmabench info shows them)",
			  cfg.device);
		ret = ret == -ENOENT ? EXIT_USAGE : EXIT_RUN_FAILED;
		goto out_close;
	}
	/* The module's "" means the first device; name it in the results. */
	snprintf(cfg.device, sizeof(cfg.device), "%s", p->h.device.name);
	ret = alloc_pairs_load(&dev, &p->ap);
	if (ret) {
		cmd_error(ctx, "pairs", "%s", ret == -ENOENT ?
			  "the module declares no allocation pairs (is it older than this dmabench?)" :
			  strerror(-ret));
		ret = EXIT_RUN_FAILED;
		goto out_close;
	}
	cmdline = cmdline_join(ctx->argc_full, ctx->argv_full);
	p->cfg = &cfg;
	fingerprint_start(&p->h, "pairs", cmdline, dev.info.kernel_release,
			    &pairs_options, &cfg);
	for (i = 0; i < p->ap.npairs && !dmabench_interrupted; i++) {
		const char *names[2] = { p->ap.pair[i].old, p->ap.pair[i].attr };

		for (k = 0; k < 2 && !dmabench_interrupted; k++) {
			run_side(ctx, &dev, &cfg, names[k], pair_size(&cfg, &p->ap.pair[i]),
				 hist_buf, &p->sides[i][k]);
			if (!strcmp(p->sides[i][k].status, "failed"))
				p->failed = true;
		}
	}
	collect_variants(p);
	for (i = 0; i < p->nvm && !dmabench_interrupted; i++) {
		struct dmabench_scenario_info si;

		/* A variant whose own scenario is unavailable has no storm either. */
		if (dmabench_handle_find_scenario(&dev, p->vm[i].side->scenario, &si) ||
		    (si.flags & DMABENCH_SCN_F_UNAVAILABLE)) {
			snprintf(p->vm[i].reason, sizeof(p->vm[i].reason),
				 "scenario unavailable");
			continue;
		}
		measure_vmalloc(ctx, &dev, &cfg, &p->callers, &p->vm[i]);
		if (!p->vm[i].measured) {
			cmd_error(ctx, "pairs", "vmalloc of %s: %s",
				  p->vm[i].side->scenario, p->vm[i].reason);
			p->failed = true;
		}
	}
	clock_gettime(CLOCK_REALTIME, &p->h.end_time);
	ret = cmd_write_report(ctx, "pairs", cfg.output_path, writers[cfg.format], p,
			       p->failed);
out_close:
	dmabench_handle_close(&dev);
out_free:
	free(cmdline);
	free(hist_buf);
	free(p);
	return ret;
}

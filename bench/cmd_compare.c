// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench compare BASELINE RUN... : mmtests compare-kernels style. One row
 * per (profile, entry, op, metric); the baseline's value, then each run's
 * value with its % change and a '*' where the difference is significant
 * (Mann-Whitney U on the per-repetition values, alpha 0.05). Values are
 * medians over repetitions, as in `dmabench summary`.
 *
 * Runs whose fingerprints (kernel_release, profile, clocksource, clock,
 * hypervisor) differ from the baseline's are refused (exit 2) unless
 * --force. --across kernel names the one axis the runs are meant to differ
 * on: their kernels may differ, everything else must still match, and the
 * output names each run's kernel.
 * Entries and ops that only one side has are listed, never dropped.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cmd.h"
#include "lib/atomic_file.h"
#include "lib/result_set.h"
#include "lib/run_options.h"
#include "lib/stats.h"

#define COMPARE_MAX_RUNS	16
#define COMPARE_ALPHA		0.05

struct compare_config {
	uint32_t format;	/* OUTPUT_HUMAN, OUTPUT_CSV or OUTPUT_JSON */
	char output_path[PATH_MAX];
	uint32_t force;		/* compare even when fingerprints differ */
	uint32_t across;	/* COMPARE_ACROSS_*: the axis allowed to differ */
};

enum { COMPARE_ACROSS_NONE, COMPARE_ACROSS_KERNEL };

static const struct opt_name across_names[] = {
	{ "none", COMPARE_ACROSS_NONE, false },
	{ "kernel", COMPARE_ACROSS_KERNEL, false },
	{ NULL, 0, false },
};

static const struct opt_desc compare_opts[] = {
	{ .name = "format", .json_key = "format", .type = OPT_ENUM,
	  .offset = offsetof(struct compare_config, format),
	  .field_size = sizeof(uint32_t), .def = OUTPUT_HUMAN,
	  .names = output_format_names, .help = "output format" },
	{ .name = "output", .json_key = "output", .type = OPT_STRING,
	  .offset = offsetof(struct compare_config, output_path),
	  .field_size = PATH_MAX, .def_str = "", .metavar = "FILE",
	  .help = "write to FILE (atomically) instead of stdout" },
	{ .name = "force", .json_key = "force", .type = OPT_SWITCH,
	  .offset = offsetof(struct compare_config, force),
	  .field_size = sizeof(uint32_t),
	  .help = "compare even when kernel, profile, clocksource or per-op clock differ" },
	{ .name = "across", .json_key = "across", .type = OPT_ENUM,
	  .offset = offsetof(struct compare_config, across),
	  .field_size = sizeof(uint32_t), .def = COMPARE_ACROSS_NONE,
	  .names = across_names,
	  .help = "the axis the runs differ on by design: kernel lets their kernels "
		  "differ (and names each), the rest of the fingerprint must match" },
};

const struct opt_table compare_options = {
	compare_opts, sizeof(compare_opts) / sizeof(compare_opts[0])
};

/* The metrics compared, in row order. */
static const char *const compare_metrics[] = { "p50_ns", "mean_ns", "p99_ns" };
#define NMETRICS (sizeof(compare_metrics) / sizeof(compare_metrics[0]))

/*
 * The fields that must agree between baseline and run, and their value when
 * a result has none (a per-op clock before the field: ktime). NULL: results
 * from before the field match any value (the hypervisor was not recorded,
 * and every such result came from the lab).
 */
static const char *const fingerprint_fields[] = {
	"kernel_release", "profile", "clocksource", "clock", "hypervisor"
};
static const char *const fingerprint_defaults[] = { "?", "?", "?", "ktime", NULL };
#define NFIELDS (sizeof(fingerprint_fields) / sizeof(fingerprint_fields[0]))

struct cmp_cell {
	bool present;
	double value;		/* median over repetitions */
	struct stats_ci ci;	/* its interval */
	struct stats_ci diff;	/* run - baseline: Hodges-Lehmann shift and interval */
	double change_pct;	/* NaN when the baseline is 0 or unknown */
	size_t n;		/* repetitions */
	bool tested;
	struct mwu_result t;
	bool significant;
};

struct cmp_row {
	const char *profile, *entry, *op, *metric;
	double base_value;
	struct stats_ci base_ci;
	size_t base_n;
	struct cmp_cell cell[COMPARE_MAX_RUNS];
};

struct cmp_only {
	int side;		/* -1: baseline only (missing in run `missing_in`), else run index */
	int missing_in;		/* the run that lacks it (for side -1) */
	const char *profile, *entry, *op;	/* op NULL: the whole entry */
};

struct cmp {
	struct result_set base, run[COMPARE_MAX_RUNS];
	size_t nruns;
	struct cmp_row *rows;
	size_t nrows;
	struct cmp_only *only;
	size_t nonly;
	char **diffs;		/* fingerprint differences, one line each */
	size_t ndiffs;
	bool forced;
	bool across_kernel;	/* kernel_release is the axis, not a difference */
	size_t ntests;		/* (row, run) pairs tested */
	size_t nsmall;		/* of which could never reach alpha */
	size_t small_na, small_nb;	/* the first such: its sample sizes */
	double small_p_min;
};

static bool all_single(const struct cmp *c)
{
	size_t i;

	if (!c->base.single_file)
		return false;
	for (i = 0; i < c->nruns; i++)
		if (!c->run[i].single_file)
			return false;
	return true;
}

/* The run's entry matching a baseline entry: same profile and file name, or
 * when every argument is one file, the run's only file. */
static const struct result_entry *match(const struct cmp *c, size_t r,
					const struct result_entry *be)
{
	if (all_single(c))
		return &c->run[r].e[0];
	return result_set_find(&c->run[r], be->profile, be->entry);
}

static int add_only(struct cmp *c, int side, int missing_in, const char *profile,
		    const char *entry, const char *op)
{
	struct cmp_only *grown = realloc(c->only, (c->nonly + 1) * sizeof(*grown));

	if (!grown)
		return -1;
	c->only = grown;
	grown[c->nonly++] = (struct cmp_only){ side, missing_in, profile, entry, op };
	return 0;
}

static int add_diff(struct cmp *c, const char *field, const char *bv, size_t r,
		    const char *rv)
{
	char line[1024], **grown;
	size_t i;

	snprintf(line, sizeof(line), "%s: baseline '%s', run %zu '%s'", field, bv,
		 r + 1, rv);
	for (i = 0; i < c->ndiffs; i++)
		if (!strcmp(c->diffs[i], line))
			return 0;
	grown = realloc(c->diffs, (c->ndiffs + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	c->diffs = grown;
	grown[c->ndiffs] = strdup(line);
	return grown[c->ndiffs++] ? 0 : -1;
}

static int check_fingerprint(struct cmp *c, size_t r, const struct result_entry *be,
			     const struct result_entry *re)
{
	size_t f;

	for (f = 0; f < NFIELDS; f++) {
		const char *bv = result_str_or(be->j, fingerprint_fields[f],
					       fingerprint_defaults[f]);
		const char *rv = result_str_or(re->j, fingerprint_fields[f],
					       fingerprint_defaults[f]);

		if (c->across_kernel && !strcmp(fingerprint_fields[f], "kernel_release"))
			continue;
		if (!bv || !rv)
			continue;
		if (strcmp(bv, rv) && add_diff(c, fingerprint_fields[f], bv, r, rv))
			return -1;
	}
	return 0;
}

/* A failed interval (no values) reads as unknown. */
static void ci_or_nan(int ret, struct stats_ci *ci)
{
	if (ret)
		*ci = (struct stats_ci){ NAN, NAN, NAN, NAN, false, 0 };
}

static void fill_cell(struct cmp *c, struct cmp_cell *cell, const struct result_entry *re,
		      const char *op, const char *metric, const double *bv, size_t bn,
		      double base_value)
{
	double v[DMABENCH_MAX_REPEAT];
	size_t n = result_metric_values(re->j, op, metric, v, DMABENCH_MAX_REPEAT);

	memset(cell, 0, sizeof(*cell));
	cell->present = true;
	cell->n = n;
	cell->value = NAN;
	ci_or_nan(stats_median_ci(v, n, STATS_CI_LEVEL, &cell->ci), &cell->ci);
	ci_or_nan(stats_shift_ci(bv, bn, v, n, STATS_CI_LEVEL, &cell->diff), &cell->diff);
	cell->value = cell->ci.estimate;
	cell->change_pct = isfinite(base_value) && base_value != 0 && n ?
			   (cell->value - base_value) / base_value * 100 : NAN;
	if (n && bn && !stats_mann_whitney(bv, bn, v, n, &cell->t)) {
		cell->tested = true;
		cell->significant = cell->t.p_value < COMPARE_ALPHA;
		c->ntests++;
		if (cell->t.p_min >= COMPARE_ALPHA && !c->nsmall++) {
			c->small_na = bn;
			c->small_nb = n;
			c->small_p_min = cell->t.p_min;
		}
	}
}

/* The rows of one op (or the whole iterations) of a baseline entry. */
static int build_op(struct cmp *c, const struct result_entry *be,
		    const struct result_entry *const *re, const char *op)
{
	size_t r, m;

	for (r = 0; r < c->nruns; r++)
		if (re[r] && !result_rep_op(re[r]->j, 0, op) &&
		    add_only(c, -1, (int)r, be->profile, be->entry, op))
			return -1;
	for (m = 0; m < NMETRICS; m++) {
		double bv[DMABENCH_MAX_REPEAT];
		struct cmp_row *row, *grown;

		grown = realloc(c->rows, (c->nrows + 1) * sizeof(*grown));
		if (!grown)
			return -1;
		c->rows = grown;
		row = &grown[c->nrows++];
		memset(row, 0, sizeof(*row));
		row->profile = be->profile;
		row->entry = be->entry;
		row->op = op;
		row->metric = compare_metrics[m];
		row->base_n = result_metric_values(be->j, op, row->metric, bv,
						   DMABENCH_MAX_REPEAT);
		ci_or_nan(stats_median_ci(bv, row->base_n, STATS_CI_LEVEL,
					  &row->base_ci), &row->base_ci);
		row->base_value = row->base_ci.estimate;
		for (r = 0; r < c->nruns; r++)
			if (re[r] && result_rep_op(re[r]->j, 0, op))
				fill_cell(c, &row->cell[r], re[r], op, row->metric,
					  bv, row->base_n, row->base_value);
	}
	return 0;
}

static int build(struct cmp *c)
{
	size_t i, r;
	const char *op;
	json_t *unused;

	for (i = 0; i < c->base.n; i++) {
		const struct result_entry *be = &c->base.e[i];
		json_t *ops0 = result_ops(be->j);
		const struct result_entry *re[COMPARE_MAX_RUNS];

		for (r = 0; r < c->nruns; r++) {
			re[r] = match(c, r, be);
			if (!re[r] && add_only(c, -1, (int)r, be->profile, be->entry, NULL))
				return -1;
			if (re[r] && check_fingerprint(c, r, be, re[r]))
				return -1;
		}
		json_object_foreach(ops0, op, unused)
			if (build_op(c, be, re, op))
				return -1;
		/* Per-op runs of this version: their iterations, timed whole. */
		if (result_rep_op(be->j, 0, RESULT_WHOLE_ITERATION) &&
		    build_op(c, be, re, RESULT_WHOLE_ITERATION))
			return -1;
	}
	/* What the runs have and the baseline does not. */
	for (r = 0; r < c->nruns; r++) {
		for (i = 0; i < c->run[r].n; i++) {
			const struct result_entry *re = &c->run[r].e[i];
			const struct result_entry *be = all_single(c) ? &c->base.e[0] :
				result_set_find(&c->base, re->profile, re->entry);
			json_t *ops0 = result_ops(re->j);

			if (!be) {
				if (add_only(c, (int)r, -1, re->profile, re->entry, NULL))
					return -1;
				continue;
			}
			json_object_foreach(ops0, op, unused)
				if (!result_rep_op(be->j, 0, op) &&
				    add_only(c, (int)r, -1, re->profile, re->entry, op))
					return -1;
			if (result_rep_op(re->j, 0, RESULT_WHOLE_ITERATION) &&
			    !result_rep_op(be->j, 0, RESULT_WHOLE_ITERATION) &&
			    add_only(c, (int)r, -1, re->profile, re->entry,
				     RESULT_WHOLE_ITERATION))
				return -1;
		}
	}
	return 0;
}

static const char *run_label(const struct cmp *c, int side)
{
	return side < 0 ? c->base.arg : c->run[side].arg;
}

static void fmt_value(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else if (fabs(v) < 1000 && v != floor(v))
		snprintf(buf, len, "%.1f", v);
	else
		snprintf(buf, len, "%.0f", v);
}

/* The difference's interval in % of the baseline: "[-1.2,+3.4]". */
static void fmt_diff_ci(char *buf, size_t len, const struct stats_ci *d, double base)
{
	if (isnan(d->lo) || !isfinite(base) || !base)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "[%+.1f,%+.1f]", d->lo / base * 100, d->hi / base * 100);
}

static void write_only_human(FILE *fp, const struct cmp *c)
{
	size_t i;

	for (i = 0; i < c->nonly; i++) {
		const struct cmp_only *o = &c->only[i];

		if (o->side < 0)
			fprintf(fp, "# only in baseline (missing in run %d %s): %s/%s%s%s\n",
				o->missing_in + 1, run_label(c, o->missing_in), o->profile,
				o->entry, o->op ? " op " : "", o->op ? o->op : "");
		else
			fprintf(fp, "# only in run %d (%s), not in baseline: %s/%s%s%s\n",
				o->side + 1, run_label(c, o->side), o->profile, o->entry,
				o->op ? " op " : "", o->op ? o->op : "");
	}
}

/* The kernel a result set ran on: release and exact Debian build. */
static void fprint_kernel(FILE *fp, const char *what, const struct result_set *s)
{
	fprintf(fp, "#   %s kernel: %s (%s)\n", what,
		result_str_or(s->e[0].j, "kernel_release", "?"),
		result_str_or(s->e[0].j, "kernel_version", "?"));
}

static int write_human(FILE *fp, void *arg)
{
	const struct cmp *c = arg;
	size_t i, r;

	fprintf(fp, "# dmabench compare: baseline %s%s\n", c->base.arg,
		c->across_kernel ? ", across kernels" : "");
	fprint_kernel(fp, "baseline", &c->base);
	for (r = 0; r < c->nruns; r++) {
		char what[32];

		fprintf(fp, "# run %zu: %s\n", r + 1, c->run[r].arg);
		snprintf(what, sizeof(what), "run %zu", r + 1);
		fprint_kernel(fp, what, &c->run[r]);
	}
	fprintf(fp, "# value: median over repetitions, ns; %%: (run - baseline) / baseline\n");
	fprintf(fp, "# *: significant at alpha %.2f, %s, on the per-repetition values; "
		"without '*': no significant difference\n", COMPARE_ALPHA, stats_mwu_method);
	fprintf(fp, "# [lo,hi]: %.0f%% interval of the difference run - baseline in %% of "
		"the baseline (%s)\n", STATS_CI_LEVEL * 100, stats_ci_method);
	if (c->nsmall)
		fprintf(fp, "# note: %zu of %zu comparisons have too few repetitions to ever "
			"reach alpha (%zu vs %zu: smallest possible p %.3f): there no '*' means "
			"'cannot tell', not 'same'; use --repeat 5 or more\n", c->nsmall,
			c->ntests, c->small_na, c->small_nb, c->small_p_min);
	for (i = 0; i < c->ndiffs; i++)
		fprintf(fp, "# warning: --force: fingerprints differ: %s\n", c->diffs[i]);
	fprintf(fp, "# %-13s %-30s %-15s %-8s %10s", "profile", "entry", "op", "metric",
		"baseline");
	for (r = 0; r < c->nruns; r++)
		fprintf(fp, " %10s%-2zu %9s  %-17s", "run", r + 1, "%", "[lo,hi]%");
	fputc('\n', fp);
	for (i = 0; i < c->nrows; i++) {
		const struct cmp_row *row = &c->rows[i];
		char b[32];

		fmt_value(b, sizeof(b), row->base_value);
		fprintf(fp, "  %-13s %-30s %-15s %-8s %10s", row->profile, row->entry,
			row->op, row->metric, b);
		for (r = 0; r < c->nruns; r++) {
			const struct cmp_cell *cell = &row->cell[r];
			char v[32], pct[32], ci[64];

			if (!cell->present) {
				fprintf(fp, " %12s %9s  %-17s", "missing", "", "");
				continue;
			}
			fmt_value(v, sizeof(v), cell->value);
			if (isnan(cell->change_pct))
				snprintf(pct, sizeof(pct), "-");
			else
				snprintf(pct, sizeof(pct), "%+.1f%%", cell->change_pct);
			fmt_diff_ci(ci, sizeof(ci), &cell->diff, row->base_value);
			fprintf(fp, " %12s %9s%c %-17s", v, pct, cell->significant ? '*' : ' ',
				ci);
		}
		fputc('\n', fp);
	}
	write_only_human(fp, c);
	return ferror(fp) ? -1 : 0;
}

/* 15 significant digits: every figure as exact as a double holds it. */
static void csv_num(FILE *fp, double v)
{
	if (isnan(v))
		fputs(",", fp);
	else
		fprintf(fp, ",%.15g", v);
}

static int write_csv(FILE *fp, void *arg)
{
	const struct cmp *c = arg;
	size_t i, r;

	fprintf(fp, "run,profile,entry,op,metric,baseline_value_ns,run_value_ns,"
		"change_pct,p_value,significant,u_baseline,n_baseline,n_run,p_exact,status,"
		"baseline_ci_lo_ns,baseline_ci_hi_ns,run_ci_lo_ns,run_ci_hi_ns,diff_ns,"
		"diff_ci_lo_ns,diff_ci_hi_ns,diff_ci_level\n");
	for (i = 0; i < c->nrows; i++) {
		const struct cmp_row *row = &c->rows[i];

		for (r = 0; r < c->nruns; r++) {
			const struct cmp_cell *cell = &row->cell[r];

			fprintf(fp, "%zu,%s,%s,%s,%s", r + 1, row->profile, row->entry,
				row->op, row->metric);
			csv_num(fp, row->base_value);
			if (!cell->present) {
				fprintf(fp, ",,,,,,%zu,,,only_baseline", row->base_n);
				csv_num(fp, row->base_ci.lo);
				csv_num(fp, row->base_ci.hi);
				fputs(",,,,,,\n", fp);
				continue;
			}
			csv_num(fp, cell->value);
			csv_num(fp, cell->change_pct);
			if (cell->tested) {
				csv_num(fp, cell->t.p_value);
				fprintf(fp, ",%d", cell->significant);
				csv_num(fp, cell->t.u_a);
			} else {
				fprintf(fp, ",,,");
			}
			fprintf(fp, ",%zu,%zu,%s,both", row->base_n, cell->n,
				cell->tested ? (cell->t.exact ? "1" : "0") : "");
			csv_num(fp, row->base_ci.lo);
			csv_num(fp, row->base_ci.hi);
			csv_num(fp, cell->ci.lo);
			csv_num(fp, cell->ci.hi);
			csv_num(fp, cell->diff.estimate);
			csv_num(fp, cell->diff.lo);
			csv_num(fp, cell->diff.hi);
			csv_num(fp, cell->diff.level);
			fputc('\n', fp);
		}
	}
	for (i = 0; i < c->nonly; i++) {
		const struct cmp_only *o = &c->only[i];

		fprintf(fp, "%d,%s,%s,%s,,,,,,,,,,,%s,,,,,,,,\n",
			(o->side < 0 ? o->missing_in : o->side) + 1, o->profile, o->entry,
			o->op ? o->op : "", o->side < 0 ? "only_baseline" : "only_run");
	}
	return ferror(fp) ? -1 : 0;
}

static json_t *num_or_null(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* {estimate, lo, hi, level, reached}; null when unknown. */
static json_t *ci_json(const struct stats_ci *ci)
{
	if (isnan(ci->lo))
		return json_null();
	return json_pack("{s:o,s:o,s:o,s:o,s:b}", "estimate", num_or_null(ci->estimate),
			 "lo", num_or_null(ci->lo), "hi", num_or_null(ci->hi),
			 "level", num_or_null(ci->level), "reached", ci->reached);
}

static json_t *fingerprint_json(const struct result_set *s)
{
	json_t *o = json_object();
	size_t f;

	for (f = 0; f < NFIELDS; f++) {
		const char *v = result_str_or(s->e[0].j, fingerprint_fields[f],
					      fingerprint_defaults[f]);

		json_object_set_new(o, fingerprint_fields[f], v ? json_string(v) : json_null());
	}
	json_object_set_new(o, "kernel_version",
			    json_string(result_str_or(s->e[0].j, "kernel_version", "?")));
	return o;
}

static int write_json(FILE *fp, void *arg)
{
	const struct cmp *c = arg;
	json_t *root, *runs, *rows, *only, *diffs;
	size_t i, r;
	int ret;

	root = json_pack("{s:s,s:s,s:s,s:f,s:s,s:f,s:s,s:b}", "tool", "dmabench",
			 "command", "compare", "tool_version", DMABENCH_VERSION, "alpha",
			 COMPARE_ALPHA, "test", stats_mwu_method, "ci_level", STATS_CI_LEVEL,
			 "ci_method", stats_ci_method, "forced", c->forced);
	if (!root)
		return -1;
	json_object_set_new(root, "across",
			    json_string(c->across_kernel ? "kernel" : "none"));
	json_object_set_new(root, "baseline", json_pack("{s:s,s:o}", "path", c->base.arg,
				"fingerprint", fingerprint_json(&c->base)));
	runs = json_array();
	for (r = 0; r < c->nruns; r++)
		json_array_append_new(runs, json_pack("{s:s,s:o}", "path", c->run[r].arg,
				      "fingerprint", fingerprint_json(&c->run[r])));
	json_object_set_new(root, "runs", runs);
	diffs = json_array();
	for (i = 0; i < c->ndiffs; i++)
		json_array_append_new(diffs, json_string(c->diffs[i]));
	json_object_set_new(root, "fingerprint_differences", diffs);
	rows = json_array();
	for (i = 0; i < c->nrows; i++) {
		const struct cmp_row *row = &c->rows[i];
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:o,s:I}", "profile", row->profile,
				      "entry", row->entry, "op", row->op, "metric",
				      row->metric, "baseline_value_ns",
				      num_or_null(row->base_value), "n_baseline",
				      (json_int_t)row->base_n);

		json_object_set_new(o, "baseline_ci", ci_json(&row->base_ci));
		json_t *cells = json_array();

		for (r = 0; r < c->nruns; r++) {
			const struct cmp_cell *cell = &row->cell[r];
			json_t *x;

			if (!cell->present) {
				json_array_append_new(cells, json_pack("{s:b}", "present", 0));
				continue;
			}
			x = json_pack("{s:b,s:o,s:o,s:I}", "present", 1, "value_ns",
				      num_or_null(cell->value), "change_pct",
				      num_or_null(cell->change_pct), "n_run",
				      (json_int_t)cell->n);
			json_object_set_new(x, "ci", ci_json(&cell->ci));
			json_object_set_new(x, "diff_ns", ci_json(&cell->diff));
			if (cell->tested) {
				json_object_set_new(x, "p_value", json_real(cell->t.p_value));
				json_object_set_new(x, "p_exact", json_boolean(cell->t.exact));
				json_object_set_new(x, "p_min", json_real(cell->t.p_min));
				json_object_set_new(x, "u_baseline", json_real(cell->t.u_a));
				json_object_set_new(x, "significant",
						    json_boolean(cell->significant));
			}
			json_array_append_new(cells, x);
		}
		json_object_set_new(o, "runs", cells);
		json_array_append_new(rows, o);
	}
	json_object_set_new(root, "rows", rows);
	only = json_array();
	for (i = 0; i < c->nonly; i++) {
		const struct cmp_only *o = &c->only[i];

		json_array_append_new(only, json_pack("{s:s,s:I,s:s,s:s,s:o}",
			"side", o->side < 0 ? "baseline" : "run",
			"run", (json_int_t)((o->side < 0 ? o->missing_in : o->side) + 1),
			"profile", o->profile, "entry", o->entry,
			"op", o->op ? json_string(o->op) : json_null()));
	}
	json_object_set_new(root, "only_in_one_side", only);
	ret = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (ret || fputc('\n', fp) == EOF)
		return -1;
	return ferror(fp) ? -1 : 0;
}

static void cmp_free(struct cmp *c)
{
	size_t i;

	result_set_free(&c->base);
	for (i = 0; i < c->nruns; i++)
		result_set_free(&c->run[i]);
	for (i = 0; i < c->ndiffs; i++)
		free(c->diffs[i]);
	free(c->diffs);
	free(c->rows);
	free(c->only);
}

int cmd_compare(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct compare_config cfg;
	struct cmp c;
	char err[OPT_ERR_LEN + PATH_MAX], *positional[COMPARE_MAX_RUNS + 1];
	int npositional, ret, i, (*writer)(FILE *, void *);

	memset(&c, 0, sizeof(c));
	opts_set_defaults(&compare_options, &cfg);
	ret = opts_parse(&compare_options, &cfg, argc - 1, argv + 1, positional,
			 COMPARE_MAX_RUNS + 1, &npositional, NULL, err, sizeof(err));
	if (ret == OPTS_HELP) {
		fprintf(ctx->out, "usage: dmabench compare BASELINE RUN... [options]\n\n"
			"options:\n");
		opts_print_help(ctx->out, &compare_options);
		return EXIT_OK;
	}
	if (ret != OPTS_OK) {
		cmd_error(ctx, "compare", "%s", err);
		return EXIT_USAGE;
	}
	if (npositional < 2) {
		cmd_error(ctx, "compare", "takes a baseline and at least one run "
			  "(result files or run directories)");
		return EXIT_USAGE;
	}
	if (result_set_load(&c.base, positional[0], err, sizeof(err))) {
		cmd_error(ctx, "compare", "%s", err);
		return EXIT_RUN_FAILED;
	}
	for (i = 1; i < npositional; i++) {
		if (result_set_load(&c.run[i - 1], positional[i], err, sizeof(err))) {
			cmd_error(ctx, "compare", "%s", err);
			cmp_free(&c);
			return EXIT_RUN_FAILED;
		}
		c.nruns++;
	}
	c.forced = cfg.force;
	c.across_kernel = cfg.across == COMPARE_ACROSS_KERNEL;
	if (build(&c)) {
		cmd_error(ctx, "compare", "out of memory");
		cmp_free(&c);
		return EXIT_RUN_FAILED;
	}
	if (c.ndiffs && !c.forced) {
		size_t d;

		for (d = 0; d < c.ndiffs; d++)
			cmd_error(ctx, "compare", "fingerprints differ: %s", c.diffs[d]);
		cmd_error(ctx, "compare", "refusing to compare (--across kernel when "
			  "kernels differ by design, --force to compare anyway)");
		cmp_free(&c);
		return EXIT_USAGE;
	}
	if (c.ndiffs)
		cmd_error(ctx, "compare", "warning: --force: comparing runs whose "
			  "fingerprints differ (%zu difference(s))", c.ndiffs);
	writer = cfg.format == OUTPUT_CSV ? write_csv :
		 cfg.format == OUTPUT_JSON ? write_json : write_human;
	if (cfg.output_path[0])
		ret = atomic_file_write(cfg.output_path, writer, &c);
	else
		ret = writer(ctx->out, &c);
	cmp_free(&c);
	if (ret) {
		cmd_error(ctx, "compare", "writing %s: %s",
			  cfg.output_path[0] ? cfg.output_path : "stdout", strerror(errno));
		return EXIT_RUN_FAILED;
	}
	return EXIT_OK;
}

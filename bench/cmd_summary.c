// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench summary DIR: one table (or long-format CSV for gnuplot) of every
 * result file below DIR (DIR/<profile>/<entry>.json, as `make run` writes
 * them). Each figure is the median over the run's repetitions, so one noisy
 * repetition does not move it, with its distribution-free confidence
 * interval (stats_median_ci); the count of repetitions is shown beside it.
 * A per-op run's whole iterations, when it timed them, are one more row
 * (op whole_iteration).
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

struct summary_config {
	uint32_t format;		/* OUTPUT_HUMAN or OUTPUT_CSV */
	char output_path[PATH_MAX];
};

static const struct opt_name summary_format_names[] = {
	{ "human", OUTPUT_HUMAN, false },
	{ "csv", OUTPUT_CSV, false },
	{ NULL, 0, false },
};

static const struct opt_desc summary_opts[] = {
	{ .name = "format", .json_key = "format", .type = OPT_ENUM,
	  .offset = offsetof(struct summary_config, format),
	  .field_size = sizeof(uint32_t), .def = OUTPUT_HUMAN,
	  .names = summary_format_names, .help = "output format" },
	{ .name = "output", .json_key = "output", .type = OPT_STRING,
	  .offset = offsetof(struct summary_config, output_path),
	  .field_size = PATH_MAX, .def_str = "", .metavar = "FILE",
	  .help = "write to FILE (atomically) instead of stdout" },
};

const struct opt_table summary_options = {
	summary_opts, sizeof(summary_opts) / sizeof(summary_opts[0])
};

/* The per-op metrics summarised, with their units. */
static const struct {
	const char *key;
	const char *unit;
} summary_metrics[] = {
	{ "mean_ns", "ns" }, { "p50_ns", "ns" }, { "p90_ns", "ns" },
	{ "p99_ns", "ns" }, { "p999_ns", "ns" }, { "stddev_ns", "ns" },
	{ "net_mean_ns", "ns" }, { "net_p50_ns", "ns" },	/* per-op, net of the floor */
};
#define NMETRICS (sizeof(summary_metrics) / sizeof(summary_metrics[0]))

struct summary_row {
	char profile[256];
	char entry[256];
	char scenario[DMABENCH_NAME_LEN];
	char via[16];
	char direction[16];
	json_int_t size_bytes, threads, batch;
	char op[16];
	struct stats_ci metric[NMETRICS];	/* median over repetitions, its CI */
	json_int_t count, errors, overflow, ops_per_sample;
	size_t reps;
};

static void copy_str(char *dst, size_t len, json_t *v)
{
	snprintf(dst, len, "%s", json_is_string(v) ? json_string_value(v) : "?");
}

/* Appends the row of op (or of the whole iterations) of result entry e. */
static int summarise_op(const struct result_entry *e, const char *op,
			struct summary_row **rows, size_t *nrows)
{
	json_t *j = e->j, *params = json_object_get(j, "params");
	size_t nreps = result_nreps(j), m, i;
	double values[DMABENCH_MAX_REPEAT];
	struct summary_row *r, *grown;

	grown = realloc(*rows, (*nrows + 1) * sizeof(**rows));
	if (!grown)
		return -ENOMEM;
	*rows = grown;
	r = &grown[(*nrows)++];
	memset(r, 0, sizeof(*r));
	snprintf(r->profile, sizeof(r->profile), "%s", e->profile);
	snprintf(r->entry, sizeof(r->entry), "%s", e->entry);
	snprintf(r->op, sizeof(r->op), "%s", op);
	copy_str(r->scenario, sizeof(r->scenario),
		 json_object_get(json_object_get(j, "scenario"), "name"));
	copy_str(r->via, sizeof(r->via), json_object_get(params, "via"));
	copy_str(r->direction, sizeof(r->direction),
		 json_object_get(params, "direction"));
	r->size_bytes = json_integer_value(json_object_get(params, "size_bytes"));
	r->threads = json_integer_value(json_object_get(params, "threads"));
	r->batch = json_integer_value(json_object_get(params, "batch"));
	r->reps = nreps < DMABENCH_MAX_REPEAT ? nreps : DMABENCH_MAX_REPEAT;
	for (m = 0; m < NMETRICS; m++) {
		size_t n = result_metric_values(j, op, summary_metrics[m].key,
						values, DMABENCH_MAX_REPEAT);

		/* A metric no repetition could give is NaN, never 0. */
		if (!n || stats_median_ci(values, n, STATS_CI_LEVEL, &r->metric[m]))
			r->metric[m] = (struct stats_ci){ NAN, NAN, NAN, NAN, false, 0 };
	}
	for (i = 0; i < nreps; i++) {
		json_t *s = result_rep_op(j, i, op);

		r->count = result_int_add(r->count,
			json_integer_value(json_object_get(s, "count")));
		r->errors = result_int_add(r->errors,
			json_integer_value(json_object_get(s, "errors")));
		r->overflow = result_int_add(r->overflow,
			json_integer_value(json_object_get(s, "overflow")));
		r->ops_per_sample =
			json_integer_value(json_object_get(s, "ops_per_sample"));
	}
	return 0;
}

/*
 * Appends one row per op of the result entry e to rows, then one for its
 * whole iterations when the run timed them: a list's tail is that row's
 * p99, not a sum of its ops' p99s.
 */
static int summarise_file(const struct result_entry *e, struct summary_row **rows,
			  size_t *nrows)
{
	json_t *ops0 = result_ops(e->j), *unused;
	const char *op;
	int ret;

	if (!json_is_object(json_object_get(e->j, "params")) || !result_nreps(e->j) ||
	    !json_is_object(ops0))
		return -EINVAL;
	json_object_foreach(ops0, op, unused) {
		ret = summarise_op(e, op, rows, nrows);
		if (ret)
			return ret;
	}
	if (result_rep_op(e->j, 0, RESULT_WHOLE_ITERATION))
		return summarise_op(e, RESULT_WHOLE_ITERATION, rows, nrows);
	return 0;
}

/* Every result below dir, read as compare and report read it (result_set). */
static int summarise_dir(struct cmd_ctx *ctx, const char *dir,
			 struct summary_row **rows, size_t *nrows)
{
	struct result_set rs;
	char err[PATH_MAX + 256];
	size_t i;
	int ret = 0;

	if (result_set_load(&rs, dir, err, sizeof(err))) {
		cmd_error(ctx, "summary", "%s", err);
		return -EINVAL;
	}
	if (rs.single_file) {
		cmd_error(ctx, "summary", "%s: a results directory "
			  "(DIR/<profile>/*.json), not a file", dir);
		result_set_free(&rs);
		return -EINVAL;
	}
	for (i = 0; i < rs.n; i++) {
		int err2 = summarise_file(&rs.e[i], rows, nrows);

		if (err2 == -ENOMEM) {
			cmd_error(ctx, "summary", "out of memory");
			ret = err2;
			break;
		}
		if (err2) {
			cmd_error(ctx, "summary", "%s: not a dmabench result", rs.e[i].path);
			ret = err2;
		}
	}
	result_set_free(&rs);
	return ret;
}

struct summary_out {
	const struct summary_row *rows;
	size_t nrows;
};

/* "[lo, hi]" of a CI, "-" when unknown. */
static void fmt_ci(char *buf, size_t len, const struct stats_ci *ci, const char *fmt)
{
	char lo[32], hi[32];

	if (isnan(ci->lo)) {
		snprintf(buf, len, "-");
		return;
	}
	snprintf(lo, sizeof(lo), fmt, ci->lo);
	snprintf(hi, sizeof(hi), fmt, ci->hi);
	snprintf(buf, len, "[%.24s,%.24s]", lo, hi);
}

static int write_human(FILE *fp, void *arg)
{
	const struct summary_out *s = arg;
	size_t i;

	fprintf(fp, "# median over repetitions; a sample of a batched run is the mean "
		"of ops_per_sample iterations\n");
	fprintf(fp, "# [lo,hi]: %.0f%% confidence interval of that median, %s; below 6 "
		"repetitions it is [min,max] at a lower coverage (ci_level in the CSV)\n",
		STATS_CI_LEVEL * 100, stats_ci_method);
	fprintf(fp, "# %-13s %-30s %-6s %-15s %10s %-21s %10s %-17s %10s %10s %5s %9s %7s\n",
		"profile", "entry", "via", "op", "mean_ns", "mean_ns_ci", "p50_ns",
		"p50_ns_ci", "p99_ns", "p999_ns", "reps", "samples", "errors");
	for (i = 0; i < s->nrows; i++) {
		const struct summary_row *r = &s->rows[i];
		char mci[64], pci[64];

		fmt_ci(mci, sizeof(mci), &r->metric[0], "%.1f");
		fmt_ci(pci, sizeof(pci), &r->metric[1], "%.0f");
		fprintf(fp, "  %-13s %-30s %-6s %-15s %10.1f %-21s %10.0f %-17s %10.0f %10.0f "
			"%5zu %9lld %7lld\n",
			r->profile, r->entry, r->via, r->op, r->metric[0].estimate, mci,
			r->metric[1].estimate, pci, r->metric[3].estimate,
			r->metric[4].estimate, r->reps, (long long)r->count,
			(long long)r->errors);
	}
	return ferror(fp) ? -1 : 0;
}

static int write_csv(FILE *fp, void *arg)
{
	const struct summary_out *s = arg;
	size_t i, m;

	/* ci_*: the median's interval over repetitions (empty for counts) */
	fprintf(fp, "profile,entry,scenario,via,direction,size_bytes,threads,batch,"
		"op,metric,value,unit,ci_lo,ci_hi,ci_level\n");
	for (i = 0; i < s->nrows; i++) {
		const struct summary_row *r = &s->rows[i];
		char head[1024];

		snprintf(head, sizeof(head), "%s,%s,%s,%s,%s,%lld,%lld,%lld,%s",
			 r->profile, r->entry, r->scenario, r->via, r->direction,
			 (long long)r->size_bytes, (long long)r->threads,
			 (long long)r->batch, r->op);
		for (m = 0; m < NMETRICS; m++)
			fprintf(fp, "%s,%s,%.3f,%s,%.3f,%.3f,%.4f\n", head,
				summary_metrics[m].key, r->metric[m].estimate,
				summary_metrics[m].unit, r->metric[m].lo, r->metric[m].hi,
				r->metric[m].level);
		fprintf(fp, "%s,samples,%lld,count,,,\n", head, (long long)r->count);
		fprintf(fp, "%s,errors,%lld,count,,,\n", head, (long long)r->errors);
		fprintf(fp, "%s,overflow,%lld,count,,,\n", head, (long long)r->overflow);
		fprintf(fp, "%s,ops_per_sample,%lld,count,,,\n", head,
			(long long)r->ops_per_sample);
		fprintf(fp, "%s,repetitions,%zu,count,,,\n", head, r->reps);
	}
	return ferror(fp) ? -1 : 0;
}

int cmd_summary(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct summary_config cfg;
	struct summary_row *rows = NULL;
	struct summary_out out;
	char err[OPT_ERR_LEN], *positional[1];
	int npositional, ret, (*writer)(FILE *, void *);
	size_t nrows = 0;

	opts_set_defaults(&summary_options, &cfg);
	switch (opts_parse(&summary_options, &cfg, argc - 1, argv + 1, positional, 1,
			   &npositional, NULL, err, sizeof(err))) {
	case OPTS_OK:
		break;
	case OPTS_HELP:
		fprintf(ctx->out, "usage: dmabench summary DIR [options]\n\noptions:\n");
		opts_print_help(ctx->out, &summary_options);
		return EXIT_OK;
	default:
		cmd_error(ctx, "summary", "%s", err);
		return EXIT_USAGE;
	}
	if (npositional != 1) {
		cmd_error(ctx, "summary", "takes one results directory (DIR/<profile>/*.json)");
		return EXIT_USAGE;
	}
	ret = summarise_dir(ctx, positional[0], &rows, &nrows);
	if (!ret && !nrows) {
		cmd_error(ctx, "summary", "%s: no result files", positional[0]);
		ret = -ENOENT;
	}
	if (ret) {
		free(rows);
		return EXIT_RUN_FAILED;
	}
	out.rows = rows;
	out.nrows = nrows;
	writer = cfg.format == OUTPUT_CSV ? write_csv : write_human;
	if (cfg.output_path[0])
		ret = atomic_file_write(cfg.output_path, writer, &out);
	else
		ret = writer(ctx->out, &out);
	free(rows);
	if (ret) {
		cmd_error(ctx, "summary", "writing %s: %s",
			  cfg.output_path[0] ? cfg.output_path : "stdout", strerror(errno));
		return EXIT_RUN_FAILED;
	}
	return EXIT_OK;
}

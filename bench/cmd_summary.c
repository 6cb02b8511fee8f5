// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench summary DIR: one table (or long-format CSV for gnuplot) of every
 * result file below DIR (DIR/<profile>/<entry>.json, as `make run` writes
 * them). Each figure is the median over the run's repetitions, so one noisy
 * repetition does not move it; the count of repetitions is shown beside it.
 */
#include <dirent.h>
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
	double metric[NMETRICS];	/* median over repetitions */
	json_int_t count, errors, overflow, ops_per_sample;
	size_t reps;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median of values[0..n): the mean of the middle two when n is even. */
static double median(double *values, size_t n)
{
	qsort(values, n, sizeof(*values), cmp_double);
	return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void copy_str(char *dst, size_t len, json_t *v)
{
	snprintf(dst, len, "%s", json_is_string(v) ? json_string_value(v) : "?");
}

/* Appends one row per op of the result file j to rows. */
static int summarise_file(json_t *j, const char *profile, const char *entry,
			  struct summary_row **rows, size_t *nrows)
{
	json_t *params = json_object_get(j, "params");
	json_t *reps = json_object_get(j, "repetitions");
	json_t *ops0 = json_object_get(json_array_get(reps, 0), "ops");
	size_t nreps = json_array_size(reps);
	const char *op;
	json_t *unused;

	if (!json_is_object(params) || !nreps || !json_is_object(ops0))
		return -EINVAL;
	json_object_foreach(ops0, op, unused) {
		struct summary_row *r, *grown;
		double values[DMABENCH_MAX_REPEAT];
		size_t m, i;

		grown = realloc(*rows, (*nrows + 1) * sizeof(**rows));
		if (!grown)
			return -ENOMEM;
		*rows = grown;
		r = &grown[(*nrows)++];
		memset(r, 0, sizeof(*r));
		snprintf(r->profile, sizeof(r->profile), "%s", profile);
		snprintf(r->entry, sizeof(r->entry), "%s", entry);
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
			size_t n = 0;

			for (i = 0; i < r->reps; i++) {
				json_t *s = json_object_get(json_object_get(
					json_object_get(json_array_get(reps, i), "ops"), op),
					summary_metrics[m].key);

				if (json_is_number(s))
					values[n++] = json_number_value(s);
			}
			/* A metric no repetition could give is NaN, never 0. */
			r->metric[m] = n ? median(values, n) : NAN;
		}
		for (i = 0; i < nreps; i++) {
			json_t *s = json_object_get(json_object_get(
				json_array_get(reps, i), "ops"), op);

			r->count = result_int_add(r->count,
				json_integer_value(json_object_get(s, "count")));
			r->errors = result_int_add(r->errors,
				json_integer_value(json_object_get(s, "errors")));
			r->overflow = result_int_add(r->overflow,
				json_integer_value(json_object_get(s, "overflow")));
			r->ops_per_sample =
				json_integer_value(json_object_get(s, "ops_per_sample"));
		}
	}
	return 0;
}

static int json_file_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && !strcmp(d->d_name + n - 5, ".json") &&
	       strcmp(d->d_name, "info.json");
}

static int dir_filter(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static int summarise_dir(struct cmd_ctx *ctx, const char *dir,
			 struct summary_row **rows, size_t *nrows)
{
	struct dirent **profiles = NULL, **files;
	int np, nf, p, f, ret = 0;
	char path[PATH_MAX];

	np = scandir(dir, &profiles, dir_filter, alphasort);
	if (np < 0) {
		cmd_error(ctx, "summary", "%s: %s", dir, strerror(errno));
		return -errno;
	}
	for (p = 0; p < np; p++) {
		snprintf(path, sizeof(path), "%s/%s", dir, profiles[p]->d_name);
		nf = scandir(path, &files, json_file_filter, alphasort);
		for (f = 0; f < nf; f++) {
			char file[PATH_MAX + 256], entry[256];
			json_error_t e;
			json_t *j;

			snprintf(file, sizeof(file), "%s/%s", path, files[f]->d_name);
			snprintf(entry, sizeof(entry), "%.*s",
				 (int)(strlen(files[f]->d_name) - 5), files[f]->d_name);
			j = json_load_file(file, 0, &e);
			if (!j || summarise_file(j, profiles[p]->d_name, entry, rows, nrows)) {
				cmd_error(ctx, "summary", "%s: not a dmabench result%s%s",
					  file, j ? "" : ": ", j ? "" : e.text);
				ret = -EINVAL;
			}
			json_decref(j);
			free(files[f]);
		}
		if (nf >= 0)
			free(files);
		free(profiles[p]);
	}
	free(profiles);
	return ret;
}

struct summary_out {
	const struct summary_row *rows;
	size_t nrows;
};

static int write_human(FILE *fp, void *arg)
{
	const struct summary_out *s = arg;
	size_t i;

	fprintf(fp, "# median over repetitions; a sample of a batched run is the mean "
		"of ops_per_sample iterations\n");
	fprintf(fp, "# %-13s %-30s %-6s %-15s %10s %10s %10s %10s %5s %9s %7s\n",
		"profile", "entry", "via", "op", "mean_ns", "p50_ns", "p99_ns",
		"p999_ns", "reps", "samples", "errors");
	for (i = 0; i < s->nrows; i++) {
		const struct summary_row *r = &s->rows[i];

		fprintf(fp, "  %-13s %-30s %-6s %-15s %10.1f %10.0f %10.0f %10.0f %5zu %9lld %7lld\n",
			r->profile, r->entry, r->via, r->op, r->metric[0], r->metric[1],
			r->metric[3], r->metric[4], r->reps, (long long)r->count,
			(long long)r->errors);
	}
	return ferror(fp) ? -1 : 0;
}

static int write_csv(FILE *fp, void *arg)
{
	const struct summary_out *s = arg;
	size_t i, m;

	fprintf(fp, "profile,entry,scenario,via,direction,size_bytes,threads,batch,"
		"op,metric,value,unit\n");
	for (i = 0; i < s->nrows; i++) {
		const struct summary_row *r = &s->rows[i];
		char head[1024];

		snprintf(head, sizeof(head), "%s,%s,%s,%s,%s,%lld,%lld,%lld,%s",
			 r->profile, r->entry, r->scenario, r->via, r->direction,
			 (long long)r->size_bytes, (long long)r->threads,
			 (long long)r->batch, r->op);
		for (m = 0; m < NMETRICS; m++)
			fprintf(fp, "%s,%s,%.3f,%s\n", head, summary_metrics[m].key,
				r->metric[m], summary_metrics[m].unit);
		fprintf(fp, "%s,samples,%lld,count\n", head, (long long)r->count);
		fprintf(fp, "%s,errors,%lld,count\n", head, (long long)r->errors);
		fprintf(fp, "%s,overflow,%lld,count\n", head, (long long)r->overflow);
		fprintf(fp, "%s,ops_per_sample,%lld,count\n", head,
			(long long)r->ops_per_sample);
		fprintf(fp, "%s,repetitions,%zu,count\n", head, r->reps);
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

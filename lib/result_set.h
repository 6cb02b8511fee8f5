/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A set of dmabench result files, loaded for compare and report: one result
 * file, or a run directory (DIR/<profile>/<entry>.json, as `make run` writes
 * it). Each entry keeps its parsed JSON.
 */
#ifndef DMABENCH_RESULT_SET_H
#define DMABENCH_RESULT_SET_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>
#include "hist.h"

struct result_entry {
	char profile[128];	/* the directory's name; a single file: its "profile" */
	char entry[256];	/* file name without .json */
	char path[PATH_MAX];
	json_t *j;
};

struct result_set {
	const char *arg;	/* as given on the command line */
	bool single_file;
	struct result_entry *e;
	size_t n;
};

/* Loads arg (a file or a run directory). 0, or -1 with err set. Files that
 * are JSON but not run results (info.json, no "repetitions") are skipped;
 * a run result of a file_version this dmabench does not read fails it. */
int result_set_load(struct result_set *s, const char *arg, char *err, size_t errlen);
void result_set_free(struct result_set *s);

/* The entry of profile/entry, or NULL. */
const struct result_entry *result_set_find(const struct result_set *s,
					   const char *profile, const char *entry);

/* The file's "file_version": 1 when it has none (the first layout), 0 when
 * it is not one this dmabench reads (not an integer, below 1, later than
 * RESULTS_FILE_VERSION). */
int result_file_version(const json_t *j);
/* 0 when result_file_version() knows j's version; else -1 and err says
 * which version path has. result_set_load and merge refuse such files. */
int result_check_version(const json_t *j, const char *path, char *err, size_t errlen);

/* A string field of the result's header, or "?" when it has none. */
const char *result_str(const json_t *j, const char *key);

/* A header field, or def when the result has none ("clock": files older
 * than the field were timed with ktime). */
const char *result_str_or(const json_t *j, const char *key, const char *def);

/*
 * The whole iterations of a per-op run, beside its ops: result_rep_op and
 * everything built on it take this name for them. No op has it: the module
 * gives that name to no op.
 */
#define RESULT_WHOLE_ITERATION	"whole_iteration"

/* The op object of repetition i (NULL when absent). */
json_t *result_rep_op(const json_t *j, size_t rep, const char *op);
/* The ops of the first repetition, in the result's order (NULL when none):
 * what every repetition times. */
json_t *result_ops(const json_t *j);
/* op's histogram over every repetition, read as the file's version writes
 * it (1: [lower_ns, upper_ns, count] triples, 2: runs [lower_ns, count,
 * ...]; see RESULTS_FILE_VERSION); counts saturate. Empty for a version it
 * does not know. */
void result_op_hist(const json_t *j, const char *op, struct hist *h);
size_t result_nreps(const json_t *j);

/* Values of metric (e.g. "p50_ns") of op in every repetition that has it,
 * into v[0..max); returns how many. */
size_t result_metric_values(const json_t *j, const char *op, const char *metric,
			    double *v, size_t max);

/* a + b, saturated to the json_int_t range: counts summed over a file's
 * repetitions are the file's numbers, any size (fuzz_results found the
 * signed overflow). */
json_int_t result_int_add(json_int_t a, json_int_t b);

#endif

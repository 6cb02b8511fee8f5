// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "result_set.h"
#include "results.h"

const char *result_str(const json_t *j, const char *key)
{
	json_t *v = json_object_get(j, key);

	return json_is_string(v) ? json_string_value(v) : "?";
}

const char *result_str_or(const json_t *j, const char *key, const char *def)
{
	json_t *v = json_object_get(j, key);

	return json_is_string(v) ? json_string_value(v) : def;
}

size_t result_nreps(const json_t *j)
{
	return json_array_size(json_object_get(j, "repetitions"));
}

json_t *result_rep_op(const json_t *j, size_t rep, const char *op)
{
	json_t *r = json_array_get(json_object_get(j, "repetitions"), rep), *o;

	if (!strcmp(op, RESULT_WHOLE_ITERATION))
		o = json_object_get(r, RESULT_WHOLE_ITERATION);	/* null when absent */
	else
		o = json_object_get(json_object_get(r, "ops"), op);
	return json_is_object(o) ? o : NULL;
}

json_t *result_ops(const json_t *j)
{
	return json_object_get(json_array_get(json_object_get(j, "repetitions"), 0), "ops");
}

int result_file_version(const json_t *j)
{
	json_t *v = json_object_get(j, "file_version");

	if (!v)
		return 1;
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > RESULTS_FILE_VERSION)
		return 0;
	return (int)json_integer_value(v);
}

int result_check_version(const json_t *j, const char *path, char *err, size_t errlen)
{
	json_t *v = json_object_get(j, "file_version");

	if (result_file_version(j))
		return 0;
	if (json_is_integer(v))
		snprintf(err, errlen, "%s: file_version %lld: this dmabench reads versions 1 to %d%s",
			 path, (long long)json_integer_value(v), RESULTS_FILE_VERSION,
			 json_integer_value(v) > RESULTS_FILE_VERSION ?
			 " (a newer dmabench wrote it?)" : "");
	else
		snprintf(err, errlen, "%s: file_version is not an integer", path);
	return -1;
}

/* count (when a positive integer) into bucket idx (when one), saturated. */
static void hist_add_count(struct hist *h, uint32_t idx, const json_t *count)
{
	json_int_t c = json_integer_value(count);

	if (idx < DMABENCH_HIST_BUCKETS && c > 0)
		h->buckets[idx] = (uint64_t)result_int_add((json_int_t)h->buckets[idx], c);
}

/* Version 1: [lower_ns, upper_ns, count]; the bucket is lower_ns's. */
static void hist_add_triples(struct hist *h, const json_t *b)
{
	const json_t *t;
	size_t i;

	json_array_foreach(b, i, t)
		hist_add_count(h, dmabench_hist_index((uint64_t)
				json_integer_value(json_array_get(t, 0))),
			       json_array_get(t, 2));
}

/*
 * Version 2: runs [lower_ns, count, ...] (histogram_json in results_json.c).
 * A run whose start is not a bucket's lower bound is skipped whole: no
 * writer makes one, and which buckets its counts belong to would be a
 * guess. Counts past the last bucket are dropped, as version 1 drops
 * buckets beyond it, and counts that are not positive integers are skipped
 * (their place still counts), as version 1 skips such triples.
 */
static void hist_add_runs(struct hist *h, const json_t *b)
{
	const json_t *run, *lower;
	uint32_t first;
	size_t i, k;

	json_array_foreach(b, i, run) {
		lower = json_array_get(run, 0);
		if (!json_is_integer(lower) || json_integer_value(lower) < 0)
			continue;
		first = dmabench_hist_index((uint64_t)json_integer_value(lower));
		if (first >= DMABENCH_HIST_BUCKETS ||
		    dmabench_hist_lower_ns(first) != (uint64_t)json_integer_value(lower))
			continue;
		for (k = 1; k < json_array_size(run) &&
			    k - 1 < DMABENCH_HIST_BUCKETS - first; k++)
			hist_add_count(h, first + (uint32_t)(k - 1), json_array_get(run, k));
	}
}

void result_op_hist(const json_t *j, const char *op, struct hist *h)
{
	int version = result_file_version(j);
	size_t k;

	hist_init(h);
	for (k = 0; k < result_nreps(j); k++) {
		json_t *b = json_object_get(result_rep_op(j, k, op), "histogram");

		if (version == 1)
			hist_add_triples(h, b);
		else if (version == 2)
			hist_add_runs(h, b);
	}
}

size_t result_metric_values(const json_t *j, const char *op, const char *metric,
			    double *v, size_t max)
{
	size_t i, n = 0, reps = result_nreps(j);

	for (i = 0; i < reps && n < max; i++) {
		json_t *x = json_object_get(result_rep_op(j, i, op), metric);

		if (json_is_number(x))
			v[n++] = json_number_value(x);
	}
	return n;
}

/* json_int_t is long long or long, whichever jansson was built with. */
#define JSON_INT_MAX ((json_int_t)((1ULL << (sizeof(json_int_t) * 8 - 1)) - 1))
#define JSON_INT_MIN (-JSON_INT_MAX - 1)

json_int_t result_int_add(json_int_t a, json_int_t b)
{
	json_int_t sum;

	if (__builtin_add_overflow(a, b, &sum))
		return b > 0 ? JSON_INT_MAX : JSON_INT_MIN;
	return sum;
}

static bool is_result(const json_t *j)
{
	return json_is_object(j) && json_is_array(json_object_get(j, "repetitions"));
}

static int add_entry(struct result_set *s, const char *profile, const char *file,
		     const char *path, char *err, size_t errlen)
{
	struct result_entry *grown, *e;
	json_error_t je;
	size_t len = strlen(file);
	json_t *j = json_load_file(path, 0, &je);

	if (!j) {
		snprintf(err, errlen, "%s: %s (line %d)", path, je.text, je.line);
		return -1;
	}
	if (!is_result(j)) {
		json_decref(j);
		return 0;
	}
	if (result_check_version(j, path, err, errlen)) {
		json_decref(j);
		return -1;
	}
	grown = realloc(s->e, (s->n + 1) * sizeof(*s->e));
	if (!grown) {
		json_decref(j);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	s->e = grown;
	e = &s->e[s->n++];
	memset(e, 0, sizeof(*e));
	snprintf(e->profile, sizeof(e->profile), "%s",
		 profile ? profile : result_str(j, "profile"));
	if (len > 5 && !strcmp(file + len - 5, ".json"))
		len -= 5;
	snprintf(e->entry, sizeof(e->entry), "%.*s", (int)len, file);
	snprintf(e->path, sizeof(e->path), "%s", path);
	e->j = j;
	return 0;
}

static int json_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 5 && !strcmp(d->d_name + n - 5, ".json");
}

static int dir_filter(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

int result_set_load(struct result_set *s, const char *arg, char *err, size_t errlen)
{
	struct dirent **profiles = NULL, **files;
	char path[PATH_MAX], file[PATH_MAX];
	struct stat st;
	int np, nf, p, f, ret = 0;

	memset(s, 0, sizeof(*s));
	s->arg = arg;
	if (stat(arg, &st)) {
		snprintf(err, errlen, "%s: %s", arg, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		const char *base = strrchr(arg, '/');

		s->single_file = true;
		if (add_entry(s, NULL, base ? base + 1 : arg, arg, err, errlen))
			return -1;
		if (!s->n) {
			snprintf(err, errlen, "%s: not a dmabench run result", arg);
			return -1;
		}
		return 0;
	}
	np = scandir(arg, &profiles, dir_filter, alphasort);
	if (np < 0) {
		snprintf(err, errlen, "%s: %s", arg, strerror(errno));
		return -1;
	}
	for (p = 0; p < np; p++) {
		snprintf(path, sizeof(path), "%s/%s", arg, profiles[p]->d_name);
		nf = stat(path, &st) || !S_ISDIR(st.st_mode) ? -1 :
		     scandir(path, &files, json_filter, alphasort);
		for (f = 0; f < nf; f++) {
			if (!ret) {
				snprintf(file, sizeof(file), "%.2000s/%.255s", path,
					 files[f]->d_name);
				ret = add_entry(s, profiles[p]->d_name, files[f]->d_name,
						file, err, errlen);
			}
			free(files[f]);
		}
		if (nf >= 0)
			free(files);
		free(profiles[p]);
	}
	free(profiles);
	if (!ret && !s->n) {
		snprintf(err, errlen, "%s: no result files (DIR/<profile>/*.json)", arg);
		ret = -1;
	}
	if (ret)
		result_set_free(s);
	return ret;
}

void result_set_free(struct result_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		json_decref(s->e[i].j);
	free(s->e);
	s->e = NULL;
	s->n = 0;
}

const struct result_entry *result_set_find(const struct result_set *s,
					   const char *profile, const char *entry)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->e[i].profile, profile) && !strcmp(s->e[i].entry, entry))
			return &s->e[i];
	return NULL;
}

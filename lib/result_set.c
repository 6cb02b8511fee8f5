// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "result_set.h"

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

void result_op_hist(const json_t *j, const char *op, struct hist *h)
{
	size_t k, i;

	hist_init(h);
	for (k = 0; k < result_nreps(j); k++) {
		json_t *b = json_object_get(result_rep_op(j, k, op), "histogram");

		for (i = 0; i < json_array_size(b); i++) {
			json_t *bk = json_array_get(b, i);
			uint32_t idx = dmabench_hist_index((uint64_t)
				json_integer_value(json_array_get(bk, 0)));
			json_int_t c = json_integer_value(json_array_get(bk, 2));

			if (idx < DMABENCH_HIST_BUCKETS && c > 0)
				h->buckets[idx] = (uint64_t)result_int_add(
					(json_int_t)h->buckets[idx], c);
		}
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

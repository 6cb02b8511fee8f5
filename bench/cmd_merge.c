// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench merge OUTPUT INPUT...: the repetitions of several result files
 * of one command line, in one result file, as if one run had made them.
 *
 * It is what makes interleaved repetitions possible (scripts/guest-matrix):
 * a matrix runs every line once per round, the order rotated between
 * rounds, so that a slow spell of the host lands on every line alike and
 * not on all five repetitions of one line. Without it a difference between
 * two lines can be the host's, with p = 0.008.
 *
 * The inputs must be of the same file_version (one this dmabench reads),
 * scenario, parameters (but --output and --repeat), device, kernel,
 * profile, clock and tool, each complete (exit status 0, a fixed
 * --repeat). The output gets the first input's header, every repetition
 * in argument order, renumbered, params.repeat their number, the last
 * input's end_time, and "merged_from": each input's command line, start
 * time and repetitions. It is written whole or not at all, and never over
 * an existing file.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include "cmd.h"
#include "lib/atomic_file.h"
#include "lib/options.h"
#include "lib/result_set.h"

/* No options but --help. */
const struct opt_table merge_options = { NULL, 0 };

/* Header keys that must be equal in every input (absent counts as a value). */
static const char *const same_keys[] = {
	"file_version", "tool", "tool_version", "kernel_release", "kernel_version",
	"hypervisor", "profile", "clocksource", "clock", "traced", "scenario", "device",
};

/* Parameters that differ between the runs of one line by design. */
static const char *const free_params[] = {
	"output", "repeat", "repeat_target_pct", "repeat_max",
};

static int check_input(json_t *j, const char *path, char *err, size_t len)
{
	json_t *rc = json_object_get(j, "return_code");
	json_t *reps = json_object_get(j, "repetitions");
	json_t *auto_rep = json_object_get(j, "repeat_auto");

	if (!json_is_object(j) || !json_is_array(reps) || !json_array_size(reps)) {
		snprintf(err, len, "%s: not a dmabench run result with repetitions", path);
		return -1;
	}
	/* Refused even when every input has it: a later version may hold
	 * what merge would have to compare or rewrite and does not know of. */
	if (result_check_version(j, path, err, len))
		return -1;
	if (rc && json_integer_value(rc) != 0) {
		snprintf(err, len, "%s: the run failed (return_code %lld)", path,
			 (long long)json_integer_value(rc));
		return -1;
	}
	if (auto_rep && !json_is_null(auto_rep)) {
		snprintf(err, len, "%s: a --repeat auto run: its repetitions were chosen by its own figures",
			 path);
		return -1;
	}
	return 0;
}

static json_t *params_without_free(json_t *j)
{
	json_t *p = json_deep_copy(json_object_get(j, "params"));
	size_t i;

	for (i = 0; p && i < sizeof(free_params) / sizeof(free_params[0]); i++)
		json_object_del(p, free_params[i]);
	return p;
}

/* 0 when j can join first; else err says which key differs. */
static int check_same(json_t *first, json_t *j, const char *path, char *err,
		      size_t len)
{
	json_t *a, *b;
	size_t i;
	int same;

	for (i = 0; i < sizeof(same_keys) / sizeof(same_keys[0]); i++) {
		a = json_object_get(first, same_keys[i]);
		b = json_object_get(j, same_keys[i]);
		if ((a || b) && !(a && b && json_equal(a, b))) {
			snprintf(err, len, "%s: its \"%s\" differs from the first input's",
				 path, same_keys[i]);
			return -1;
		}
	}
	a = params_without_free(first);
	b = params_without_free(j);
	same = (!a && !b) || (a && b && json_equal(a, b));
	json_decref(a);
	json_decref(b);
	if (!same) {
		snprintf(err, len, "%s: its parameters differ from the first input's", path);
		return -1;
	}
	return 0;
}

static json_t *load(const char *path, char *err, size_t len)
{
	json_error_t je;
	json_t *j = json_load_file(path, 0, &je);

	if (!j)
		snprintf(err, len, "%s: %s (line %d)", path, je.text, je.line);
	return j;
}

/* The merged result of inputs[0..n), or NULL with err. */
static json_t *merge(char **inputs, int n, char *err, size_t len)
{
	json_t *out = NULL, *reps = json_array(), *from = json_array(), *j = NULL;
	size_t r;
	int i;

	if (!reps || !from)
		goto oom;
	for (i = 0; i < n; i++) {
		json_t *rep;

		j = load(inputs[i], err, len);
		if (!j || check_input(j, inputs[i], err, len) ||
		    (out && check_same(out, j, inputs[i], err, len)))
			goto fail;
		json_array_foreach(json_object_get(j, "repetitions"), r, rep)
			if (json_array_append(reps, rep))
				goto oom;
		if (json_array_append_new(from, json_pack("{s:s,s:O?,s:O?,s:I}",
				"file", inputs[i],
				"cmdline", json_object_get(j, "cmdline"),
				"start_time", json_object_get(j, "start_time"),
				"repetitions",
				(json_int_t)json_array_size(json_object_get(j, "repetitions")))))
			goto oom;
		if (!out) {
			out = j;
		} else {
			json_t *end = json_object_get(j, "end_time");

			if (end && json_object_set(out, "end_time", end))
				goto oom;
			json_decref(j);
		}
		j = NULL;
	}
	json_array_foreach(reps, r, j)
		if (json_object_set_new(j, "repetition", json_integer((json_int_t)r)))
			goto oom;
	j = NULL;
	if (json_object_set(out, "repetitions", reps) ||
	    json_object_set(out, "merged_from", from) ||
	    (json_is_object(json_object_get(out, "params")) &&
	     json_object_set_new(json_object_get(out, "params"), "repeat",
				 json_integer((json_int_t)json_array_size(reps)))))
		goto oom;
	json_decref(reps);
	json_decref(from);
	return out;
oom:
	snprintf(err, len, "out of memory");
fail:
	if (j != out)
		json_decref(j);
	json_decref(out);
	json_decref(reps);
	json_decref(from);
	return NULL;
}

static int write_json(FILE *fp, void *arg)
{
	/* One line, as dmabench run writes it. */
	if (json_dumpf(arg, fp, JSON_COMPACT) || fputc('\n', fp) == EOF)
		return -1;
	return 0;
}

int cmd_merge(struct cmd_ctx *ctx, int argc, char **argv)
{
	char err[PATH_MAX + 512], **positional;
	int npositional, ret;
	json_t *out;

	positional = calloc((size_t)argc + 1, sizeof(*positional));
	if (!positional) {
		cmd_error(ctx, "merge", "out of memory");
		return EXIT_RUN_FAILED;
	}
	ret = opts_parse(&merge_options, NULL, argc - 1, argv + 1, positional, argc,
			 &npositional, NULL, err, sizeof(err));
	if (ret == OPTS_HELP) {
		fprintf(ctx->out, "usage: dmabench merge OUTPUT INPUT...\n");
		free(positional);
		return EXIT_OK;
	}
	if (ret != OPTS_OK) {
		cmd_error(ctx, "merge", "%s", err);
		ret = EXIT_USAGE;
		goto out;
	}
	ret = EXIT_USAGE;
	if (npositional < 2) {
		cmd_error(ctx, "merge", "takes an output file and at least one result file");
		goto out;
	}
	if (!access(positional[0], F_OK)) {
		cmd_error(ctx, "merge", "%s: exists; merge writes a new file", positional[0]);
		goto out;
	}
	ret = EXIT_RUN_FAILED;
	out = merge(positional + 1, npositional - 1, err, sizeof(err));
	if (!out) {
		cmd_error(ctx, "merge", "%s", err);
		goto out;
	}
	if (atomic_file_write(positional[0], write_json, out)) {
		cmd_error(ctx, "merge", "%s: %s", positional[0], strerror(errno));
	} else {
		ret = EXIT_OK;
	}
	json_decref(out);
out:
	free(positional);
	return ret;
}

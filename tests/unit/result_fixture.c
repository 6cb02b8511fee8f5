// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>
#include "lib/hist.h"
#include "result_fixture.h"

static void mkdirs_for(const char *path)
{
	char buf[PATH_MAX], *p;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			fail_msg("mkdir %s: %s", buf, strerror(errno));
		*p = '/';
	}
}

void fx_write_result(const char *path, const struct fx_header *h, size_t nreps,
		     const struct fx_op *ops, size_t nops)
{
	json_t *root, *reps = json_array();
	size_t r, i;

	root = json_pack("{s:i,s:s,s:s,s:s,s:s,s:s,s:i,s:b,s:{s:s,s:s,s:I,s:I,s:I,s:I},"
			 "s:{s:s}}",
			 "file_version", 1, "tool", "dmabench", "tool_version", "test",
			 "kernel_release", h->kernel_release, "profile", h->profile,
			 "clocksource", h->clocksource, "clock_read_ns",
			 (int)h->clock_read_ns, "traced", 0,
			 "params", "via", "direct", "direction", "bidirectional",
			 "size_bytes", (json_int_t)(h->size_bytes ? h->size_bytes : 4096),
			 "threads", (json_int_t)(h->threads ? h->threads : 1),
			 "batch", (json_int_t)1, "dma_mask_bits", (json_int_t)0,
			 "scenario", "name", h->scenario ? h->scenario : "synthetic");
	assert_non_null(root);
	if (h->clock)
		json_object_set_new(root, "clock", json_string(h->clock));
	if (h->hypervisor)
		json_object_set_new(root, "hypervisor", json_string(h->hypervisor));
	for (r = 0; r < nreps; r++) {
		json_t *o = json_object();

		for (i = 0; i < nops; i++) {
			double p50 = ops[i].p50_ns[r];
			uint64_t lo, hi;
			json_t *op;

			/* All samples in p50's bucket of the real layout. */
			hist_bucket_bounds(dmabench_hist_index((uint64_t)p50), &lo, &hi);

			json_object_set_new(o, ops[i].name, op = json_pack(
				"{s:I,s:I,s:I,s:f,s:f,s:f,s:[[I,I,I]]}",
				"count", (json_int_t)FX_COUNT, "errors", (json_int_t)0,
				"overflow", (json_int_t)0, "mean_ns", p50 + 10,
				"p50_ns", p50, "p99_ns", 2 * p50, "histogram",
				(json_int_t)lo, (json_int_t)hi, (json_int_t)FX_COUNT));
			json_object_set_new(op, "net_p50_ns", json_real(p50 - 10));
			json_object_set_new(op, "net_mean_ns", json_real(p50));
		}
		json_array_append_new(reps, json_pack("{s:I,s:o}", "repetition",
						      (json_int_t)r, "ops", o));
	}
	json_object_set_new(root, "repetitions", reps);
	mkdirs_for(path);
	if (json_dump_file(root, path, JSON_INDENT(1)))
		fail_msg("writing %s", path);
	json_decref(root);
}

void fx_tmpdir(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "/tmp/dmabench-%s-XXXXXX", name);
	if (!mkdtemp(buf))
		fail_msg("mkdtemp: %s", strerror(errno));
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void fx_rmtree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fx_path_in(const struct harness *h, const char *name)
{
	static char path[8][PATH_MAX];
	static int k;

	k = (k + 1) % 8;
	snprintf(path[k], sizeof(path[k]), "%s/%s", h->dir, name);
	return path[k];
}

char *fx_read_file(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *text;
	long n;

	if (!fp)
		fail_msg("%s: %s", path, strerror(errno));
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	text = calloc(1, (size_t)n + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return text;
}

int fx_harness_setup(void **state)
{
	struct harness *h = calloc(1, sizeof(*h));

	if (!h)
		return -1;
	fx_tmpdir(h->dir, sizeof(h->dir), "cmd");
	*state = h;
	return 0;
}

int fx_harness_teardown(void **state)
{
	struct harness *h = *state;

	fx_rmtree(h->dir);
	cli_capture_free(&h->cap);
	free(h);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench merge: rounds of one command line become one result whose
 * repetitions summary and compare read like a single run's; inputs that
 * are not the same run are refused and nothing is written.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <jansson.h>
#include "cmd.h"
#include "cli_capture.h"
#include "result_fixture.h"

#define dmabench(h, ...) cli_capture_run(&(h)->ctx, &(h)->cap, __VA_ARGS__)

static const struct fx_header hdr = {
	.kernel_release = "7.3.4+deb13-amd64", .profile = "iommu-strict",
	.clocksource = "tsc", .clock_read_ns = 20, .clock = "tsc",
	.scenario = "map_sg",
};

static char *path_in(struct harness *h, const char *name)
{
	static char path[6][PATH_MAX];
	static int k;

	k = (k + 1) % 6;
	snprintf(path[k], sizeof(path[k]), "%s/%s", h->dir, name);
	return path[k];
}

/* A one-repetition round whose map op has p50 p50_ns. */
static void round_file(struct harness *h, const char *name,
		       const struct fx_header *hd, double p50_ns)
{
	const struct fx_op op = { "map", &p50_ns };

	fx_write_result(path_in(h, name), hd, 1, &op, 1);
}

static json_t *load(const char *path)
{
	json_t *j = json_load_file(path, 0, NULL);

	assert_non_null(j);
	return j;
}

static void test_merge_rounds(void **state)
{
	struct harness *h = *state;
	const double p50[] = { 100, 300, 200 };
	char name[32];
	json_t *j, *reps;
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "r%zu.json", i);
		round_file(h, name, &hdr, p50[i]);
	}
	assert_int_equal(dmabench(h, "merge", path_in(h, "run/iommu-strict/x.json"),
				  path_in(h, "r0.json"), path_in(h, "r1.json"),
				  path_in(h, "r2.json"), NULL), EXIT_RUN_FAILED);
	mkdir(path_in(h, "run"), 0755);
	mkdir(path_in(h, "run/iommu-strict"), 0755);
	assert_int_equal(dmabench(h, "merge", path_in(h, "run/iommu-strict/x.json"),
				  path_in(h, "r0.json"), path_in(h, "r1.json"),
				  path_in(h, "r2.json"), NULL), EXIT_OK);
	j = load(path_in(h, "run/iommu-strict/x.json"));
	reps = json_object_get(j, "repetitions");
	assert_int_equal(json_array_size(reps), 3);
	/* In argument order, renumbered; the count is the params' repeat. */
	for (i = 0; i < 3; i++) {
		json_t *r = json_array_get(reps, i);

		assert_int_equal(json_integer_value(json_object_get(r, "repetition")), i);
		assert_true(json_real_value(json_object_get(json_object_get(
			json_object_get(r, "ops"), "map"), "p50_ns")) == p50[i]);
	}
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "params"),
							    "repeat")), 3);
	assert_int_equal(json_array_size(json_object_get(j, "merged_from")), 3);
	json_decref(j);
	/* summary reads it as one run of 3 repetitions: the median is 200. */
	assert_int_equal(dmabench(h, "summary", path_in(h, "run"), "--format", "csv", NULL),
			 EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "iommu-strict,x,map_sg,"));
	assert_non_null(strstr(h->cap.out_text, ",map,p50_ns,200.000,ns,100.000,300.000,"));
}

static void test_merge_refusals(void **state)
{
	struct harness *h = *state;
	struct fx_header other = hdr;
	FILE *fp;
	json_t *j;

	round_file(h, "a.json", &hdr, 100);
	other.profile = "iommu-lazy";
	round_file(h, "profile.json", &other, 100);
	other = hdr;
	other.kernel_release = "6.12.57+deb13-amd64";
	round_file(h, "kernel.json", &other, 100);
	other = hdr;
	other.size_bytes = 8192;
	round_file(h, "size.json", &other, 100);
	other = hdr;
	other.scenario = "map_page_list";
	round_file(h, "scenario.json", &other, 100);
	/* A failed run, and a --repeat auto one. */
	j = load(path_in(h, "a.json"));
	json_object_set_new(j, "return_code", json_integer(3));
	assert_int_equal(json_dump_file(j, path_in(h, "failed.json"), 0), 0);
	json_object_set_new(j, "return_code", json_integer(0));
	json_object_set_new(j, "repeat_auto", json_pack("{s:i}", "target_pct", 2));
	assert_int_equal(json_dump_file(j, path_in(h, "auto.json"), 0), 0);
	json_decref(j);
	fp = fopen(path_in(h, "broken.json"), "w");
	assert_non_null(fp);
	fputs("{\"repetitions\": [", fp);
	fclose(fp);

	assert_int_equal(dmabench(h, "merge", path_in(h, "out.json"), NULL), EXIT_USAGE);
	assert_int_equal(dmabench(h, "merge", path_in(h, "out.json"), path_in(h, "a.json"),
				  path_in(h, "profile.json"), NULL), EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "\"profile\" differs"));
	assert_int_equal(dmabench(h, "merge", path_in(h, "out.json"), path_in(h, "a.json"),
				  path_in(h, "kernel.json"), NULL), EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "\"kernel_release\" differs"));
	assert_int_equal(dmabench(h, "merge", path_in(h, "out.json"), path_in(h, "a.json"),
				  path_in(h, "size.json"), NULL), EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "parameters differ"));
	assert_int_equal(dmabench(h, "merge", path_in(h, "out.json"), path_in(h, "a.json"),
				  path_in(h, "scenario.json"), NULL), EXIT_RUN_FAILED);
	assert_int_equal(dmabench(h, "merge", path_in(h, "out.json"), path_in(h, "a.json"),
				  path_in(h, "failed.json"), NULL), EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "the run failed (return_code 3)"));
	assert_int_equal(dmabench(h, "merge", path_in(h, "out.json"), path_in(h, "auto.json"),
				  path_in(h, "a.json"), NULL), EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "--repeat auto"));
	assert_int_equal(dmabench(h, "merge", path_in(h, "out.json"), path_in(h, "a.json"),
				  path_in(h, "broken.json"), NULL), EXIT_RUN_FAILED);
	assert_int_equal(dmabench(h, "merge", path_in(h, "out.json"), path_in(h, "a.json"),
				  path_in(h, "missing.json"), NULL), EXIT_RUN_FAILED);
	/* Nothing written by any of them. */
	assert_int_equal(access(path_in(h, "out.json"), F_OK), -1);
	/* Never over an existing file. */
	assert_int_equal(dmabench(h, "merge", path_in(h, "size.json"), path_in(h, "a.json"),
				  NULL), EXIT_USAGE);
	assert_non_null(strstr(h->cap.err_text, "exists"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		fx_harness_test(test_merge_rounds),
		fx_harness_test(test_merge_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

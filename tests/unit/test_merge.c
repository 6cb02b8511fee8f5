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

/* A one-repetition round whose map op has p50 p50_ns. */
static void round_file(struct harness *h, const char *name,
		       const struct fx_header *hd, double p50_ns)
{
	const struct fx_op op = { "map", &p50_ns };

	fx_write_result(fx_path_in(h, name), hd, 1, &op, 1);
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
	assert_int_equal(dmabench(h, "merge", fx_path_in(h, "run/iommu-strict/x.json"),
				  fx_path_in(h, "r0.json"), fx_path_in(h, "r1.json"),
				  fx_path_in(h, "r2.json"), NULL), EXIT_RUN_FAILED);
	mkdir(fx_path_in(h, "run"), 0755);
	mkdir(fx_path_in(h, "run/iommu-strict"), 0755);
	assert_int_equal(dmabench(h, "merge", fx_path_in(h, "run/iommu-strict/x.json"),
				  fx_path_in(h, "r0.json"), fx_path_in(h, "r1.json"),
				  fx_path_in(h, "r2.json"), NULL), EXIT_OK);
	j = load(fx_path_in(h, "run/iommu-strict/x.json"));
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
	assert_int_equal(dmabench(h, "summary", fx_path_in(h, "run"), "--format", "csv", NULL),
			 EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "iommu-strict,x,map_sg,"));
	assert_non_null(strstr(h->cap.out_text, ",map,p50_ns,200.000,ns,100.000,300.000,"));
}

static void test_merge_refusals(void **state)
{
	struct harness *h = *state;
	/* Which pair is refused, and the words that say why. */
	static const struct {
		const char *first, *second, *why;
	} refused[] = {
		{ "a.json", "profile.json", "\"profile\" differs" },
		{ "a.json", "kernel.json", "\"kernel_release\" differs" },
		{ "a.json", "size.json", "parameters differ" },
		{ "a.json", "scenario.json", "\"scenario\" differs" },
		{ "a.json", "failed.json", "the run failed (return_code 3)" },
		{ "a.json", "future.json", "future.json: file_version 3: " },
		{ "future.json", "future.json", "future.json: file_version 3: " },
		{ "a.json", "v2.json", "\"file_version\" differs" },
		{ "auto.json", "a.json", "--repeat auto" },
		{ "a.json", "broken.json", "broken.json: " },
		{ "a.json", "missing.json", "missing.json: " },
	};
	struct fx_header other = hdr;
	size_t i;
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
	/* A failed run, one of a later file_version, and a --repeat auto one. */
	j = load(fx_path_in(h, "a.json"));
	json_object_set_new(j, "return_code", json_integer(3));
	assert_int_equal(json_dump_file(j, fx_path_in(h, "failed.json"), 0), 0);
	json_object_set_new(j, "return_code", json_integer(0));
	/* Another version: its histograms are not written as a.json's. A later
	 * one: not ours to merge, even with itself. */
	json_object_set_new(j, "file_version", json_integer(2));
	assert_int_equal(json_dump_file(j, fx_path_in(h, "v2.json"), 0), 0);
	json_object_set_new(j, "file_version", json_integer(3));
	assert_int_equal(json_dump_file(j, fx_path_in(h, "future.json"), 0), 0);
	json_object_set_new(j, "file_version", json_integer(1));
	json_object_set_new(j, "repeat_auto", json_pack("{s:i}", "target_pct", 2));
	assert_int_equal(json_dump_file(j, fx_path_in(h, "auto.json"), 0), 0);
	json_decref(j);
	fp = fopen(fx_path_in(h, "broken.json"), "w");
	assert_non_null(fp);
	fputs("{\"repetitions\": [", fp);
	fclose(fp);

	assert_int_equal(dmabench(h, "merge", fx_path_in(h, "out.json"), NULL), EXIT_USAGE);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_int_equal(dmabench(h, "merge", fx_path_in(h, "out.json"),
					  fx_path_in(h, refused[i].first),
					  fx_path_in(h, refused[i].second), NULL),
				 EXIT_RUN_FAILED);
		assert_non_null(strstr(h->cap.err_text, refused[i].why));
	}
	/* Nothing written by any of them. */
	assert_int_equal(access(fx_path_in(h, "out.json"), F_OK), -1);
	/* Never over an existing file. */
	assert_int_equal(dmabench(h, "merge", fx_path_in(h, "size.json"), fx_path_in(h, "a.json"),
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

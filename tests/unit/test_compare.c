// SPDX-License-Identifier: GPL-2.0
/* dmabench compare and report, and the statistics under them, on synthetic
 * results with known answers. */
#include <glob.h>
#include <limits.h>
#include <math.h>
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
#include "lib/matrix.h"
#include "lib/stats.h"
#include "result_fixture.h"

/* ---- Mann-Whitney U against values computed independently ----
 *
 * The EXPECTED_* figures come from a separate implementation in Python:
 *   U(a, b) = sum((x > y) + 0.5 * (x == y) for x in a for y in b)
 *   exact: every split of the pooled values (itertools.combinations),
 *          p = share of splits with |U - na*nb/2| >= the observed one
 *   normal: mu = na*nb/2, var = na*nb/12 * ((n+1) - sum(t^3-t)/(n(n-1))),
 *          z = max(|U - mu| - 0.5, 0) / sqrt(var), p = erfc(z / sqrt(2))
 */
#define EXPECTED_TEXTBOOK_U	2.0
#define EXPECTED_TEXTBOOK_P	(8.0 / 126)		/* 0.0634920635 */
#define EXPECTED_TIES_U		2.5
#define EXPECTED_TIES_P		0.2			/* 14 of 70 splits */
#define EXPECTED_NORMAL_Z	3.9399006464433555
#define EXPECTED_NORMAL_P	8.151536127743262e-05
#define EXPECTED_NTIES_U	33.0
#define EXPECTED_NTIES_P	0.008429446947021631

/* Order statistics: n = 10 at 95 % is [x(2), x(9)] (1 - 2 * 11/1024). */
static void test_median_ci(void **state)
{
	const double v[] = { 10, 3, 7, 1, 9, 2, 8, 5, 6, 4 }, five[] = { 5, 1, 4, 2, 3 };
	struct stats_ci ci;

	(void)state;
	assert_int_equal(stats_median_ci(v, 10, 0.95, &ci), 0);
	assert_float_equal(ci.estimate, 5.5, 1e-12);
	assert_float_equal(ci.lo, 2, 1e-12);
	assert_float_equal(ci.hi, 9, 1e-12);
	assert_float_equal(ci.level, 1 - 2 * 11.0 / 1024, 1e-12);
	assert_true(ci.reached);
	assert_float_equal(stats_ci_rel_half_width(&ci), 3.5 / 5.5, 1e-12);
	/* Five values never reach 95 %: [min, max] covers 1 - 2/32. */
	assert_int_equal(stats_median_ci(five, 5, 0.95, &ci), 0);
	assert_float_equal(ci.lo, 1, 1e-12);
	assert_float_equal(ci.hi, 5, 1e-12);
	assert_float_equal(ci.level, 0.9375, 1e-12);
	assert_false(ci.reached);
	assert_int_equal(stats_median_ci(v, 0, 0.95, &ci), -1);
}

/* Moses' interval, 5 vs 5 at 95 %: the 3rd smallest and 3rd largest of the
 * 25 differences (P(U <= 2) = 4/252, P(U <= 3) = 7/252). */
static void test_shift_ci(void **state)
{
	const double a[] = { 1, 2, 3, 4, 5 }, b[] = { 11, 12, 13, 14, 15 };
	struct stats_ci ci;

	(void)state;
	assert_int_equal(stats_shift_ci(a, 5, b, 5, 0.95, &ci), 0);
	assert_float_equal(ci.estimate, 10, 1e-12);
	/* differences 6..14: 6 once, 7 twice, 8 three times, ... */
	assert_float_equal(ci.lo, 7, 1e-12);
	assert_float_equal(ci.hi, 13, 1e-12);
	assert_float_equal(ci.level, 1 - 2 * 4.0 / 252, 1e-12);
	assert_true(ci.reached);
}

static void test_mwu_separated_exact(void **state)
{
	const double a[] = { 1, 2, 3, 4, 5 }, b[] = { 6, 7, 8, 9, 10 };
	struct mwu_result r;

	(void)state;
	assert_int_equal(stats_mann_whitney(a, 5, b, 5, &r), 0);
	assert_true(r.exact);
	assert_float_equal(r.u_a, 0, 1e-12);
	assert_float_equal(r.u_b, 25, 1e-12);
	/* Only the two extreme rank sums (15 and 40) of C(10,5) = 252. */
	assert_float_equal(r.p_value, 2.0 / 252, 1e-12);
	assert_float_equal(r.p_min, 2.0 / 252, 1e-12);
}

static void test_mwu_textbook_exact(void **state)
{
	/* No ties, 4 vs 5: U = 2 (6.6 beats 4.4 and 5.5); of the C(9,4) = 126
	 * splits, 8 are at least as far from the centre (U <= 2 or U >= 18). */
	const double a[] = { 1.1, 2.2, 3.3, 6.6 }, b[] = { 4.4, 5.5, 7.7, 8.8, 9.9 };
	struct mwu_result r;

	(void)state;
	assert_int_equal(stats_mann_whitney(a, 4, b, 5, &r), 0);
	assert_true(r.exact);
	assert_float_equal(r.u_a, EXPECTED_TEXTBOOK_U, 1e-12);
	assert_float_equal(r.p_value, EXPECTED_TEXTBOOK_P, 1e-9);
}

static void test_mwu_ties_exact(void **state)
{
	/* Ties across the samples: mid-ranks; p by enumerating C(8,4). */
	const double a[] = { 1, 2, 2, 3 }, b[] = { 2, 3, 4, 5 };
	struct mwu_result r;

	(void)state;
	assert_int_equal(stats_mann_whitney(a, 4, b, 4, &r), 0);
	assert_true(r.exact);
	assert_float_equal(r.u_a, EXPECTED_TIES_U, 1e-12);
	assert_float_equal(r.p_value, EXPECTED_TIES_P, 1e-9);
}

static void test_mwu_normal(void **state)
{
	double a[11], b[11], c[13], d[13];
	struct mwu_result r;
	int i;

	(void)state;
	for (i = 0; i < 11; i++) {
		a[i] = i + 1;
		b[i] = i + 12;
	}
	assert_int_equal(stats_mann_whitney(a, 11, b, 11, &r), 0);
	assert_false(r.exact);
	assert_float_equal(r.u_a, 0, 1e-12);
	/* mu 60.5, sigma sqrt(11 * 11 * 23 / 12), z = 60 / sigma */
	assert_float_equal(r.z, EXPECTED_NORMAL_Z, 1e-6);
	assert_float_equal(r.p_value, EXPECTED_NORMAL_P, 1e-9);
	/* With ties across the samples (tie-corrected variance). */
	for (i = 0; i < 13; i++) {
		c[i] = i / 2;
		d[i] = (i + 5) / 2;
	}
	assert_int_equal(stats_mann_whitney(c, 13, d, 13, &r), 0);
	assert_false(r.exact);
	assert_float_equal(r.u_a, EXPECTED_NTIES_U, 1e-12);
	assert_float_equal(r.p_value, EXPECTED_NTIES_P, 1e-9);
}

static void test_mwu_identical_and_small(void **state)
{
	const double a[] = { 100, 101, 102 }, b[] = { 200, 201, 202 };
	const double same[] = { 7, 7, 7, 7, 7 };
	struct mwu_result r;

	(void)state;
	assert_int_equal(stats_mann_whitney(a, 3, a, 3, &r), 0);
	assert_float_equal(r.u_a, 4.5, 1e-12);
	assert_float_equal(r.p_value, 1, 1e-12);
	/* 3 vs 3 can never reach 0.05: 2 / C(6,3) = 0.1 at best. */
	assert_int_equal(stats_mann_whitney(a, 3, b, 3, &r), 0);
	assert_float_equal(r.u_a, 0, 1e-12);
	assert_float_equal(r.p_value, 0.1, 1e-12);
	assert_float_equal(r.p_min, 0.1, 1e-12);
	assert_int_equal(stats_mann_whitney(same, 5, same, 5, &r), 0);
	assert_float_equal(r.p_value, 1, 1e-12);
	assert_int_equal(stats_mann_whitney(a, 0, a, 3, &r), -1);
}

/* ---- dmabench compare ---- */

/* "dmabench ARGS..., NULL" with out/err captured into h->cap. */
#define dmabench(h, ...) cli_capture_run(&(h)->ctx, &(h)->cap, __VA_ARGS__)

static const struct fx_header hdr_direct = {
		.kernel_release = "6.1.0-test", .profile = "direct",
		.clocksource = "tsc", .clock_read_ns = 60 };

/* RUN/<profile>/<entry>.json with one op "map" of p50 values v[0..n). */
static void put(struct harness *h, const char *run, const struct fx_header *hd,
		const char *entry, const char *op, const double *v, size_t n)
{
	char path[PATH_MAX];
	struct fx_op o = { op, v };

	snprintf(path, sizeof(path), "%s/%s/%s/%s.json", h->dir, run, hd->profile, entry);
	fx_write_result(path, hd, n, &o, 1);
}

static char *run_path(struct harness *h, const char *run)
{
	static char path[2][PATH_MAX];
	static int k;

	k ^= 1;
	snprintf(path[k], sizeof(path[k]), "%s/%s", h->dir, run);
	return path[k];
}

/* Gives every repetition of a result file whole iterations: p50, p99 + rep. */
static void add_whole_iteration(const char *path, double p50, double p99)
{
	json_t *j = json_load_file(path, 0, NULL), *rep;
	size_t r;

	assert_non_null(j);
	json_array_foreach(json_object_get(j, "repetitions"), r, rep)
		json_object_set_new(rep, "whole_iteration",
				    json_pack("{s:i,s:i,s:f,s:f,s:f}", "count", 1000, "errors", 0,
					      "p50_ns", p50, "mean_ns", p50,
					      "p99_ns", p99 + (double)r));
	assert_int_equal(json_dump_file(j, path, 0), 0);
	json_decref(j);
}

/* Whole iterations are compared as an op of their own, and listed when
 * one side has none (a run older than them). */
static void test_compare_whole_iteration(void **state)
{
	struct harness *h = *state;
	const double v[] = { 100, 101, 99, 100, 102 };
	char path[PATH_MAX];
	json_t *j, *row, *only;
	size_t i, whole = 0;

	put(h, "a", &hdr_direct, "map_single", "map", v, 5);
	put(h, "b", &hdr_direct, "map_single", "map", v, 5);
	snprintf(path, sizeof(path), "%s/a/direct/map_single.json", h->dir);
	add_whole_iteration(path, 150, 400);
	snprintf(path, sizeof(path), "%s/b/direct/map_single.json", h->dir);
	add_whole_iteration(path, 300, 800);
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"),
				  "--format", "json", NULL), EXIT_OK);
	j = json_loads(h->cap.out_text, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "rows")), 6);
	json_array_foreach(json_object_get(j, "rows"), i, row) {
		json_t *c = json_array_get(json_object_get(row, "runs"), 0);

		if (strcmp(json_string_value(json_object_get(row, "op")), "whole_iteration"))
			continue;
		whole++;
		assert_true(json_is_true(json_object_get(c, "significant")));
	}
	assert_int_equal(whole, 3);
	json_decref(j);

	/* b from before whole iterations: a's are listed as only in a. */
	put(h, "b", &hdr_direct, "map_single", "map", v, 5);
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"),
				  "--format", "json", NULL), EXIT_OK);
	j = json_loads(h->cap.out_text, 0, NULL);
	assert_non_null(j);
	only = json_object_get(j, "only_in_one_side");
	assert_int_equal(json_array_size(only), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(only, 0), "op")),
			    "whole_iteration");
	json_decref(j);
}

/* summary gives the whole iterations a row of their own, after the ops,
 * and none to a run without them. */
static void test_summary_whole_iteration(void **state)
{
	struct harness *h = *state;
	const double v[] = { 100, 101, 99, 100, 102 };
	char path[PATH_MAX];

	put(h, "a", &hdr_direct, "map_single", "map", v, 5);
	assert_int_equal(dmabench(h, "summary", run_path(h, "a"), "--format", "csv",
				  NULL), EXIT_OK);
	assert_null(strstr(h->cap.out_text, "whole_iteration"));
	snprintf(path, sizeof(path), "%s/a/direct/map_single.json", h->dir);
	add_whole_iteration(path, 150, 400);
	assert_int_equal(dmabench(h, "summary", run_path(h, "a"), "--format", "csv",
				  NULL), EXIT_OK);
	/* p99: 400 + rep over five repetitions, whose median is 402. */
	assert_non_null(strstr(h->cap.out_text, ",whole_iteration,p50_ns,150.000,ns,"));
	assert_non_null(strstr(h->cap.out_text, ",whole_iteration,p99_ns,402.000,ns,"));
	assert_non_null(strstr(h->cap.out_text, ",whole_iteration,samples,5000,count,,,\n"));
	assert_true(strstr(h->cap.out_text, ",map,p50_ns,") <
		    strstr(h->cap.out_text, ",whole_iteration,p50_ns,"));
	assert_int_equal(dmabench(h, "summary", run_path(h, "a"), NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, " whole_iteration "));
}

static void test_compare_identical(void **state)
{
	struct harness *h = *state;
	const double v[] = { 100, 101, 99, 100, 102 };
	json_t *j, *row;
	size_t i;

	put(h, "a", &hdr_direct, "map_single", "map", v, 5);
	put(h, "b", &hdr_direct, "map_single", "map", v, 5);
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"),
				  "--format", "json", NULL), EXIT_OK);
	j = json_loads(h->cap.out_text, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "rows")), 3);
	json_array_foreach(json_object_get(j, "rows"), i, row) {
		json_t *c = json_array_get(json_object_get(row, "runs"), 0);

		assert_float_equal(json_real_value(json_object_get(c, "change_pct")), 0, 1e-12);
		assert_true(json_is_false(json_object_get(c, "significant")));
		assert_float_equal(json_real_value(json_object_get(c, "p_value")), 1, 1e-12);
	}
	assert_int_equal(json_array_size(json_object_get(j, "only_in_one_side")), 0);
	json_decref(j);
	/* The human table: +0.0 % and no marker. */
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"), NULL),
			 EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "+0.0%"));
	assert_null(strstr(h->cap.out_text, "%*"));
	assert_non_null(strstr(h->cap.out_text, "Mann-Whitney U"));
}

/* Large figures keep every digit in CSV (4529472 was once 4.52947e+06). */
static void test_compare_csv_exact(void **state)
{
	struct harness *h = *state;
	const double a[] = { 4529472, 4529472, 4529472, 4529472, 4529472 };
	const double b[] = { 11993088, 11993088, 11993088, 11993088, 11993088 };

	put(h, "a", &hdr_direct, "map_single", "map", a, 5);
	put(h, "b", &hdr_direct, "map_single", "map", b, 5);
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"),
				  "--format", "csv", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, ",p50_ns,4529472,11993088,"));
	assert_null(strstr(h->cap.out_text, "e+"));
}

static void test_compare_separated(void **state)
{
	struct harness *h = *state;
	const double lo[] = { 100, 100, 100, 100, 100 }, hi[] = { 200, 200, 200, 200, 200 };
	char *csv;

	put(h, "a", &hdr_direct, "map_single", "map", lo, 5);
	put(h, "b", &hdr_direct, "map_single", "map", hi, 5);
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"), NULL),
			 EXIT_OK);
	/* p50 100 -> 200; mean 110 -> 210; p99 200 -> 400. */
	assert_non_null(strstr(h->cap.out_text, "p50_ns          100          200   +100.0%*"));
	assert_non_null(strstr(h->cap.out_text, "mean_ns         110          210    +90.9%*"));
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"),
				  "--format", "csv", NULL), EXIT_OK);
	csv = h->cap.out_text;
	assert_non_null(strstr(csv, "run,profile,entry,op,metric,baseline_value_ns,"));
	/* p = 2 / 252, exact. */
	/* Intervals: the median's [min, max] of 5 (93.75 %), the shift's 100..100. */
	assert_non_null(strstr(csv, "1,direct,map_single,map,p50_ns,100,200,100,0.00793650793650794,1,0,5,5,1,"
			       "both,100,100,200,200,100,100,100,0.968253968253968\n"));
	/* The human table gives the difference's interval in % of the baseline. */
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"), NULL),
			 EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "+100.0%* [+100.0,+100.0]"));
	assert_non_null(strstr(h->cap.out_text, "without '*': no significant difference"));
}

static void test_compare_small_n_note(void **state)
{
	struct harness *h = *state;
	const double lo[] = { 100, 100, 100 }, hi[] = { 200, 200, 200 };

	put(h, "a", &hdr_direct, "e", "map", lo, 3);
	put(h, "b", &hdr_direct, "e", "map", hi, 3);
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"), NULL),
			 EXIT_OK);
	/* +100 % but 3 vs 3 repetitions cannot be significant: said, no marker. */
	assert_non_null(strstr(h->cap.out_text, "+100.0% "));
	assert_null(strstr(h->cap.out_text, "%*"));
	assert_non_null(strstr(h->cap.out_text, "# note: 3 of 3 comparisons have too few "
			       "repetitions to ever reach alpha (3 vs 3: smallest possible p 0.100)"));
}

static void test_compare_fingerprint(void **state)
{
	struct harness *h = *state;
	const double v[] = { 100, 100, 100 };
	const struct fx_header other = {
		.kernel_release = "6.6.0-other", .profile = "direct",
		.clocksource = "hpet", .clock_read_ns = 60 };

	put(h, "a", &hdr_direct, "e", "map", v, 3);
	put(h, "b", &other, "e", "map", v, 3);
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"), NULL),
			 EXIT_USAGE);
	assert_string_equal(h->cap.out_text, "");
	assert_non_null(strstr(h->cap.err_text,
		"kernel_release: baseline '6.1.0-test', run 1 '6.6.0-other'"));
	assert_non_null(strstr(h->cap.err_text, "clocksource: baseline 'tsc', run 1 'hpet'"));
	assert_null(strstr(h->cap.err_text, "profile:"));
	assert_non_null(strstr(h->cap.err_text, "--force"));
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"),
				  "--force", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.err_text, "warning"));
	assert_non_null(strstr(h->cap.out_text, "# warning: --force: fingerprints differ: "
			       "kernel_release: baseline '6.1.0-test', run 1 '6.6.0-other'"));
	assert_non_null(strstr(h->cap.out_text, "+0.0%"));
}

/* TOP/rel in out, where this file is TOP/tests/unit/test_compare.c. */
static void top_path(char *out, size_t len, const char *rel)
{
	char *end;

	snprintf(out, len, "%s", __FILE__);
	end = strstr(out, "tests/unit/test_compare.c");
	assert_non_null(end);
	snprintf(end, len - (size_t)(end - out), "%s", rel);
}

/*
 * The compare-kernels plot's data: h->cap.out_text is the JSON of a +50 %
 * change of p50 100 -> 150 on 5 vs 5 repetitions; the plot script turns it
 * into one row with that change, its interval and the significance mark.
 */
static void plot_compare_kernels(struct harness *h)
{
	char path[PATH_MAX], cmd[2 * PATH_MAX + 64], script[PATH_MAX];
	double pct, lo, hi;
	int sig, end_at = 0;
	char *dat;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/compare-kernels.json", h->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(h->cap.out_text, fp);
	assert_int_equal(fclose(fp), 0);
	top_path(script, sizeof(script), "analysis/plot-compare-kernels");
	snprintf(cmd, sizeof(cmd), "%s %s > /dev/null", script, h->dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/plots/compare-kernels-7.3.0-test-p50_ns.dat",
		 h->dir);
	dat = fx_read_file(path);
	/* jq 1.6 prints 50, jq 1.7 50.0: compare the numbers. */
	assert_int_equal(sscanf(dat, "direct/e/map\t%lf\t%lf\t%lf\t%d\n%n", &pct, &lo, &hi,
				&sig, &end_at), 4);
	assert_float_equal(pct, 50, 1e-9);
	assert_float_equal(lo, 50, 1e-9);
	assert_float_equal(hi, 50, 1e-9);
	assert_int_equal(sig, 1);
	assert_int_equal(dat[end_at], '\0');
	free(dat);
	snprintf(path, sizeof(path), "%s/plots/compare-kernels-7.3.0-test-p50_ns.svg",
		 h->dir);
	assert_int_equal(access(path, R_OK), 0);
}

/*
 * --across kernel: runs on different kernels compare without --force, each
 * kernel is named, and every other fingerprint field is still enforced.
 */
static void test_compare_across_kernel(void **state)
{
	struct harness *h = *state;
	const double lo[] = { 100, 100, 100, 100, 100 }, hi[] = { 150, 150, 150, 150, 150 };
	const struct fx_header newer = {
		.kernel_release = "7.3.0-test", .profile = "direct",
		.clocksource = "tsc", .clock_read_ns = 60 };
	const struct fx_header newer_hpet = {
		.kernel_release = "7.3.0-test", .profile = "direct",
		.clocksource = "hpet", .clock_read_ns = 60 };
	json_t *j;

	put(h, "a", &hdr_direct, "e", "map", lo, 5);
	put(h, "b", &newer, "e", "map", hi, 5);
	put(h, "c", &newer_hpet, "e", "map", hi, 5);
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"),
				  "--across", "kernel", NULL), EXIT_OK);
	assert_string_equal(h->cap.err_text, "");
	assert_non_null(strstr(h->cap.out_text, ", across kernels\n"));
	assert_non_null(strstr(h->cap.out_text, "#   baseline kernel: 6.1.0-test ("));
	assert_non_null(strstr(h->cap.out_text, "#   run 1 kernel: 7.3.0-test ("));
	assert_non_null(strstr(h->cap.out_text, "+50.0%*"));
	assert_null(strstr(h->cap.out_text, "fingerprints differ"));
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"),
				  "--across", "kernel", "--format", "json", NULL), EXIT_OK);
	j = json_loads(h->cap.out_text, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "across")), "kernel");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
		json_array_get(json_object_get(j, "runs"), 0), "fingerprint"),
		"kernel_release")), "7.3.0-test");
	assert_int_equal(json_array_size(json_object_get(j, "fingerprint_differences")), 0);
	json_decref(j);
	plot_compare_kernels(h);
	/* Another clocksource is not the kernel axis: still refused. */
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "c"),
				  "--across", "kernel", NULL), EXIT_USAGE);
	assert_non_null(strstr(h->cap.err_text, "clocksource: baseline 'tsc', run 1 'hpet'"));
	assert_null(strstr(h->cap.err_text, "kernel_release:"));
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"),
				  "--across", "profile", NULL), EXIT_USAGE);
}

/* compare A B exits want, and stderr holds err where err is not NULL. */
static void compare_expect(struct harness *h, const char *a, const char *b, int want,
			   const char *err)
{
	assert_int_equal(dmabench(h, "compare", run_path(h, a), run_path(h, b), NULL), want);
	if (err)
		assert_non_null(strstr(h->cap.err_text, err));
}

/*
 * Fields added to the fingerprint later: a result from before one has its
 * default (clock: a file without one was timed with ktime, so it matches
 * ktime, not tsc) or matches any value (hypervisor). Emulated and
 * real timings, or TSC and ktime ones, are not compared by accident.
 */
static void test_compare_added_fingerprints(void **state)
{
	struct harness *h = *state;
	const double v[] = { 100, 100, 100 };
	struct fx_header kt = hdr_direct, tsc = hdr_direct, tcg = hdr_direct,
			 metal = hdr_direct;

	kt.clock = "ktime";
	tsc.clock = "tsc";
	tcg.hypervisor = "TCGTCGTCGTCG";
	metal.hypervisor = "none";
	put(h, "old", &hdr_direct, "e", "map", v, 3);
	put(h, "kt", &kt, "e", "map", v, 3);
	put(h, "tsc", &tsc, "e", "map", v, 3);
	put(h, "tcg", &tcg, "e", "map", v, 3);
	put(h, "metal", &metal, "e", "map", v, 3);
	compare_expect(h, "old", "kt", EXIT_OK, NULL);
	compare_expect(h, "old", "tsc", EXIT_USAGE, "clock: baseline 'ktime', run 1 'tsc'");
	compare_expect(h, "old", "tcg", EXIT_OK, NULL);
	compare_expect(h, "metal", "old", EXIT_OK, NULL);
	compare_expect(h, "tcg", "metal", EXIT_USAGE,
		       "hypervisor: baseline 'TCGTCGTCGTCG', run 1 'none'");
	assert_int_equal(dmabench(h, "compare", run_path(h, "tcg"), run_path(h, "metal"),
				  "--force", NULL), EXIT_OK);
	/* The JSON fingerprint: the value, or null where not recorded. */
	assert_int_equal(dmabench(h, "compare", run_path(h, "old"), run_path(h, "tcg"),
				  "--format", "json", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "\"hypervisor\": null"));
	assert_non_null(strstr(h->cap.out_text, "\"hypervisor\": \"TCGTCGTCGTCG\""));
}

static void test_compare_files_profile_differs(void **state)
{
	struct harness *h = *state;
	const double v[] = { 100, 100, 100 }, w[] = { 300, 300, 300 };
	const struct fx_header sw = {
		.kernel_release = "6.1.0-test", .profile = "swiotlb",
		.clocksource = "tsc", .clock_read_ns = 60 };
	char a[PATH_MAX], b[PATH_MAX];

	put(h, "a", &hdr_direct, "x", "map", v, 3);
	put(h, "a", &sw, "y", "map", w, 3);
	snprintf(a, sizeof(a), "%s/a/direct/x.json", h->dir);
	snprintf(b, sizeof(b), "%s/a/swiotlb/y.json", h->dir);
	/* Two files: matched by op whatever their names; profiles differ. */
	assert_int_equal(dmabench(h, "compare", a, b, NULL), EXIT_USAGE);
	assert_non_null(strstr(h->cap.err_text, "profile: baseline 'direct', run 1 'swiotlb'"));
	assert_int_equal(dmabench(h, "compare", a, b, "--force", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "+200.0%"));
}

static void test_compare_missing_listed(void **state)
{
	struct harness *h = *state;
	const double v[] = { 100, 100, 100 };
	const struct fx_op two[] = { { "map", v }, { "unmap", v } };
	char path[PATH_MAX];
	json_t *j, *o;
	size_t i;
	int seen_b = 0, seen_c = 0, seen_unmap = 0;

	put(h, "a", &hdr_direct, "both", "map", v, 3);
	put(h, "a", &hdr_direct, "only_base", "map", v, 3);
	snprintf(path, sizeof(path), "%s/b/direct/both.json", h->dir);
	fx_write_result(path, &hdr_direct, 3, two, 2);
	put(h, "b", &hdr_direct, "only_run", "map", v, 3);
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"), NULL),
			 EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "only in baseline (missing in run 1 "));
	assert_non_null(strstr(h->cap.out_text, "): direct/only_base\n"));
	assert_non_null(strstr(h->cap.out_text, "only in run 1 ("));
	assert_non_null(strstr(h->cap.out_text, "), not in baseline: direct/only_run\n"));
	assert_non_null(strstr(h->cap.out_text, "not in baseline: direct/both op unmap\n"));
	assert_non_null(strstr(h->cap.out_text, "missing"));
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "b"),
				  "--format", "json", NULL), EXIT_OK);
	j = json_loads(h->cap.out_text, 0, NULL);
	assert_non_null(j);
	json_array_foreach(json_object_get(j, "only_in_one_side"), i, o) {
		const char *e = json_string_value(json_object_get(o, "entry"));
		const char *side = json_string_value(json_object_get(o, "side"));

		seen_b += !strcmp(e, "only_base") && !strcmp(side, "baseline");
		seen_c += !strcmp(e, "only_run") && !strcmp(side, "run");
		seen_unmap += !strcmp(e, "both") && json_is_string(json_object_get(o, "op")) &&
			      !strcmp(json_string_value(json_object_get(o, "op")), "unmap");
	}
	assert_int_equal(json_array_size(json_object_get(j, "only_in_one_side")), 3);
	assert_int_equal(seen_b + seen_c + seen_unmap, 3);
	json_decref(j);
}

static void test_compare_usage(void **state)
{
	struct harness *h = *state;
	const double v[] = { 100 };

	put(h, "a", &hdr_direct, "e", "map", v, 1);
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), NULL), EXIT_USAGE);
	assert_non_null(strstr(h->cap.err_text, "baseline and at least one run"));
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), "/nonexistent/x", NULL),
			 EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "/nonexistent/x"));
	assert_int_equal(dmabench(h, "compare", run_path(h, "a"), run_path(h, "a"),
				  "--format", "xml", NULL), EXIT_USAGE);
}

/* ---- dmabench report ---- */

static void put2x(struct harness *h, const char *profile, const char *entry,
		  double map_ns, double unmap_ns, long long size_bytes, unsigned int threads)
{
	const double m[] = { map_ns, map_ns, map_ns }, u[] = { unmap_ns, unmap_ns, unmap_ns };
	const struct fx_op ops[] = { { "map", m }, { "unmap", u } };
	const struct fx_header hd = {
		.kernel_release = "6.1.0-test", .profile = profile, .clocksource = "tsc",
		.clock_read_ns = 58, .scenario = "map_single", .size_bytes = size_bytes,
		.threads = threads };
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/run/%s/%s.json", h->dir, profile, entry);
	fx_write_result(path, &hd, 3, ops, 2);
}

static void put2(struct harness *h, const char *profile, const char *entry,
		 double map_ns, double unmap_ns)
{
	put2x(h, profile, entry, map_ns, unmap_ns, 4096, 1);
}

static void test_report(void **state)
{
	struct harness *h = *state;
	const double floor_ns[] = { 50, 52, 51 };
	const struct fx_header dh = {
		.kernel_release = "6.1.0-test", .profile = "direct",
		.clocksource = "tsc", .clock_read_ns = 58 };
	const struct fx_op nul = { "null", floor_ns };
	char path[PATH_MAX], *md, *html, *cdf;
	FILE *fp;

	put2(h, "direct", "map_single_4k_bidir", 120, 80);
	put2(h, "swiotlb", "map_single_4k_bidir", 400, 200);
	put2(h, "swiotlb", "map_single_4k_to", 700, 100);
	put2(h, "swiotlb", "map_single_4k_from", 150, 650);
	put2(h, "iommu-strict", "map_single_4k_bidir", 300, 600);
	put2(h, "iommu-lazy", "map_single_4k_bidir", 300, 150);
	put2x(h, "direct", "map_single_64k_bidir", 300, 200, 65536, 1);
	put2x(h, "direct", "map_single_4k_2threads", 150, 90, 4096, 2);
	{
		const double it[] = { 170, 171, 169 };
		const struct fx_op iter = { "iteration", it };

		snprintf(path, sizeof(path), "%s/run/direct/map_single_4k_bidir_batch.json",
			 h->dir);
		fx_write_result(path, &dh, 3, &iter, 1);
	}
	snprintf(path, sizeof(path), "%s/run/plots", h->dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/run/plots/some.png", h->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/run/direct/null.json", h->dir);
	fx_write_result(path, &dh, 3, &nul, 1);
	snprintf(path, sizeof(path), "%s/run/matrix", h->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	/* What the findings below use is declared here; no entry name is code's. */
	fputs("# comment\nnull null | role=floor\n"
	      "map_single_4k_bidir map_single --size 4k | plot=cdf across=direct "
	      "between=iommu-strict,iommu-lazy loop=map_single_4k_bidir_batch "
	      "scale=map_single\n"
	      "map_single_4k_bidir_batch map_single --size 4k --batch 100\n"
	      "map_single_64k_bidir map_single --size 64k | scale=map_single\n"
	      "map_single_4k_2threads map_single --size 4k --threads 2 | scale=map_single\n"
	      "map_single_4k_to map_single --size 4k --dir to | vs=map_single_4k_from "
	      "title=\"Direction\"\nmap_single_4k_from map_single --size 4k --dir from\n", fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/run/direct/alloc", h->dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/run/direct/alloc/pairs.json", h->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{\"params\": {\"size_bytes\": 262144}, \"pairs\": [{\"old\": \"alloc_coherent\","
	      " \"attr\": \"alloc_attrs\", \"ops\": {\"alloc\": {\"old\": {\"p50_ns\": 1000,"
	      " \"p90_ns\": 1100, \"p99_ns\": 1200}, \"attr\": {\"p50_ns\": 1010, \"p90_ns\": 1110,"
	      " \"p99_ns\": 1210}}}}], \"variants\": [{\"variant\": \"noncontiguous_vmap\","
	      " \"attrs\": \"\", \"vmalloc_bytes_per_buffer\": 266240.0, \"buffers_held\": 16},"
	      " {\"variant\": \"attrs\", \"attrs\": \"write_combine|no_kernel_mapping\","
	      " \"vmalloc_bytes_per_buffer\": null, \"reason\": \"ENOMEM\"}]}\n",
	      fp);
	fclose(fp);

	assert_int_equal(dmabench(h, "report", run_path(h, "run"), NULL), EXIT_OK);
	snprintf(path, sizeof(path), "%s/run/report.md", h->dir);
	md = fx_read_file(path);
	assert_non_null(strstr(md, "- kernel: 6.1.0-test\n"));
	/* Results of before the key: the report says it does not know. */
	assert_non_null(strstr(md, "- hypervisor: ? (TCGTCGTCGTCG: QEMU's emulator"));
	assert_non_null(strstr(md, "- profiles: direct, iommu-lazy, iommu-strict, swiotlb\n"));
	assert_non_null(strstr(md, "- clocksource: tsc\n"));
	assert_non_null(strstr(md, "- tracing: off\n"));
	assert_non_null(strstr(md, "map_single_64k_bidir map_single --size 64k | "
			       "scale=map_single\n"));
	assert_null(strstr(md, "# comment"));
	/* Findings, computed from the values above. */
	/* Each difference with its interval and test; 3 vs 3 reads as noise. */
	assert_non_null(strstr(md, "- swiotlb: 600 ns [600, 600] = 3.00x direct (200 ns "
			       "[200, 200]); no significant difference: +400 ns (90% CI "
			       "[+400, +400], Mann-Whitney p = 0.1, too few repetitions to "
			       "ever reach significance)\n"));
	assert_non_null(strstr(md, "- iommu-strict: 900 ns [900, 900] = 4.50x direct"));
	/* Declared on the matrix line (vs=, title=). */
	assert_non_null(strstr(md, "### Direction (map_single_4k_to vs map_single_4k_from, p50)\n"));
	assert_non_null(strstr(md, "- swiotlb map: map_single_4k_to 700 ns [700, 700] vs "
			       "map_single_4k_from 150 ns [150, 150]; map_single_4k_to - "
			       "map_single_4k_from: no significant difference: +550 ns"));
	assert_non_null(strstr(md, "- swiotlb unmap: map_single_4k_to 100 ns [100, 100] vs "
			       "map_single_4k_from 650 ns [650, 650]; map_single_4k_to - "
			       "map_single_4k_from: no significant difference: -550 ns"));
	assert_non_null(strstr(md, "### map_single_4k_bidir: iommu-strict vs iommu-lazy "
			       "(map_single_4k_bidir, p50)\n"));
	assert_non_null(strstr(md, "- unmap: iommu-strict 600 ns [600, 600] vs iommu-lazy "
			       "150 ns [150, 150] = 4.00x; iommu-strict - iommu-lazy: no "
			       "significant difference: +450 ns"));
	assert_non_null(strstr(md, "- every op (sum of the ops' p50): iommu-strict 900 ns "
			       "[900, 900] vs iommu-lazy 450 ns [450, 450] = 2.00x; "
			       "iommu-strict - iommu-lazy: no significant difference"));
	/* floor 51; map + unmap 200: two floors are 51 % of it. */
	assert_non_null(strstr(md, "- direct: per-op floor p50 51 ns (null); 2 per-op floors "
			       "are 51% of map_single_4k_bidir p50 (map + unmap, 200 ns)\n"));
	assert_non_null(strstr(md, "### map_single_4k_bidir: map_single_4k_bidir in each "
			       "profile vs direct (p50 of map + unmap)\n"));
	assert_non_null(strstr(md, "- direct: 200 ns [200, 200] (the reference)\n"));
	/* Where the gap on the fast paths comes from under TCG, said once. */
	assert_non_null(strstr(md, "### Per-op figures net of the floor vs loop-timed\n\n"
			       "Under an emulator (the lab's QEMU TCG) the two differ"));
	/* Means first: per-op net mean 120 + 80 against the loop-timed 180. */
	assert_non_null(strstr(md, "- direct: map_single_4k_bidir (map + unmap) mean net of "
			       "the run's floor 200 ns [200, 200] vs loop-timed "
			       "map_single_4k_bidir_batch iteration mean 180 ns [179, 181] "
			       "(+11.1%); net - loop: "));
	/* Per-op net of the floor (110 + 70) against the loop-timed 170. */
	assert_non_null(strstr(md, "- direct: map_single_4k_bidir (map + unmap) p50 net of "
			       "the run's floor 180 ns [180, 180] vs loop-timed "
			       "map_single_4k_bidir_batch iteration p50 170 ns [169, 171] "
			       "(+5.9%); net - loop: no significant difference: +10 ns"));
	assert_non_null(strstr(md, "| direct | noncontiguous_vmap |  | 266240 | 16 |\n"));
	assert_non_null(strstr(md, "Buffers of 262144 bytes"));
	assert_non_null(strstr(md, "| direct | attrs | write_combine\\|no_kernel_mapping | "
			       "not measured: ENOMEM | 0 |\n"));
	assert_non_null(strstr(md, "| swiotlb | map_single_4k_bidir | map | 400 | [400, 400] | 800 | 410 | 3 | 3000 | 0 |\n"));
	/* 4 KiB 200 ns, 64 KiB 500 ns, 2 threads 240 ns. */
	assert_non_null(strstr(md, "- direct: 4096 B x 1 thread 200 ns, 65536 B x 1 thread "
			       "500 ns, 4096 B x 2 threads 240 ns (relative to the first: "
			       "65536 B x 1: 2.50x, 4096 B x 2: 1.20x)\n"));
	assert_non_null(strstr(md, "![plots/some.png](plots/some.png) ([SVG](plots/some.svg))"));
	assert_non_null(strstr(md, "- clock_read_ns (direct): median 58 over 5 results"));
	free(md);
	snprintf(path, sizeof(path), "%s/run/report.html", h->dir);
	html = fx_read_file(path);
	assert_non_null(strstr(html, "<li>kernel: 6.1.0-test</li>"));
	assert_non_null(strstr(html, "</body></html>"));
	free(html);
	/* Plot data: the CDF reaches 1 at the single bucket's upper bound. */
	snprintf(path, sizeof(path), "%s/run/plots/data/cdf-map_single_4k_bidir.dat", h->dir);
	cdf = fx_read_file(path);
	assert_non_null(strstr(cdf, "#title direct/map\n121 1.000000\n"));
	/* 200 ns is in [200, 202) of the layout (2 ns buckets from 128). */
	assert_non_null(strstr(cdf, "#title swiotlb/unmap\n202 1.000000\n"));
	free(cdf);
	snprintf(path, sizeof(path), "%s/run/plots/data/scale-size-map_single.dat", h->dir);
	cdf = fx_read_file(path);
	assert_non_null(strstr(cdf, "#title direct\n4096 200\n65536 500\n"));
	free(cdf);
	snprintf(path, sizeof(path), "%s/run/plots/data/scale-threads-map_single.dat", h->dir);
	cdf = fx_read_file(path);
	assert_non_null(strstr(cdf, "#title direct\n1 200\n2 240\n"));
	free(cdf);
	snprintf(path, sizeof(path), "%s/run/plots/data/pairs-direct.dat", h->dir);
	cdf = fx_read_file(path);
	assert_non_null(strstr(cdf, "alloc_coherent/alloc_attrs:alloc 1000 1100 1200 1010 1110 1210\n"));
	free(cdf);
	/* A file is no run directory. */
	snprintf(path, sizeof(path), "%s/run/direct/null.json", h->dir);
	assert_int_equal(dmabench(h, "report", path, NULL), EXIT_RUN_FAILED);
}

static void write_matrix(struct harness *h, const char *text)
{
	char path[PATH_MAX];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/run/matrix", h->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/*
 * What the report shows is declared on the matrix lines: a line no code
 * knows by name gets its finding and its plot data from its tags alone. A
 * bad tag is an error that names the line, and writes no report.
 */
static void test_report_declared(void **state)
{
	static const struct {
		const char *matrix, *error;
	} bad[] = {
		{ "base_entry map_single --size 4k | vs=nope\n",
		  "base_entry: vs=nope is not another entry" },
		{ "base_entry map_single --size 4k | plot=pie\n",
		  "matrix:1: plot kind 'pie' is not one of" },
		{ "base_entry map_single --size 4k | colour=red\n",
		  "unknown tag 'colour'" },
		{ "base_entry map_single --size 4k | loop=nope\n",
		  "base_entry: loop=nope is not another entry" },
		{ "a null | role=floor\nb null | role=floor\n",
		  "b: role=floor, and a is the floor already" },
		{ "a null | between=direct\n",
		  "between: two different profiles" },
		{ "a null | between=direct,direct\n",
		  "between: two different profiles" },
		{ "a null | scale=../x\n",
		  "scale: one name of under" },
	};
	struct harness *h = *state;
	char path[PATH_MAX], *md, *dat;
	size_t i;

	put2(h, "direct", "base_entry", 100, 50);
	put2(h, "direct", "renamed_entry", 120, 60);
	put2(h, "swiotlb", "base_entry", 400, 200);
	put2(h, "swiotlb", "renamed_entry", 410, 210);
	{
		const double l[] = { 30, 30, 30 }, x[] = { 40, 40, 40 };
		const struct fx_op ops[] = { { "link", l }, { "destroy", x } };
		const struct fx_header hd = {
			.kernel_release = "6.1.0-test", .profile = "direct",
			.clocksource = "tsc", .clock_read_ns = 58 };

		json_t *j, *rep;
		size_t r;

		snprintf(path, sizeof(path), "%s/run/direct/other_ops.json", h->dir);
		fx_write_result(path, &hd, 3, ops, 2);
		/* An op that never ran (iova_fallback's fell_back on an IOMMU)
		 * adds nothing to the sum. */
		j = json_load_file(path, 0, NULL);
		assert_non_null(j);
		json_array_foreach(json_object_get(j, "repetitions"), r, rep)
			json_object_set_new(json_object_get(rep, "ops"), "fell_back",
					    json_pack("{s:i,s:i,s:n,s:n}", "count", 0,
						      "errors", 0, "p50_ns", "mean_ns"));
		assert_int_equal(json_dump_file(j, path, 0), 0);
		json_decref(j);
		add_whole_iteration(path, 80, 300);
		snprintf(path, sizeof(path), "%s/run/direct/base_entry.json", h->dir);
		add_whole_iteration(path, 160, 900);
	}
	write_matrix(h, "base_entry map_single --size 4k\n"
		     "renamed_entry map_single --size 4k --via ops | vs=base_entry "
		     "plot=profile,hist title=\"A line no code knows\"\n"
		     "other_ops iova_list --size 4k | vs=base_entry\n");
	assert_int_equal(dmabench(h, "report", run_path(h, "run"), NULL), EXIT_OK);
	snprintf(path, sizeof(path), "%s/run/report.md", h->dir);
	md = fx_read_file(path);
	assert_non_null(strstr(md, "### A line no code knows (renamed_entry vs base_entry, p50)\n"));
	assert_non_null(strstr(md, "- direct map: renamed_entry 120 ns [120, 120] vs "
			       "base_entry 100 ns [100, 100]; renamed_entry - base_entry: "
			       "no significant difference: +20 ns"));
	assert_non_null(strstr(md, "- swiotlb unmap: renamed_entry 210 ns"));
	/* Every finding and plot names the command that regenerates it. */
	assert_non_null(strstr(md, "Regenerate this report from the run's files with: "
			       "dmabench report "));
	assert_non_null(strstr(md, "regenerate them all with: analysis/make-report "));
	/* Different ops: the sum of their p50s, one iteration's cost. */
	assert_non_null(strstr(md, "### other_ops vs base_entry (p50)\n"));
	assert_non_null(strstr(md, "- direct, every op (sum of the ops' p50): other_ops 70 ns "
			       "[70, 70] vs base_entry 150 ns [150, 150]; other_ops - "
			       "base_entry: no significant difference: -80 ns"));
	/* Timed whole, where both runs have it: the p50 and the tail. */
	assert_non_null(strstr(md, "- direct, whole iteration p50: other_ops 80 ns [80, 80] vs "
			       "base_entry 160 ns [160, 160] = 0.50x; other_ops - base_entry: "));
	assert_non_null(strstr(md, "- direct, whole iteration p99: other_ops 301 ns"));
	assert_null(strstr(md, "- swiotlb, whole iteration"));
	free(md);
	snprintf(path, sizeof(path), "%s/run/plots/data/profile-renamed_entry.dat", h->dir);
	dat = fx_read_file(path);
	assert_non_null(strstr(dat, "# title: A line no code knows: per-op latency by profile\n"));
	assert_non_null(strstr(dat, "\ndirect renamed_entry/map 120 "));
	assert_non_null(strstr(dat, "\nswiotlb base_entry/unmap 200 "));
	free(dat);
	snprintf(path, sizeof(path), "%s/run/plots/data/hist-renamed_entry.dat", h->dir);
	dat = fx_read_file(path);
	assert_non_null(strstr(dat, "#title direct/map\n120 1.000000\n\n\n"));
	free(dat);
	/* No plot= on base_entry: no data file of its own. */
	snprintf(path, sizeof(path), "%s/run/plots/data/profile-base_entry.dat", h->dir);
	assert_int_equal(access(path, F_OK), -1);

	snprintf(path, sizeof(path), "%s/run/report.md", h->dir);
	assert_int_equal(unlink(path), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_matrix(h, bad[i].matrix);
		assert_int_equal(dmabench(h, "report", run_path(h, "run"), NULL), EXIT_RUN_FAILED);
		assert_non_null(strstr(h->cap.err_text, bad[i].error));
	}
	assert_int_equal(access(path, F_OK), -1);
}

/*
 * Counts near the top of json_int_t, summed over repetitions by summary and
 * report (samples, errors, the CDF's merged buckets): saturated, not a
 * signed overflow (UBSan aborts on one). Found by tests/fuzz/fuzz_results.
 */
static void test_counts_saturate(void **state)
{
	static const char big_rep[] =
		"{\"ops\": {\"map\": {\"count\": 9223372036854775807, "
		"\"errors\": 9223372036854775807, \"overflow\": 9223372036854775807, "
		"\"p50_ns\": 100, \"mean_ns\": 100, \"p99_ns\": 100, "
		"\"histogram\": [[100, 101, 9223372036854775807]]}}}";
	struct harness *h = *state;
	char path[PATH_MAX], *md;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/run/direct", h->dir);
	assert_int_equal(mkdir(run_path(h, "run"), 0755), 0);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/run/direct/map_single_4k_bidir.json", h->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "{\"profile\": \"direct\", \"params\": {\"via\": \"direct\"}, "
		"\"repetitions\": [%s, %s]}\n", big_rep, big_rep);
	fclose(fp);

	assert_int_equal(dmabench(h, "summary", run_path(h, "run"), "--format", "csv",
				  NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, ",map,samples,9223372036854775807,count,,,\n"));
	assert_non_null(strstr(h->cap.out_text, ",map,errors,9223372036854775807,count,,,\n"));
	assert_int_equal(dmabench(h, "report", run_path(h, "run"), NULL), EXIT_OK);
	snprintf(path, sizeof(path), "%s/run/report.md", h->dir);
	md = fx_read_file(path);
	assert_non_null(strstr(md, "| 2 | 9223372036854775807 | 9223372036854775807 |"));
	free(md);
}

/*
 * Every matrix we ship loads: run-matrix copies it into the guest and
 * nothing there checks its tags before the report, minutes later.
 */
static void test_shipped_matrices_load(void **state)
{
	char pattern[PATH_MAX], err[PATH_MAX + 256], bad[PATH_MAX + 256];
	struct matrix m;
	glob_t g;
	size_t i;

	(void)state;
	top_path(pattern, sizeof(pattern), "bench/matrix/*.matrix");
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	assert_true(g.gl_pathc > 0);
	bad[0] = '\0';
	for (i = 0; i < g.gl_pathc && !bad[0]; i++) {
		err[0] = '\0';
		if (matrix_load(g.gl_pathv[i], &m, err, sizeof(err))) {
			snprintf(bad, sizeof(bad), "%s", err);
			break;
		}
		if (!m.n)
			snprintf(bad, sizeof(bad), "%s: no lines", g.gl_pathv[i]);
		matrix_free(&m);
	}
	globfree(&g);
	if (bad[0])
		fail_msg("%s", bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_matrices_load),
		cmocka_unit_test(test_mwu_separated_exact),
		cmocka_unit_test(test_mwu_textbook_exact),
		cmocka_unit_test(test_mwu_ties_exact),
		cmocka_unit_test(test_mwu_normal),
		cmocka_unit_test(test_median_ci),
		cmocka_unit_test(test_shift_ci),
		cmocka_unit_test(test_mwu_identical_and_small),
		fx_harness_test(test_compare_identical),
		fx_harness_test(test_compare_whole_iteration),
		fx_harness_test(test_summary_whole_iteration),
		fx_harness_test(test_compare_csv_exact),
		fx_harness_test(test_compare_separated),
		fx_harness_test(test_compare_small_n_note),
		fx_harness_test(test_compare_fingerprint),
		fx_harness_test(test_compare_across_kernel),
		fx_harness_test(test_compare_added_fingerprints),
		fx_harness_test(test_compare_files_profile_differs),
		fx_harness_test(test_compare_missing_listed),
		fx_harness_test(test_compare_usage),
		fx_harness_test(test_report),
		fx_harness_test(test_report_declared),
		fx_harness_test(test_counts_saturate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

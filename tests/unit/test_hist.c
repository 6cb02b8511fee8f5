// SPDX-License-Identifier: GPL-2.0
/* The histogram helper: bucket layout use, percentiles, merge, overflow, sums. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>
#include "lib/hist.h"

/* |reported - exact| <= exact / 128 above 128 ns, == 0 below. */
static void assert_within_bound(uint64_t reported, uint64_t exact)
{
	uint64_t diff = reported > exact ? reported - exact : exact - reported;

	if (exact < DMABENCH_HIST_LINEAR)
		assert_int_equal(reported, exact);
	else
		assert_true(diff * 128 <= exact);
}

static struct hist *new_hist(void)
{
	struct hist *h = malloc(sizeof(*h));

	assert_non_null(h);
	hist_init(h);
	return h;
}

/* Every bucket's bounds map back to it: we read the uapi layout right. */
static void test_bucket_bounds_match_index(void **state)
{
	uint64_t lo, hi;
	uint32_t i;

	(void)state;
	for (i = 0; i < DMABENCH_HIST_BUCKETS; i++) {
		hist_bucket_bounds(i, &lo, &hi);
		assert_true(lo < hi);
		assert_int_equal(dmabench_hist_index(lo), i);
		assert_int_equal(dmabench_hist_index(hi - 1), i);
	}
	assert_int_equal(dmabench_hist_index(hi), DMABENCH_HIST_BUCKETS);
}

static void test_uniform_1_to_1000(void **state)
{
	struct hist *h = new_hist();
	uint64_t v, p;

	(void)state;
	for (v = 1; v <= 1000; v++)
		hist_add(h, v);
	assert_int_equal(hist_count(h), 1000);
	/* Nearest rank on 1..N: the p-th percentile is exactly ceil(p*N/100). */
	assert_int_equal(hist_percentile(h, 50.0, &p), HIST_PCT_OK);
	assert_within_bound(p, 500);
	assert_int_equal(hist_percentile(h, 90.0, &p), HIST_PCT_OK);
	assert_within_bound(p, 900);
	assert_int_equal(hist_percentile(h, 99.0, &p), HIST_PCT_OK);
	assert_within_bound(p, 990);
	assert_int_equal(hist_percentile(h, 99.9, &p), HIST_PCT_OK);
	assert_within_bound(p, 999);
	assert_int_equal(hist_percentile(h, 100.0, &p), HIST_PCT_OK);
	assert_within_bound(p, 1000);
	free(h);
}

static void test_exact_below_128(void **state)
{
	struct hist *h = new_hist();
	uint64_t v, p;

	(void)state;
	for (v = 1; v <= 100; v++)
		hist_add(h, v);
	assert_int_equal(hist_percentile(h, 50.0, &p), HIST_PCT_OK);
	assert_int_equal(p, 50);
	assert_int_equal(hist_percentile(h, 99.0, &p), HIST_PCT_OK);
	assert_int_equal(p, 99);
	free(h);
}

/* The documented bound holds for single values across the whole range. */
static void test_error_bound_everywhere(void **state)
{
	struct hist *h = new_hist();
	uint64_t v, p;

	(void)state;
	for (v = 1; v < (1ULL << 37); v = v * 3 / 2 + 1) {
		hist_init(h);
		hist_add(h, v);
		assert_int_equal(hist_percentile(h, 50.0, &p), HIST_PCT_OK);
		assert_within_bound(p, v);
		/* The worst case: the last value of a bucket. */
		hist_init(h);
		uint64_t lo, hi;

		hist_bucket_bounds(dmabench_hist_index(v), &lo, &hi);
		hist_add(h, hi - 1);
		assert_int_equal(hist_percentile(h, 50.0, &p), HIST_PCT_OK);
		assert_within_bound(p, hi - 1);
	}
	free(h);
}

static void test_empty(void **state)
{
	struct hist *h = new_hist();
	uint64_t p;

	(void)state;
	assert_int_equal(hist_count(h), 0);
	assert_int_equal(hist_percentile(h, 50.0, &p), HIST_PCT_EMPTY);
	free(h);
}

static void test_overflow_counted(void **state)
{
	struct hist *h = new_hist();
	uint64_t limit = dmabench_hist_lower_ns(DMABENCH_HIST_BUCKETS), p;

	(void)state;
	hist_add(h, 10);
	hist_add(h, limit - 1);
	hist_add(h, limit);
	hist_add(h, UINT64_MAX);
	assert_int_equal(h->overflow, 2);
	assert_int_equal(hist_count_in_buckets(h), 2);
	assert_int_equal(hist_count(h), 4);
	assert_int_equal(hist_percentile(h, 25.0, &p), HIST_PCT_OK);
	assert_int_equal(p, 10);
	assert_int_equal(hist_percentile(h, 50.0, &p), HIST_PCT_OK);
	assert_within_bound(p, limit - 1);
	/* Ranks among the overflowed samples are not made up. */
	assert_int_equal(hist_percentile(h, 75.0, &p), HIST_PCT_OVERFLOW);
	assert_int_equal(p, limit);
	free(h);
}

static void test_merge(void **state)
{
	struct hist *a = new_hist(), *b = new_hist();
	uint64_t v, p;

	(void)state;
	for (v = 1; v <= 500; v++)
		hist_add(a, v);
	for (v = 501; v <= 1000; v++)
		hist_add(b, v);
	hist_add(b, UINT64_MAX);
	assert_true(hist_merge(a, b));
	assert_int_equal(hist_count(a), 1001);
	assert_int_equal(a->overflow, 1);
	assert_int_equal(hist_percentile(a, 50.0, &p), HIST_PCT_OK);
	assert_within_bound(p, 501);
	free(a);
	free(b);
}

static void test_merge_refuses_wrap(void **state)
{
	struct hist *a = new_hist(), *b = new_hist();

	(void)state;
	hist_add(a, 5);
	a->buckets[300] = UINT64_MAX;
	b->buckets[300] = 1;
	hist_add(b, 5);
	assert_false(hist_merge(a, b));
	/* Unchanged, not half merged. */
	assert_int_equal(a->buckets[5], 1);
	assert_int_equal(a->buckets[300], UINT64_MAX);
	free(a);
	free(b);
}

static void test_load(void **state)
{
	uint64_t *buckets = calloc(DMABENCH_HIST_BUCKETS, sizeof(uint64_t));
	struct hist *h = new_hist();

	(void)state;
	assert_non_null(buckets);
	buckets[0] = 3;
	buckets[DMABENCH_HIST_BUCKETS - 1] = 4;
	hist_load(h, buckets, 5);
	assert_int_equal(hist_count(h), 12);
	free(buckets);
	free(h);
}

static void sums_of(const uint64_t *v, size_t n, uint64_t *sum, uint64_t *lo,
		    uint64_t *hi)
{
	unsigned __int128 sq = 0;
	size_t i;

	*sum = 0;
	for (i = 0; i < n; i++) {
		*sum += v[i];
		sq += (unsigned __int128)v[i] * v[i];
	}
	*lo = (uint64_t)sq;
	*hi = (uint64_t)(sq >> 64);
}

/* The floor's mean up to p99: one preempted read of 2 ms does not count. */
static void test_mean_upto(void **state)
{
	static struct hist h;
	int i;

	(void)state;
	hist_init(&h);
	assert_true(isnan(hist_mean_upto(&h, 99)));
	for (i = 0; i < 99; i++)
		hist_add(&h, i % 2 ? 10 : 20);
	hist_add(&h, 2000000);
	/* 50 reads of 20 and 49 of 10, up to p99 (the 99th value, 20). */
	assert_float_equal(hist_mean_upto(&h, 99), (50 * 20.0 + 49 * 10.0) / 99, 1e-9);
	assert_float_equal(hist_mean_upto(&h, 100) > 1000, 1, 0);
}

static void test_mean_stddev(void **state)
{
	uint64_t v[1000], sum, lo, hi;
	double mean, sd;
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++)
		v[i] = i + 1;
	sums_of(v, 1000, &sum, &lo, &hi);
	hist_mean_stddev(1000, sum, lo, hi, &mean, &sd);
	assert_true(fabs(mean - 500.5) < 1e-9);
	/* Population stddev of 1..n: sqrt((n^2 - 1) / 12). */
	assert_true(fabs(sd - sqrt((1000.0 * 1000.0 - 1.0) / 12.0)) < 1e-6);

	hist_mean_stddev(0, 0, 0, 0, &mean, &sd);
	assert_true(mean == 0.0 && sd == 0.0);
}

/* Large, nearly equal values: the sum of squares needs its high word and
 * E[x^2] - E[x]^2 in doubles would cancel to garbage. */
static void test_stddev_large_values(void **state)
{
	uint64_t v[1000], sum, lo, hi;
	double mean, sd;
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++)
		v[i] = 100000000000ULL + (i & 1);	/* 100 s, +0/+1 ns */
	sums_of(v, 1000, &sum, &lo, &hi);
	assert_true(hi > 0);
	hist_mean_stddev(1000, sum, lo, hi, &mean, &sd);
	assert_true(fabs(mean - 100000000000.5) < 1e-3);
	assert_true(fabs(sd - 0.5) < 1e-6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bucket_bounds_match_index),
		cmocka_unit_test(test_uniform_1_to_1000),
		cmocka_unit_test(test_exact_below_128),
		cmocka_unit_test(test_error_bound_everywhere),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_overflow_counted),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_merge_refuses_wrap),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_mean_upto),
		cmocka_unit_test(test_mean_stddev),
		cmocka_unit_test(test_stddev_large_values),
	};

	return cmocka_run_group_tests_name("hist", tests, NULL, NULL);
}

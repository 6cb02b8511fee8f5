// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <string.h>
#include "hist.h"

void hist_init(struct hist *h)
{
	memset(h, 0, sizeof(*h));
}

void hist_add(struct hist *h, uint64_t value_ns)
{
	uint32_t idx = dmabench_hist_index(value_ns);

	if (idx >= DMABENCH_HIST_BUCKETS)
		h->overflow++;
	else
		h->buckets[idx]++;
}

void hist_load(struct hist *h, const uint64_t *buckets, uint64_t overflow)
{
	memcpy(h->buckets, buckets, sizeof(h->buckets));
	h->overflow = overflow;
}

bool hist_merge(struct hist *dst, const struct hist *src)
{
	uint64_t sum;
	uint32_t i;

	/* Check everything first so a wrap leaves dst as it was. */
	for (i = 0; i < DMABENCH_HIST_BUCKETS; i++)
		if (__builtin_add_overflow(dst->buckets[i], src->buckets[i], &sum))
			return false;
	if (__builtin_add_overflow(dst->overflow, src->overflow, &sum))
		return false;
	for (i = 0; i < DMABENCH_HIST_BUCKETS; i++)
		dst->buckets[i] += src->buckets[i];
	dst->overflow += src->overflow;
	return true;
}

uint64_t hist_count_in_buckets(const struct hist *h)
{
	uint64_t n = 0;
	uint32_t i;

	for (i = 0; i < DMABENCH_HIST_BUCKETS; i++)
		n += h->buckets[i];
	return n;
}

uint64_t hist_count(const struct hist *h)
{
	return hist_count_in_buckets(h) + h->overflow;
}

void hist_bucket_bounds(uint32_t idx, uint64_t *lower_ns, uint64_t *upper_ns)
{
	*lower_ns = dmabench_hist_lower_ns(idx);
	*upper_ns = dmabench_hist_lower_ns(idx + 1);
}

uint64_t hist_bucket_value_ns(uint32_t idx)
{
	uint64_t lo, hi;

	hist_bucket_bounds(idx, &lo, &hi);
	/* Width 1 below 128 ns: (hi - lo) / 2 == 0, the value is exact. */
	return lo + (hi - lo) / 2;
}

enum hist_pct_status hist_percentile(const struct hist *h, double pct,
				     uint64_t *value_ns)
{
	uint64_t total = hist_count(h), rank, seen = 0;
	uint32_t i;

	*value_ns = 0;
	if (total == 0)
		return HIST_PCT_EMPTY;
	if (pct <= 0.0)
		pct = 0.0;
	if (pct > 100.0)
		pct = 100.0;
	/* Nearest rank: the smallest sample with at least pct % at or below it. */
	rank = (uint64_t)ceill((long double)pct / 100.0L * (long double)total);
	if (rank == 0)
		rank = 1;
	for (i = 0; i < DMABENCH_HIST_BUCKETS; i++) {
		seen += h->buckets[i];
		if (seen >= rank) {
			*value_ns = hist_bucket_value_ns(i);
			return HIST_PCT_OK;
		}
	}
	*value_ns = dmabench_hist_lower_ns(DMABENCH_HIST_BUCKETS);
	return HIST_PCT_OVERFLOW;
}

double hist_mean_upto(const struct hist *h, double pct)
{
	uint64_t at, n = 0;
	long double sum = 0;
	uint32_t i, last;

	if (hist_percentile(h, pct, &at) != HIST_PCT_OK)
		return NAN;
	last = dmabench_hist_index(at);
	for (i = 0; i <= last && i < DMABENCH_HIST_BUCKETS; i++) {
		n += h->buckets[i];
		sum += (long double)h->buckets[i] * (long double)hist_bucket_value_ns(i);
	}
	return n ? (double)(sum / (long double)n) : NAN;
}

/*
 * 128-bit unsigned arithmetic in two words: i386 has no __int128, and one
 * path for both ABIs means the unit tests check what the 32-bit CLI runs.
 */
struct u128 {
	uint64_t hi, lo;
};

static struct u128 u128_mul64(uint64_t a, uint64_t b)
{
	uint64_t a_lo = (uint32_t)a, a_hi = a >> 32, b_lo = (uint32_t)b, b_hi = b >> 32;
	uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
	/* The middle column's carry: at most three 32-bit halves, no overflow. */
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;

	return (struct u128){ hh + (lh >> 32) + (hl >> 32) + (mid >> 32),
			      (mid << 32) | (uint32_t)ll };
}

/* Long division, one bit at a time: it runs once per op summary. */
static struct u128 u128_div64(struct u128 n, uint64_t d)
{
	struct u128 q = { 0, 0 };
	uint64_t r = 0, top;
	int i;

	for (i = 127; i >= 0; i--) {
		top = r >> 63;
		r = (r << 1) | ((i >= 64 ? n.hi >> (i - 64) : n.lo >> i) & 1);
		/* r < d before the shift, so r - d wraps to the true remainder */
		if (top || r >= d) {
			r -= d;
			if (i >= 64)
				q.hi |= 1ULL << (i - 64);
			else
				q.lo |= 1ULL << i;
		}
	}
	return q;
}

static bool u128_gt(struct u128 a, struct u128 b)
{
	return a.hi != b.hi ? a.hi > b.hi : a.lo > b.lo;
}

static struct u128 u128_sub(struct u128 a, struct u128 b)
{
	return (struct u128){ a.hi - b.hi - (a.lo < b.lo), a.lo - b.lo };
}

void hist_mean_stddev(uint64_t count, uint64_t sum_ns, uint64_t sum_sq_ns2_lo,
		      uint64_t sum_sq_ns2_hi, double *mean_ns, double *stddev_ns)
{
	struct u128 sum_sq = { sum_sq_ns2_hi, sum_sq_ns2_lo }, sum_sq_of_mean, spread = { 0, 0 };

	*mean_ns = 0.0;
	*stddev_ns = 0.0;
	if (count == 0)
		return;
	*mean_ns = (double)((long double)sum_ns / (long double)count);
	/*
	 * n * var = sum_sq - sum^2 / n. sum < 2^64 so sum^2 fits 128 bits and
	 * the subtraction is exact, avoiding the cancellation of
	 * E[x^2] - E[x]^2 in floating point when stddev << mean.
	 */
	sum_sq_of_mean = u128_div64(u128_mul64(sum_ns, sum_ns), count);
	/* Inconsistent sums (sum_sq too small) would be a module bug: clamp. */
	if (u128_gt(sum_sq, sum_sq_of_mean))
		spread = u128_sub(sum_sq, sum_sq_of_mean);
	*stddev_ns = (double)sqrtl(((long double)spread.hi * 18446744073709551616.0L +
				    (long double)spread.lo) / (long double)count);
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one user-space latency histogram, over the uapi bucket layout
 * (dmabench_hist_index / dmabench_hist_lower_ns in include/uapi/dmabench.h).
 *
 * Error bound of a reported percentile: it is the midpoint of its bucket.
 * Below DMABENCH_HIST_LINEAR (128 ns) buckets are 1 ns wide and the value is
 * exact. Above, a bucket in [2^e, 2^(e+1)) is 2^(e-6) wide, so the midpoint
 * is at most 2^(e-7) <= v/128 away from any value v in it: <= 1/128 relative.
 */
#ifndef DMABENCH_HIST_H
#define DMABENCH_HIST_H

#include <stdbool.h>
#include <stdint.h>
#include "dmabench.h"

struct hist {
	uint64_t buckets[DMABENCH_HIST_BUCKETS];
	uint64_t overflow;	/* samples >= dmabench_hist_lower_ns(BUCKETS) */
};

void hist_init(struct hist *h);
/* Counts one sample; values beyond the last bucket go to overflow. */
void hist_add(struct hist *h, uint64_t value_ns);
/* Loads the module's counters (DMABENCH_HIST_BUCKETS of them) and overflow. */
void hist_load(struct hist *h, const uint64_t *buckets, uint64_t overflow);
/* dst += src; returns false if a counter would wrap (dst is then unchanged). */
bool hist_merge(struct hist *dst, const struct hist *src);
/* All samples, overflow included. */
uint64_t hist_count(const struct hist *h);
/* Samples inside the buckets (overflow excluded). */
uint64_t hist_count_in_buckets(const struct hist *h);

/* [lower_ns, upper_ns) of bucket idx, idx < DMABENCH_HIST_BUCKETS. */
void hist_bucket_bounds(uint32_t idx, uint64_t *lower_ns, uint64_t *upper_ns);
/* Reported value of a bucket: exact below 128 ns, else its midpoint. */
uint64_t hist_bucket_value_ns(uint32_t idx);

enum hist_pct_status {
	HIST_PCT_OK = 0,
	HIST_PCT_EMPTY,		/* no samples */
	HIST_PCT_OVERFLOW,	/* the rank falls among the overflowed samples */
};

/*
 * Nearest-rank percentile (0 < pct <= 100) over all samples, overflow
 * included as the largest values; *value_ns is the bucket's reported value.
 */
enum hist_pct_status hist_percentile(const struct hist *h, double pct,
				     uint64_t *value_ns);

/*
 * Mean of the samples in the buckets up to the one holding the pct
 * percentile (its reported values: exact below 128 ns, midpoints above).
 * The floor's mean without the interrupts and host preemptions that land
 * in a few of its reads. NaN when empty or the rank overflowed.
 */
double hist_mean_upto(const struct hist *h, double pct);

/*
 * Mean and population standard deviation from the module's exact sums
 * (sum of squares is 128 bits: lo/hi). count == 0 gives 0 and 0.
 */
void hist_mean_stddev(uint64_t count, uint64_t sum_ns, uint64_t sum_sq_ns2_lo,
		      uint64_t sum_sq_ns2_hi, double *mean_ns, double *stddev_ns);

#endif

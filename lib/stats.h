/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small statistics for comparing runs: the median, and the two-sided
 * Mann-Whitney U test (Wilcoxon rank-sum) on two samples, e.g. the
 * per-repetition p50_ns of one op in a baseline and in a new run.
 *
 * p-value: exact when na + nb <= STATS_MWU_EXACT_MAX_N (every assignment of
 * the pooled mid-ranks to the first sample is enumerated, so ties are
 * handled exactly too), otherwise the normal approximation with tie
 * correction and continuity correction.
 */
#ifndef DMABENCH_STATS_H
#define DMABENCH_STATS_H

#include <stdbool.h>
#include <stddef.h>

/* Largest pooled sample with an exact p-value: C(20,10) = 184756 subsets. */
#define STATS_MWU_EXACT_MAX_N	20
/* Largest sample the test takes (repetitions of a run). */
#define STATS_MWU_MAX_N		1000

struct mwu_result {
	double u_a;		/* U of the first sample: pairs (a, b) with a > b, ties 1/2 */
	double u_b;		/* na * nb - u_a */
	double z;		/* normal approximation (0 when exact or no spread) */
	double p_value;		/* two-sided */
	double p_min;		/* smallest p-value these sample sizes can give
				 * (without ties; ties only raise it) */
	bool exact;		/* p_value from the exact permutation distribution */
};

/* Median of values[0..n) (sorts values); NaN when n is 0. */
double stats_median(double *values, size_t n);

/* The confidence level every interval of summary, compare and report uses. */
#define STATS_CI_LEVEL		0.95

/*
 * A distribution-free confidence interval.
 * stats_median_ci: of the median of one sample, from its order statistics:
 * [x(k), x(n+1-k)] with the largest k whose coverage 1 - 2 P(B <= k-1),
 * B ~ Binomial(n, 1/2), is at least the level asked (exact, any continuous
 * distribution). Below 6 values no pair reaches 95 %: the interval is then
 * [min, max] and level says what it does cover (5 values: 93.75 %).
 * stats_shift_ci: of the shift b - a between two samples: the
 * Hodges-Lehmann estimate (median of the na * nb differences) and Moses'
 * interval, order statistics of those differences at the Mann-Whitney
 * critical value (exact distribution of U up to STATS_MWU_EXACT_MAX_N values
 * in all, normal approximation beyond; ties make it a little conservative).
 */
struct stats_ci {
	double estimate;	/* the median, or the Hodges-Lehmann shift */
	double lo, hi;
	double level;		/* the coverage it has (>= asked when reachable) */
	bool reached;		/* level >= the level asked */
	size_t n;		/* values (stats_shift_ci: na * nb differences) */
};

/* 0, or -1 when a sample is empty or larger than STATS_MWU_MAX_N. */
int stats_median_ci(const double *values, size_t n, double level,
		    struct stats_ci *ci);
int stats_shift_ci(const double *a, size_t na, const double *b, size_t nb,
		   double level, struct stats_ci *ci);
/* Half the interval's width relative to the estimate (NaN when it is 0). */
double stats_ci_rel_half_width(const struct stats_ci *ci);
/* "order statistics: ..." : how the intervals are made, for output headers. */
extern const char stats_ci_method[];

/*
 * Two-sided Mann-Whitney U test of a[0..na) against b[0..nb).
 * Returns 0, or -1 when a sample is empty or too large (STATS_MWU_MAX_N).
 */
int stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
		       struct mwu_result *r);

/* "Mann-Whitney U, two-sided: exact for n1+n2 <= 20, else normal ..." */
extern const char stats_mwu_method[];

#endif

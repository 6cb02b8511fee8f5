// SPDX-License-Identifier: GPL-2.0
/*
 * Median and the two-sided Mann-Whitney U test. Ranks are mid-ranks
 * (ties share the mean of their ranks), kept doubled so they stay integers.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "stats.h"

const char stats_mwu_method[] =
	"Mann-Whitney U, two-sided; exact permutation p-value (mid-ranks) for "
	"n1+n2 <= 20, else normal approximation with tie and continuity correction";

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double stats_median(double *values, size_t n)
{
	if (!n)
		return NAN;
	qsort(values, n, sizeof(*values), cmp_double);
	return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

struct pooled {
	double v;
	int from_a;
	int64_t rank2;		/* doubled mid-rank */
};

static int cmp_pooled(const void *a, const void *b)
{
	return cmp_double(&((const struct pooled *)a)->v, &((const struct pooled *)b)->v);
}

/* Exact distribution: every choice of na of the n doubled ranks. */
struct exact_walk {
	const struct pooled *p;
	size_t n;
	int64_t centre2;	/* na * (n + 1): twice the expected rank sum */
	int64_t obs_dev2;	/* |observed doubled rank sum - centre2| */
	double total, at_least_obs;
};

static void exact_walk(struct exact_walk *w, size_t i, size_t left, int64_t sum2)
{
	int64_t dev;

	if (!left) {
		dev = llabs(sum2 - w->centre2);
		w->total += 1;
		if (dev >= w->obs_dev2)
			w->at_least_obs += 1;
		return;
	}
	if (w->n - i < left)
		return;
	exact_walk(w, i + 1, left - 1, sum2 + w->p[i].rank2);
	exact_walk(w, i + 1, left, sum2);
}

int stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
		       struct mwu_result *r)
{
	size_t n = na + nb, i, j;
	struct pooled *p;
	int64_t sum_a2 = 0;
	double ties = 0, mu, var;

	if (!na || !nb || na > STATS_MWU_MAX_N || nb > STATS_MWU_MAX_N)
		return -1;
	p = calloc(n, sizeof(*p));
	if (!p)
		return -1;
	for (i = 0; i < na; i++)
		p[i] = (struct pooled){ a[i], 1, 0 };
	for (i = 0; i < nb; i++)
		p[na + i] = (struct pooled){ b[i], 0, 0 };
	qsort(p, n, sizeof(*p), cmp_pooled);
	for (i = 0; i < n; i = j) {
		double t;

		for (j = i + 1; j < n && p[j].v == p[i].v; j++)
			;
		/* ranks i+1 .. j share (i + 1 + j) / 2; doubled: i + 1 + j */
		for (size_t k = i; k < j; k++)
			p[k].rank2 = (int64_t)(i + 1 + j);
		t = (double)(j - i);
		ties += t * t * t - t;
	}
	for (i = 0; i < n; i++)
		if (p[i].from_a)
			sum_a2 += p[i].rank2;

	r->u_a = (double)sum_a2 / 2 - (double)na * (double)(na + 1) / 2;
	r->u_b = (double)na * (double)nb - r->u_a;
	r->z = 0;
	mu = (double)na * (double)nb / 2;
	var = (double)na * (double)nb / 12 *
	      ((double)(n + 1) - ties / ((double)n * (double)(n - 1)));

	if (n <= STATS_MWU_EXACT_MAX_N) {
		struct exact_walk w = {
			.p = p, .n = n, .centre2 = (int64_t)(na * (n + 1)),
			.obs_dev2 = llabs(sum_a2 - (int64_t)(na * (n + 1))),
		};
		double splits = 1;

		exact_walk(&w, 0, na, 0);
		r->exact = true;
		r->p_value = w.at_least_obs / w.total;
		/* Without ties only the two extreme splits reach the minimum. */
		for (i = 0; i < na; i++)
			splits = splits * (double)(n - i) / (double)(i + 1);
		r->p_min = fmin(2 / splits, 1);
	} else {
		double sd = sqrt(var), sd_no_ties;

		r->exact = false;
		if (var <= 0) {
			r->p_value = 1;	/* every value tied: no evidence at all */
		} else {
			r->z = fmax(fabs(r->u_a - mu) - 0.5, 0) / sd;
			r->p_value = fmin(erfc(r->z / sqrt(2)), 1);
		}
		/* The most extreme outcome (U = 0, no ties). */
		sd_no_ties = sqrt((double)na * (double)nb * (double)(n + 1) / 12);
		r->p_min = fmin(erfc((mu - 0.5) / sd_no_ties / sqrt(2)), 1);
	}
	free(p);
	return 0;
}

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

const char stats_ci_method[] =
	"distribution-free: the median's from order statistics (binomial "
	"coverage), a difference's from the Hodges-Lehmann shift with Moses' "
	"interval (Mann-Whitney critical value)";

/* P(B <= k) for B ~ Binomial(n, 1/2), in log space: n may be 1000. */
static double binom_half_cdf(size_t n, size_t k)
{
	double sum = 0, ln2n = (double)n * log(2);
	size_t i;

	for (i = 0; i <= k && i <= n; i++)
		sum += exp(lgamma((double)n + 1) - lgamma((double)i + 1) -
			   lgamma((double)(n - i) + 1) - ln2n);
	return fmin(sum, 1);
}

static double *sorted_copy(const double *v, size_t n)
{
	double *s = malloc(n * sizeof(*s));
	size_t i;

	if (!s)
		return NULL;
	for (i = 0; i < n; i++)
		s[i] = v[i];
	qsort(s, n, sizeof(*s), cmp_double);
	return s;
}

/*
 * The largest k (1-based rank from each end) with coverage >= level, where
 * tail(j) is the probability that fewer than j values fall below the
 * quantity: coverage of [x(k), x(n+1-k)] is 1 - 2 tail(k).
 */
static size_t pick_rank(size_t n, double level, double (*tail)(size_t, size_t, void *),
			void *arg, double *coverage)
{
	size_t k, best = 1;

	*coverage = 1 - 2 * tail(n, 1, arg);
	for (k = 2; k <= (n + 1) / 2; k++) {
		double c = 1 - 2 * tail(n, k, arg);

		if (c < level)
			break;
		best = k;
		*coverage = c;
	}
	return best;
}

/* P(fewer than k of n values below the median) = P(B <= k - 1). */
static double median_tail(size_t n, size_t k, void *arg)
{
	(void)arg;
	return k ? binom_half_cdf(n, k - 1) : 0;
}

int stats_median_ci(const double *values, size_t n, double level,
		    struct stats_ci *ci)
{
	double *s;
	size_t k;

	if (!n || n > STATS_MWU_MAX_N)
		return -1;
	s = sorted_copy(values, n);
	if (!s)
		return -1;
	ci->n = n;
	ci->estimate = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	k = pick_rank(n, level, median_tail, NULL, &ci->level);
	if (n == 1)
		ci->level = 0;
	ci->lo = s[k - 1];
	ci->hi = s[n - k];
	ci->reached = ci->level >= level;
	free(s);
	return 0;
}

/* The null distribution of U (no ties): counts of each U for na, nb. */
struct u_dist {
	size_t na, nb;
	double *p;		/* P(U = u), u = 0 .. na * nb */
};

/* P(U < k): fewer than k differences fall below the shift. */
static double u_tail(size_t n, size_t k, void *arg)
{
	const struct u_dist *d = arg;
	double sum = 0, mu, sd;
	size_t u;

	(void)n;
	if (d->p) {
		for (u = 0; u < k && u <= d->na * d->nb; u++)
			sum += d->p[u];
		return sum;
	}
	mu = (double)d->na * (double)d->nb / 2;
	sd = sqrt((double)d->na * (double)d->nb * (double)(d->na + d->nb + 1) / 12);
	/* P(U <= k - 1), continuity corrected */
	return 0.5 * erfc(-(((double)k - 0.5) - mu) / sd / sqrt(2));
}

/* Exact P(U = u) by the recurrence f(m, n, u) = f(m-1, n, u-n) + f(m, n-1, u). */
static double *u_exact(size_t na, size_t nb)
{
	size_t max = na * nb, i, j, u;
	double *f = calloc((na + 1) * (nb + 1) * (max + 1), sizeof(*f)), *p;

#define F(m, n, u) f[((m) * (nb + 1) + (n)) * (max + 1) + (u)]
	if (!f)
		return NULL;
	for (i = 0; i <= na; i++)
		for (j = 0; j <= nb; j++)
			for (u = 0; u <= i * j; u++) {
				if (!i || !j) {
					F(i, j, u) = u == 0;
					continue;
				}
				F(i, j, u) = (u >= j ? F(i - 1, j, u - j) : 0) + F(i, j - 1, u);
			}
	p = malloc((max + 1) * sizeof(*p));
	if (p) {
		double total = 0;

		for (u = 0; u <= max; u++)
			total += F(na, nb, u);
		for (u = 0; u <= max; u++)
			p[u] = F(na, nb, u) / total;
	}
#undef F
	free(f);
	return p;
}

int stats_shift_ci(const double *a, size_t na, const double *b, size_t nb,
		   double level, struct stats_ci *ci)
{
	struct u_dist d = { na, nb, NULL };
	double *diff, *s;
	size_t i, j, n = na * nb, k;

	if (!na || !nb || na > STATS_MWU_MAX_N || nb > STATS_MWU_MAX_N)
		return -1;
	diff = malloc(n * sizeof(*diff));
	if (!diff)
		return -1;
	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			diff[i * nb + j] = b[j] - a[i];
	s = sorted_copy(diff, n);
	free(diff);
	if (!s)
		return -1;
	if (na + nb <= STATS_MWU_EXACT_MAX_N) {
		d.p = u_exact(na, nb);
		if (!d.p) {
			free(s);
			return -1;
		}
	}
	ci->n = n;
	ci->estimate = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	k = pick_rank(n, level, u_tail, &d, &ci->level);
	ci->lo = s[k - 1];
	ci->hi = s[n - k];
	ci->reached = ci->level >= level;
	free(d.p);
	free(s);
	return 0;
}

double stats_ci_rel_half_width(const struct stats_ci *ci)
{
	if (!ci->estimate || isnan(ci->estimate))
		return NAN;
	return (ci->hi - ci->lo) / 2 / fabs(ci->estimate);
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

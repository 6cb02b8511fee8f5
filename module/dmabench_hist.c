// SPDX-License-Identifier: GPL-2.0
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "dmabench_hist.h"

void dmabench_hist_init(struct dmabench_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min_ns = U64_MAX;
}

void dmabench_hist_merge(struct dmabench_hist *dst,
			 const struct dmabench_hist *src)
{
	unsigned int i;

	if (!src->count)
		return;
	dst->count += src->count;
	dst->overflow += src->overflow;
	dst->sum_ns += src->sum_ns;
	dst->sum_sq_ns2 += src->sum_sq_ns2;
	dst->min_ns = min(dst->min_ns, src->min_ns);
	dst->max_ns = max(dst->max_ns, src->max_ns);
	for (i = 0; i < DMABENCH_HIST_BUCKETS; i++)
		dst->buckets[i] += src->buckets[i];
}

/* Fills the statistics; the caller sets name, errors and ops_per_sample. */
void dmabench_hist_to_stats(const struct dmabench_hist *h,
			    struct dmabench_op_stats *st)
{
	st->count = h->count;
	st->overflow = h->overflow;
	st->min_ns = h->count ? h->min_ns : 0;
	st->max_ns = h->max_ns;
	st->sum_ns = h->sum_ns;
	st->sum_sq_ns2_lo = (u64)h->sum_sq_ns2;
	st->sum_sq_ns2_hi = (u64)(h->sum_sq_ns2 >> 64);
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-thread latency histograms (the uapi's log-linear buckets), merged
 * into struct dmabench_op_stats after the run. One owner per histogram,
 * so the hot path has no atomics.
 */
#ifndef _DMABENCH_HIST_H
#define _DMABENCH_HIST_H

#include <linux/types.h>
#include <uapi/dmabench.h>

struct dmabench_hist {
	unsigned __int128 sum_sq_ns2;
	u64 count;		/* every sample, overflow included */
	u64 overflow;
	u64 min_ns;
	u64 max_ns;
	u64 sum_ns;
	u64 buckets[DMABENCH_HIST_BUCKETS];
};

static inline void dmabench_hist_add(struct dmabench_hist *h, u64 v)
{
	u32 idx = dmabench_hist_index(v);

	h->count++;
	h->sum_ns += v;
	h->sum_sq_ns2 += (unsigned __int128)v * v;
	if (v < h->min_ns)
		h->min_ns = v;
	if (v > h->max_ns)
		h->max_ns = v;
	if (idx < DMABENCH_HIST_BUCKETS)
		h->buckets[idx]++;
	else
		h->overflow++;
}

void dmabench_hist_init(struct dmabench_hist *h);
void dmabench_hist_merge(struct dmabench_hist *dst,
			 const struct dmabench_hist *src);
void dmabench_hist_to_stats(const struct dmabench_hist *h,
			    struct dmabench_op_stats *st);

#endif /* _DMABENCH_HIST_H */

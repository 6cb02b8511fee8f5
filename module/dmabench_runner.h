/* SPDX-License-Identifier: GPL-2.0 */
/* Runs one scenario on T bound kernel threads and merges their histograms. */
#ifndef _DMABENCH_RUNNER_H
#define _DMABENCH_RUNNER_H

#include <linux/dma-direction.h>
#include <linux/types.h>
#include <uapi/dmabench.h>

#include "dmabench_cpubuf.h"
#include "dmabench_clock.h"
#include "dmabench_hist.h"

struct dmabench_dev;
struct dmabench_run_ctx;
struct dmabench_scenario_ops;
struct task_struct;

/* One benchmark thread: parameters in, per-thread results out. */
struct dmabench_thread {
	struct dmabench_run_ctx *run;
	const struct dmabench_params *p;	/* validated */
	struct device *dev;		/* the bound device or its ops child */
	bool timed;			/* batch == 1: time every op */
	bool trace_direct;		/* --via direct: the scenario emits events */
	struct dmabench_clk clk;	/* how stamps are read and converted */
	enum dma_data_direction dir;
	unsigned long attrs;
	size_t size;
	unsigned int index;
	int cpu;
	int node;
	struct dmabench_thread *peer;	/* rx: the other thread of the pair */
	const void *scn_data;		/* the scenario's data */
	const struct dmabench_size_weight *sizes;	/* storm: DIST_LIST */
	struct task_struct *task;

	/* Scenario state, owned by prepare/cleanup. */
	struct dmabench_cpubuf buf;
	dma_addr_t addr;		/* mapping made in prepare */
	bool mapped;
	void *priv;

	/* Results. */
	/* [nops], or [1] when batched; then the floor, then whole iterations */
	struct dmabench_hist *hist;
	u64 errors[DMABENCH_MAX_OPS];
	u64 iteration_errors;		/* iterations with a failed op */
	u64 iterations;
	long mappings;			/* net mappings made by run_one */
	u64 peak_held;			/* storms: most buffers held */
	u64 peak_held_bytes;
};

/* Mean cost of one ktime_get_ns(), in ns (best of a few rounds). */
u64 dmabench_clock_read_ns(void);

/*
 * Runs sc on d with validated params p. hist_out, when not NULL, receives
 * DMABENCH_MAX_OPS * DMABENCH_HIST_BUCKETS merged counters, op-major;
 * floor_out, when not NULL, DMABENCH_HIST_BUCKETS of the floor; iter_out,
 * when not NULL, the whole iterations of a per-op run.
 * The caller holds d's lock.
 */
int dmabench_run(struct dmabench_dev *d, const struct dmabench_scenario_ops *sc,
		 const struct dmabench_params *p,
		 const struct dmabench_size_weight *sizes,
		 struct dmabench_results *res, u64 *hist_out, u64 *floor_out,
		 struct dmabench_iteration *iter_out);

/* Number of histograms a run reports: 1 when batched. */
unsigned int dmabench_run_nops(const struct dmabench_scenario_ops *sc,
			       const struct dmabench_params *p);

#endif /* _DMABENCH_RUNNER_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * Syncs of a mapping made in prepare: sync_single_for_cpu,
 * sync_single_for_device (whole buffer) and sync_range (a sub-range).
 */
#include <linux/dma-mapping.h>

#include "dmabench_scenario.h"
#include "timed_ops.h"

static __always_inline int sync_single_for_cpu_iter(struct dmabench_thread *t,
						    const bool timed)
{
	timed_sync_for_cpu(t, timed, 0, t->addr, 0, t->size);
	return 1;
}
DMABENCH_RUN_ONE(sync_single_for_cpu)

const struct dmabench_scenario_ops dmabench_scn_sync_single_for_cpu = {
	.name		= "sync_single_for_cpu",
	.summary	= "dma_sync_single_for_cpu of a buffer mapped in prepare",
	.op_names	= { "sync_for_cpu" },
	.nops		= 1,
	.prepare	= dmabench_scn_mapped_prepare,
	.run_one	= sync_single_for_cpu_run_one,
	.cleanup	= dmabench_scn_mapped_cleanup,
};

static __always_inline int
sync_single_for_device_iter(struct dmabench_thread *t, const bool timed)
{
	timed_sync_for_device(t, timed, 0, t->addr, 0, t->size);
	return 1;
}
DMABENCH_RUN_ONE(sync_single_for_device)

const struct dmabench_scenario_ops dmabench_scn_sync_single_for_device = {
	.name		= "sync_single_for_device",
	.summary	= "dma_sync_single_for_device of a buffer mapped in prepare",
	.op_names	= { "sync_for_device" },
	.nops		= 1,
	.prepare	= dmabench_scn_mapped_prepare,
	.run_one	= sync_single_for_device_run_one,
	.cleanup	= dmabench_scn_mapped_cleanup,
};

/* Validation guarantees offset < size and offset + len <= size. */
static __always_inline size_t sync_range_len(const struct dmabench_thread *t)
{
	u64 len = t->p->sync_len_bytes;

	return len ? len : t->size - t->p->sync_offset_bytes;
}

static __always_inline int sync_range_iter(struct dmabench_thread *t,
					   const bool timed)
{
	size_t offset = t->p->sync_offset_bytes;
	size_t len = sync_range_len(t);

	timed_sync_for_device(t, timed, 0, t->addr, offset, len);
	timed_sync_for_cpu(t, timed, 1, t->addr, offset, len);
	return 1;
}
DMABENCH_RUN_ONE(sync_range)

const struct dmabench_scenario_ops dmabench_scn_sync_range = {
	.name		= "sync_range",
	.summary	= "dma_sync_single_range_for_device/for_cpu of a sub-range",
	.op_names	= { "sync_for_device", "sync_for_cpu" },
	.nops		= 2,
	.prepare	= dmabench_scn_mapped_prepare,
	.run_one	= sync_range_run_one,
	.cleanup	= dmabench_scn_mapped_cleanup,
};

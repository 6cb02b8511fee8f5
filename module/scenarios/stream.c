// SPDX-License-Identifier: GPL-2.0
/* Streaming map/unmap of one buffer: map_single, map_page, map_page_sync. */
#include <linux/dma-mapping.h>

#include "dmabench_scenario.h"
#include "timed_ops.h"

/* map_single: dma_map_single_attrs() + dma_unmap_single_attrs(). */
static __always_inline int map_single_iter(struct dmabench_thread *t,
					   const bool timed)
{
	dma_addr_t addr = timed_map_single(t, timed, 0);

	if (!dma_mapping_error(t->dev, addr))
		timed_unmap_single(t, timed, 1, addr);
	return 1;
}
DMABENCH_RUN_ONE(map_single)

const struct dmabench_scenario_ops dmabench_scn_map_single = {
	.name		= "map_single",
	.summary	= "dma_map_single + dma_unmap_single of one kernel buffer",
	.op_names	= { "map", "unmap" },
	.nops		= 2,
	.prepare	= dmabench_scn_buf_prepare,
	.run_one	= map_single_run_one,
	.cleanup	= dmabench_scn_buf_cleanup,
};

/* map_page: dma_map_page_attrs() + dma_unmap_page_attrs() with --attrs. */
static __always_inline int map_page_iter(struct dmabench_thread *t,
					 const bool timed)
{
	dma_addr_t addr = timed_map_page(t, timed, 0, &t->buf, t->attrs);

	if (!dma_mapping_error(t->dev, addr))
		timed_unmap_page(t, timed, 1, addr, t->attrs);
	return 1;
}
DMABENCH_RUN_ONE(map_page)

const struct dmabench_scenario_ops dmabench_scn_map_page = {
	.name		= "map_page",
	.summary	= "dma_map_page_attrs + dma_unmap_page_attrs, honours attrs",
	.op_names	= { "map", "unmap" },
	.nops		= 2,
	.prepare	= dmabench_scn_buf_prepare,
	.run_one	= map_page_run_one,
	.cleanup	= dmabench_scn_buf_cleanup,
};

/*
 * map_page_sync: map and unmap with DMA_ATTR_SKIP_CPU_SYNC and do the syncs
 * explicitly, so the cost of the cache/bounce work is seen on its own.
 */
static __always_inline int map_page_sync_iter(struct dmabench_thread *t,
					      const bool timed)
{
	unsigned long attrs = t->attrs | DMA_ATTR_SKIP_CPU_SYNC;
	dma_addr_t addr = timed_map_page(t, timed, 0, &t->buf, attrs);

	if (dma_mapping_error(t->dev, addr))
		return 1;
	timed_sync_for_device(t, timed, 1, addr, 0, t->size);
	timed_sync_for_cpu(t, timed, 2, addr, 0, t->size);
	timed_unmap_page(t, timed, 3, addr, attrs);
	return 1;
}
DMABENCH_RUN_ONE(map_page_sync)

const struct dmabench_scenario_ops dmabench_scn_map_page_sync = {
	.name		= "map_page_sync",
	.summary	= "map/unmap with SKIP_CPU_SYNC plus explicit syncs, each timed",
	.op_names	= { "map", "sync_for_device", "sync_for_cpu", "unmap" },
	.nops		= 4,
	.prepare	= dmabench_scn_buf_prepare,
	.run_one	= map_page_sync_run_one,
	.cleanup	= dmabench_scn_buf_cleanup,
};

// SPDX-License-Identifier: GPL-2.0
/* Prepare/cleanup shared by the scenarios that use one buffer. */
#include <linux/dma-mapping.h>

#include "dmabench_account.h"
#include "dmabench_scenario.h"

int dmabench_scn_buf_prepare(struct dmabench_thread *t)
{
	return dmabench_cpubuf_alloc(&t->buf, t->size, t->node);
}

void dmabench_scn_buf_cleanup(struct dmabench_thread *t)
{
	dmabench_cpubuf_free(&t->buf);
}

/*
 * A mapping that lives for the whole run. If it cannot be made the run
 * cannot measure anything, so unlike a failed op in run_one it is fatal.
 */
int dmabench_scn_mapped_prepare(struct dmabench_thread *t)
{
	int ret;

	ret = dmabench_scn_buf_prepare(t);
	if (ret)
		return ret;
	t->addr = dma_map_page_attrs(t->dev, dmabench_cpubuf_page(&t->buf),
				     dmabench_cpubuf_offset(&t->buf), t->size,
				     t->dir, t->attrs);
	if (dma_mapping_error(t->dev, t->addr)) {
		dmabench_scn_buf_cleanup(t);
		return -ENOMEM;
	}
	t->mapped = true;
	dmabench_account(DMABENCH_RES_MAPPINGS, 1);
	return 0;
}

void dmabench_scn_mapped_cleanup(struct dmabench_thread *t)
{
	if (t->mapped) {
		dma_unmap_page_attrs(t->dev, t->addr, t->size, t->dir,
				     t->attrs);
		t->mapped = false;
		dmabench_account(DMABENCH_RES_MAPPINGS, -1);
	}
	dmabench_scn_buf_cleanup(t);
}

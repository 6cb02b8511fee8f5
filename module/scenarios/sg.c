// SPDX-License-Identifier: GPL-2.0
/*
 * Scatter-gather: nents separately allocated segments of size/nents bytes
 * each. map_sg maps a flat scatterlist with dma_map_sg_attrs(); map_sgtable
 * maps an sg_alloc_table() table (chained past one page) with
 * dma_map_sgtable().
 */
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "dmabench_scenario.h"
#include "dmabench_trace.h"

struct sg_state {
	struct sg_table table;		/* .sgl: the flat array for map_sg */
	struct scatterlist *flat;	/* map_sg only */
	struct dmabench_cpubuf *segs;
	unsigned int nents;
};

static void sg_state_free(struct sg_state *st)
{
	unsigned int i;

	if (st->flat)
		kvfree(st->flat);
	else if (st->table.sgl)
		sg_free_table(&st->table);
	for (i = 0; i < st->nents; i++)
		dmabench_cpubuf_free(&st->segs[i]);
	kvfree(st->segs);
	kfree(st);
}

static int sg_prepare(struct dmabench_thread *t, bool use_table)
{
	unsigned int nents = t->p->nents;
	size_t seg_bytes = t->size / nents;
	struct scatterlist *sg;
	struct sg_state *st;
	unsigned int i;
	int ret = -ENOMEM;

	st = kzalloc_node(sizeof(*st), GFP_KERNEL, t->node);
	if (!st)
		return -ENOMEM;
	st->segs = kvcalloc(nents, sizeof(*st->segs), GFP_KERNEL);
	if (!st->segs)
		goto err;
	for (i = 0; i < nents; i++) {
		ret = dmabench_cpubuf_alloc(&st->segs[i], seg_bytes, t->node);
		if (ret)
			goto err;
		st->nents = i + 1;
	}

	if (use_table) {
		ret = sg_alloc_table(&st->table, nents, GFP_KERNEL);
		if (ret)
			goto err;
	} else {
		ret = -ENOMEM;
		st->flat = kvcalloc(nents, sizeof(*st->flat), GFP_KERNEL);
		if (!st->flat)
			goto err;
		sg_init_table(st->flat, nents);
		st->table.sgl = st->flat;
		st->table.orig_nents = nents;
	}
	for_each_sg(st->table.sgl, sg, nents, i)
		sg_set_buf(sg, st->segs[i].cpu, seg_bytes);
	t->priv = st;
	return 0;

err:
	sg_state_free(st);
	return ret;
}

static int map_sg_prepare(struct dmabench_thread *t)
{
	return sg_prepare(t, false);
}

static int map_sgtable_prepare(struct dmabench_thread *t)
{
	return sg_prepare(t, true);
}

static void sg_cleanup(struct dmabench_thread *t)
{
	sg_state_free(t->priv);
	t->priv = NULL;
}

static __always_inline void sg_trace_map(struct dmabench_thread *t, bool ok,
					 struct scatterlist *sgl, u64 ns)
{
	trace_dmabench_map_sg(dev_name(t->dev), DMABENCH_OP_MAP_SG, t->size, t->dir,
		     t->attrs, ok ? sg_dma_address(sgl) : DMA_MAPPING_ERROR, ns);
}

static __always_inline void sg_trace_unmap(struct dmabench_thread *t,
					   struct scatterlist *sgl, u64 ns)
{
	trace_dmabench_unmap_sg(dev_name(t->dev), DMABENCH_OP_UNMAP_SG, t->size, t->dir,
		       t->attrs, sg_dma_address(sgl), ns);
}

static __always_inline int map_sg_iter(struct dmabench_thread *t,
				       const bool timed)
{
	bool tr_map = t->trace_direct && trace_dmabench_map_sg_enabled();
	bool tr_unmap = t->trace_direct && trace_dmabench_unmap_sg_enabled();
	struct sg_state *st = t->priv;
	u64 t0, t1;
	int n;

	t0 = dmabench_clock(t, timed, tr_map);
	n = dma_map_sg_attrs(t->dev, st->flat, st->nents, t->dir, t->attrs);
	t1 = dmabench_clock(t, timed, tr_map);
	dmabench_record(t, timed, 0, t0, t1, n == 0);
	if (tr_map)
		sg_trace_map(t, n, st->flat, dmabench_delta_ns(t, t0, t1));
	if (!n)
		return 1;

	t0 = dmabench_clock(t, timed, tr_unmap);
	dma_unmap_sg_attrs(t->dev, st->flat, st->nents, t->dir, t->attrs);
	t1 = dmabench_clock(t, timed, tr_unmap);
	dmabench_record(t, timed, 1, t0, t1, false);
	if (tr_unmap)
		sg_trace_unmap(t, st->flat, dmabench_delta_ns(t, t0, t1));
	return 1;
}
DMABENCH_RUN_ONE(map_sg)

const struct dmabench_scenario_ops dmabench_scn_map_sg = {
	.name		= "map_sg",
	.summary	= "dma_map_sg_attrs + dma_unmap_sg_attrs of nents segments",
	.op_names	= { "map", "unmap" },
	.nops		= 2,
	.flags		= DMABENCH_SCN_NENTS,
	.prepare	= map_sg_prepare,
	.run_one	= map_sg_run_one,
	.cleanup	= sg_cleanup,
};

static __always_inline int map_sgtable_iter(struct dmabench_thread *t,
					    const bool timed)
{
	bool tr_map = t->trace_direct && trace_dmabench_map_sg_enabled();
	bool tr_unmap = t->trace_direct && trace_dmabench_unmap_sg_enabled();
	struct sg_state *st = t->priv;
	u64 t0, t1;
	int ret;

	t0 = dmabench_clock(t, timed, tr_map);
	ret = dma_map_sgtable(t->dev, &st->table, t->dir, t->attrs);
	t1 = dmabench_clock(t, timed, tr_map);
	dmabench_record(t, timed, 0, t0, t1, ret);
	if (tr_map)
		sg_trace_map(t, !ret, st->table.sgl, dmabench_delta_ns(t, t0, t1));
	if (ret)
		return 1;

	t0 = dmabench_clock(t, timed, tr_unmap);
	dma_unmap_sgtable(t->dev, &st->table, t->dir, t->attrs);
	t1 = dmabench_clock(t, timed, tr_unmap);
	dmabench_record(t, timed, 1, t0, t1, false);
	if (tr_unmap)
		sg_trace_unmap(t, st->table.sgl, dmabench_delta_ns(t, t0, t1));
	return 1;
}
DMABENCH_RUN_ONE(map_sgtable)

const struct dmabench_scenario_ops dmabench_scn_map_sgtable = {
	.name		= "map_sgtable",
	.summary	= "dma_map_sgtable + dma_unmap_sgtable of an sg_alloc_table",
	.op_names	= { "map", "unmap" },
	.nops		= 2,
	.flags		= DMABENCH_SCN_NENTS,
	.pair		= "map_sg",
	.prepare	= map_sgtable_prepare,
	.run_one	= map_sgtable_run_one,
	.cleanup	= sg_cleanup,
};

// SPDX-License-Identifier: GPL-2.0
/*
 * The DMA API of 7.x against the one it replaces, on the same pages.
 *
 * One buffer: map_phys (dma_map_phys, against map_page and map_single),
 * require_coherent (DMA_ATTR_REQUIRE_COHERENT: fails where it would
 * bounce), and on edu's BAR0 map_resource (every kernel) and map_mmio
 * (dma_map_phys with DMA_ATTR_MMIO).
 *
 * A list of nents page-aligned segments: iova_list (dma_iova_try_alloc,
 * N links, one sync, destroy), iova_reuse (one IOVA range for the run,
 * then link, sync, unlink), iova_fallback (what a driver writes: the IOVA
 * API where it allocates, dma_map_phys per segment where it does not, as
 * block/blk-mq-dma.c does, and each fallback counted) and map_page_list,
 * their N x dma_map_page baseline; map_sg is the scatterlist one.
 *
 * The list scenarios trace a list as one dmabench map_list event and one
 * unmap_list, whichever API maps it (map_sg/unmap_sg are the scatterlist
 * calls' alone): map_list from the first segment's map, or the try_alloc
 * or first link, to the last map or the sync; unmap_list the unmaps, the
 * unlink or the destroy. The single ones trace map_page/unmap_page.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "dmabench_compat.h"
#include "dmabench_scenario.h"
#include "dmabench_trace.h"

/* A scenario absent from this kernel says why in its summary. */
#define NEWAPI_SUMMARY(avail, sum, why)	((avail) ? (sum) : (why))
#define WHY_7X(api)	"unavailable: " api " arrived in 7.x, not in this kernel"

struct seg_list {
	struct dmabench_cpubuf *segs;
	dma_addr_t *addrs;		/* per-segment mappings */
	unsigned int nents;
	size_t seg_bytes;
#if DMABENCH_HAS_IOVA
	struct dma_iova_state iova;	/* iova_reuse: held for the run */
#endif
	bool iova_held;
};

/*
 * Segment i is linked at i * seg_bytes into one IOVA range, so every
 * segment must be a whole number of IOVA granules (pages on x86).
 */
static int seg_list_check(const struct dmabench_thread *t)
{
	unsigned int nents = t->p->nents;
	size_t seg = t->size / nents;

	if (nents > DMABENCH_MAX_IOVA_NENTS) {
		pr_debug("%s: nents %u over %u\n", t->p->scenario, nents,
			 DMABENCH_MAX_IOVA_NENTS);
		return -EINVAL;
	}
	if (seg < DMABENCH_MIN_SEG_BYTES || seg > DMABENCH_MAX_SEG_BYTES) {
		pr_debug("%s: segment of %zu bytes outside %llu..%llu\n",
			 t->p->scenario, seg, DMABENCH_MIN_SEG_BYTES,
			 DMABENCH_MAX_SEG_BYTES);
		return -EINVAL;
	}
	if (!PAGE_ALIGNED(seg)) {
		pr_debug("%s: segment of %zu bytes puts link 1 at an unaligned IOVA offset\n",
			 t->p->scenario, seg);
		return -EINVAL;
	}
	return 0;
}

static void seg_list_free(struct seg_list *st)
{
	unsigned int i;

	for (i = 0; i < st->nents; i++)
		dmabench_cpubuf_free(&st->segs[i]);
	kvfree(st->segs);
	kvfree(st->addrs);
	kfree(st);
}

static int seg_list_prepare(struct dmabench_thread *t)
{
	unsigned int nents = t->p->nents;
	struct seg_list *st;
	unsigned int i;
	int ret;

	ret = seg_list_check(t);
	if (ret)
		return ret;
	st = kzalloc_node(sizeof(*st), GFP_KERNEL, t->node);
	if (!st)
		return -ENOMEM;
	ret = -ENOMEM;
	st->seg_bytes = t->size / nents;
	st->segs = kvcalloc(nents, sizeof(*st->segs), GFP_KERNEL);
	st->addrs = kvcalloc(nents, sizeof(*st->addrs), GFP_KERNEL);
	if (!st->segs || !st->addrs)
		goto err;
	for (i = 0; i < nents; i++) {
		ret = dmabench_cpubuf_alloc(&st->segs[i], st->seg_bytes, t->node);
		if (ret)
			goto err;
		st->nents = i + 1;
	}
	t->priv = st;
	return 0;

err:
	seg_list_free(st);
	return ret;
}

static void seg_list_cleanup(struct dmabench_thread *t)
{
	struct seg_list *st = t->priv;

#if DMABENCH_HAS_IOVA
	if (st->iova_held)
		dma_iova_free(t->dev, &st->iova);
#endif
	seg_list_free(st);
	t->priv = NULL;
}

static __always_inline phys_addr_t seg_phys(const struct seg_list *st,
					    unsigned int i)
{
	return virt_to_phys(st->segs[i].cpu);
}

/* Maps each segment on its own; returns how many were mapped. */
static __always_inline unsigned int seg_map_each(struct dmabench_thread *t,
						 struct seg_list *st,
						 const bool phys)
{
	dma_addr_t addr;
	unsigned int n;

	for (n = 0; n < st->nents; n++) {
#if DMABENCH_HAS_MAP_PHYS
		if (phys)
			addr = dma_map_phys(t->dev, seg_phys(st, n),
					    st->seg_bytes, t->dir, t->attrs);
		else
#endif
			addr = dma_map_page_attrs(t->dev,
						  dmabench_cpubuf_page(&st->segs[n]),
						  0, st->seg_bytes, t->dir,
						  t->attrs);
		if (dma_mapping_error(t->dev, addr))
			break;
		st->addrs[n] = addr;
	}
	return n;
}

static __always_inline void seg_unmap_each(struct dmabench_thread *t,
					   struct seg_list *st, unsigned int n,
					   const bool phys)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
#if DMABENCH_HAS_MAP_PHYS
		if (phys)
			dma_unmap_phys(t->dev, st->addrs[i], st->seg_bytes,
				       t->dir, t->attrs);
		else
#endif
			dma_unmap_page_attrs(t->dev, st->addrs[i],
					     st->seg_bytes, t->dir, t->attrs);
	}
}

static __always_inline void list_trace_map(struct dmabench_thread *t,
					   dma_addr_t addr, u64 t0, u64 t1)
{
	trace_dmabench_map_list(dev_name(t->dev), DMABENCH_OP_MAP_LIST,
				t->size, t->dir, t->attrs, addr,
				dmabench_delta_ns(t, t0, t1));
}

static __always_inline void list_trace_unmap(struct dmabench_thread *t,
					     dma_addr_t addr, u64 t0, u64 t1)
{
	trace_dmabench_unmap_list(dev_name(t->dev), DMABENCH_OP_UNMAP_LIST,
				  t->size, t->dir, t->attrs, addr,
				  dmabench_delta_ns(t, t0, t1));
}

/*
 * Maps the list segment by segment (op 0, all of it one sample) and
 * unmaps it (op unmap_op); a partial map is an error, unwound untimed.
 */
static __always_inline int list_each_iter(struct dmabench_thread *t,
					  const bool timed, const bool phys,
					  unsigned int unmap_op)
{
	bool tr_map = t->trace_direct && trace_dmabench_map_list_enabled();
	bool tr_unmap = t->trace_direct && trace_dmabench_unmap_list_enabled();
	struct seg_list *st = t->priv;
	unsigned int n;
	u64 t0, t1;

	t0 = dmabench_clock(t, timed, tr_map);
	n = seg_map_each(t, st, phys);
	t1 = dmabench_clock(t, timed, tr_map);
	dmabench_record(t, timed, 0, t0, t1, n < st->nents);
	if (tr_map)
		list_trace_map(t, n ? st->addrs[0] : DMA_MAPPING_ERROR, t0, t1);
	if (n < st->nents) {
		seg_unmap_each(t, st, n, phys);
		return 1;
	}
	t0 = dmabench_clock(t, timed, tr_unmap);
	seg_unmap_each(t, st, n, phys);
	t1 = dmabench_clock(t, timed, tr_unmap);
	dmabench_record(t, timed, unmap_op, t0, t1, false);
	if (tr_unmap)
		list_trace_unmap(t, st->addrs[0], t0, t1);
	return 1;
}

static __always_inline int map_page_list_iter(struct dmabench_thread *t,
					      const bool timed)
{
	return list_each_iter(t, timed, false, 1);
}
DMABENCH_RUN_ONE(map_page_list)

const struct dmabench_scenario_ops dmabench_scn_map_page_list = {
	.name		= "map_page_list",
	.summary	= "nents x dma_map_page_attrs + unmap, the list as one sample",
	.op_names	= { "map", "unmap" },
	.nops		= 2,
	.flags		= DMABENCH_SCN_NENTS,
	.prepare	= seg_list_prepare,
	.run_one	= map_page_list_run_one,
	.cleanup	= seg_list_cleanup,
};

#if DMABENCH_HAS_IOVA
/* Links every segment at its offset; returns the bytes linked. */
static __always_inline size_t seg_link_all(struct dmabench_thread *t,
					   struct seg_list *st,
					   struct dma_iova_state *state,
					   int *err)
{
	size_t off = 0;
	unsigned int i;

	*err = 0;
	for (i = 0; i < st->nents; i++) {
		*err = dma_iova_link(t->dev, state, seg_phys(st, i), off,
				     st->seg_bytes, t->dir, t->attrs);
		if (*err)
			break;
		off += st->seg_bytes;
	}
	return off;
}

/*
 * Whether dev gets an IOVA range; iova_reuse keeps the one it got. Paths
 * without (dma-direct, swiotlb, identity, dma_map_ops) say EOPNOTSUPP:
 * iova_fallback measures what a driver does there.
 */
static int iova_probe(struct dmabench_thread *t, bool hold)
{
	struct seg_list *st = t->priv;

	if (!dma_iova_try_alloc(t->dev, &st->iova, seg_phys(st, 0), t->size)) {
		pr_debug("%s: no IOVA range for %s on this path (see iova_fallback)\n",
			 t->p->scenario, dev_name(t->dev));
		return -EOPNOTSUPP;
	}
	if (hold)
		st->iova_held = true;
	else
		dma_iova_free(t->dev, &st->iova);
	return 0;
}

static int iova_prepare(struct dmabench_thread *t, bool hold)
{
	int ret = seg_list_prepare(t);

	if (ret)
		return ret;
	ret = iova_probe(t, hold);
	if (ret)
		seg_list_cleanup(t);
	return ret;
}

static int iova_list_prepare(struct dmabench_thread *t)
{
	return iova_prepare(t, false);
}

static int iova_reuse_prepare(struct dmabench_thread *t)
{
	return iova_prepare(t, true);
}

/*
 * Ends a list's map: dma_iova_sync() of what was linked, as op, unless a
 * link failed (err), then, if traced (tr), the map_list event from t0.
 */
static __always_inline void iova_map_end(struct dmabench_thread *t,
					 const bool timed, bool tr,
					 unsigned int op,
					 struct dma_iova_state *state,
					 size_t linked, int err, u64 t0)
{
	u64 t1, t2;

	if (!err) {
		t1 = dmabench_clock(t, timed, false);
		err = dma_iova_sync(t->dev, state, 0, linked);
		t2 = dmabench_clock(t, timed, false);
		dmabench_record(t, timed, op, t1, t2, err);
	}
	if (tr)
		list_trace_map(t, err ? DMA_MAPPING_ERROR : state->addr, t0,
			       dmabench_clock(t, timed, tr));
}

/* dma_iova_destroy() of what was linked, as op, traced as an unmap_list. */
static __always_inline void timed_iova_destroy(struct dmabench_thread *t,
					       const bool timed,
					       unsigned int op,
					       struct dma_iova_state *state,
					       size_t linked)
{
	bool tr = t->trace_direct && trace_dmabench_unmap_list_enabled();
	dma_addr_t addr = state->addr;
	u64 t0, t1;

	t0 = dmabench_clock(t, timed, tr);
	dma_iova_destroy(t->dev, state, linked, t->dir, t->attrs);
	t1 = dmabench_clock(t, timed, tr);
	dmabench_record(t, timed, op, t0, t1, false);
	if (tr)
		list_trace_unmap(t, addr, t0, t1);
}

/* iova_list: a fresh IOVA range per iteration, as a one-shot driver does. */
static __always_inline int iova_list_iter(struct dmabench_thread *t,
					  const bool timed)
{
	bool tr = t->trace_direct && trace_dmabench_map_list_enabled();
	struct seg_list *st = t->priv;
	struct dma_iova_state state;
	u64 t0, t1, t2;
	size_t linked;
	int err;

	t0 = dmabench_clock(t, timed, tr);
	if (!dma_iova_try_alloc(t->dev, &state, seg_phys(st, 0), t->size)) {
		t1 = dmabench_clock(t, timed, tr);
		dmabench_record(t, timed, 0, t0, t1, true);
		if (tr)
			list_trace_map(t, DMA_MAPPING_ERROR, t0, t1);
		return 1;
	}
	t1 = dmabench_clock(t, timed, tr);
	dmabench_record(t, timed, 0, t0, t1, false);
	linked = seg_link_all(t, st, &state, &err);
	t2 = dmabench_clock(t, timed, tr);
	dmabench_record(t, timed, 1, t1, t2, err);
	iova_map_end(t, timed, tr, 2, &state, linked, err, t0);
	timed_iova_destroy(t, timed, 3, &state, linked);
	return 1;
}
DMABENCH_RUN_ONE(iova_list)

/* iova_reuse: link, sync, unlink in the range prepare allocated. */
static __always_inline int iova_reuse_iter(struct dmabench_thread *t,
					   const bool timed)
{
	bool tr_map = t->trace_direct && trace_dmabench_map_list_enabled();
	bool tr_unmap = t->trace_direct && trace_dmabench_unmap_list_enabled();
	struct seg_list *st = t->priv;
	size_t linked;
	u64 t0, t1;
	int err;

	t0 = dmabench_clock(t, timed, tr_map);
	linked = seg_link_all(t, st, &st->iova, &err);
	t1 = dmabench_clock(t, timed, tr_map);
	dmabench_record(t, timed, 0, t0, t1, err);
	iova_map_end(t, timed, tr_map, 1, &st->iova, linked, err, t0);
	if (!linked)
		return 1;
	t0 = dmabench_clock(t, timed, tr_unmap);
	dma_iova_unlink(t->dev, &st->iova, 0, linked, t->dir, t->attrs);
	t1 = dmabench_clock(t, timed, tr_unmap);
	dmabench_record(t, timed, 2, t0, t1, false);
	if (tr_unmap)
		list_trace_unmap(t, st->iova.addr, t0, t1);
	return 1;
}
DMABENCH_RUN_ONE(iova_reuse)

/*
 * iova_fallback: the IOVA API where the path has one, else dma_map_phys
 * per segment. "map" is try_alloc + the links, or the N dma_map_phys;
 * "fell_back" times each failed try_alloc, so its count is the iterations
 * that fell back and sync's count the ones that did not.
 */
static __always_inline int iova_fallback_iter(struct dmabench_thread *t,
					      const bool timed)
{
	bool tr = t->trace_direct && trace_dmabench_map_list_enabled();
	struct seg_list *st = t->priv;
	struct dma_iova_state state;
	size_t linked;
	u64 t0, t1;
	int err;

	t0 = dmabench_clock(t, timed, tr);
	if (!dma_iova_try_alloc(t->dev, &state, seg_phys(st, 0), t->size)) {
		t1 = dmabench_clock(t, timed, false);
		dmabench_record(t, timed, 3, t0, t1, false);
		return list_each_iter(t, timed, true, 2);
	}
	linked = seg_link_all(t, st, &state, &err);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 0, t0, t1, err);
	iova_map_end(t, timed, tr, 1, &state, linked, err, t0);
	timed_iova_destroy(t, timed, 2, &state, linked);
	return 1;
}
DMABENCH_RUN_ONE(iova_fallback)

#define IOVA_LIST_RUN_ONE	iova_list_run_one
#define IOVA_REUSE_RUN_ONE	iova_reuse_run_one
#define IOVA_FALLBACK_RUN_ONE	iova_fallback_run_one
#else
#define iova_list_prepare	NULL
#define iova_reuse_prepare	NULL
#define IOVA_LIST_RUN_ONE	NULL
#define IOVA_REUSE_RUN_ONE	NULL
#define IOVA_FALLBACK_RUN_ONE	NULL
#endif /* DMABENCH_HAS_IOVA */

#define IOVA_FLAGS	(DMABENCH_SCN_NENTS | \
			 (DMABENCH_HAS_IOVA ? 0 : DMABENCH_SCN_UNAVAILABLE))

const struct dmabench_scenario_ops dmabench_scn_iova_list = {
	.name		= "iova_list",
	.summary	= NEWAPI_SUMMARY(DMABENCH_HAS_IOVA,
			"dma_iova_try_alloc + nents x dma_iova_link + sync + destroy",
			WHY_7X("the IOVA API")),
	.op_names	= { "alloc", "link", "sync", "destroy" },
	.nops		= 4,
	.flags		= IOVA_FLAGS,
	.pair		= "map_sg",
	.prepare	= iova_list_prepare,
	.run_one	= IOVA_LIST_RUN_ONE,
	.cleanup	= seg_list_cleanup,
};

const struct dmabench_scenario_ops dmabench_scn_iova_reuse = {
	.name		= "iova_reuse",
	.summary	= NEWAPI_SUMMARY(DMABENCH_HAS_IOVA,
			"one IOVA range per run; nents x dma_iova_link + sync + unlink",
			WHY_7X("the IOVA API")),
	.op_names	= { "link", "sync", "unlink" },
	.nops		= 3,
	.flags		= IOVA_FLAGS,
	.pair		= "map_page",
	.prepare	= iova_reuse_prepare,
	.run_one	= IOVA_REUSE_RUN_ONE,
	.cleanup	= seg_list_cleanup,
};

/* Per op only: a batched sample could not tell a fallback from a link. */
const struct dmabench_scenario_ops dmabench_scn_iova_fallback = {
	.name		= "iova_fallback",
	.summary	= NEWAPI_SUMMARY(DMABENCH_HAS_IOVA,
			"IOVA link + sync, or dma_map_phys per segment where none (fell_back)",
			WHY_7X("the IOVA API")),
	.op_names	= { "map", "sync", "unmap", "fell_back" },
	.nops		= 4,
	.flags		= IOVA_FLAGS | DMABENCH_SCN_PER_OP,
	.prepare	= seg_list_prepare,
	.run_one	= IOVA_FALLBACK_RUN_ONE,
	.cleanup	= seg_list_cleanup,
};

/* One buffer or BAR, mapped by physical address: map_phys and its kin. */
static __always_inline int phys_iter(struct dmabench_thread *t,
				     const bool timed, phys_addr_t phys,
				     unsigned long attrs, const bool resource)
{
	bool tr_map = t->trace_direct && trace_dmabench_map_page_enabled();
	bool tr_unmap = t->trace_direct && trace_dmabench_unmap_page_enabled();
	dma_addr_t addr;
	u64 t0, t1;
	bool failed;

	t0 = dmabench_clock(t, timed, tr_map);
#if DMABENCH_HAS_MAP_PHYS
	if (!resource)
		addr = dma_map_phys(t->dev, phys, t->size, t->dir, attrs);
	else
#endif
		addr = dma_map_resource(t->dev, phys, t->size, t->dir, attrs);
	t1 = dmabench_clock(t, timed, tr_map);
	failed = dma_mapping_error(t->dev, addr);
	dmabench_record(t, timed, 0, t0, t1, failed);
	if (tr_map)
		trace_dmabench_map_page(dev_name(t->dev), DMABENCH_OP_MAP_PAGE,
					t->size, t->dir, attrs, addr,
					dmabench_delta_ns(t, t0, t1));
	if (failed)
		return 1;
	t->mappings++;

	t0 = dmabench_clock(t, timed, tr_unmap);
#if DMABENCH_HAS_MAP_PHYS
	if (!resource)
		dma_unmap_phys(t->dev, addr, t->size, t->dir, attrs);
	else
#endif
		dma_unmap_resource(t->dev, addr, t->size, t->dir, attrs);
	t1 = dmabench_clock(t, timed, tr_unmap);
	dmabench_record(t, timed, 1, t0, t1, false);
	t->mappings--;
	if (tr_unmap)
		trace_dmabench_unmap_page(dev_name(t->dev),
					  DMABENCH_OP_UNMAP_PAGE, t->size,
					  t->dir, attrs, addr,
					  dmabench_delta_ns(t, t0, t1));
	return 1;
}

/*
 * dma-direct hands out an MMIO address untranslated and WARNs when the
 * device cannot reach it (dma_capable() for a resource), so a run whose
 * mask misses the BAR is refused before it starts. An IOMMU maps it
 * anywhere the mask allows.
 */
static bool bar_reachable(struct device *dev, phys_addr_t start, size_t size)
{
	u64 limit = min_not_zero(dma_get_mask(dev), dev->bus_dma_limit);

	return dmabench_dev_translated(dev) || start + size - 1 <= limit;
}

/*
 * edu's BAR0, the MMIO a peer would target. The ops child maps its
 * parent's; a device without a memory BAR0 (fake) cannot run these.
 */
static int bar_prepare(struct dmabench_thread *t)
{
	struct device *dev = t->dev;
	struct pci_dev *pdev;
	phys_addr_t *phys;

	if (!dev_is_pci(dev) && dev->parent)
		dev = dev->parent;
	if (!dev_is_pci(dev)) {
		pr_debug("%s: %s has no PCI BAR\n", t->p->scenario,
			 dev_name(t->dev));
		return -ENODEV;
	}
	pdev = to_pci_dev(dev);
	if (!(pci_resource_flags(pdev, 0) & IORESOURCE_MEM) ||
	    t->size > pci_resource_len(pdev, 0)) {
		pr_debug("%s: %zu bytes do not fit %s's BAR0\n",
			 t->p->scenario, t->size, pci_name(pdev));
		return -EINVAL;
	}
	if (!bar_reachable(dev, pci_resource_start(pdev, 0), t->size)) {
		pr_debug("%s: %s's BAR0 is above its DMA mask\n",
			 t->p->scenario, pci_name(pdev));
		return -EOPNOTSUPP;
	}
	phys = kmalloc(sizeof(*phys), GFP_KERNEL);
	if (!phys)
		return -ENOMEM;
	*phys = pci_resource_start(pdev, 0);
	t->priv = phys;
	return 0;
}

static void bar_cleanup(struct dmabench_thread *t)
{
	kfree(t->priv);
	t->priv = NULL;
}

static __always_inline phys_addr_t bar_phys(const struct dmabench_thread *t)
{
	return *(const phys_addr_t *)t->priv;
}

/* map_resource: dma_map_resource(), map_phys with DMA_ATTR_MMIO on 7.x. */
static __always_inline int map_resource_iter(struct dmabench_thread *t,
					     const bool timed)
{
	return phys_iter(t, timed, bar_phys(t), t->attrs, true);
}
DMABENCH_RUN_ONE(map_resource)

const struct dmabench_scenario_ops dmabench_scn_map_resource = {
	.name		= "map_resource",
	.summary	= "dma_map_resource + dma_unmap_resource of edu's BAR0",
	.op_names	= { "map", "unmap" },
	.nops		= 2,
	.prepare	= bar_prepare,
	.run_one	= map_resource_run_one,
	.cleanup	= bar_cleanup,
};

#if DMABENCH_HAS_MAP_PHYS
static __always_inline int map_phys_iter(struct dmabench_thread *t,
					 const bool timed)
{
	return phys_iter(t, timed, virt_to_phys(t->buf.cpu), t->attrs, false);
}
DMABENCH_RUN_ONE(map_phys)
#define MAP_PHYS_RUN_ONE	map_phys_run_one
#else
#define MAP_PHYS_RUN_ONE	NULL
#endif

const struct dmabench_scenario_ops dmabench_scn_map_phys = {
	.name		= "map_phys",
	.summary	= NEWAPI_SUMMARY(DMABENCH_HAS_MAP_PHYS,
			"dma_map_phys + dma_unmap_phys, the buffer map_page maps",
			WHY_7X("dma_map_phys()")),
	.op_names	= { "map", "unmap" },
	.nops		= 2,
	.flags		= DMABENCH_HAS_MAP_PHYS ? 0 : DMABENCH_SCN_UNAVAILABLE,
	.pair		= "map_page",
	.prepare	= dmabench_scn_buf_prepare,
	.run_one	= MAP_PHYS_RUN_ONE,
	.cleanup	= dmabench_scn_buf_cleanup,
};

#if DMABENCH_HAS_ATTR_MMIO
static __always_inline int map_mmio_iter(struct dmabench_thread *t,
					 const bool timed)
{
	return phys_iter(t, timed, bar_phys(t), t->attrs | DMA_ATTR_MMIO,
			 false);
}
DMABENCH_RUN_ONE(map_mmio)
#define MAP_MMIO_RUN_ONE	map_mmio_run_one
#else
#define MAP_MMIO_RUN_ONE	NULL
#endif

const struct dmabench_scenario_ops dmabench_scn_map_mmio = {
	.name		= "map_mmio",
	.summary	= NEWAPI_SUMMARY(DMABENCH_HAS_ATTR_MMIO,
			"dma_map_phys(DMA_ATTR_MMIO) + unmap of edu's BAR0",
			WHY_7X("DMA_ATTR_MMIO")),
	.op_names	= { "map", "unmap" },
	.nops		= 2,
	.flags		= DMABENCH_HAS_ATTR_MMIO ? 0 : DMABENCH_SCN_UNAVAILABLE,
	.pair		= "map_resource",
	.prepare	= bar_prepare,
	.run_one	= MAP_MMIO_RUN_ONE,
	.cleanup	= bar_cleanup,
};

/*
 * require_coherent: a mapping that must neither bounce nor flush. Where
 * it would (swiotlb=force) every map fails: the map op's errors say so.
 */
#if DMABENCH_HAS_REQUIRE_COHERENT
static __always_inline int require_coherent_iter(struct dmabench_thread *t,
						 const bool timed)
{
	return phys_iter(t, timed, virt_to_phys(t->buf.cpu),
			 t->attrs | DMA_ATTR_REQUIRE_COHERENT, false);
}
DMABENCH_RUN_ONE(require_coherent)
#define REQUIRE_COHERENT_RUN_ONE	require_coherent_run_one
#else
#define REQUIRE_COHERENT_RUN_ONE	NULL
#endif

const struct dmabench_scenario_ops dmabench_scn_require_coherent = {
	.name		= "require_coherent",
	.summary	= NEWAPI_SUMMARY(DMABENCH_HAS_REQUIRE_COHERENT,
			"dma_map_phys(DMA_ATTR_REQUIRE_COHERENT): fails where it would bounce",
			WHY_7X("DMA_ATTR_REQUIRE_COHERENT")),
	.op_names	= { "map", "unmap" },
	.nops		= 2,
	.flags		= DMABENCH_HAS_REQUIRE_COHERENT ? 0 :
			  DMABENCH_SCN_UNAVAILABLE,
	.prepare	= dmabench_scn_buf_prepare,
	.run_one	= REQUIRE_COHERENT_RUN_ONE,
	.cleanup	= dmabench_scn_buf_cleanup,
};

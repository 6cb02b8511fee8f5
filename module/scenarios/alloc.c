// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation scenarios: one buffer allocated and freed per iteration, both
 * timed. Each old entry point has its attribute form beside it (run both in
 * one boot and compare): alloc_coherent / alloc_attrs, alloc_wc /
 * alloc_attrs_wc; the attributes alone (nokmap, force_contig,
 * single_pages); dma_alloc_noncoherent / dma_alloc_pages; the noncontiguous
 * API with and without its vmap; dma_pool_alloc against alloc_coherent for
 * small buffers. Only the vmap scenario has more than alloc and free.
 */
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "dmabench_compat.h"
#include "dmabench_dmamem.h"
#include "dmabench_scenario.h"

static __always_inline int alloc_iter(struct dmabench_thread *t,
				      const bool timed)
{
	const struct dmabench_alloc_like *a = t->scn_data;
	const struct dmabench_variant *v = &dmabench_variants[a->variant];
	struct dmabench_dmamem b = {
		.size = t->size,
		.attrs = a->user_attrs ? t->attrs : a->attrs,
		.variant = a->variant,
	};
	u64 t0, t1;
	int ret;

	t0 = dmabench_clock(t, timed, false);
	ret = v->alloc(t->dev, &b, GFP_KERNEL);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 0, t0, t1, ret);
	if (ret)
		return 1;
	t0 = dmabench_clock(t, timed, false);
	v->free(t->dev, &b);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 1, t0, t1, false);
	return 1;
}
DMABENCH_RUN_ONE(alloc)

/* old: the scenario this one is compared with (its old form), or NULL. */
#define ALLOC_SCN(id, var, at, user, old, sum, avail)			\
static const struct dmabench_alloc_like alloc_like_##id = {		\
	.variant = var, .attrs = at, .user_attrs = user,		\
};									\
const struct dmabench_scenario_ops dmabench_scn_##id = {		\
	.name		= #id,						\
	.summary	= sum,						\
	.op_names	= { "alloc", "free" },				\
	.nops		= 2,						\
	.flags		= DMABENCH_SCN_ALLOC |				\
			  ((avail) ? 0 : DMABENCH_SCN_UNAVAILABLE),	\
	.data		= &alloc_like_##id,				\
	.pair		= old,						\
	.alloc_like	= &alloc_like_##id,				\
	.run_one	= alloc_run_one,				\
}

ALLOC_SCN(alloc_coherent, DMABENCH_ALLOC_COHERENT, 0, false, NULL,
	  "dma_alloc_coherent + dma_free_coherent (old entry point)", true);
ALLOC_SCN(alloc_attrs, DMABENCH_ALLOC_ATTRS, 0, true, "alloc_coherent",
	  "dma_alloc_attrs + dma_free_attrs with --attrs (default 0)", true);
ALLOC_SCN(alloc_wc, DMABENCH_ALLOC_WC, 0, false, NULL,
	  "dma_alloc_wc + dma_free_wc (old entry point)", true);
ALLOC_SCN(alloc_attrs_wc, DMABENCH_ALLOC_ATTRS, DMA_ATTR_WRITE_COMBINE, false,
	  "alloc_wc",
	  "dma_alloc_attrs(DMA_ATTR_WRITE_COMBINE) + dma_free_attrs", true);
ALLOC_SCN(alloc_nokmap, DMABENCH_ALLOC_ATTRS, DMA_ATTR_NO_KERNEL_MAPPING,
	  false, "alloc_attrs",
	  "dma_alloc_attrs(DMA_ATTR_NO_KERNEL_MAPPING) + free", true);
ALLOC_SCN(alloc_force_contig, DMABENCH_ALLOC_ATTRS, DMA_ATTR_FORCE_CONTIGUOUS,
	  false, "alloc_attrs",
	  "dma_alloc_attrs(DMA_ATTR_FORCE_CONTIGUOUS) + free", true);
ALLOC_SCN(alloc_single_pages, DMABENCH_ALLOC_ATTRS, DMA_ATTR_ALLOC_SINGLE_PAGES,
	  false, "alloc_attrs",
	  "dma_alloc_attrs(DMA_ATTR_ALLOC_SINGLE_PAGES) + free", true);
ALLOC_SCN(alloc_noncoherent, DMABENCH_ALLOC_NONCOHERENT, 0, false, NULL,
	  "dma_alloc_noncoherent + dma_free_noncoherent",
	  DMABENCH_HAVE_ALLOC_PAGES);
ALLOC_SCN(alloc_pages, DMABENCH_ALLOC_PAGES, 0, false, "alloc_noncoherent",
	  "dma_alloc_pages + dma_free_pages", DMABENCH_HAVE_ALLOC_PAGES);
ALLOC_SCN(alloc_noncontig, DMABENCH_ALLOC_NONCONTIGUOUS, 0, false, NULL,
	  "dma_alloc_noncontiguous + dma_free_noncontiguous, no vmap",
	  DMABENCH_HAVE_NONCONTIGUOUS);

#if DMABENCH_HAVE_NONCONTIGUOUS
/* alloc, vmap, vunmap, free: each timed. */
static __always_inline int noncontig_vmap_iter(struct dmabench_thread *t,
					       const bool timed)
{
	struct sg_table *sgt;
	void *vaddr;
	u64 t0, t1;

	t0 = dmabench_clock(t, timed, false);
	sgt = dma_alloc_noncontiguous(t->dev, t->size, DMA_BIDIRECTIONAL,
				      GFP_KERNEL, 0);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 0, t0, t1, !sgt);
	if (!sgt)
		return 1;
	t0 = dmabench_clock(t, timed, false);
	vaddr = dma_vmap_noncontiguous(t->dev, t->size, sgt);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 1, t0, t1, !vaddr);
	if (vaddr) {
		t0 = dmabench_clock(t, timed, false);
		dma_vunmap_noncontiguous(t->dev, vaddr);
		t1 = dmabench_clock(t, timed, false);
		dmabench_record(t, timed, 2, t0, t1, false);
	}
	t0 = dmabench_clock(t, timed, false);
	dma_free_noncontiguous(t->dev, t->size, sgt, DMA_BIDIRECTIONAL);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 3, t0, t1, false);
	return 1;
}
DMABENCH_RUN_ONE(noncontig_vmap)
#define NONCONTIG_VMAP_RUN_ONE	noncontig_vmap_run_one
#else
#define NONCONTIG_VMAP_RUN_ONE	NULL
#endif

static const struct dmabench_alloc_like alloc_like_noncontig_vmap = {
	.variant = DMABENCH_ALLOC_NONCONTIGUOUS_VMAP,
};

const struct dmabench_scenario_ops dmabench_scn_alloc_noncontig_vmap = {
	.name		= "alloc_noncontig_vmap",
	.summary	= "dma_alloc_noncontiguous + dma_vmap_noncontiguous, unwound",
	.op_names	= { "alloc", "vmap", "vunmap", "free" },
	.nops		= 4,
	.flags		= DMABENCH_SCN_ALLOC |
			  (DMABENCH_HAVE_NONCONTIGUOUS ? 0 :
			   DMABENCH_SCN_UNAVAILABLE),
	.pair		= "alloc_noncontig",
	.alloc_like	= &alloc_like_noncontig_vmap,
	.run_one	= NONCONTIG_VMAP_RUN_ONE,
};

/* dma_pool_alloc: one pool per thread, of --size blocks. */
static int pool_prepare(struct dmabench_thread *t)
{
	t->priv = dma_pool_create("dmabench", t->dev, t->size, 0, 0);
	return t->priv ? 0 : -ENOMEM;
}

static void pool_cleanup(struct dmabench_thread *t)
{
	dma_pool_destroy(t->priv);
	t->priv = NULL;
}

static __always_inline int pool_iter(struct dmabench_thread *t,
				     const bool timed)
{
	dma_addr_t addr;
	void *cpu;
	u64 t0, t1;

	t0 = dmabench_clock(t, timed, false);
	cpu = dma_pool_alloc(t->priv, GFP_KERNEL, &addr);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 0, t0, t1, !cpu);
	if (!cpu)
		return 1;
	t0 = dmabench_clock(t, timed, false);
	dma_pool_free(t->priv, cpu, addr);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 1, t0, t1, false);
	return 1;
}
DMABENCH_RUN_ONE(pool)

const struct dmabench_scenario_ops dmabench_scn_pool_alloc = {
	.name		= "pool_alloc",
	.summary	= "dma_pool_alloc + dma_pool_free (compare alloc_coherent)",
	.op_names	= { "alloc", "free" },
	.nops		= 2,
	.flags		= DMABENCH_SCN_ALLOC,
	/* A pool is for small buffers: compare at a small size. */
	.pair		= "alloc_coherent",
	.pair_size_bytes = 256,
	.prepare	= pool_prepare,
	.run_one	= pool_run_one,
	.cleanup	= pool_cleanup,
};

#if DMABENCH_HAVE_PCI_DMA_COMPAT
/* pci_alloc_consistent: PCI devices only (not the ops child). */
static int pci_prepare(struct dmabench_thread *t)
{
	return dev_is_pci(t->dev) ? 0 : -EOPNOTSUPP;
}

static __always_inline int pci_iter(struct dmabench_thread *t,
				    const bool timed)
{
	struct pci_dev *pdev = to_pci_dev(t->dev);
	dma_addr_t addr;
	void *cpu;
	u64 t0, t1;

	t0 = dmabench_clock(t, timed, false);
	cpu = pci_alloc_consistent(pdev, t->size, &addr);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 0, t0, t1, !cpu);
	if (!cpu)
		return 1;
	t0 = dmabench_clock(t, timed, false);
	pci_free_consistent(pdev, t->size, cpu, addr);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 1, t0, t1, false);
	return 1;
}
DMABENCH_RUN_ONE(pci)
#define PCI_PREPARE	pci_prepare
#define PCI_RUN_ONE	pci_run_one
#else
#define PCI_PREPARE	NULL
#define PCI_RUN_ONE	NULL
#endif

const struct dmabench_scenario_ops dmabench_scn_pci_alloc_consistent = {
	.name		= "pci_alloc_consistent",
	.summary	= "pci_alloc_consistent + pci_free_consistent (before 5.18)",
	.op_names	= { "alloc", "free" },
	.nops		= 2,
	.flags		= DMABENCH_SCN_ALLOC |
			  (DMABENCH_HAVE_PCI_DMA_COMPAT ? 0 :
			   DMABENCH_SCN_UNAVAILABLE),
	.prepare	= PCI_PREPARE,
	.run_one	= PCI_RUN_ONE,
};

// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench's dma_map_ops: every op forwards to the parent device and
 * records a trace event. The clock is read only while the op's event is
 * enabled, so with tracing off the only extra cost is the dispatch itself.
 *
 * Behind an IOMMU the parent's own dma_map_ops are called, not its DMA API:
 * the core has already checked the op, and DMA-API debugging tracked it, on
 * the child. Tracking the same memory again for the parent is what that
 * debugging reports as an overlapping mapping ("cacheline tracking EEXIST").
 * A parent without dma_map_ops (dma-direct, swiotlb, identity, and since
 * 6.12 iommu-dma, which the core calls directly) is reached only through
 * its DMA API; see dmabench_ops_refusal(). An op the parent's ops lack
 * goes through its DMA API too, for the core's answer to that.
 *
 * The child implements the members of its kernel's struct dma_map_ops:
 * map_phys and unmap_phys on 7.x, map_page and unmap_page before;
 * alloc_pages_op since 6.9, alloc_pages before. Their events keep the
 * names map_page and unmap_page, which record the same work.
 */
#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/ktime.h>

#include <uapi/dmabench.h>

#include "dmabench_compat.h"
#include "dmabench_ops.h"
#include "dmabench_trace.h"

struct dmabench_ops_dev {
	struct device dev;
	struct device_dma_parameters dma_parms;
	u64 dma_mask;
};

/* The parent's dma_map_ops, NULL on dma-direct. */
static inline const struct dma_map_ops *dmabench_parent_ops(struct device *dev)
{
	return get_dma_ops(dev->parent);
}

static const struct dma_map_ops dmabench_dma_ops;

/*
 * Why the ops layer cannot measure dispatch through dma_map_ops here, or 0.
 * CONFIG_DMA_API_DEBUG tracks mappings by cacheline, whatever the device:
 * through a parent's DMA API the child's own entry always overlaps the
 * parent's, and each op would WARN. And the core must call the child's
 * ops: set_dma_ops() does nothing without CONFIG_ARCH_HAS_DMA_OPS, and a
 * device that iommu-dma serves never reaches its ops.
 */
u32 dmabench_ops_refusal(struct device *child)
{
	if (get_dma_ops(child) != &dmabench_dma_ops ||
	    dmabench_dev_iommu_dma(child))
		return DMABENCH_OPS_REFUSED_NOT_DISPATCHED;
	if (IS_ENABLED(CONFIG_DMA_API_DEBUG) && !get_dma_ops(child->parent))
		return DMABENCH_OPS_REFUSED_DMA_API_DEBUG;
	return DMABENCH_OPS_ALLOWED;
}

/* The clock read for an event's latency_ns: only when the event is on. */
static inline u64 dmabench_ops_clock(bool traced)
{
	return traced ? ktime_get_ns() : 0;
}

static void *dmabench_ops_alloc(struct device *dev, size_t size,
				dma_addr_t *dma_handle, gfp_t gfp,
				unsigned long attrs)
{
	bool tr = trace_dmabench_alloc_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);
	void *cpu;

	if (ops && ops->alloc)
		cpu = ops->alloc(dev->parent, size, dma_handle, gfp, attrs);
	else
		cpu = dma_alloc_attrs(dev->parent, size, dma_handle, gfp, attrs);
	if (tr)
		trace_dmabench_alloc(dev_name(dev), DMABENCH_OP_ALLOC, size,
			    DMA_BIDIRECTIONAL, attrs,
			    cpu ? *dma_handle : DMA_MAPPING_ERROR,
			    ktime_get_ns() - t0);
	return cpu;
}

static void dmabench_ops_free(struct device *dev, size_t size, void *cpu,
			      dma_addr_t dma_handle, unsigned long attrs)
{
	bool tr = trace_dmabench_free_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);

	if (ops && ops->free)
		ops->free(dev->parent, size, cpu, dma_handle, attrs);
	else
		dma_free_attrs(dev->parent, size, cpu, dma_handle, attrs);
	if (tr)
		trace_dmabench_free(dev_name(dev), DMABENCH_OP_FREE, size,
			   DMA_BIDIRECTIONAL, attrs, dma_handle,
			   ktime_get_ns() - t0);
}

#ifdef DMABENCH_OPS_ALLOC_PAGES
/*
 * dma_alloc_pages() and dma_alloc_noncoherent() land here, and so does
 * dma_alloc_noncontiguous(): without an ->alloc_noncontiguous of ours the
 * core makes a one-entry table from these pages (and its vmap is just
 * their linear address).
 */
static struct page *dmabench_ops_alloc_pages(struct device *dev, size_t size,
					     dma_addr_t *dma_handle,
					     enum dma_data_direction dir,
					     gfp_t gfp)
{
	bool tr = trace_dmabench_alloc_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);
	struct page *page;

	if (ops && ops->DMABENCH_OPS_ALLOC_PAGES)
		page = ops->DMABENCH_OPS_ALLOC_PAGES(dev->parent, size,
						     dma_handle, dir, gfp);
	else
		page = dma_alloc_pages(dev->parent, size, dma_handle, dir, gfp);
	if (tr)
		trace_dmabench_alloc(dev_name(dev), DMABENCH_OP_ALLOC, size, dir, 0,
			    page ? *dma_handle : DMA_MAPPING_ERROR,
			    ktime_get_ns() - t0);
	return page;
}

static void dmabench_ops_free_pages(struct device *dev, size_t size,
				    struct page *page, dma_addr_t dma_handle,
				    enum dma_data_direction dir)
{
	bool tr = trace_dmabench_free_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);

	if (ops && ops->free_pages)
		ops->free_pages(dev->parent, size, page, dma_handle, dir);
	else
		dma_free_pages(dev->parent, size, page, dma_handle, dir);
	if (tr)
		trace_dmabench_free(dev_name(dev), DMABENCH_OP_FREE, size, dir, 0,
			   dma_handle, ktime_get_ns() - t0);
}
#endif

static int dmabench_ops_mmap(struct device *dev, struct vm_area_struct *vma,
			     void *cpu, dma_addr_t dma_handle, size_t size,
			     unsigned long attrs)
{
	bool tr = trace_dmabench_mmap_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);
	int ret;

	if (ops && ops->mmap)
		ret = ops->mmap(dev->parent, vma, cpu, dma_handle, size, attrs);
	else
		ret = dma_mmap_attrs(dev->parent, vma, cpu, dma_handle, size,
				     attrs);
	if (tr)
		trace_dmabench_mmap(dev_name(dev), DMABENCH_OP_MMAP, size,
			   DMA_BIDIRECTIONAL, attrs, dma_handle,
			   ktime_get_ns() - t0);
	return ret;
}

static int dmabench_ops_get_sgtable(struct device *dev, struct sg_table *sgt,
				    void *cpu, dma_addr_t dma_handle,
				    size_t size, unsigned long attrs)
{
	bool tr = trace_dmabench_get_sgtable_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);
	int ret;

	if (ops && ops->get_sgtable)
		ret = ops->get_sgtable(dev->parent, sgt, cpu, dma_handle, size,
				       attrs);
	else
		ret = dma_get_sgtable_attrs(dev->parent, sgt, cpu, dma_handle,
					    size, attrs);
	if (tr)
		trace_dmabench_get_sgtable(dev_name(dev), DMABENCH_OP_GET_SGTABLE, size,
				  DMA_BIDIRECTIONAL, attrs, dma_handle,
				  ktime_get_ns() - t0);
	return ret;
}

#ifdef DMABENCH_HAVE_OPS_MAP_PHYS
static dma_addr_t dmabench_ops_map_phys(struct device *dev, phys_addr_t phys,
					size_t size,
					enum dma_data_direction dir,
					unsigned long attrs)
{
	bool tr = trace_dmabench_map_page_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);
	dma_addr_t addr;

	if (ops && ops->map_phys) {
		addr = ops->map_phys(dev->parent, phys, size, dir, attrs);
	} else {
		addr = dma_map_phys(dev->parent, phys, size, dir, attrs);
		/* As in dmabench_ops_map_page(): debugging wants it checked. */
		if (dma_mapping_error(dev->parent, addr))
			addr = DMA_MAPPING_ERROR;
	}
	if (tr)
		trace_dmabench_map_page(dev_name(dev), DMABENCH_OP_MAP_PAGE, size, dir,
			       attrs, addr, ktime_get_ns() - t0);
	return addr;
}

static void dmabench_ops_unmap_phys(struct device *dev, dma_addr_t addr,
				    size_t size, enum dma_data_direction dir,
				    unsigned long attrs)
{
	bool tr = trace_dmabench_unmap_page_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);

	if (ops && ops->unmap_phys)
		ops->unmap_phys(dev->parent, addr, size, dir, attrs);
	else
		dma_unmap_phys(dev->parent, addr, size, dir, attrs);
	if (tr)
		trace_dmabench_unmap_page(dev_name(dev), DMABENCH_OP_UNMAP_PAGE, size,
				 dir, attrs, addr, ktime_get_ns() - t0);
}
#else
static dma_addr_t dmabench_ops_map_page(struct device *dev, struct page *page,
					unsigned long offset, size_t size,
					enum dma_data_direction dir,
					unsigned long attrs)
{
	bool tr = trace_dmabench_map_page_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);
	dma_addr_t addr;

	if (ops && ops->map_page) {
		addr = ops->map_page(dev->parent, page, offset, size, dir,
				     attrs);
	} else {
		addr = dma_map_page_attrs(dev->parent, page, offset, size, dir,
					  attrs);
		/*
		 * DMA-API debugging tracks the parent's mapping on its own:
		 * check it here, or its unmap reports "failed to check map
		 * error". The caller checks the child's.
		 */
		if (dma_mapping_error(dev->parent, addr))
			addr = DMA_MAPPING_ERROR;
	}
	if (tr)
		trace_dmabench_map_page(dev_name(dev), DMABENCH_OP_MAP_PAGE, size, dir,
			       attrs, addr, ktime_get_ns() - t0);
	return addr;
}

static void dmabench_ops_unmap_page(struct device *dev, dma_addr_t addr,
				    size_t size, enum dma_data_direction dir,
				    unsigned long attrs)
{
	bool tr = trace_dmabench_unmap_page_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);

	if (ops && ops->unmap_page)
		ops->unmap_page(dev->parent, addr, size, dir, attrs);
	else
		dma_unmap_page_attrs(dev->parent, addr, size, dir, attrs);
	if (tr)
		trace_dmabench_unmap_page(dev_name(dev), DMABENCH_OP_UNMAP_PAGE, size,
				 dir, attrs, addr, ktime_get_ns() - t0);
}
#endif

static u64 dmabench_sg_bytes(struct scatterlist *sgl, int nents)
{
	struct scatterlist *sg;
	u64 bytes = 0;
	int i;

	for_each_sg(sgl, sg, nents, i)
		bytes += sg->length;
	return bytes;
}

/*
 * ->map_sg must return a negative errno on failure (0 makes the core WARN):
 * the parent's ->map_sg does, and through the DMA API dma_map_sgtable()
 * keeps the parent's error code.
 */
static int dmabench_ops_map_sg(struct device *dev, struct scatterlist *sgl,
			       int nents, enum dma_data_direction dir,
			       unsigned long attrs)
{
	struct sg_table sgt = { .sgl = sgl, .orig_nents = nents };
	bool tr = trace_dmabench_map_sg_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);
	int ret;

	if (ops && ops->map_sg) {
		ret = ops->map_sg(dev->parent, sgl, nents, dir, attrs);
		sgt.nents = ret > 0 ? ret : 0;
		ret = ret > 0 ? 0 : (ret ? ret : -EIO);
	} else {
		ret = dma_map_sgtable(dev->parent, &sgt, dir, attrs);
	}
	if (tr)
		trace_dmabench_map_sg(dev_name(dev), DMABENCH_OP_MAP_SG,
			     dmabench_sg_bytes(sgl, nents), dir, attrs,
			     ret ? DMA_MAPPING_ERROR : sg_dma_address(sgl),
			     ktime_get_ns() - t0);
	return ret ? ret : sgt.nents;
}

static void dmabench_ops_unmap_sg(struct device *dev, struct scatterlist *sgl,
				  int nents, enum dma_data_direction dir,
				  unsigned long attrs)
{
	bool tr = trace_dmabench_unmap_sg_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);

	if (ops && ops->unmap_sg)
		ops->unmap_sg(dev->parent, sgl, nents, dir, attrs);
	else
		dma_unmap_sg_attrs(dev->parent, sgl, nents, dir, attrs);
	if (tr)
		trace_dmabench_unmap_sg(dev_name(dev), DMABENCH_OP_UNMAP_SG,
			       dmabench_sg_bytes(sgl, nents), dir, attrs,
			       sg_dma_address(sgl), ktime_get_ns() - t0);
}

static void dmabench_ops_sync_single_for_cpu(struct device *dev,
					     dma_addr_t addr, size_t size,
					     enum dma_data_direction dir)
{
	bool tr = trace_dmabench_sync_single_for_cpu_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);

	if (ops && ops->sync_single_for_cpu)
		ops->sync_single_for_cpu(dev->parent, addr, size, dir);
	else
		dma_sync_single_for_cpu(dev->parent, addr, size, dir);
	if (tr)
		trace_dmabench_sync_single_for_cpu(dev_name(dev),
					  DMABENCH_OP_SYNC_SINGLE_FOR_CPU,
					  size, dir, 0, addr,
					  ktime_get_ns() - t0);
}

static void dmabench_ops_sync_single_for_device(struct device *dev,
						dma_addr_t addr, size_t size,
						enum dma_data_direction dir)
{
	bool tr = trace_dmabench_sync_single_for_device_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);

	if (ops && ops->sync_single_for_device)
		ops->sync_single_for_device(dev->parent, addr, size, dir);
	else
		dma_sync_single_for_device(dev->parent, addr, size, dir);
	if (tr)
		trace_dmabench_sync_single_for_device(dev_name(dev),
					     DMABENCH_OP_SYNC_SINGLE_FOR_DEVICE,
					     size, dir, 0, addr,
					     ktime_get_ns() - t0);
}

static void dmabench_ops_sync_sg_for_cpu(struct device *dev,
					 struct scatterlist *sgl, int nents,
					 enum dma_data_direction dir)
{
	bool tr = trace_dmabench_sync_sg_for_cpu_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);

	if (ops && ops->sync_sg_for_cpu)
		ops->sync_sg_for_cpu(dev->parent, sgl, nents, dir);
	else
		dma_sync_sg_for_cpu(dev->parent, sgl, nents, dir);
	if (tr)
		trace_dmabench_sync_sg_for_cpu(dev_name(dev),
				      DMABENCH_OP_SYNC_SG_FOR_CPU,
				      dmabench_sg_bytes(sgl, nents), dir, 0,
				      sg_dma_address(sgl), ktime_get_ns() - t0);
}

static void dmabench_ops_sync_sg_for_device(struct device *dev,
					    struct scatterlist *sgl, int nents,
					    enum dma_data_direction dir)
{
	bool tr = trace_dmabench_sync_sg_for_device_enabled();
	u64 t0 = dmabench_ops_clock(tr);
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);

	if (ops && ops->sync_sg_for_device)
		ops->sync_sg_for_device(dev->parent, sgl, nents, dir);
	else
		dma_sync_sg_for_device(dev->parent, sgl, nents, dir);
	if (tr)
		trace_dmabench_sync_sg_for_device(dev_name(dev),
					 DMABENCH_OP_SYNC_SG_FOR_DEVICE,
					 dmabench_sg_bytes(sgl, nents), dir, 0,
					 sg_dma_address(sgl),
					 ktime_get_ns() - t0);
}

/*
 * The parent maps with its own mask, so the child can promise a mask only
 * if it is no narrower than the parent's.
 */
static int dmabench_ops_dma_supported(struct device *dev, u64 mask)
{
	return mask >= dma_get_mask(dev->parent);
}

static u64 dmabench_ops_get_required_mask(struct device *dev)
{
	return dma_get_required_mask(dev->parent);
}

static size_t dmabench_ops_max_mapping_size(struct device *dev)
{
	return dma_max_mapping_size(dev->parent);
}

static unsigned long dmabench_ops_get_merge_boundary(struct device *dev)
{
	return dma_get_merge_boundary(dev->parent);
}

#ifndef DMABENCH_HAVE_OPS_MAP_PHYS
/* Before 7.x dma_map_resource() has its own op; since, map_phys with MMIO. */
static dma_addr_t dmabench_ops_map_resource(struct device *dev,
					    phys_addr_t phys, size_t size,
					    enum dma_data_direction dir,
					    unsigned long attrs)
{
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);
	dma_addr_t addr;

	if (ops && ops->map_resource)
		return ops->map_resource(dev->parent, phys, size, dir, attrs);
	addr = dma_map_resource(dev->parent, phys, size, dir, attrs);
	/* As in dmabench_ops_map_page(): debugging wants it checked. */
	if (dma_mapping_error(dev->parent, addr))
		addr = DMA_MAPPING_ERROR;
	return addr;
}

static void dmabench_ops_unmap_resource(struct device *dev, dma_addr_t addr,
					size_t size,
					enum dma_data_direction dir,
					unsigned long attrs)
{
	const struct dma_map_ops *ops = dmabench_parent_ops(dev);

	if (ops && ops->unmap_resource)
		ops->unmap_resource(dev->parent, addr, size, dir, attrs);
	else
		dma_unmap_resource(dev->parent, addr, size, dir, attrs);
}
#endif

static const struct dma_map_ops dmabench_dma_ops = {
	.alloc			= dmabench_ops_alloc,
	.free			= dmabench_ops_free,
#ifdef DMABENCH_OPS_ALLOC_PAGES
	.DMABENCH_OPS_ALLOC_PAGES = dmabench_ops_alloc_pages,
	.free_pages		= dmabench_ops_free_pages,
#endif
	.mmap			= dmabench_ops_mmap,
	.get_sgtable		= dmabench_ops_get_sgtable,
#ifdef DMABENCH_HAVE_OPS_MAP_PHYS
	.map_phys		= dmabench_ops_map_phys,
	.unmap_phys		= dmabench_ops_unmap_phys,
#else
	.map_page		= dmabench_ops_map_page,
	.unmap_page		= dmabench_ops_unmap_page,
	.map_resource		= dmabench_ops_map_resource,
	.unmap_resource		= dmabench_ops_unmap_resource,
#endif
	.map_sg			= dmabench_ops_map_sg,
	.unmap_sg		= dmabench_ops_unmap_sg,
	.sync_single_for_cpu	= dmabench_ops_sync_single_for_cpu,
	.sync_single_for_device	= dmabench_ops_sync_single_for_device,
	.sync_sg_for_cpu	= dmabench_ops_sync_sg_for_cpu,
	.sync_sg_for_device	= dmabench_ops_sync_sg_for_device,
	.dma_supported		= dmabench_ops_dma_supported,
	.get_required_mask	= dmabench_ops_get_required_mask,
	.max_mapping_size	= dmabench_ops_max_mapping_size,
	.get_merge_boundary	= dmabench_ops_get_merge_boundary,
};

void dmabench_ops_sync(struct device *child)
{
	struct device *parent = child->parent;

	*child->dma_mask = dma_get_mask(parent);
	child->coherent_dma_mask = parent->coherent_dma_mask;
	child->bus_dma_limit = parent->bus_dma_limit;
	dma_set_max_seg_size(child, dma_get_max_seg_size(parent));
	dma_set_seg_boundary(child, dma_get_seg_boundary(parent));
}

static void dmabench_ops_release(struct device *dev)
{
	kfree(container_of(dev, struct dmabench_ops_dev, dev));
}

struct device *dmabench_ops_create(struct device *parent, const char *name)
{
	struct dmabench_ops_dev *od;
	struct device *dev;
	int ret;

	od = kzalloc(sizeof(*od), GFP_KERNEL);
	if (!od)
		return ERR_PTR(-ENOMEM);
	dev = &od->dev;
	device_initialize(dev);
	dev->parent = parent;
	dev->release = dmabench_ops_release;
	dev->dma_mask = &od->dma_mask;
	dev->dma_parms = &od->dma_parms;
	set_dev_node(dev, dev_to_node(parent));
	set_dma_ops(dev, &dmabench_dma_ops);
	dmabench_ops_sync(dev);

	ret = dev_set_name(dev, "dmabench-ops-%s", name);
	if (ret)
		goto put;
	ret = device_add(dev);
	if (ret)
		goto put;
	return dev;

put:
	put_device(dev);	/* frees od through the release function */
	return ERR_PTR(ret);
}

void dmabench_ops_unregister(struct device *child)
{
	device_del(child);
}

void dmabench_ops_put(struct device *child)
{
	put_device(child);	/* frees it through the release function */
}

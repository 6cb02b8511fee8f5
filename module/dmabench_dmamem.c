// SPDX-License-Identifier: GPL-2.0
/* The allocation variants: see dmabench_dmamem.h. */
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "dmabench_account.h"
#include "dmabench_compat.h"
#include "dmabench_dmamem.h"

static int coherent_alloc(struct device *dev, struct dmabench_dmamem *b,
			  gfp_t gfp)
{
	b->cpu = dma_alloc_coherent(dev, b->size, &b->addr, gfp);
	return b->cpu ? 0 : -ENOMEM;
}

static void coherent_free(struct device *dev, struct dmabench_dmamem *b)
{
	dma_free_coherent(dev, b->size, b->cpu, b->addr);
}

static int coherent_mmap(struct device *dev, struct dmabench_dmamem *b,
			 struct vm_area_struct *vma)
{
	return dma_mmap_coherent(dev, vma, b->cpu, b->addr, b->size);
}

static int attrs_alloc(struct device *dev, struct dmabench_dmamem *b,
		       gfp_t gfp)
{
	b->cpu = dma_alloc_attrs(dev, b->size, &b->addr, gfp, b->attrs);
	return b->cpu ? 0 : -ENOMEM;
}

static void attrs_free(struct device *dev, struct dmabench_dmamem *b)
{
	dma_free_attrs(dev, b->size, b->cpu, b->addr, b->attrs);
}

static int attrs_mmap(struct device *dev, struct dmabench_dmamem *b,
		      struct vm_area_struct *vma)
{
	return dma_mmap_attrs(dev, vma, b->cpu, b->addr, b->size, b->attrs);
}

static int wc_alloc(struct device *dev, struct dmabench_dmamem *b, gfp_t gfp)
{
	b->cpu = dma_alloc_wc(dev, b->size, &b->addr, gfp);
	return b->cpu ? 0 : -ENOMEM;
}

static void wc_free(struct device *dev, struct dmabench_dmamem *b)
{
	dma_free_wc(dev, b->size, b->cpu, b->addr);
}

static int wc_mmap(struct device *dev, struct dmabench_dmamem *b,
		   struct vm_area_struct *vma)
{
	return dma_mmap_wc(dev, vma, b->cpu, b->addr, b->size);
}

#if DMABENCH_HAVE_ALLOC_PAGES
/*
 * 6.1's dma_alloc_pages() has DMA-API debugging track its buffer as a
 * streaming mapping, whose free is then reported as "failed to check map
 * error" (later kernels track it as noncoherent memory). Checking the handle
 * as for a mapping marks it checked; only a debug kernel needs that.
 */
static void pages_handle_checked(struct device *dev, dma_addr_t addr)
{
	if (IS_ENABLED(CONFIG_DMA_API_DEBUG))
		dma_mapping_error(dev, addr);
}

static int noncoherent_alloc(struct device *dev, struct dmabench_dmamem *b,
			     gfp_t gfp)
{
	b->cpu = dma_alloc_noncoherent(dev, b->size, &b->addr,
				       DMA_BIDIRECTIONAL, gfp);
	if (!b->cpu)
		return -ENOMEM;
	pages_handle_checked(dev, b->addr);
	return 0;
}

static void noncoherent_free(struct device *dev, struct dmabench_dmamem *b)
{
	dma_free_noncoherent(dev, b->size, b->cpu, b->addr, DMA_BIDIRECTIONAL);
}

static int noncoherent_mmap(struct device *dev, struct dmabench_dmamem *b,
			    struct vm_area_struct *vma)
{
	return dma_mmap_pages(dev, vma, b->size, virt_to_page(b->cpu));
}

static int pages_alloc(struct device *dev, struct dmabench_dmamem *b,
		       gfp_t gfp)
{
	b->page = dma_alloc_pages(dev, b->size, &b->addr, DMA_BIDIRECTIONAL,
				  gfp);
	if (!b->page)
		return -ENOMEM;
	pages_handle_checked(dev, b->addr);
	return 0;
}

static void pages_free(struct device *dev, struct dmabench_dmamem *b)
{
	dma_free_pages(dev, b->size, b->page, b->addr, DMA_BIDIRECTIONAL);
}

static int pages_mmap(struct device *dev, struct dmabench_dmamem *b,
		      struct vm_area_struct *vma)
{
	return dma_mmap_pages(dev, vma, b->size, b->page);
}

static void single_sync_for_device(struct device *dev,
				   struct dmabench_dmamem *b)
{
	dma_sync_single_for_device(dev, b->addr, b->size, DMA_BIDIRECTIONAL);
}
#endif

/*
 * A streaming mapping held like an allocation: a zeroed CPU buffer (kmalloc
 * below a page, whole pages from a page up, so a user buffer can be mmapped)
 * mapped with dma_map_single(). Under swiotlb every one holds bounce slots
 * until it is unmapped; a failed mapping is -ENOMEM like a failed alloc.
 */
static int map_single_alloc(struct device *dev, struct dmabench_dmamem *b,
			    gfp_t gfp)
{
	struct page *page;

	if (b->size < PAGE_SIZE) {
		b->cpu = kzalloc(b->size, gfp);
	} else {
		page = alloc_pages(gfp | __GFP_ZERO, get_order(b->size));
		b->cpu = page ? page_address(page) : NULL;
	}
	if (!b->cpu)
		return -ENOMEM;
	b->addr = dma_map_single(dev, b->cpu, b->size, DMA_BIDIRECTIONAL);
	if (!dma_mapping_error(dev, b->addr))
		return 0;
	if (b->size < PAGE_SIZE)
		kfree(b->cpu);
	else
		free_pages((unsigned long)b->cpu, get_order(b->size));
	b->cpu = NULL;
	return -ENOMEM;
}

static void map_single_free(struct device *dev, struct dmabench_dmamem *b)
{
	dma_unmap_single(dev, b->addr, b->size, DMA_BIDIRECTIONAL);
	if (b->size < PAGE_SIZE)
		kfree(b->cpu);
	else
		free_pages((unsigned long)b->cpu, get_order(b->size));
}

/* User buffers are page multiples: always whole pages here. */
static int map_single_mmap(struct device *dev, struct dmabench_dmamem *b,
			   struct vm_area_struct *vma)
{
	if (b->size < PAGE_SIZE)
		return -EINVAL;
	return dma_mmap_pages(dev, vma, b->size, virt_to_page(b->cpu));
}

static void map_single_sync_for_device(struct device *dev,
				       struct dmabench_dmamem *b)
{
	dma_sync_single_for_device(dev, b->addr, b->size, DMA_BIDIRECTIONAL);
}

#if DMABENCH_HAVE_NONCONTIGUOUS
static int noncontig_alloc(struct device *dev, struct dmabench_dmamem *b,
			   gfp_t gfp)
{
	b->sgt = dma_alloc_noncontiguous(dev, b->size, DMA_BIDIRECTIONAL, gfp,
					 0);
	return b->sgt ? 0 : -ENOMEM;
}

static void noncontig_free(struct device *dev, struct dmabench_dmamem *b)
{
	dma_free_noncontiguous(dev, b->size, b->sgt, DMA_BIDIRECTIONAL);
}

static int noncontig_vmap_alloc(struct device *dev, struct dmabench_dmamem *b,
				gfp_t gfp)
{
	int ret = noncontig_alloc(dev, b, gfp);

	if (ret)
		return ret;
	b->vaddr = dma_vmap_noncontiguous(dev, b->size, b->sgt);
	if (!b->vaddr) {
		noncontig_free(dev, b);
		return -ENOMEM;
	}
	b->cpu = b->vaddr;
	return 0;
}

static void noncontig_vmap_free(struct device *dev, struct dmabench_dmamem *b)
{
	dma_vunmap_noncontiguous(dev, b->vaddr);
	noncontig_free(dev, b);
}

static int noncontig_mmap(struct device *dev, struct dmabench_dmamem *b,
			  struct vm_area_struct *vma)
{
	return dma_mmap_noncontiguous(dev, vma, b->size, b->sgt);
}

static void noncontig_sync_for_device(struct device *dev,
				      struct dmabench_dmamem *b)
{
	dma_sync_sgtable_for_device(dev, b->sgt, DMA_BIDIRECTIONAL);
}
#endif

const struct dmabench_variant dmabench_variants[DMABENCH_ALLOC_NR_VARIANTS] = {
	[DMABENCH_ALLOC_COHERENT] = {
		.name = "coherent", .available = true,
		.alloc = coherent_alloc, .free = coherent_free,
		.mmap = coherent_mmap,
	},
	[DMABENCH_ALLOC_ATTRS] = {
		.name = "attrs", .available = true,
		.alloc = attrs_alloc, .free = attrs_free, .mmap = attrs_mmap,
	},
	[DMABENCH_ALLOC_WC] = {
		.name = "wc", .available = true,
		.alloc = wc_alloc, .free = wc_free, .mmap = wc_mmap,
	},
#if DMABENCH_HAVE_ALLOC_PAGES
	[DMABENCH_ALLOC_NONCOHERENT] = {
		.name = "noncoherent", .available = true,
		.alloc = noncoherent_alloc, .free = noncoherent_free,
		.mmap = noncoherent_mmap,
		.sync_for_device = single_sync_for_device,
	},
	[DMABENCH_ALLOC_PAGES] = {
		.name = "pages", .available = true,
		.alloc = pages_alloc, .free = pages_free, .mmap = pages_mmap,
		.sync_for_device = single_sync_for_device,
	},
#else
	[DMABENCH_ALLOC_NONCOHERENT] = { .name = "noncoherent" },
	[DMABENCH_ALLOC_PAGES] = { .name = "pages" },
#endif
#if DMABENCH_HAVE_NONCONTIGUOUS
	[DMABENCH_ALLOC_NONCONTIGUOUS] = {
		.name = "noncontiguous", .available = true,
		.alloc = noncontig_alloc, .free = noncontig_free,
		.mmap = noncontig_mmap,
		.sync_for_device = noncontig_sync_for_device,
	},
	[DMABENCH_ALLOC_NONCONTIGUOUS_VMAP] = {
		.name = "noncontiguous_vmap", .available = true,
		.alloc = noncontig_vmap_alloc, .free = noncontig_vmap_free,
		.mmap = noncontig_mmap,
		.sync_for_device = noncontig_sync_for_device,
	},
#else
	[DMABENCH_ALLOC_NONCONTIGUOUS] = { .name = "noncontiguous" },
	[DMABENCH_ALLOC_NONCONTIGUOUS_VMAP] = { .name = "noncontiguous_vmap" },
#endif
	[DMABENCH_ALLOC_MAP_SINGLE] = {
		.name = "map_single", .available = true, .streaming = true,
		.alloc = map_single_alloc, .free = map_single_free,
		.mmap = map_single_mmap,
		.sync_for_device = map_single_sync_for_device,
	},
};

static bool dmabench_dmamem_kmapped(const struct dmabench_dmamem *b)
{
	if (b->variant == DMABENCH_ALLOC_NONCONTIGUOUS ||
	    b->variant == DMABENCH_ALLOC_PAGES)
		return false;	/* pages with no address of their own */
	return !(b->attrs & DMA_ATTR_NO_KERNEL_MAPPING);
}

void dmabench_dmamem_account(const struct dmabench_dmamem *b, long sign)
{
	if (dmabench_variants[b->variant].streaming) {
		/* a CPU buffer and its streaming mapping */
		dmabench_account(DMABENCH_RES_BUFFERS, sign);
		dmabench_account(DMABENCH_RES_MAPPINGS, sign);
		return;
	}
	dmabench_account(DMABENCH_RES_DMA_BUFFERS, sign);
	if (dmabench_dmamem_kmapped(b))
		dmabench_account(DMABENCH_RES_KERNEL_MAPPINGS, sign);
	if (b->variant == DMABENCH_ALLOC_NONCONTIGUOUS_VMAP)
		dmabench_account(DMABENCH_RES_VMAPS, sign);
}

int dmabench_dmamem_alloc(struct device *dev, struct dmabench_dmamem *b,
			  u32 variant, size_t size, unsigned long attrs,
			  gfp_t gfp)
{
	const struct dmabench_variant *v = &dmabench_variants[variant];
	int ret;

	memset(b, 0, sizeof(*b));
	if (!v->available)
		return -EOPNOTSUPP;
	b->variant = variant;
	b->size = size;
	b->attrs = variant == DMABENCH_ALLOC_ATTRS ? attrs : 0;
	ret = v->alloc(dev, b, gfp);
	if (ret)
		return ret;
	dmabench_dmamem_account(b, 1);
	return 0;
}

void dmabench_dmamem_free(struct device *dev, struct dmabench_dmamem *b)
{
	dmabench_variants[b->variant].free(dev, b);
	dmabench_dmamem_account(b, -1);
	memset(b, 0, sizeof(*b));
}

dma_addr_t dmabench_dmamem_dma_addr(const struct dmabench_dmamem *b)
{
	return b->sgt ? sg_dma_address(b->sgt->sgl) : b->addr;
}

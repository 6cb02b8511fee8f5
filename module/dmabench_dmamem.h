/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DMA buffers of every allocation variant (enum dmabench_alloc_variant):
 * one table of {alloc, free, mmap, sync} used by the alloc scenarios, the
 * storms and the user (mmap) buffers. Each allocated buffer is counted in
 * debugfs: dma_buffers, kernel_mappings (it has a kernel virtual address),
 * vmaps (dma_vmap_noncontiguous); a streaming variant (MAP_SINGLE) counts
 * as buffers and mappings instead.
 */
#ifndef _DMABENCH_DMAMEM_H
#define _DMABENCH_DMAMEM_H

#include <linux/dma-mapping.h>
#include <linux/types.h>
#include <uapi/dmabench.h>

struct vm_area_struct;

struct dmabench_dmamem {
	void *cpu;		/* kernel address, or NO_KERNEL_MAPPING's cookie */
	struct page *page;	/* PAGES */
	struct sg_table *sgt;	/* NONCONTIGUOUS* */
	void *vaddr;		/* NONCONTIGUOUS_VMAP: the vmap */
	dma_addr_t addr;
	size_t size;
	unsigned long attrs;
	u32 variant;
};

struct dmabench_variant {
	const char *name;
	bool available;		/* compiled in for this kernel */
	bool streaming;		/* a CPU buffer held mapped, not a DMA allocation */
	/* 0 or -ENOMEM; b->size, b->attrs set by the caller. */
	int (*alloc)(struct device *dev, struct dmabench_dmamem *b, gfp_t gfp);
	void (*free)(struct device *dev, struct dmabench_dmamem *b);
	int (*mmap)(struct device *dev, struct dmabench_dmamem *b,
		    struct vm_area_struct *vma);
	/* CPU wrote the buffer: make it visible to the device. */
	void (*sync_for_device)(struct device *dev, struct dmabench_dmamem *b);
};

extern const struct dmabench_variant dmabench_variants[DMABENCH_ALLOC_NR_VARIANTS];

/* Untimed alloc/free with accounting. */
int dmabench_dmamem_alloc(struct device *dev, struct dmabench_dmamem *b,
			  u32 variant, size_t size, unsigned long attrs,
			  gfp_t gfp);
void dmabench_dmamem_free(struct device *dev, struct dmabench_dmamem *b);
/* Accounting only, for callers that time the variant's ops themselves. */
void dmabench_dmamem_account(const struct dmabench_dmamem *b, long sign);
/* The device address of the buffer's first byte. */
dma_addr_t dmabench_dmamem_dma_addr(const struct dmabench_dmamem *b);

#endif /* _DMABENCH_DMAMEM_H */

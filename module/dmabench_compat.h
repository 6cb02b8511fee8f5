/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where dmabench looks at the kernel version. Each API that
 * came or went gets a DMABENCH_HAVE_* gate: from the version where that
 * tells, from a feature test on the kernel's headers (features.mk) where a
 * backport could make it lie. Code that uses a gated API is compiled only
 * where it exists, and its scenario is reported as unavailable
 * (DMABENCH_SCN_F_UNAVAILABLE) elsewhere, never emulated.
 */
#ifndef _DMABENCH_COMPAT_H
#define _DMABENCH_COMPAT_H

#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/swiotlb.h>
#include <linux/timekeeping.h>
#include <linux/version.h>
#ifdef DMABENCH_HAVE_USE_DMA_IOMMU
#include <linux/iommu-dma.h>
#endif

/* dma_alloc_pages(), dma_mmap_pages(): 5.10; noncoherent on top: 5.10. */
#define DMABENCH_HAVE_ALLOC_PAGES	(LINUX_VERSION_CODE >= KERNEL_VERSION(5, 10, 0))
/* dma_alloc_noncontiguous(), dma_vmap_noncontiguous(): 5.12. */
#define DMABENCH_HAVE_NONCONTIGUOUS	(LINUX_VERSION_CODE >= KERNEL_VERSION(5, 12, 0))
/* pci_alloc_consistent() and the other pci-dma-compat wrappers: gone in 5.18. */
#define DMABENCH_HAVE_PCI_DMA_COMPAT	(LINUX_VERSION_CODE < KERNEL_VERSION(5, 18, 0))
/*
 * The dma_map_ops member behind dma_alloc_pages(): alloc_pages from 5.10,
 * alloc_pages_op from 6.9.
 */
#if defined(DMABENCH_HAVE_OPS_ALLOC_PAGES_OP)
#define DMABENCH_OPS_ALLOC_PAGES	alloc_pages_op
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(5, 10, 0)
#define DMABENCH_OPS_ALLOC_PAGES	alloc_pages
#endif
/* The void-returning remove callback of a platform driver. */
#ifdef DMABENCH_HAVE_PLATFORM_REMOVE_NEW
#define DMABENCH_PLATFORM_REMOVE	remove_new
#else
#define DMABENCH_PLATFORM_REMOVE	remove
#endif
/* vm_flags_set(), vm_flags_mod(): 6.3; vma->vm_flags is read-only since. */
#define DMABENCH_HAVE_VM_FLAGS_SET	(LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0))

/* vm_flags_mod() where it exists; the caller holds the mm's mmap_lock. */
static inline void dmabench_vm_flags_mod(struct vm_area_struct *vma,
					 vm_flags_t set, vm_flags_t clear)
{
#if DMABENCH_HAVE_VM_FLAGS_SET
	vm_flags_mod(vma, set, clear);
#else
	vma->vm_flags = (vma->vm_flags | set) & ~clear;
#endif
}

/*
 * Whether iommu-dma translates dev's DMA. Since 6.12 the core calls it
 * directly (use_dma_iommu()) and such a device has no dma_map_ops; before,
 * iommu-dma was reached through the ops it installed.
 */
static inline bool dmabench_dev_iommu_dma(struct device *dev)
{
#ifdef DMABENCH_HAVE_USE_DMA_IOMMU
	return use_dma_iommu(dev);
#else
	struct iommu_domain *domain = iommu_get_domain_for_dev(dev);

	return get_dma_ops(dev) && domain && iommu_is_dma_domain(domain);
#endif
}

/*
 * Whether anything but dma-direct handles dev's DMA: iommu-dma, or
 * dma_map_ops of another kind. Masks and bouncing are dma-direct's rules.
 */
static inline bool dmabench_dev_translated(struct device *dev)
{
	return dmabench_dev_iommu_dma(dev) || get_dma_ops(dev);
}

/*
 * Whether dev has a swiotlb pool to bounce through. is_swiotlb_active() is
 * not exported since 6.12; this is its test.
 */
static inline bool dmabench_swiotlb_active(struct device *dev)
{
#ifdef CONFIG_SWIOTLB
	return dev->dma_io_tlb_mem && READ_ONCE(dev->dma_io_tlb_mem->nslabs);
#else
	return false;
#endif
}

/*
 * Since 6.12 the sync calls of a device that needs none return after a
 * flag test (dma_skip_sync): a sync scenario then times that test.
 */
static inline bool dmabench_dev_skips_sync(struct device *dev)
{
#ifdef DMABENCH_HAVE_DMA_DEV_NEED_SYNC
	return !dma_dev_need_sync(dev);
#else
	return false;
#endif
}

/* The pfn mapped at addr of a PFN-mapped vma; the caller holds mmap_lock. */
static inline int dmabench_follow_pfn(struct vm_area_struct *vma,
				      unsigned long addr, unsigned long *pfn)
{
#ifdef DMABENCH_HAVE_FOLLOW_PFNMAP
	struct follow_pfnmap_args args = { .vma = vma, .address = addr };
	int ret = follow_pfnmap_start(&args);

	if (ret)
		return ret;
	*pfn = args.pfn;
	follow_pfnmap_end(&args);
	return 0;
#else
	return follow_pfn(vma, addr, pfn);
#endif
}

/* is_cow_mapping() of 6.1, renamed and retyped in 7.x. */
static inline bool dmabench_is_cow_mapping(vm_flags_t flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/*
 * The DMA API of 7.x (scenarios/newapi.c): dma_map_phys(), the two-step
 * IOVA API, DMA_ATTR_MMIO, DMA_ATTR_REQUIRE_COHERENT. As 0/1 so a scenario
 * table can flag what is absent; the IOVA scenarios need dma_map_phys()
 * too, for the fallback real users write.
 */
#ifdef DMABENCH_HAVE_DMA_MAP_PHYS
#define DMABENCH_HAS_MAP_PHYS	1
#else
#define DMABENCH_HAS_MAP_PHYS	0
#endif
#if defined(DMABENCH_HAVE_DMA_IOVA) && DMABENCH_HAS_MAP_PHYS
#define DMABENCH_HAS_IOVA	1
#else
#define DMABENCH_HAS_IOVA	0
#endif
#if defined(DMABENCH_HAVE_DMA_ATTR_MMIO) && DMABENCH_HAS_MAP_PHYS
#define DMABENCH_HAS_ATTR_MMIO	1
#else
#define DMABENCH_HAS_ATTR_MMIO	0
#endif
#if defined(DMABENCH_HAVE_DMA_ATTR_REQUIRE_COHERENT) && DMABENCH_HAS_MAP_PHYS
#define DMABENCH_HAS_REQUIRE_COHERENT	1
#else
#define DMABENCH_HAS_REQUIRE_COHERENT	0
#endif

/* __assign_str() lost its source argument in 6.10 (__string() names it). */
#ifdef DMABENCH_HAVE_ASSIGN_STR_FIELD_ONLY
#define dmabench_assign_str(field, src)			\
	do {							\
		(void)(src);	/* named by __string() */	\
		__assign_str(field);				\
	} while (0)
#else
#define dmabench_assign_str(field, src)	__assign_str(field, src)
#endif

/*
 * A snapshot of the timekeeping clocksource's count with the clocks. 6.12
 * has ktime_get_snapshot(); 7.3 only ktime_get_snapshot_id(), which came
 * in between: features.mk finds it.
 */
static inline void dmabench_ktime_snapshot(struct system_time_snapshot *snap)
{
#ifdef DMABENCH_HAVE_KTIME_SNAPSHOT_ID
	ktime_get_snapshot_id(CLOCK_MONOTONIC, snap);
#else
	ktime_get_snapshot(snap);
#endif
}

#endif /* _DMABENCH_COMPAT_H */

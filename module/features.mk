# SPDX-License-Identifier: GPL-2.0
#
# Feature tests on the kernel's own headers, in the style of lttng-modules:
# what a version number does not tell, because Debian's stable kernels take
# backports. Each found feature defines DMABENCH_HAVE_<NAME>; the code that
# uses it lives in dmabench_compat.h.
#
# $(call dmabench_has,HEADER,EXTENDED-REGEX,NAME)
dmabench_has = $(shell grep -qsE '$(2)' $(srctree)/include/$(1) && \
		 echo -DDMABENCH_HAVE_$(3))

# 6.12: iommu-dma is called directly, devices behind it have no dma_map_ops.
ccflags-y += $(call dmabench_has,linux/iommu-dma.h,bool use_dma_iommu,USE_DMA_IOMMU)
# 6.9: dma_map_ops.alloc_pages became alloc_pages_op.
ccflags-y += $(call dmabench_has,linux/dma-map-ops.h,\(\*alloc_pages_op\),OPS_ALLOC_PAGES_OP)
# 7.x: dma_map_ops.map_phys and unmap_phys replace map_page and unmap_page.
ccflags-y += $(call dmabench_has,linux/dma-map-ops.h,\(\*map_phys\),OPS_MAP_PHYS)
# 6.10: __assign_str() takes the field only (the source is __string's).
ccflags-y += $(call dmabench_has,trace/stages/stage6_event_callback.h,define __assign_str\(dst\),ASSIGN_STR_FIELD_ONLY)
# 6.1 to 6.12: the void-returning platform remove callback is remove_new.
ccflags-y += $(call dmabench_has,linux/platform_device.h,\(\*remove_new\),PLATFORM_REMOVE_NEW)
# 6.12: follow_pfn() gave way to follow_pfnmap_start().
ccflags-y += $(call dmabench_has,linux/mm.h,int follow_pfnmap_start,FOLLOW_PFNMAP)
# 6.12: dma_dev_need_sync(), the per-device flag that skips sync calls.
ccflags-y += $(call dmabench_has,linux/dma-mapping.h,bool dma_dev_need_sync,DMA_DEV_NEED_SYNC)
# 7.x: dma_map_phys()/dma_unmap_phys(), the phys_addr_t streaming map.
ccflags-y += $(call dmabench_has,linux/dma-mapping.h,dma_addr_t dma_map_phys,DMA_MAP_PHYS)
# 7.x: the two-step IOVA API (dma_iova_try_alloc, link, sync, unlink, destroy).
ccflags-y += $(call dmabench_has,linux/dma-mapping.h,bool dma_iova_try_alloc,DMA_IOVA)
# 7.x: DMA_ATTR_MMIO (map_resource became map_phys of MMIO).
ccflags-y += $(call dmabench_has,linux/dma-mapping.h,define DMA_ATTR_MMIO,DMA_ATTR_MMIO)
# 7.x: DMA_ATTR_REQUIRE_COHERENT (fail rather than bounce or flush).
ccflags-y += $(call dmabench_has,linux/dma-mapping.h,define DMA_ATTR_REQUIRE_COHERENT,DMA_ATTR_REQUIRE_COHERENT)
# 7.x: ktime_get_snapshot() became ktime_get_snapshot_id(CLOCK, ...).
ccflags-y += $(call dmabench_has,linux/timekeeping.h,void ktime_get_snapshot_id.clockid_t,KTIME_SNAPSHOT_ID)

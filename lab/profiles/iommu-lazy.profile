# Intel VT-d, lazy invalidation through the flush queue. caching-mode must be
# off: with it the kernel says "IOMMU batching disallowed due to
# virtualization" and silently forces strict (the promise check catches that).
description="Intel VT-d, lazy: iommu-dma with flush queue (group DMA-FQ)"
qemu_devices="-device intel-iommu,intremap=on"
kernel_cmdline="intel_iommu=on iommu.strict=0"
memory_mib=1024
expect_group=DMA-FQ
expect_swiotlb=no

# Intel VT-d, strict invalidation: every unmap flushes the IOTLB.
# caching-mode=on is what QEMU needs for a strict emulated VT-d.
description="Intel VT-d, strict: iommu-dma, IOTLB flush on every unmap (group DMA)"
qemu_devices="-device intel-iommu,intremap=on,caching-mode=on"
kernel_cmdline="intel_iommu=on iommu.strict=1"
memory_mib=1024
expect_group=DMA
expect_swiotlb=no

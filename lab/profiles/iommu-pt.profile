# Intel VT-d in passthrough: identity domain, dma-direct behind an IOMMU.
description="Intel VT-d passthrough: identity domain, dma-direct behind the IOMMU"
qemu_devices="-device intel-iommu,intremap=on"
kernel_cmdline="intel_iommu=on iommu=pt"
memory_mib=1024
expect_group=identity
expect_swiotlb=no

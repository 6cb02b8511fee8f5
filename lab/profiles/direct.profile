# dma-direct: no IOMMU, no bounce buffering. DMA handle == physical address.
description="dma-direct: no IOMMU, no swiotlb pool; handle == physical address"
qemu_devices=""
kernel_cmdline=""
memory_mib=1024
expect_group=none
expect_swiotlb=no

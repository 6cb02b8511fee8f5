# AMD-Vi: always strict under virtualization in 6.1.
description="AMD-Vi: iommu-dma, strict under virtualization (group DMA)"
qemu_devices="-device amd-iommu"
kernel_cmdline=""
memory_mib=1024
expect_group=DMA
expect_swiotlb=no

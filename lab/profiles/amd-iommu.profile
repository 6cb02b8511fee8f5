# AMD-Vi: always strict under virtualization in 6.1.
description="AMD-Vi: iommu-dma, strict under virtualization (group DMA)"
qemu_devices="-device amd-iommu"
# For LAVA workers (lava/make-job): their QEMU is trixie-backports' (11.1),
# whose AMD IOMMU translates no DMA unless dma-remap=on (edu and AHCI then
# DMA to the IOVA as if it were physical; dmabench verify fails every
# check). This lab's QEMU (7.2) has no such property and always translates.
lava_qemu_devices="-device amd-iommu,dma-remap=on"
kernel_cmdline=""
memory_mib=1024
expect_group=DMA
expect_swiotlb=no

# dma-direct with swiotlb=force: every streaming map bounces (2 KiB slots,
# 256 KiB max mapping); coherent allocations are not bounced.
description="dma-direct + swiotlb=force: every streaming map bounces"
qemu_devices=""
kernel_cmdline="swiotlb=force"
memory_mib=1024
expect_group=none
expect_swiotlb=yes

# A profile that lies: with caching-mode=on the kernel silently forces strict,
# so the lab must refuse it (tests/lab/test-lab.sh).
description="lazy invalidation promised, but caching-mode=on makes the kernel strict"
qemu_devices="-device intel-iommu,intremap=on,caching-mode=on"
kernel_cmdline="intel_iommu=on iommu.strict=0"
memory_mib=1024
expect_group=DMA-FQ
expect_swiotlb=no

# A profile QEMU cannot start (tests/lab/test-lab.sh).
description="a QEMU device that does not exist"
qemu_devices="-device dmabench-no-such-device"
kernel_cmdline=""
memory_mib=1024
expect_group=none
expect_swiotlb=no

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PCI devices of a machine, from sysfs, each with whether dmabench can
 * measure through it and why: what `dmabench info --pci` prints on a real
 * machine, where the module binds nothing but what it is given.
 */
#ifndef DMABENCH_PCI_SCAN_H
#define DMABENCH_PCI_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pci_scan_dev {
	char bdf[32];			/* 0000:03:00.1 */
	uint32_t vendor, device, class_code;
	char driver[64];		/* "" when none is bound */
	char driver_override[64];	/* "" when none is set */
	int iommu_group;		/* -1 when the device has none */
	char group_type[32];		/* iommu_groups/N/type, or "" */
	unsigned int group_size;	/* devices in its IOMMU group */
	bool bound;			/* bound to dmabench */
	bool usable;			/* bound, or can be handed over */
	char reason[320];
};

/*
 * Reads SYSFS_ROOT/bus/pci/devices (SYSFS_ROOT is "/sys" but in tests),
 * sorted by address. Returns the count, or -errno (*out is then NULL).
 * The caller frees *out.
 */
int pci_scan(const char *sysfs_root, struct pci_scan_dev **out);

#endif

// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pci_scan.h"
#include "sysinfo.h"

#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8

/* The first line of DIR/NAME, without its newline; "" when unreadable. */
static void read_line(const char *dir, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path)) {
		buf[0] = '\0';
		return;
	}
	read_first_line(path, buf, len);
}

static uint32_t read_hex(const char *dir, const char *name)
{
	char buf[32];

	read_line(dir, name, buf, sizeof(buf));
	return (uint32_t)strtoul(buf, NULL, 16);
}

/* The last component of the symlink DIR/NAME; "" when there is none. */
static void link_name(const char *dir, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	ssize_t n;
	const char *base;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	snprintf(buf, len, "%.*s", (int)len - 1, base ? base + 1 : target);
}

static unsigned int count_entries(const char *path)
{
	struct dirent *e;
	unsigned int n = 0;
	DIR *d = opendir(path);

	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

/* Whether dmabench can measure through the device, and why, in words. */
static void judge(struct pci_scan_dev *p)
{
	unsigned int base_class = p->class_code >> 16, sub = (p->class_code >> 8) & 0xff;
	char group[96];

	if (p->iommu_group < 0)
		snprintf(group, sizeof(group), "no IOMMU group: its path would be direct or swiotlb");
	else if (p->group_size > 1)
		snprintf(group, sizeof(group), "IOMMU group %d (%s) shared with %u other device(s)",
			 p->iommu_group, p->group_type[0] ? p->group_type : "?",
			 p->group_size - 1);
	else
		snprintf(group, sizeof(group), "IOMMU group %d (%s) of its own", p->iommu_group,
			 p->group_type[0] ? p->group_type : "?");

	if (!strcmp(p->driver, "dmabench")) {
		p->bound = p->usable = true;
		snprintf(p->reason, sizeof(p->reason), "bound to dmabench; %s", group);
	} else if (base_class == 0x06) {
		snprintf(p->reason, sizeof(p->reason), "a bridge (class %02x%02x): not a "
			 "device that does DMA", base_class, sub);
	} else if (p->driver[0]) {
		snprintf(p->reason, sizeof(p->reason), "in use by %s: only if it is spare, "
			 "through driver_override (docs/real-hardware.md); %s", p->driver, group);
	} else if (!strcmp(p->driver_override, "dmabench")) {
		p->usable = true;
		snprintf(p->reason, sizeof(p->reason), "driver_override is dmabench but it is "
			 "not bound: write its address to /sys/bus/pci/drivers_probe; %s", group);
	} else if (p->vendor == EDU_VENDOR && p->device == EDU_DEVICE) {
		p->usable = true;
		snprintf(p->reason, sizeof(p->reason), "QEMU edu with no driver: loading "
			 "dmabench binds it; %s", group);
	} else {
		p->usable = true;
		snprintf(p->reason, sizeof(p->reason), "no driver: can be handed to dmabench "
			 "through driver_override (docs/real-hardware.md); %s", group);
	}
}

static int by_bdf(const void *a, const void *b)
{
	return strcmp(((const struct pci_scan_dev *)a)->bdf,
		      ((const struct pci_scan_dev *)b)->bdf);
}

int pci_scan(const char *sysfs_root, struct pci_scan_dev **out)
{
	char root[PATH_MAX], dir[PATH_MAX + 300], path[PATH_MAX * 2], grp[32];
	struct pci_scan_dev *devs = NULL, *grown;
	struct dirent *e;
	size_t n = 0, cap = 0;
	DIR *d;

	*out = NULL;
	snprintf(root, sizeof(root), "%s/bus/pci/devices", sysfs_root);
	d = opendir(root);
	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		struct pci_scan_dev *p;

		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			grown = realloc(devs, (cap * 2 + 16) * sizeof(*devs));
			if (!grown) {
				free(devs);
				closedir(d);
				return -ENOMEM;
			}
			devs = grown;
			cap = cap * 2 + 16;
		}
		p = &devs[n++];
		memset(p, 0, sizeof(*p));
		snprintf(p->bdf, sizeof(p->bdf), "%.*s", (int)sizeof(p->bdf) - 1, e->d_name);
		snprintf(dir, sizeof(dir), "%s/%s", root, e->d_name);
		p->vendor = read_hex(dir, "vendor");
		p->device = read_hex(dir, "device");
		p->class_code = read_hex(dir, "class");
		link_name(dir, "driver", p->driver, sizeof(p->driver));
		read_line(dir, "driver_override", p->driver_override,
			  sizeof(p->driver_override));
		if (!strcmp(p->driver_override, "(null)"))
			p->driver_override[0] = '\0';
		link_name(dir, "iommu_group", grp, sizeof(grp));
		p->iommu_group = grp[0] ? atoi(grp) : -1;
		if (p->iommu_group >= 0) {
			snprintf(path, sizeof(path), "%s/iommu_group", dir);
			read_line(path, "type", p->group_type, sizeof(p->group_type));
			snprintf(path, sizeof(path), "%s/iommu_group/devices", dir);
			p->group_size = count_entries(path);
		}
		judge(p);
	}
	closedir(d);
	if (n)
		qsort(devs, n, sizeof(*devs), by_bdf);
	*out = devs;
	return (int)n;
}

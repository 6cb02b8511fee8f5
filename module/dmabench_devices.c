// SPDX-License-Identifier: GPL-2.0
/*
 * The devices dmabench drives. A PCI driver binds the edu device by ID and
 * any other PCI device through driver_override; a platform driver binds
 * platform devices through driver_override and the module's own
 * "dmabench-fake" device, which lets anyone measure dma-direct and swiotlb.
 *
 * Locks. dmabench_devs_lock guards the list of bound devices and is held
 * only to look one up, add or remove it. A device's own lock (d->lock)
 * lets one run, verify or user-buffer allocation at a time use it; it is
 * taken before any lock of the user buffers' code. A looked-up device is
 * held by its kref, and an unbind marks it gone so that nobody takes its
 * lock for new work.
 *
 * The ops child belongs to the dmabench_dev: unbind unregisters it, once
 * nothing can DMA through it, and the dmabench_dev's release drops its
 * reference. So a DEVICE ioctl that looked the device up just before an
 * unbind still finds the child to ask, without taking the device's lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/swiotlb.h>

#include "dmabench_compat.h"
#include "dmabench_devices.h"
#include "dmabench_ops.h"

#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8
#define FAKE_NAME	"dmabench-fake"

static LIST_HEAD(dmabench_devs);
static DEFINE_MUTEX(dmabench_devs_lock);
static unsigned int dmabench_ndevs;
static struct platform_device *dmabench_fake_pdev;
static dmabench_unbind_hook_t *dmabench_unbind_hook;

static u32 dmabench_dev_sync_flags(struct device *dev);

static void dmabench_dev_release(struct kref *kref)
{
	struct dmabench_dev *d = container_of(kref, struct dmabench_dev, kref);

	if (d->ops_dev)
		dmabench_ops_put(d->ops_dev);
	put_device(d->dev);
	kfree(d);
}

void dmabench_dev_put(struct dmabench_dev *d)
{
	kref_put(&d->kref, dmabench_dev_release);
}

unsigned int dmabench_devices_count(void)
{
	unsigned int n;

	mutex_lock(&dmabench_devs_lock);
	n = dmabench_ndevs;
	mutex_unlock(&dmabench_devs_lock);
	return n;
}

struct dmabench_dev *dmabench_dev_get_by_name(const char *name)
{
	struct dmabench_dev *d, *found = NULL;

	mutex_lock(&dmabench_devs_lock);
	list_for_each_entry(d, &dmabench_devs, node) {
		if (!name[0] || !strcmp(d->name, name)) {
			kref_get(&d->kref);
			found = d;
			break;
		}
	}
	mutex_unlock(&dmabench_devs_lock);
	return found;
}

struct dmabench_dev *dmabench_dev_get_by_index(unsigned int index)
{
	struct dmabench_dev *d, *found = NULL;

	mutex_lock(&dmabench_devs_lock);
	list_for_each_entry(d, &dmabench_devs, node) {
		if (!index--) {
			kref_get(&d->kref);
			found = d;
			break;
		}
	}
	mutex_unlock(&dmabench_devs_lock);
	return found;
}

int dmabench_dev_lock(struct dmabench_dev *d)
{
	int ret = mutex_lock_interruptible(&d->lock);

	if (ret)
		return ret;
	if (READ_ONCE(d->gone)) {
		mutex_unlock(&d->lock);
		return -ENODEV;
	}
	return 0;
}

/* Lowest free index for a name prefix: edu0, edu1, ... Under the list lock. */
static unsigned int dmabench_free_index(const char *prefix)
{
	char name[DMABENCH_NAME_LEN];
	struct dmabench_dev *d;
	unsigned int n;
	bool used;

	for (n = 0; ; n++) {
		snprintf(name, sizeof(name), "%s%u", prefix, n);
		used = false;
		list_for_each_entry(d, &dmabench_devs, node)
			used |= !strcmp(d->name, name);
		if (!used)
			return n;
	}
}

static struct dmabench_dev *dmabench_dev_add(struct device *dev,
					     const char *prefix, u32 flags,
					     void __iomem *mmio)
{
	struct dmabench_dev *d;
	struct device *ops_dev;
	int ret;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return ERR_PTR(-ENOMEM);
	kref_init(&d->kref);
	mutex_init(&d->lock);
	init_waitqueue_head(&d->wq);
	d->dev = get_device(dev);
	d->flags = flags;
	d->mmio = mmio;
	/*
	 * No segment limit of our own (PCI's default is 64 KiB): 6.1's
	 * dma_alloc_noncontiguous() on iommu-dma builds a table with segments
	 * as long as the buffer and has DMA-API debugging check them against
	 * this. Restored at unbind. Without dma_parms there is no limit to
	 * set, and dma_set_max_seg_size() does nothing.
	 */
	d->max_seg_size = dma_get_max_seg_size(dev);
	dma_set_max_seg_size(dev, UINT_MAX);
	/*
	 * What DEVICE reports of the masks and syncs, taken once here: a run
	 * with a mask of its own narrows the device's for its whole length,
	 * and DEVICE, which takes no lock to wait for it, would report that
	 * mask and probe with it (dma-direct WARNs on a page above it).
	 */
	d->dma_mask = dma_get_mask(dev);
	d->coherent_dma_mask = dev->coherent_dma_mask;
	d->sync_flags = dmabench_dev_sync_flags(dev);

	mutex_lock(&dmabench_devs_lock);
	ret = -ENOSPC;
	if (dmabench_ndevs >= DMABENCH_MAX_DEVICES)
		goto err;
	snprintf(d->name, sizeof(d->name), "%s%u", prefix,
		 dmabench_free_index(prefix));
	ops_dev = dmabench_ops_create(dev, d->name);
	if (IS_ERR(ops_dev)) {
		ret = PTR_ERR(ops_dev);
		goto err;
	}
	d->ops_dev = ops_dev;
	list_add_tail(&d->node, &dmabench_devs);
	dmabench_ndevs++;
	mutex_unlock(&dmabench_devs_lock);
	dev_info(dev, "bound as %s\n", d->name);
	return d;

err:
	mutex_unlock(&dmabench_devs_lock);
	dma_set_max_seg_size(dev, d->max_seg_size);
	dmabench_dev_put(d);
	return ERR_PTR(ret);
}

/*
 * Unbind: no new users (unlisted, gone), stop a run in progress (its
 * waiter watches gone), wait for it through the lock, have the unbind
 * hook free the user buffers (outside the lock: it takes the files' locks,
 * which come after it), then unregister the child: nobody can DMA through
 * it any more, and new work is refused by gone. A driver's DMA memory does
 * not outlive its unbind.
 */
static void dmabench_dev_remove(struct dmabench_dev *d)
{
	mutex_lock(&dmabench_devs_lock);
	list_del(&d->node);
	dmabench_ndevs--;
	mutex_unlock(&dmabench_devs_lock);

	WRITE_ONCE(d->gone, true);
	wake_up_all(&d->wq);
	mutex_lock(&d->lock);
	mutex_unlock(&d->lock);
	dmabench_unbind_hook(d);
	dmabench_ops_unregister(d->ops_dev);
	dma_set_max_seg_size(d->dev, d->max_seg_size);
	dmabench_dev_put(d);
}

/* Names as in /sys/kernel/iommu_groups/N/type (iommu_group_show_type()). */
static const struct {
	unsigned int type;
	const char *name;
	u32 path;
} dmabench_domain_types[] = {
	{ IOMMU_DOMAIN_DMA,	  "DMA",	DMABENCH_PATH_IOMMU_STRICT },
	{ IOMMU_DOMAIN_DMA_FQ,	  "DMA-FQ",	DMABENCH_PATH_IOMMU_LAZY },
	{ IOMMU_DOMAIN_IDENTITY,  "identity",	DMABENCH_PATH_IDENTITY },
	{ IOMMU_DOMAIN_UNMANAGED, "unmanaged",	DMABENCH_PATH_UNKNOWN },
	{ IOMMU_DOMAIN_BLOCKED,	  "blocked",	DMABENCH_PATH_UNKNOWN },
};

/*
 * Where streaming DMA of dev goes: iommu-dma for a DMA domain (through its
 * dma_map_ops before 6.12, called directly since), other dma_map_ops, or
 * dma-direct, bouncing always under swiotlb=force, behind an identity
 * domain when an IOMMU passes it. Bouncing by mask is judged by the
 * device's own mask, in info->dma_mask.
 */
static void dmabench_dev_path(struct device *dev,
			      struct dmabench_device_info *info)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(dev);
	struct iommu_group *group = iommu_group_get(dev);
	u32 domain_path = DMABENCH_PATH_UNKNOWN;
	unsigned int i;

	info->iommu_group = group ? iommu_group_id(group) : -1;
	iommu_group_put(group);
	for (i = 0; domain && i < ARRAY_SIZE(dmabench_domain_types); i++) {
		if (domain->type != dmabench_domain_types[i].type)
			continue;
		strscpy(info->group_type, dmabench_domain_types[i].name,
			sizeof(info->group_type));
		domain_path = dmabench_domain_types[i].path;
	}

	if (dmabench_dev_iommu_dma(dev))
		info->path = domain_path;
	else if (get_dma_ops(dev))
		info->path = DMABENCH_PATH_OPS;
	else if (is_swiotlb_force_bounce(dev))
		info->path = DMABENCH_PATH_SWIOTLB;
	else if (domain_path == DMABENCH_PATH_IDENTITY)
		info->path = DMABENCH_PATH_IDENTITY;
	else
		info->path = DMABENCH_PATH_DIRECT;

	if (!dmabench_dev_translated(dev) &&
	    dma_get_required_mask(dev) > info->dma_mask)
		info->flags |= DMABENCH_DEV_F_BOUNCE_BY_MASK;
}

/*
 * dma_need_sync() answers for one mapping: ask it of a page mapped for
 * the device. No answer (the mapping failed) sets no flag. The skip flag
 * is read after that mapping, as a scenario's syncs see it: a swiotlb
 * bounce clears it.
 */
static u32 dmabench_dev_sync_flags(struct device *dev)
{
	struct page *page = alloc_page(GFP_KERNEL);
	dma_addr_t addr;
	u32 flags = 0;

	if (page) {
		addr = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
		if (!dma_mapping_error(dev, addr)) {
			if (dma_need_sync(dev, addr))
				flags |= DMABENCH_DEV_F_NEED_SYNC;
			dma_unmap_page(dev, addr, PAGE_SIZE, DMA_TO_DEVICE);
		}
		__free_page(page);
	}
	if (dmabench_dev_skips_sync(dev))
		flags |= DMABENCH_DEV_F_SKIP_SYNC;
	return flags;
}

struct device *dmabench_dev_via(struct dmabench_dev *d, u32 via)
{
	if (via != DMABENCH_VIA_OPS)
		return d->dev;
	return dmabench_ops_refusal(d->ops_dev) ? NULL : d->ops_dev;
}

void dmabench_dev_fill_info(struct dmabench_dev *d,
			    struct dmabench_device_info *info)
{
	struct device *dev = d->dev;

	info->flags = d->flags;
	info->ops_layer_refusal = dmabench_ops_refusal(d->ops_dev);
	if (info->ops_layer_refusal)
		info->flags |= DMABENCH_DEV_F_NO_OPS_LAYER;
	info->flags |= d->sync_flags;
	strscpy(info->name, d->name, sizeof(info->name));
	strscpy(info->bus_id, dev_name(dev), sizeof(info->bus_id));
	memset(info->group_type, 0, sizeof(info->group_type));
	info->dma_mask = d->dma_mask;
	info->coherent_dma_mask = d->coherent_dma_mask;
	dmabench_dev_path(dev, info);
	info->max_mapping_size_bytes = dma_max_mapping_size(dev);
}

/* 64-bit DMA if the platform allows it, else 32-bit. */
static int dmabench_set_default_mask(struct device *dev)
{
	if (!dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64)))
		return 0;
	return dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32));
}

static int dmabench_pci_probe(struct pci_dev *pdev,
			      const struct pci_device_id *id)
{
	bool edu = pdev->vendor == EDU_VENDOR && pdev->device == EDU_DEVICE;
	void __iomem *mmio = NULL;
	struct dmabench_dev *d;
	int ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	if (edu) {
		/* verify programs edu's DMA engine through BAR0 */
		ret = pcim_iomap_regions(pdev, BIT(0), KBUILD_MODNAME);
		if (ret)
			return ret;
		mmio = pcim_iomap_table(pdev)[0];
		pci_set_master(pdev);
	}
	ret = dmabench_set_default_mask(&pdev->dev);
	if (ret)
		return ret;

	d = dmabench_dev_add(&pdev->dev, edu ? "edu" : "pci",
			     edu ? DMABENCH_DEV_F_EDU : 0, mmio);
	if (IS_ERR(d))
		return PTR_ERR(d);
	pci_set_drvdata(pdev, d);
	return 0;
}

static void dmabench_pci_remove(struct pci_dev *pdev)
{
	dmabench_dev_remove(pci_get_drvdata(pdev));
	pci_clear_master(pdev);
}

/* Other PCI devices bind through driver_override (pci_device_id_any). */
static const struct pci_device_id dmabench_pci_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR, EDU_DEVICE) },
	{ }
};
MODULE_DEVICE_TABLE(pci, dmabench_pci_ids);

static struct pci_driver dmabench_pci_driver = {
	.name		= KBUILD_MODNAME,
	.id_table	= dmabench_pci_ids,
	.probe		= dmabench_pci_probe,
	.remove		= dmabench_pci_remove,
};

static int dmabench_platform_probe(struct platform_device *pdev)
{
	bool fake = pdev == dmabench_fake_pdev;
	struct dmabench_dev *d;
	int ret;

	if (fake) {
		ret = dma_coerce_mask_and_coherent(&pdev->dev,
						   DMA_BIT_MASK(64));
		if (ret)
			return ret;
	} else if (!pdev->dev.dma_mask) {
		return -ENODEV;	/* not a DMA-capable device */
	}
	d = dmabench_dev_add(&pdev->dev, fake ? "fake" : "plat",
			     fake ? DMABENCH_DEV_F_FAKE : 0, NULL);
	if (IS_ERR(d))
		return PTR_ERR(d);
	platform_set_drvdata(pdev, d);
	return 0;
}

static void dmabench_platform_remove(struct platform_device *pdev)
{
	dmabench_dev_remove(platform_get_drvdata(pdev));
}

/* Others bind through driver_override, which platform_match() checks first. */
static const struct platform_device_id dmabench_platform_ids[] = {
	{ .name = FAKE_NAME },
	{ }
};

static struct platform_driver dmabench_platform_driver = {
	.driver		= { .name = KBUILD_MODNAME },
	.id_table	= dmabench_platform_ids,
	.probe		= dmabench_platform_probe,
	.DMABENCH_PLATFORM_REMOVE = dmabench_platform_remove,
};

int dmabench_devices_init(bool fake_device, dmabench_unbind_hook_t *unbind)
{
	int ret;

	dmabench_unbind_hook = unbind;

	ret = pci_register_driver(&dmabench_pci_driver);
	if (ret)
		return ret;
	ret = platform_driver_register(&dmabench_platform_driver);
	if (ret)
		goto err_pci;
	if (fake_device) {
		dmabench_fake_pdev = platform_device_alloc(FAKE_NAME,
							   PLATFORM_DEVID_NONE);
		ret = -ENOMEM;
		if (!dmabench_fake_pdev)
			goto err_platform;
		ret = platform_device_add(dmabench_fake_pdev);
		if (ret)
			goto err_fake;
	}
	return 0;

err_fake:
	platform_device_put(dmabench_fake_pdev);
	dmabench_fake_pdev = NULL;
err_platform:
	platform_driver_unregister(&dmabench_platform_driver);
err_pci:
	pci_unregister_driver(&dmabench_pci_driver);
	return ret;
}

void dmabench_devices_exit(void)
{
	if (dmabench_fake_pdev)
		platform_device_unregister(dmabench_fake_pdev);
	platform_driver_unregister(&dmabench_platform_driver);
	pci_unregister_driver(&dmabench_pci_driver);
}

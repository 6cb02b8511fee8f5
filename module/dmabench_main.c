// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench: a benchmark and tracing harness for the Linux DMA-mapping API.
 * /dev/dmabench takes the ioctls of include/uapi/dmabench.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/dma-map-ops.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/swiotlb.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <uapi/dmabench.h>

#include "dmabench_account.h"
#include "dmabench_compat.h"
#include "dmabench_devices.h"
#include "dmabench_dmamem.h"
#include "dmabench_runner.h"
#include "dmabench_scenario.h"
#include "dmabench_ubuf.h"
#include "dmabench_validate.h"
#include "dmabench_verify.h"

static bool fake_device = true;
module_param(fake_device, bool, 0444);
MODULE_PARM_DESC(fake_device,
		 "register the dmabench-fake platform device (64-bit mask, dma-direct or swiotlb)");

static u64 dmabench_load_clock_read_ns;

/*
 * INFO from a harness of another ABI (another struct size: another ioctl
 * number; or another abi_version): the two header fields, first in every
 * version, say which ABI this module speaks; the call still fails.
 */
static long dmabench_ioctl_info_abi(void __user *uarg)
{
	struct dmabench_info __user *u = uarg;

	if (put_user((u32)sizeof(*u), &u->size) ||
	    put_user((u32)DMABENCH_ABI_VERSION, &u->abi_version))
		return -EFAULT;
	return -EINVAL;
}

static long dmabench_ioctl_info(void __user *uarg)
{
	struct dmabench_info info;
	int ret;

	if (copy_from_user(&info, uarg, sizeof(info)))
		return -EFAULT;
	if (dmabench_validate_header(info.size, info.abi_version,
				     sizeof(info)))
		return dmabench_ioctl_info_abi(uarg);
	ret = dmabench_validate_info(&info);
	if (ret)
		return ret;
	info.ndevices = dmabench_devices_count();
	info.nscenarios = dmabench_nscenarios;
	info.clock_read_ns = dmabench_load_clock_read_ns;
	info.clock = dmabench_clock_auto();
	info.clock_flags = dmabench_clock_flags();
	info.features = DMABENCH_FEAT_ITERATION;
	strscpy(info.kernel_release, utsname()->release,
		sizeof(info.kernel_release));
	return copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long dmabench_ioctl_device(void __user *uarg)
{
	struct dmabench_device_info info;
	struct dmabench_dev *d;
	int ret;

	if (copy_from_user(&info, uarg, sizeof(info)))
		return -EFAULT;
	ret = dmabench_validate_device_info(&info);
	if (ret)
		return ret;
	d = dmabench_dev_get_by_index(info.index);
	if (!d)
		return -ENODEV;
	dmabench_dev_fill_info(d, &info);
	dmabench_dev_put(d);
	return copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long dmabench_ioctl_scenario(void __user *uarg)
{
	struct dmabench_scenario_info info;
	int ret;

	if (copy_from_user(&info, uarg, sizeof(info)))
		return -EFAULT;
	ret = dmabench_validate_scenario_info(&info);
	if (ret)
		return ret;
	dmabench_scenario_fill_info(dmabench_scenarios[info.index], &info);
	return copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
}

/* A storm's weighted size list, copied in and checked. */
static int dmabench_copy_sizes(const struct dmabench_params *p,
			       struct dmabench_size_weight **out)
{
	struct dmabench_size_weight *sizes;
	int ret;

	*out = NULL;
	if (!p->nsizes)
		return 0;
	sizes = memdup_user(u64_to_user_ptr(p->sizes_ptr),
			    p->nsizes * sizeof(*sizes));
	if (IS_ERR(sizes))
		return PTR_ERR(sizes);
	ret = dmabench_validate_sizes(sizes, p->nsizes);
	if (ret) {
		kfree(sizes);
		return ret;
	}
	*out = sizes;
	return 0;
}

/*
 * A streaming map of memory above a run's DMA mask on dma-direct bounces
 * through swiotlb when it can; when it cannot (no pool, or a pool above the
 * mask) dma_direct_map_page() or swiotlb_map() fail with a kernel WARN, DMA
 * address included. Such a run is refused, EOPNOTSUPP: a mask that misses
 * RAM with no pool, or one below 32 bits (the pool is somewhere under 4 GiB).
 * Allocations honour the mask themselves (GFP_DMA, GFP_DMA32) and may run.
 */
static bool dmabench_mask_unreachable(struct dmabench_dev *d,
				      const struct dmabench_scenario_ops *sc,
				      const struct dmabench_params *p)
{
	/* 7.x's DMA_BIT_MASK(0) is GENMASK_ULL(-1, 0): a shift UBSAN reports. */
	u64 mask = p->dma_mask_bits ? DMA_BIT_MASK(p->dma_mask_bits) : 0;
	bool streaming = !(sc->flags & DMABENCH_SCN_ALLOC) ||
			 ((sc->flags & DMABENCH_SCN_STORM) &&
			  dmabench_variants[p->variant].streaming);

	return p->dma_mask_bits && streaming &&
	       !dmabench_dev_translated(d->dev) &&
	       mask < dma_get_required_mask(d->dev) &&
	       (!dmabench_swiotlb_active(d->dev) || mask < DMA_BIT_MASK(32));
}

static long dmabench_ioctl_run(void __user *uarg)
{
	struct dmabench_size_weight *sizes = NULL;
	const struct dmabench_scenario_ops *sc;
	void __user *uhist = NULL, *ufloor = NULL, *uiter = NULL;
	struct dmabench_iteration *iter = NULL;
	size_t hist_bytes = 0;
	struct dmabench_run *run;
	struct dmabench_dev *d;
	u64 *hist = NULL, *floor = NULL;
	int ret;

	run = kmalloc(sizeof(*run), GFP_KERNEL);
	if (!run)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(run, uarg, sizeof(*run)))
		goto out_free;
	ret = dmabench_validate_run(run, &sc);
	if (ret)
		goto out_free;
	ret = -EOPNOTSUPP;	/* not in this kernel: said, never emulated */
	if (sc->flags & DMABENCH_SCN_UNAVAILABLE)
		goto out_free;
	ret = dmabench_copy_sizes(&run->params, &sizes);
	if (ret)
		goto out_free;

	if (run->floor_hist_ptr) {
		ufloor = u64_to_user_ptr(run->floor_hist_ptr);
		ret = -EFAULT;
		if (clear_user(ufloor, sizeof(*floor) * DMABENCH_HIST_BUCKETS))
			goto out_free;
		ret = -ENOMEM;
		floor = kvcalloc(DMABENCH_HIST_BUCKETS, sizeof(*floor), GFP_KERNEL);
		if (!floor)
			goto out_free;
	}
	if (run->iteration_ptr) {
		uiter = u64_to_user_ptr(run->iteration_ptr);
		ret = -EFAULT;
		if (clear_user(uiter, sizeof(*iter)))
			goto out_free;
		ret = -ENOMEM;
		iter = kvzalloc(sizeof(*iter), GFP_KERNEL);
		if (!iter)
			goto out_free;
	}
	if (run->hist_ptr) {
		/* Fail a bad pointer now, not after a ten-minute run. */
		uhist = u64_to_user_ptr(run->hist_ptr);
		hist_bytes = (size_t)dmabench_run_nops(sc, &run->params) *
			     DMABENCH_HIST_BUCKETS * sizeof(u64);
		ret = -EFAULT;
		if (clear_user(uhist, hist_bytes))
			goto out_free;
		ret = -ENOMEM;
		hist = kvzalloc(hist_bytes, GFP_KERNEL);
		if (!hist)
			goto out_free;
	}

	ret = -ENODEV;
	d = dmabench_dev_get_by_name(run->params.device);
	if (!d)
		goto out_free;
	ret = dmabench_dev_lock(d);
	if (!ret) {
		/* under the lock: the device is still bound */
		if (dmabench_mask_unreachable(d, sc, &run->params) ||
		    !dmabench_dev_via(d, run->params.via))
			ret = -EOPNOTSUPP;
		else
			ret = dmabench_run(d, sc, &run->params, sizes,
					   &run->results, hist, floor, iter);
		dmabench_dev_unlock(d);
	}
	dmabench_dev_put(d);
	if (ret)
		goto out_free;

	ret = -EFAULT;
	if (hist && copy_to_user(uhist, hist, hist_bytes))
		goto out_free;
	if (floor && copy_to_user(ufloor, floor,
				  sizeof(*floor) * DMABENCH_HIST_BUCKETS))
		goto out_free;
	if (iter && copy_to_user(uiter, iter, sizeof(*iter)))
		goto out_free;
	if (copy_to_user(uarg, run, sizeof(*run)))
		goto out_free;
	ret = 0;
out_free:
	kfree(sizes);
	kvfree(hist);
	kvfree(floor);
	kvfree(iter);
	kfree(run);
	return ret;
}

static long dmabench_ioctl_verify(struct dmabench_file *f, void __user *uarg)
{
	struct dmabench_ubuf_entry *ub = NULL;
	struct dmabench_verify v;
	struct dmabench_dev *d;
	int ret;

	if (copy_from_user(&v, uarg, sizeof(v)))
		return -EFAULT;
	ret = dmabench_validate_verify(&v);
	if (ret)
		return ret;
	d = dmabench_dev_get_by_name(v.device);
	if (!d)
		return -ENODEV;
	ret = -EOPNOTSUPP;	/* no DMA engine to drive */
	if (d->flags & DMABENCH_DEV_F_EDU)
		ret = dmabench_dev_lock(d);
	if (ret)
		goto out_put;
	if (v.kind == DMABENCH_VERIFY_UBUF) {
		ub = dmabench_ubuf_get(f, v.ubuf_id, d);
		ret = PTR_ERR_OR_ZERO(ub);
	}
	if (!ret)
		ret = dmabench_verify(d, &v, ub);
	/* Before the unlock: an unbind waiting for d's lock never waits for ub. */
	if (!IS_ERR_OR_NULL(ub))
		dmabench_ubuf_put(ub);
	dmabench_dev_unlock(d);
out_put:
	dmabench_dev_put(d);
	if (ret)
		return ret;
	return copy_to_user(uarg, &v, sizeof(v)) ? -EFAULT : 0;
}

static long dmabench_ioctl_ubuf_alloc(struct dmabench_file *f,
				      void __user *uarg)
{
	struct dmabench_ubuf u;
	int ret;

	if (copy_from_user(&u, uarg, sizeof(u)))
		return -EFAULT;
	ret = dmabench_validate_ubuf(&u);
	if (ret)
		return ret;
	ret = dmabench_ubuf_alloc(f, &u);
	if (ret)
		return ret;
	/* On a fault the buffer stays with the file until it is closed. */
	return copy_to_user(uarg, &u, sizeof(u)) ? -EFAULT : 0;
}

static long dmabench_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	struct dmabench_file *f = file->private_data;

	switch (cmd) {
	case DMABENCH_IOC_INFO:
		return dmabench_ioctl_info(uarg);
	case DMABENCH_IOC_DEVICE:
		return dmabench_ioctl_device(uarg);
	case DMABENCH_IOC_SCENARIO:
		return dmabench_ioctl_scenario(uarg);
	case DMABENCH_IOC_RUN:
		return dmabench_ioctl_run(uarg);
	case DMABENCH_IOC_VERIFY:
		return dmabench_ioctl_verify(f, uarg);
	case DMABENCH_IOC_UBUF_ALLOC:
		return dmabench_ioctl_ubuf_alloc(f, uarg);
	}
	/* INFO built with another struct size: room for the header at least */
	if (_IOC_TYPE(cmd) == DMABENCH_IOC_MAGIC &&
	    _IOC_NR(cmd) == _IOC_NR(DMABENCH_IOC_INFO) &&
	    _IOC_DIR(cmd) == (_IOC_READ | _IOC_WRITE) &&
	    _IOC_SIZE(cmd) >= 2 * sizeof(u32))
		return dmabench_ioctl_info_abi(uarg);
	return -ENOTTY;
}

/* The node is 0600; the capability check also covers a chmod'ed node. */
static int dmabench_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	file->private_data = dmabench_file_create(inode, file);
	return file->private_data ? 0 : -ENOMEM;
}

/* The last reference: no mapping is left, its buffers can go. */
static int dmabench_release(struct inode *inode, struct file *file)
{
	dmabench_file_release(file->private_data);
	return 0;
}

static int dmabench_mmap(struct file *file, struct vm_area_struct *vma)
{
	return dmabench_ubuf_mmap(file->private_data, vma);
}

static const struct file_operations dmabench_fops = {
	.owner		= THIS_MODULE,
	.open		= dmabench_open,
	.release	= dmabench_release,
	.mmap		= dmabench_mmap,
	.unlocked_ioctl	= dmabench_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice dmabench_misc = {
	.minor		= MISC_DYNAMIC_MINOR,
	.name		= KBUILD_MODNAME,
	.fops		= &dmabench_fops,
	.mode		= 0600,
};

static int __init dmabench_init(void)
{
	int ret;

	dmabench_load_clock_read_ns = dmabench_clock_read_ns();
	dmabench_account_init();
	ret = dmabench_devices_init(fake_device, dmabench_ubuf_unbind);
	if (ret)
		goto err_account;
	ret = misc_register(&dmabench_misc);
	if (ret)
		goto err_devices;
	return 0;

err_devices:
	dmabench_devices_exit();
err_account:
	dmabench_account_exit();
	return ret;
}

static void __exit dmabench_exit(void)
{
	misc_deregister(&dmabench_misc);
	dmabench_devices_exit();
	dmabench_account_exit();
}

module_init(dmabench_init);
module_exit(dmabench_exit);

MODULE_DESCRIPTION("Benchmark and tracing harness for the DMA-mapping API");
MODULE_LICENSE("GPL");

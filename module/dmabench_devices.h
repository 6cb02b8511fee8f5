/* SPDX-License-Identifier: GPL-2.0 */
/* Devices bound to dmabench: edu, other PCI, platform, and the fake one. */
#ifndef _DMABENCH_DEVICES_H
#define _DMABENCH_DEVICES_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <uapi/dmabench.h>

struct dmabench_dev {
	struct list_head node;		/* in the bound list, under its lock */
	struct kref kref;		/* list + every ioctl that looked it up */
	struct device *dev;		/* bound device; reference held */
	struct device *ops_dev;		/* child behind our dma_map_ops; ours */
	void __iomem *mmio;		/* edu BAR0, NULL otherwise */
	char name[DMABENCH_NAME_LEN];
	u32 flags;			/* DMABENCH_DEV_F_* */
	unsigned int max_seg_size;	/* the device's before we bound it */
	u64 dma_mask, coherent_dma_mask;	/* its own, at bind */
	u32 sync_flags;			/* DMABENCH_DEV_F_*_SYNC, at bind */
	struct mutex lock;		/* one run or verify at a time */
	wait_queue_head_t wq;		/* run end and removal */
	bool gone;			/* unbound: no new users, stop runs */
};

/*
 * Called at unbind once d has no user left, before its ops child goes:
 * whatever still holds DMA memory of d frees it before returning.
 */
typedef void dmabench_unbind_hook_t(struct dmabench_dev *d);

int dmabench_devices_init(bool fake_device, dmabench_unbind_hook_t *unbind);
void dmabench_devices_exit(void);

unsigned int dmabench_devices_count(void);
/* References a bound device; "" names the first one. NULL when none. */
struct dmabench_dev *dmabench_dev_get_by_name(const char *name);
struct dmabench_dev *dmabench_dev_get_by_index(unsigned int index);
void dmabench_dev_put(struct dmabench_dev *d);

/* Takes the device for a run or verify: -EINTR on a signal, -ENODEV if unbound. */
int dmabench_dev_lock(struct dmabench_dev *d);
static inline void dmabench_dev_unlock(struct dmabench_dev *d)
{
	mutex_unlock(&d->lock);
}

/* The device a request drives; NULL when its via is refused here. */
struct device *dmabench_dev_via(struct dmabench_dev *d, u32 via);

void dmabench_dev_fill_info(struct dmabench_dev *d,
			    struct dmabench_device_info *info);

#endif /* _DMABENCH_DEVICES_H */

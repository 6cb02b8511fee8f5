// SPDX-License-Identifier: GPL-2.0
/* User buffers of an open /dev/dmabench: see dmabench_ubuf.h. */
#include <linux/device.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "dmabench_compat.h"
#include "dmabench_devices.h"
#include "dmabench_ubuf.h"
#include "dmabench_validate.h"

struct dmabench_file *dmabench_file_create(void)
{
	struct dmabench_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (f)
		mutex_init(&f->lock);
	return f;
}

static void dmabench_ubuf_entry_free(struct dmabench_ubuf_entry *e)
{
	dmabench_dmabuf_free(e->dev, &e->b);
	put_device(e->dev);
	dmabench_dev_put(e->d);
	kfree(e);
}

void dmabench_file_destroy(struct dmabench_file *f)
{
	unsigned int i;

	for (i = 0; i < DMABENCH_MAX_UBUFS; i++)
		if (f->ubufs[i])
			dmabench_ubuf_entry_free(f->ubufs[i]);
	mutex_destroy(&f->lock);
	kfree(f);
}

static int dmabench_ubuf_free_slot(struct dmabench_file *f)
{
	unsigned int i;

	for (i = 0; i < DMABENCH_MAX_UBUFS; i++)
		if (!f->ubufs[i])
			return i;
	return -ENOSPC;
}

int dmabench_ubuf_alloc(struct dmabench_file *f, struct dmabench_ubuf *u)
{
	struct dmabench_ubuf_entry *e;
	struct dmabench_dev *d;
	u64 t0;
	int id, ret;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	d = dmabench_dev_get_by_name(u->device);
	ret = -ENODEV;
	if (!d)
		goto err_free;
	/* The device lock keeps the ops child alive while we take it. */
	ret = dmabench_dev_lock(d);
	if (ret)
		goto err_put;
	e->d = d;
	e->dev = dmabench_dev_via(d, u->via);
	ret = -EOPNOTSUPP;
	if (!e->dev) {
		dmabench_dev_unlock(d);
		goto err_put;
	}
	get_device(e->dev);
	t0 = ktime_get_ns();
	/*
	 * No OOM killer for a buffer it could not free (not in any RSS):
	 * user space asking for too much gets -ENOMEM.
	 */
	ret = dmabench_dmabuf_alloc(e->dev, &e->b, u->variant, u->size_bytes,
				    u->attrs, GFP_KERNEL | __GFP_NORETRY |
				    __GFP_NOWARN);
	u->alloc_ns = ktime_get_ns() - t0;
	dmabench_dev_unlock(d);
	if (ret)
		goto err_dev;

	mutex_lock(&f->lock);
	id = dmabench_ubuf_free_slot(f);
	if (id >= 0)
		f->ubufs[id] = e;
	mutex_unlock(&f->lock);
	if (id < 0) {
		dmabench_ubuf_entry_free(e);
		return id;
	}
	u->id = id;
	u->mmap_offset_bytes = (u64)id * DMABENCH_UBUF_STRIDE_BYTES;
	return 0;

err_dev:
	put_device(e->dev);
err_put:
	dmabench_dev_put(d);
err_free:
	kfree(e);
	return ret;
}

int dmabench_ubuf_mmap(struct dmabench_file *f, struct vm_area_struct *vma)
{
	struct dmabench_ubuf_entry *e;
	u32 id;
	int ret;

	ret = dmabench_validate_mmap(vma->vm_pgoff, vma->vm_flags, &id);
	if (ret)
		return ret;
	/*
	 * Never grown by mremap(2) past the buffer (vm_map_pages(), which
	 * iommu-dma and the noncontiguous variants use, does not say so
	 * itself), never made executable, never in a core dump.
	 */
#if DMABENCH_HAVE_VM_FLAGS_SET
	vm_flags_mod(vma, VM_DONTEXPAND | VM_DONTDUMP, VM_MAYEXEC);
#else
	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
	vma->vm_flags &= ~VM_MAYEXEC;
#endif
	ret = -EINVAL;
	mutex_lock(&f->lock);
	e = f->ubufs[id];
	if (e && vma_pages(vma) <= PAGE_ALIGN(e->b.size) >> PAGE_SHIFT) {
		/* dma_mmap_*() read vm_pgoff as the offset into the buffer. */
		vma->vm_pgoff = 0;
		ret = dmabench_variants[e->b.variant].mmap(e->dev, &e->b, vma);
	}
	mutex_unlock(&f->lock);
	return ret;
}

struct dmabench_ubuf_entry *dmabench_ubuf_get(struct dmabench_file *f, u32 id)
{
	return id < DMABENCH_MAX_UBUFS ? f->ubufs[id] : NULL;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User buffers: DMA buffers owned by one open file of /dev/dmabench,
 * mapped into user space with mmap(2) and freed when the file is released
 * (a mapping holds the file, so no buffer is freed while mapped) or when
 * their device is unbound: a driver frees its DMA memory before its unbind
 * returns, so then the mappings are revoked (an access gets SIGBUS) first.
 * The lifetime rules are at the top of dmabench_ubuf.c.
 */
#ifndef _DMABENCH_UBUF_H
#define _DMABENCH_UBUF_H

#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <uapi/dmabench.h>

#include "dmabench_dmamem.h"

struct dmabench_dev;
struct dmabench_file;
struct vm_area_struct;

struct dmabench_ubuf_entry {
	struct kref kref;		/* file's slot, device, each verify */
	struct list_head node;		/* in dmabench_ubufs until freed */
	bool dev_ref;			/* the device's reference is unclaimed */
	struct dmabench_file *f;	/* owner, referenced */
	u32 id;
	bool revoked;			/* under f->lock: no new mapping, no verify */
	struct dmabench_dev *d;		/* referenced */
	struct device *dev;		/* referenced: d->dev or its ops child */
	struct dmabench_dmamem b;
};

/* file->private_data */
struct dmabench_file {
	struct kref kref;		/* the open file and each of its entries */
	struct mutex lock;		/* ubufs[], mms, each entry's revoked */
	struct dmabench_ubuf_entry *ubufs[DMABENCH_MAX_UBUFS];
	struct list_head mms;		/* struct dmabench_file_mm: who mapped */
	/*
	 * file->f_mapping: this file's mappings only, so a revocation unmaps
	 * them by offset (id * stride) without touching another file's.
	 */
	struct address_space mapping;
};

/* Sets file->f_mapping; NULL on no memory. */
struct dmabench_file *dmabench_file_create(struct inode *inode,
					   struct file *file);
/* The file is released: drops its buffers, and f once they are freed. */
void dmabench_file_release(struct dmabench_file *f);

/* u validated; fills id, mmap_offset_bytes, alloc_ns. */
int dmabench_ubuf_alloc(struct dmabench_file *f, struct dmabench_ubuf *u);
int dmabench_ubuf_mmap(struct dmabench_file *f, struct vm_area_struct *vma);

/*
 * A reference to buffer id of f on d, ERR_PTR(-EINVAL) when there is none
 * (or it is revoked, or on another device). Drop it with
 * dmabench_ubuf_put() before releasing d's lock, so that an unbind never
 * waits for it.
 */
struct dmabench_ubuf_entry *dmabench_ubuf_get(struct dmabench_file *f, u32 id,
					      struct dmabench_dev *d);
void dmabench_ubuf_put(struct dmabench_ubuf_entry *e);

/*
 * The unbind hook: d is unbound and has no user left (gone, its lock
 * passed once). Revokes and frees every user buffer on d, of every file;
 * returns once all are freed, those a file's release is freeing too.
 */
void dmabench_ubuf_unbind(struct dmabench_dev *d);

#endif /* _DMABENCH_UBUF_H */

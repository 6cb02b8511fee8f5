/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User buffers: DMA buffers owned by one open file of /dev/dmabench,
 * mapped into user space with mmap(2) and freed when the file is released
 * (a mapping holds the file, so no buffer is freed while mapped).
 */
#ifndef _DMABENCH_UBUF_H
#define _DMABENCH_UBUF_H

#include <linux/mutex.h>
#include <uapi/dmabench.h>

#include "dmabench_dmabuf.h"

struct dmabench_dev;
struct vm_area_struct;

struct dmabench_ubuf_entry {
	struct dmabench_dev *d;		/* referenced */
	struct device *dev;		/* referenced: d->dev or its ops child */
	struct dmabench_dmabuf b;
};

/* file->private_data */
struct dmabench_file {
	struct mutex lock;		/* ubufs[] */
	struct dmabench_ubuf_entry *ubufs[DMABENCH_MAX_UBUFS];
};

struct dmabench_file *dmabench_file_create(void);
void dmabench_file_destroy(struct dmabench_file *f);

/* u validated; fills id, mmap_offset_bytes, alloc_ns. */
int dmabench_ubuf_alloc(struct dmabench_file *f, struct dmabench_ubuf *u);
int dmabench_ubuf_mmap(struct dmabench_file *f, struct vm_area_struct *vma);
/* The entry of id, NULL when none. The caller holds f->lock. */
struct dmabench_ubuf_entry *dmabench_ubuf_get(struct dmabench_file *f, u32 id);

#endif /* _DMABENCH_UBUF_H */

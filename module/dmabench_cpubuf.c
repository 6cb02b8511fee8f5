// SPDX-License-Identifier: GPL-2.0
/*
 * Buffers: kmalloc below a page so sub-page offsets are realistic, whole
 * page blocks from a page up (kmalloc's limit is below DMABENCH_MAX_SIZE_BYTES
 * on some configs). Zeroed so no kernel data ever reaches a device.
 */
#include <linux/gfp.h>
#include <linux/slab.h>

#include "dmabench_account.h"
#include "dmabench_cpubuf.h"

int dmabench_cpubuf_alloc(struct dmabench_cpubuf *buf, size_t size, int node)
{
	struct page *page;

	buf->size = size;
	buf->pages = size >= PAGE_SIZE;
	if (buf->pages) {
		page = alloc_pages_node(node, GFP_KERNEL | __GFP_ZERO |
					__GFP_NOWARN, get_order(size));
		buf->cpu = page ? page_address(page) : NULL;
	} else {
		buf->cpu = kzalloc_node(size, GFP_KERNEL, node);
	}
	if (!buf->cpu)
		return -ENOMEM;
	dmabench_account(DMABENCH_RES_BUFFERS, 1);
	return 0;
}

void dmabench_cpubuf_free(struct dmabench_cpubuf *buf)
{
	if (!buf->cpu)
		return;
	if (buf->pages)
		free_pages((unsigned long)buf->cpu, get_order(buf->size));
	else
		kfree(buf->cpu);
	buf->cpu = NULL;
	dmabench_account(DMABENCH_RES_BUFFERS, -1);
}

/* SPDX-License-Identifier: GPL-2.0 */
/* CPU buffers that scenarios and verify map: kmalloc below a page, pages above. */
#ifndef _DMABENCH_BUF_H
#define _DMABENCH_BUF_H

#include <linux/mm.h>
#include <linux/types.h>

struct dmabench_buf {
	void *cpu;
	size_t size;
	bool pages;		/* from alloc_pages_node(), else kmalloc */
};

int dmabench_buf_alloc(struct dmabench_buf *buf, size_t size, int node);
void dmabench_buf_free(struct dmabench_buf *buf);

static inline struct page *dmabench_buf_page(const struct dmabench_buf *buf)
{
	return virt_to_page(buf->cpu);
}

static inline unsigned long dmabench_buf_offset(const struct dmabench_buf *buf)
{
	return offset_in_page(buf->cpu);
}

#endif /* _DMABENCH_BUF_H */

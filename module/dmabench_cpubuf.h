/* SPDX-License-Identifier: GPL-2.0 */
/* CPU buffers that scenarios and verify map: kmalloc below a page, pages above. */
#ifndef _DMABENCH_CPUBUF_H
#define _DMABENCH_CPUBUF_H

#include <linux/mm.h>
#include <linux/types.h>

struct dmabench_cpubuf {
	void *cpu;
	size_t size;
	bool pages;		/* from alloc_pages_node(), else kmalloc */
};

int dmabench_cpubuf_alloc(struct dmabench_cpubuf *buf, size_t size, int node);
void dmabench_cpubuf_free(struct dmabench_cpubuf *buf);

static inline struct page *dmabench_cpubuf_page(const struct dmabench_cpubuf *buf)
{
	return virt_to_page(buf->cpu);
}

static inline unsigned long dmabench_cpubuf_offset(const struct dmabench_cpubuf *buf)
{
	return offset_in_page(buf->cpu);
}

#endif /* _DMABENCH_CPUBUF_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Timed single-buffer DMA ops for the scenarios. Each reads the clock on
 * both sides of exactly one DMA-API call, then records the sample and, for
 * --via direct, the trace event (the ops child emits its own for --via ops).
 */
#ifndef _DMABENCH_TIMED_OPS_H
#define _DMABENCH_TIMED_OPS_H

#include <linux/dma-mapping.h>

#include "dmabench_scenario.h"
#include "dmabench_trace.h"

static __always_inline dma_addr_t
timed_map_single(struct dmabench_thread *t, const bool timed, unsigned int op)
{
	bool tr = t->trace_direct && trace_dmabench_map_page_enabled();
	dma_addr_t addr;
	u64 t0, t1;
	bool failed;

	t0 = dmabench_clock(t, timed, tr);
	addr = dma_map_single_attrs(t->dev, t->buf.cpu, t->size, t->dir,
				    t->attrs);
	t1 = dmabench_clock(t, timed, tr);
	failed = dma_mapping_error(t->dev, addr);
	dmabench_record(t, timed, op, t0, t1, failed);
	t->mappings += !failed;
	if (tr)
		trace_dmabench_map_page(dev_name(t->dev), DMABENCH_OP_MAP_PAGE, t->size,
			       t->dir, t->attrs, addr, dmabench_delta_ns(t, t0, t1));
	return addr;
}

static __always_inline void
timed_unmap_single(struct dmabench_thread *t, const bool timed,
		   unsigned int op, dma_addr_t addr)
{
	bool tr = t->trace_direct && trace_dmabench_unmap_page_enabled();
	u64 t0, t1;

	t0 = dmabench_clock(t, timed, tr);
	dma_unmap_single_attrs(t->dev, addr, t->size, t->dir, t->attrs);
	t1 = dmabench_clock(t, timed, tr);
	dmabench_record(t, timed, op, t0, t1, false);
	t->mappings--;
	if (tr)
		trace_dmabench_unmap_page(dev_name(t->dev), DMABENCH_OP_UNMAP_PAGE,
				 t->size, t->dir, t->attrs, addr, dmabench_delta_ns(t, t0, t1));
}

static __always_inline dma_addr_t
timed_map_page(struct dmabench_thread *t, const bool timed, unsigned int op,
	       struct dmabench_cpubuf *buf, unsigned long attrs)
{
	bool tr = t->trace_direct && trace_dmabench_map_page_enabled();
	struct page *page = dmabench_cpubuf_page(buf);
	unsigned long offset = dmabench_cpubuf_offset(buf);
	dma_addr_t addr;
	u64 t0, t1;
	bool failed;

	t0 = dmabench_clock(t, timed, tr);
	addr = dma_map_page_attrs(t->dev, page, offset, t->size, t->dir, attrs);
	t1 = dmabench_clock(t, timed, tr);
	failed = dma_mapping_error(t->dev, addr);
	dmabench_record(t, timed, op, t0, t1, failed);
	t->mappings += !failed;
	if (tr)
		trace_dmabench_map_page(dev_name(t->dev), DMABENCH_OP_MAP_PAGE, t->size,
			       t->dir, attrs, addr, dmabench_delta_ns(t, t0, t1));
	return addr;
}

static __always_inline void
timed_unmap_page(struct dmabench_thread *t, const bool timed, unsigned int op,
		 dma_addr_t addr, unsigned long attrs)
{
	bool tr = t->trace_direct && trace_dmabench_unmap_page_enabled();
	u64 t0, t1;

	t0 = dmabench_clock(t, timed, tr);
	dma_unmap_page_attrs(t->dev, addr, t->size, t->dir, attrs);
	t1 = dmabench_clock(t, timed, tr);
	dmabench_record(t, timed, op, t0, t1, false);
	t->mappings--;
	if (tr)
		trace_dmabench_unmap_page(dev_name(t->dev), DMABENCH_OP_UNMAP_PAGE,
				 t->size, t->dir, attrs, addr, dmabench_delta_ns(t, t0, t1));
}

/* dma_sync_single_range_for_*() of [offset, offset + len) of a mapping. */
static __always_inline void
timed_sync_for_cpu(struct dmabench_thread *t, const bool timed,
		   unsigned int op, dma_addr_t addr, size_t offset, size_t len)
{
	bool tr = t->trace_direct && trace_dmabench_sync_single_for_cpu_enabled();
	u64 t0, t1;

	t0 = dmabench_clock(t, timed, tr);
	dma_sync_single_range_for_cpu(t->dev, addr, offset, len, t->dir);
	t1 = dmabench_clock(t, timed, tr);
	dmabench_record(t, timed, op, t0, t1, false);
	if (tr)
		trace_dmabench_sync_single_for_cpu(dev_name(t->dev),
					  DMABENCH_OP_SYNC_SINGLE_FOR_CPU, len,
					  t->dir, 0, addr + offset, dmabench_delta_ns(t, t0, t1));
}

static __always_inline void
timed_sync_for_device(struct dmabench_thread *t, const bool timed,
		      unsigned int op, dma_addr_t addr, size_t offset,
		      size_t len)
{
	bool tr = t->trace_direct && trace_dmabench_sync_single_for_device_enabled();
	u64 t0, t1;

	t0 = dmabench_clock(t, timed, tr);
	dma_sync_single_range_for_device(t->dev, addr, offset, len, t->dir);
	t1 = dmabench_clock(t, timed, tr);
	dmabench_record(t, timed, op, t0, t1, false);
	if (tr)
		trace_dmabench_sync_single_for_device(dev_name(t->dev),
					     DMABENCH_OP_SYNC_SINGLE_FOR_DEVICE,
					     len, t->dir, 0, addr + offset,
					     dmabench_delta_ns(t, t0, t1));
}

#endif /* _DMABENCH_TIMED_OPS_H */

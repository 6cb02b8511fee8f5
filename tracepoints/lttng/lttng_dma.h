/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's DMA API events (include/trace/events/dma.h, 6.12 on),
 * restated for LTTng under the kernel's own names: lttng-modules has no
 * probe for them. Scalars as the kernel records them; the scatterlist
 * events keep their entry counts, not their per-entry arrays.
 *
 * Kernels differ in which events they have: 7.3 replaced dma_map_page and
 * dma_unmap_page by dma_map_phys and dma_unmap_phys, and dropped the
 * _resource pair. Kbuild tests the kernel's header for each and defines
 * DMABENCH_HAVE_TRACE_<EVENT>; nothing here looks at a version number.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM dma

#if !defined(LTTNG_DMABENCH_DMA_H) || defined(TRACE_HEADER_MULTI_READ)
#define LTTNG_DMABENCH_DMA_H

#include <lttng/tracepoint-event.h>

LTTNG_TRACEPOINT_EVENT_CLASS(dma_map,

	TP_PROTO(struct device *dev, phys_addr_t phys_addr, dma_addr_t dma_addr,
		 size_t size, enum dma_data_direction dir, unsigned long attrs),

	TP_ARGS(dev, phys_addr, dma_addr, size, dir, attrs),

	TP_FIELDS(
		ctf_string(device, dev_name(dev))
		ctf_integer_hex(u64, phys_addr, phys_addr)
		ctf_integer_hex(u64, dma_addr, dma_addr)
		ctf_integer(size_t, size, size)
		ctf_integer(u32, dir, dir)
		ctf_integer_hex(unsigned long, attrs, attrs)
	)
)

#define LTTNG_DMA_MAP_EVENT(name)					\
LTTNG_TRACEPOINT_EVENT_INSTANCE(dma_map, name,				\
	TP_PROTO(struct device *dev, phys_addr_t phys_addr,		\
		 dma_addr_t dma_addr, size_t size,			\
		 enum dma_data_direction dir, unsigned long attrs),	\
	TP_ARGS(dev, phys_addr, dma_addr, size, dir, attrs))

#ifdef DMABENCH_HAVE_TRACE_DMA_MAP_PAGE
LTTNG_DMA_MAP_EVENT(dma_map_page)
#endif
#ifdef DMABENCH_HAVE_TRACE_DMA_MAP_PHYS
LTTNG_DMA_MAP_EVENT(dma_map_phys)
#endif
#ifdef DMABENCH_HAVE_TRACE_DMA_MAP_RESOURCE
LTTNG_DMA_MAP_EVENT(dma_map_resource)
#endif

LTTNG_TRACEPOINT_EVENT_CLASS(dma_unmap,

	TP_PROTO(struct device *dev, dma_addr_t addr, size_t size,
		 enum dma_data_direction dir, unsigned long attrs),

	TP_ARGS(dev, addr, size, dir, attrs),

	TP_FIELDS(
		ctf_string(device, dev_name(dev))
		ctf_integer_hex(u64, addr, addr)
		ctf_integer(size_t, size, size)
		ctf_integer(u32, dir, dir)
		ctf_integer_hex(unsigned long, attrs, attrs)
	)
)

#define LTTNG_DMA_UNMAP_EVENT(name)					\
LTTNG_TRACEPOINT_EVENT_INSTANCE(dma_unmap, name,			\
	TP_PROTO(struct device *dev, dma_addr_t addr, size_t size,	\
		 enum dma_data_direction dir, unsigned long attrs),	\
	TP_ARGS(dev, addr, size, dir, attrs))

#ifdef DMABENCH_HAVE_TRACE_DMA_UNMAP_PAGE
LTTNG_DMA_UNMAP_EVENT(dma_unmap_page)
#endif
#ifdef DMABENCH_HAVE_TRACE_DMA_UNMAP_PHYS
LTTNG_DMA_UNMAP_EVENT(dma_unmap_phys)
#endif
#ifdef DMABENCH_HAVE_TRACE_DMA_UNMAP_RESOURCE
LTTNG_DMA_UNMAP_EVENT(dma_unmap_resource)
#endif

/* 7.3 records dma_addr 0 for a failed allocation; this records it as given. */
LTTNG_TRACEPOINT_EVENT_CLASS(dma_alloc_class,

	TP_PROTO(struct device *dev, void *virt_addr, dma_addr_t dma_addr,
		 size_t size, enum dma_data_direction dir, gfp_t flags,
		 unsigned long attrs),

	TP_ARGS(dev, virt_addr, dma_addr, size, dir, flags, attrs),

	TP_FIELDS(
		ctf_string(device, dev_name(dev))
		ctf_integer_hex(void *, virt_addr, virt_addr)
		ctf_integer_hex(u64, dma_addr, dma_addr)
		ctf_integer(size_t, size, size)
		ctf_integer_hex(gfp_t, flags, flags)
		ctf_integer(u32, dir, dir)
		ctf_integer_hex(unsigned long, attrs, attrs)
	)
)

#define LTTNG_DMA_ALLOC_EVENT(name)					\
LTTNG_TRACEPOINT_EVENT_INSTANCE(dma_alloc_class, name,			\
	TP_PROTO(struct device *dev, void *virt_addr,			\
		 dma_addr_t dma_addr, size_t size,			\
		 enum dma_data_direction dir, gfp_t flags,		\
		 unsigned long attrs),					\
	TP_ARGS(dev, virt_addr, dma_addr, size, dir, flags, attrs))

LTTNG_DMA_ALLOC_EVENT(dma_alloc)
LTTNG_DMA_ALLOC_EVENT(dma_alloc_pages)
LTTNG_DMA_ALLOC_EVENT(dma_alloc_sgt_err)

LTTNG_TRACEPOINT_EVENT(dma_alloc_sgt,

	TP_PROTO(struct device *dev, struct sg_table *sgt, size_t size,
		 enum dma_data_direction dir, gfp_t flags, unsigned long attrs),

	TP_ARGS(dev, sgt, size, dir, flags, attrs),

	TP_FIELDS(
		ctf_string(device, dev_name(dev))
		ctf_integer(unsigned int, nents, sgt->orig_nents)
		ctf_integer_hex(u64, dma_addr, sg_dma_address(sgt->sgl))
		ctf_integer(size_t, size, size)
		ctf_integer(u32, dir, dir)
		ctf_integer_hex(gfp_t, flags, flags)
		ctf_integer_hex(unsigned long, attrs, attrs)
	)
)

LTTNG_TRACEPOINT_EVENT_CLASS(dma_free_class,

	TP_PROTO(struct device *dev, void *virt_addr, dma_addr_t dma_addr,
		 size_t size, enum dma_data_direction dir, unsigned long attrs),

	TP_ARGS(dev, virt_addr, dma_addr, size, dir, attrs),

	TP_FIELDS(
		ctf_string(device, dev_name(dev))
		ctf_integer_hex(void *, virt_addr, virt_addr)
		ctf_integer_hex(u64, dma_addr, dma_addr)
		ctf_integer(size_t, size, size)
		ctf_integer(u32, dir, dir)
		ctf_integer_hex(unsigned long, attrs, attrs)
	)
)

#define LTTNG_DMA_FREE_EVENT(name)					\
LTTNG_TRACEPOINT_EVENT_INSTANCE(dma_free_class, name,			\
	TP_PROTO(struct device *dev, void *virt_addr,			\
		 dma_addr_t dma_addr, size_t size,			\
		 enum dma_data_direction dir, unsigned long attrs),	\
	TP_ARGS(dev, virt_addr, dma_addr, size, dir, attrs))

LTTNG_DMA_FREE_EVENT(dma_free)
LTTNG_DMA_FREE_EVENT(dma_free_pages)

LTTNG_TRACEPOINT_EVENT(dma_free_sgt,

	TP_PROTO(struct device *dev, struct sg_table *sgt, size_t size,
		 enum dma_data_direction dir),

	TP_ARGS(dev, sgt, size, dir),

	TP_FIELDS(
		ctf_string(device, dev_name(dev))
		ctf_integer(unsigned int, nents, sgt->orig_nents)
		ctf_integer_hex(u64, dma_addr, sg_dma_address(sgt->sgl))
		ctf_integer(size_t, size, size)
		ctf_integer(u32, dir, dir)
	)
)

LTTNG_TRACEPOINT_EVENT(dma_map_sg,

	TP_PROTO(struct device *dev, struct scatterlist *sgl, int nents,
		 int ents, enum dma_data_direction dir, unsigned long attrs),

	TP_ARGS(dev, sgl, nents, ents, dir, attrs),

	TP_FIELDS(
		ctf_string(device, dev_name(dev))
		ctf_integer(int, full_nents, nents)
		ctf_integer(int, full_ents, ents)
		ctf_integer(u32, dir, dir)
		ctf_integer_hex(unsigned long, attrs, attrs)
	)
)

LTTNG_TRACEPOINT_EVENT(dma_map_sg_err,

	TP_PROTO(struct device *dev, struct scatterlist *sgl, int nents,
		 int err, enum dma_data_direction dir, unsigned long attrs),

	TP_ARGS(dev, sgl, nents, err, dir, attrs),

	TP_FIELDS(
		ctf_string(device, dev_name(dev))
		ctf_integer(int, nents, nents)
		ctf_integer(int, err, err)
		ctf_integer(u32, dir, dir)
		ctf_integer_hex(unsigned long, attrs, attrs)
	)
)

LTTNG_TRACEPOINT_EVENT(dma_unmap_sg,

	TP_PROTO(struct device *dev, struct scatterlist *sgl, int nents,
		 enum dma_data_direction dir, unsigned long attrs),

	TP_ARGS(dev, sgl, nents, dir, attrs),

	TP_FIELDS(
		ctf_string(device, dev_name(dev))
		ctf_integer(int, nents, nents)
		ctf_integer(u32, dir, dir)
		ctf_integer_hex(unsigned long, attrs, attrs)
	)
)

LTTNG_TRACEPOINT_EVENT_CLASS(dma_sync_single,

	TP_PROTO(struct device *dev, dma_addr_t dma_addr, size_t size,
		 enum dma_data_direction dir),

	TP_ARGS(dev, dma_addr, size, dir),

	TP_FIELDS(
		ctf_string(device, dev_name(dev))
		ctf_integer_hex(u64, dma_addr, dma_addr)
		ctf_integer(size_t, size, size)
		ctf_integer(u32, dir, dir)
	)
)

#define LTTNG_DMA_SYNC_SINGLE_EVENT(name)				\
LTTNG_TRACEPOINT_EVENT_INSTANCE(dma_sync_single, name,			\
	TP_PROTO(struct device *dev, dma_addr_t dma_addr, size_t size,	\
		 enum dma_data_direction dir),				\
	TP_ARGS(dev, dma_addr, size, dir))

LTTNG_DMA_SYNC_SINGLE_EVENT(dma_sync_single_for_cpu)
LTTNG_DMA_SYNC_SINGLE_EVENT(dma_sync_single_for_device)

LTTNG_TRACEPOINT_EVENT_CLASS(dma_sync_sg,

	TP_PROTO(struct device *dev, struct scatterlist *sgl, int nents,
		 enum dma_data_direction dir),

	TP_ARGS(dev, sgl, nents, dir),

	TP_FIELDS(
		ctf_string(device, dev_name(dev))
		ctf_integer(int, nents, nents)
		ctf_integer(u32, dir, dir)
	)
)

#define LTTNG_DMA_SYNC_SG_EVENT(name)					\
LTTNG_TRACEPOINT_EVENT_INSTANCE(dma_sync_sg, name,			\
	TP_PROTO(struct device *dev, struct scatterlist *sgl, int nents, \
		 enum dma_data_direction dir),				\
	TP_ARGS(dev, sgl, nents, dir))

LTTNG_DMA_SYNC_SG_EVENT(dma_sync_sg_for_cpu)
LTTNG_DMA_SYNC_SG_EVENT(dma_sync_sg_for_device)

#endif /* LTTNG_DMABENCH_DMA_H */

/* This part must be outside protection */
#include <lttng/define_trace.h>

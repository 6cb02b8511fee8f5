/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ways to allocate a buffer that the module tests go through: each
 * allocation variant, and dma_alloc_attrs with each attribute that changes
 * what it does. alloc.c's storms and user buffers, failnth.c's walks.
 */
#ifndef DMABENCH_ALLOC_VARIANTS_H
#define DMABENCH_ALLOC_VARIANTS_H

#include <stdint.h>
#include <uapi/dmabench.h>

struct variant_case {
	const char *name;
	uint32_t variant;
	uint64_t attrs;
};

static const struct variant_case variants[] = {
	{ "coherent", DMABENCH_ALLOC_COHERENT, 0 },
	{ "attrs0", DMABENCH_ALLOC_ATTRS, 0 },
	{ "wc", DMABENCH_ALLOC_WC, 0 },
	{ "attrs_wc", DMABENCH_ALLOC_ATTRS, DMABENCH_ATTR_WRITE_COMBINE },
	{ "nokmap", DMABENCH_ALLOC_ATTRS, DMABENCH_ATTR_NO_KERNEL_MAPPING },
	{ "force_contig", DMABENCH_ALLOC_ATTRS, DMABENCH_ATTR_FORCE_CONTIGUOUS },
	{ "single_pages", DMABENCH_ALLOC_ATTRS, DMABENCH_ATTR_ALLOC_SINGLE_PAGES },
	{ "noncoherent", DMABENCH_ALLOC_NONCOHERENT, 0 },
	{ "pages", DMABENCH_ALLOC_PAGES, 0 },
	{ "noncontig", DMABENCH_ALLOC_NONCONTIGUOUS, 0 },
	{ "noncontig_vmap", DMABENCH_ALLOC_NONCONTIGUOUS_VMAP, 0 },
};
#define NVARIANTS (sizeof(variants) / sizeof(variants[0]))

#endif /* DMABENCH_ALLOC_VARIANTS_H */

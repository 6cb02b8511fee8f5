// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include "dmabench.h"
#include "alloc_pairs.h"

#define SIDE(scn, var, at) { scn, true, var, at }

static const struct alloc_side sides[] = {
	SIDE("alloc_coherent", DMABENCH_ALLOC_COHERENT, 0),
	SIDE("alloc_attrs", DMABENCH_ALLOC_ATTRS, 0),
	SIDE("alloc_wc", DMABENCH_ALLOC_WC, 0),
	SIDE("alloc_attrs_wc", DMABENCH_ALLOC_ATTRS, DMABENCH_ATTR_WRITE_COMBINE),
	SIDE("alloc_nokmap", DMABENCH_ALLOC_ATTRS, DMABENCH_ATTR_NO_KERNEL_MAPPING),
	SIDE("alloc_force_contig", DMABENCH_ALLOC_ATTRS, DMABENCH_ATTR_FORCE_CONTIGUOUS),
	SIDE("alloc_single_pages", DMABENCH_ALLOC_ATTRS, DMABENCH_ATTR_ALLOC_SINGLE_PAGES),
	SIDE("alloc_noncoherent", DMABENCH_ALLOC_NONCOHERENT, 0),
	SIDE("alloc_pages", DMABENCH_ALLOC_PAGES, 0),
	SIDE("alloc_noncontig", DMABENCH_ALLOC_NONCONTIGUOUS, 0),
	SIDE("alloc_noncontig_vmap", DMABENCH_ALLOC_NONCONTIGUOUS_VMAP, 0),
	{ "pool_alloc", false, 0, 0 },	/* dma_pool: no storm variant */
};

const struct alloc_side *alloc_side_of(const char *scenario)
{
	size_t i;

	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++)
		if (!strcmp(sides[i].scenario, scenario))
			return &sides[i];
	return NULL;
}

#define PAIR(o, a, sz) { .old = o, .attr = a, .size_bytes = sz }

/* Old entry point first, its attribute form second; the sides' variants
 * come from sides[] (alloc_side_of). */
const struct alloc_pair alloc_pairs[] = {
	PAIR("alloc_coherent", "alloc_attrs", 0),
	PAIR("alloc_wc", "alloc_attrs_wc", 0),
	PAIR("alloc_attrs", "alloc_nokmap", 0),
	PAIR("alloc_attrs", "alloc_force_contig", 0),
	PAIR("alloc_attrs", "alloc_single_pages", 0),
	PAIR("alloc_noncoherent", "alloc_pages", 0),
	PAIR("alloc_noncontig", "alloc_noncontig_vmap", 0),
	PAIR("alloc_coherent", "pool_alloc", 256),	/* dma_pool: small buffers */
};

const size_t alloc_pairs_count = sizeof(alloc_pairs) / sizeof(alloc_pairs[0]);

// SPDX-License-Identifier: GPL-2.0
/* The scenario table: its order is the order DMABENCH_IOC_SCENARIO lists. */
#include <linux/build_bug.h>
#include <linux/dma-mapping.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "dmabench_scenario.h"

const struct dmabench_scenario_ops *const dmabench_scenarios[] = {
	&dmabench_scn_null,
	&dmabench_scn_map_single,
	&dmabench_scn_map_page,
	&dmabench_scn_map_page_sync,
	&dmabench_scn_map_sg,
	&dmabench_scn_map_sgtable,
	&dmabench_scn_sync_single_for_cpu,
	&dmabench_scn_sync_single_for_device,
	&dmabench_scn_sync_range,
	&dmabench_scn_rx,
	&dmabench_scn_alloc_coherent,
	&dmabench_scn_alloc_attrs,
	&dmabench_scn_alloc_wc,
	&dmabench_scn_alloc_attrs_wc,
	&dmabench_scn_alloc_nokmap,
	&dmabench_scn_alloc_force_contig,
	&dmabench_scn_alloc_single_pages,
	&dmabench_scn_alloc_noncoherent,
	&dmabench_scn_alloc_pages,
	&dmabench_scn_alloc_noncontig,
	&dmabench_scn_alloc_noncontig_vmap,
	&dmabench_scn_pool_alloc,
	&dmabench_scn_pci_alloc_consistent,
	&dmabench_scn_alloc_storm,
	&dmabench_scn_map_phys,
	&dmabench_scn_map_page_list,
	&dmabench_scn_iova_list,
	&dmabench_scn_iova_reuse,
	&dmabench_scn_iova_fallback,
	&dmabench_scn_map_resource,
	&dmabench_scn_map_mmio,
	&dmabench_scn_require_coherent,
};

const unsigned int dmabench_nscenarios = ARRAY_SIZE(dmabench_scenarios);

const struct dmabench_scenario_ops *dmabench_scenario_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < dmabench_nscenarios; i++)
		if (!strcmp(dmabench_scenarios[i]->name, name))
			return dmabench_scenarios[i];
	return NULL;
}

/* The runner passes DMABENCH_ATTR_* to the DMA API as they are. */
static_assert(DMABENCH_ATTR_WEAK_ORDERING == DMA_ATTR_WEAK_ORDERING);
static_assert(DMABENCH_ATTR_WRITE_COMBINE == DMA_ATTR_WRITE_COMBINE);
static_assert(DMABENCH_ATTR_NO_KERNEL_MAPPING == DMA_ATTR_NO_KERNEL_MAPPING);
static_assert(DMABENCH_ATTR_SKIP_CPU_SYNC == DMA_ATTR_SKIP_CPU_SYNC);
static_assert(DMABENCH_ATTR_FORCE_CONTIGUOUS == DMA_ATTR_FORCE_CONTIGUOUS);
static_assert(DMABENCH_ATTR_ALLOC_SINGLE_PAGES == DMA_ATTR_ALLOC_SINGLE_PAGES);
static_assert(DMABENCH_ATTR_NO_WARN == DMA_ATTR_NO_WARN);
static_assert(DMABENCH_ATTR_PRIVILEGED == DMA_ATTR_PRIVILEGED);

/* DMABENCH_IOC_SCENARIO's answer; info's size, version and index stay. */
void dmabench_scenario_fill_info(const struct dmabench_scenario_ops *sc,
				 struct dmabench_scenario_info *info)
{
	unsigned int i;

	info->nops = sc->nops;
	info->flags = 0;
	if (sc->flags & DMABENCH_SCN_UNAVAILABLE)
		info->flags |= DMABENCH_SCN_F_UNAVAILABLE;
	if (sc->flags & DMABENCH_SCN_ALLOC)
		info->flags |= DMABENCH_SCN_F_ALLOC;
	if (sc->flags & DMABENCH_SCN_STORM)
		info->flags |= DMABENCH_SCN_F_STORM;
	strscpy_pad(info->name, sc->name, sizeof(info->name));
	strscpy_pad(info->summary, sc->summary, sizeof(info->summary));
	memset(info->op_names, 0, sizeof(info->op_names));
	for (i = 0; i < sc->nops; i++)
		strscpy(info->op_names[i], sc->op_names[i],
			sizeof(info->op_names[i]));
	info->variant = 0;
	info->attrs = 0;
	if (sc->alloc_like) {
		info->flags |= DMABENCH_SCN_F_VARIANT;
		info->variant = sc->alloc_like->variant;
		info->attrs = sc->alloc_like->attrs;
	}
	strscpy_pad(info->pair, sc->pair ? sc->pair : "", sizeof(info->pair));
	info->pair_size_bytes = sc->pair_size_bytes;
	memset(info->reserved, 0, sizeof(info->reserved));
}

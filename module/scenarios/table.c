// SPDX-License-Identifier: GPL-2.0
/* The scenario table: its order is the order DMABENCH_IOC_SCENARIO lists. */
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

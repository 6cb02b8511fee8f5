// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "alloc_pairs.h"

const struct alloc_side *alloc_side_of(const struct alloc_pairs *ap,
				       const char *scenario)
{
	size_t i;

	for (i = 0; i < ap->nsides; i++)
		if (!strcmp(ap->side[i].scenario, scenario))
			return &ap->side[i];
	return NULL;
}

int alloc_pairs_load(struct dmabench_handle *dev, struct alloc_pairs *ap)
{
	struct dmabench_scenario_info si;
	size_t i, k;
	int ret;

	memset(ap, 0, sizeof(*ap));
	for (i = 0; i < dev->info.nscenarios; i++) {
		ret = dmabench_handle_scenario(dev, (uint32_t)i, &si);
		if (ret)
			return ret;
		if (!(si.flags & DMABENCH_SCN_F_ALLOC))
			continue;
		if (ap->nsides == sizeof(ap->side) / sizeof(ap->side[0]))
			return -E2BIG;
		/* Every allocation scenario is a side, so that a pair's
		 * old side can be checked to allocate below. */
		snprintf(ap->side[ap->nsides].scenario,
			 sizeof(ap->side[0].scenario), "%s", si.name);
		if (si.flags & DMABENCH_SCN_F_VARIANT) {
			ap->side[ap->nsides].has_variant = true;
			ap->side[ap->nsides].variant = si.variant;
			ap->side[ap->nsides].attrs = si.attrs;
		}
		ap->nsides++;
		if (!si.pair[0])
			continue;
		if (ap->npairs == ALLOC_PAIRS_MAX)
			return -E2BIG;
		si.pair[sizeof(si.pair) - 1] = '\0';
		snprintf(ap->pair[ap->npairs].old, sizeof(ap->pair[0].old), "%s",
			 si.pair);
		snprintf(ap->pair[ap->npairs].attr, sizeof(ap->pair[0].attr), "%s",
			 si.name);
		ap->pair[ap->npairs].size_bytes = si.pair_size_bytes;
		ap->npairs++;
	}
	/* A pair whose old side allocates nothing is not an allocation pair. */
	for (i = k = 0; i < ap->npairs; i++)
		if (alloc_side_of(ap, ap->pair[i].old))
			ap->pair[k++] = ap->pair[i];
	ap->npairs = k;
	return ap->npairs ? 0 : -ENOENT;
}

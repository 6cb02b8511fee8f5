/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The old-vs-attribute allocation pairs `dmabench pairs` runs, as the
 * module declares them: an allocation scenario names the scenario it is
 * compared with (DMABENCH_IOC_SCENARIO's pair) and, where it allocates like
 * one storm variant, that variant and its attrs, so the vmalloc cost of a
 * held buffer can be measured with alloc_storm. User space keeps no copy of
 * the module's table.
 */
#ifndef DMABENCH_ALLOC_PAIRS_H
#define DMABENCH_ALLOC_PAIRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "dmabench.h"
#include "handle.h"

#define ALLOC_PAIRS_MAX	16

struct alloc_side {
	char scenario[DMABENCH_NAME_LEN];
	bool has_variant;	/* false: no storm variant allocates like it */
	uint32_t variant;	/* enum dmabench_alloc_variant */
	uint64_t attrs;
};

struct alloc_pair {
	/* Scenario names, the old entry point first; variants: alloc_side_of. */
	char old[DMABENCH_NAME_LEN], attr[DMABENCH_NAME_LEN];
	uint64_t size_bytes;	/* 0: --size */
};

struct alloc_pairs {
	struct alloc_pair pair[ALLOC_PAIRS_MAX];
	size_t npairs;
	struct alloc_side side[2 * ALLOC_PAIRS_MAX];
	size_t nsides;
};

/*
 * Reads the pairs from the module's scenario table, in its order: every
 * allocation scenario whose pair is an allocation scenario too. Returns 0,
 * -ENOENT when the module declares none (one older than this CLI),
 * -E2BIG past ALLOC_PAIRS_MAX, or a SCENARIO ioctl's -errno.
 */
int alloc_pairs_load(struct dmabench_handle *dev, struct alloc_pairs *ap);

/* The storm variant of a scenario name, or NULL. */
const struct alloc_side *alloc_side_of(const struct alloc_pairs *ap,
				       const char *scenario);

#endif

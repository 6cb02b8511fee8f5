/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The old-vs-attribute allocation pairs `dmabench pairs` runs, as a table:
 * each side is a module scenario (found by name; its DMABENCH_SCN_F_ALLOC
 * and _UNAVAILABLE flags decide whether it runs) and, where the scenario
 * allocates like one storm variant, that variant and its attrs, so the
 * vmalloc cost of a held buffer can be measured with alloc_storm.
 */
#ifndef DMABENCH_ALLOC_PAIRS_H
#define DMABENCH_ALLOC_PAIRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct alloc_side {
	const char *scenario;
	bool has_variant;	/* false: no storm variant allocates like it */
	uint32_t variant;	/* enum dmabench_alloc_variant */
	uint64_t attrs;
};

struct alloc_pair {
	const char *old, *attr;	/* scenario names; variants: alloc_side_of */
	uint64_t size_bytes;	/* 0: --size */
};

extern const struct alloc_pair alloc_pairs[];
extern const size_t alloc_pairs_count;

/* The storm variant of a scenario name, or NULL. */
const struct alloc_side *alloc_side_of(const char *scenario);

#endif

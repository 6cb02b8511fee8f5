/* SPDX-License-Identifier: GPL-2.0 */
/* Names of the uapi enums and bits, as the user types and reads them. */
#ifndef DMABENCH_NAMES_H
#define DMABENCH_NAMES_H

#include <stdint.h>
#include "options.h"

extern const struct opt_name dmabench_via_names[];
extern const struct opt_name dmabench_dir_names[];
extern const struct opt_name dmabench_attr_names[];
extern const struct opt_name dmabench_dev_flag_names[];
extern const struct opt_name dmabench_variant_names[];
/* Its entries, for tables that add their own (mmap's "all"). */
#define DMABENCH_VARIANT_NAME_ENTRIES \
	{ "coherent", DMABENCH_ALLOC_COHERENT, false }, \
	{ "attrs", DMABENCH_ALLOC_ATTRS, false }, \
	{ "wc", DMABENCH_ALLOC_WC, false }, \
	{ "noncoherent", DMABENCH_ALLOC_NONCOHERENT, false }, \
	{ "pages", DMABENCH_ALLOC_PAGES, false }, \
	{ "noncontiguous", DMABENCH_ALLOC_NONCONTIGUOUS, false }, \
	{ "noncontiguous_vmap", DMABENCH_ALLOC_NONCONTIGUOUS_VMAP, false }, \
	{ "map_single", DMABENCH_ALLOC_MAP_SINGLE, false }
extern const struct opt_name dmabench_distribution_names[];
extern const struct opt_name dmabench_pattern_names[];
/* enum dmabench_clock ("auto", "ktime", "tsc") and DMABENCH_CLOCK_F_*. */
extern const struct opt_name dmabench_clock_names[];
extern const struct opt_name dmabench_clock_flag_names[];
/* The clock of a result: "ktime" for a module that did not say (AUTO). */
const char *dmabench_clock_used_name(uint32_t clock);

/* "coherent", "attrs", ...; "?" for others. */
const char *dmabench_variant_name(uint32_t variant);

/* "direct", "swiotlb", "iommu-strict", ...; "unknown" for others. */
const char *dmabench_path_name(uint32_t path);
/* enum dmabench_ops_refusal: a JSON name, and why in words. */
const char *dmabench_ops_refusal_name(uint32_t refusal);
const char *dmabench_ops_refusal_why(uint32_t refusal);
/* "coherent", "map_single", ...; "?" for others. */
const char *dmabench_verify_kind_name(uint32_t kind);
/* "match", "mismatch", "stale", "not_stale"; "?" for others. */
const char *dmabench_verify_outcome_name(uint32_t outcome);

#endif

// SPDX-License-Identifier: GPL-2.0
#include "dmabench.h"
#include "names.h"

const struct opt_name dmabench_via_names[] = {
	{ "direct", DMABENCH_VIA_DIRECT, false },
	{ "ops", DMABENCH_VIA_OPS, false },
	{ NULL, 0, false },
};

const struct opt_name dmabench_dir_names[] = {
	{ "bidirectional", DMABENCH_DIR_BIDIRECTIONAL, false },
	{ "to_device", DMABENCH_DIR_TO_DEVICE, false },
	{ "from_device", DMABENCH_DIR_FROM_DEVICE, false },
	{ "bidir", DMABENCH_DIR_BIDIRECTIONAL, true },
	{ "to", DMABENCH_DIR_TO_DEVICE, true },
	{ "from", DMABENCH_DIR_FROM_DEVICE, true },
	{ NULL, 0, false },
};

const struct opt_name dmabench_attr_names[] = {
	{ "weak_ordering", DMABENCH_ATTR_WEAK_ORDERING, false },
	{ "write_combine", DMABENCH_ATTR_WRITE_COMBINE, false },
	{ "no_kernel_mapping", DMABENCH_ATTR_NO_KERNEL_MAPPING, false },
	{ "skip_cpu_sync", DMABENCH_ATTR_SKIP_CPU_SYNC, false },
	{ "force_contiguous", DMABENCH_ATTR_FORCE_CONTIGUOUS, false },
	{ "alloc_single_pages", DMABENCH_ATTR_ALLOC_SINGLE_PAGES, false },
	{ "no_warn", DMABENCH_ATTR_NO_WARN, false },
	{ "privileged", DMABENCH_ATTR_PRIVILEGED, false },
	{ NULL, 0, false },
};

const struct opt_name dmabench_dev_flag_names[] = {
	{ "edu", DMABENCH_DEV_F_EDU, false },
	{ "fake", DMABENCH_DEV_F_FAKE, false },
	{ "bounce_by_mask", DMABENCH_DEV_F_BOUNCE_BY_MASK, false },
	{ "no_ops_layer", DMABENCH_DEV_F_NO_OPS_LAYER, false },
	{ "need_sync", DMABENCH_DEV_F_NEED_SYNC, false },
	{ "skip_sync", DMABENCH_DEV_F_SKIP_SYNC, false },
	{ NULL, 0, false },
};

const struct opt_name dmabench_variant_names[] = {
	DMABENCH_VARIANT_NAME_ENTRIES,
	{ NULL, 0, false },
};

const struct opt_name dmabench_distribution_names[] = {
	{ "fixed", DMABENCH_DIST_FIXED, false },
	{ "uniform", DMABENCH_DIST_UNIFORM, false },
	{ "log_uniform", DMABENCH_DIST_LOG_UNIFORM, false },
	{ "weighted", DMABENCH_DIST_LIST, false },
	{ NULL, 0, false },
};

const struct opt_name dmabench_pattern_names[] = {
	{ "random", DMABENCH_STORM_RANDOM, false },
	{ "fifo", DMABENCH_STORM_FIFO, false },
	{ "until_enomem", DMABENCH_STORM_UNTIL_ENOMEM, false },
	{ NULL, 0, false },
};

const struct opt_name dmabench_clock_names[] = {
	{ "auto", DMABENCH_CLOCK_AUTO, false },
	{ "ktime", DMABENCH_CLOCK_KTIME, false },
	{ "tsc", DMABENCH_CLOCK_TSC, false },
	{ NULL, 0, false },
};

const struct opt_name dmabench_clock_flag_names[] = {
	{ "tsc", DMABENCH_CLOCK_F_TSC, false },
	{ "constant_tsc", DMABENCH_CLOCK_F_CONSTANT_TSC, false },
	{ "nonstop_tsc", DMABENCH_CLOCK_F_NONSTOP_TSC, false },
	{ "timekeeping_tsc", DMABENCH_CLOCK_F_TIMEKEEPING_TSC, false },
	{ NULL, 0, false },
};

const char *dmabench_clock_used_name(uint32_t clock)
{
	if (clock == DMABENCH_CLOCK_AUTO)
		return "ktime";
	return opt_name_of(dmabench_clock_names, clock) ?: "?";
}

const char *dmabench_variant_name(uint32_t variant)
{
	return opt_name_of(dmabench_variant_names, variant) ?: "?";
}

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const path_names[] = {
	[DMABENCH_PATH_UNKNOWN] = "unknown",
	[DMABENCH_PATH_DIRECT] = "direct",
	[DMABENCH_PATH_SWIOTLB] = "swiotlb",
	[DMABENCH_PATH_IOMMU_STRICT] = "iommu-strict",
	[DMABENCH_PATH_IOMMU_LAZY] = "iommu-lazy",
	[DMABENCH_PATH_IDENTITY] = "identity",
	[DMABENCH_PATH_OPS] = "ops",
};

static const char *const verify_kind_names[] = {
	[DMABENCH_VERIFY_COHERENT] = "coherent",
	[DMABENCH_VERIFY_MAP_SINGLE] = "map_single",
	[DMABENCH_VERIFY_MAP_PAGE] = "map_page",
	[DMABENCH_VERIFY_MAP_SG] = "map_sg",
	[DMABENCH_VERIFY_STALE_NO_SYNC] = "stale_no_sync",
	[DMABENCH_VERIFY_UBUF] = "ubuf",
	[DMABENCH_VERIFY_MAP_PHYS] = "map_phys",
	[DMABENCH_VERIFY_IOVA_LINK] = "iova_link",
	[DMABENCH_VERIFY_IOVA_FALLBACK] = "iova_fallback",
};

static const char *const verify_outcome_names[] = {
	[DMABENCH_VERIFY_MATCH] = "match",
	[DMABENCH_VERIFY_MISMATCH] = "mismatch",
	[DMABENCH_VERIFY_STALE] = "stale",
	[DMABENCH_VERIFY_NOT_STALE] = "not_stale",
};

/* Name and reason for each enum dmabench_ops_refusal. */
static const struct {
	const char *name;
	const char *why;
} ops_refusals[] = {
	[DMABENCH_OPS_ALLOWED] = { "none", "" },
	[DMABENCH_OPS_REFUSED_DMA_API_DEBUG] = { "dma_api_debug",
		"this kernel has DMA-API debugging and this path no dma_map_ops, "
		"so the child's mappings would be reported as overlapping the "
		"device's" },
	[DMABENCH_OPS_REFUSED_NOT_DISPATCHED] = { "not_dispatched",
		"this kernel would not call the child's dma_map_ops (no "
		"CONFIG_ARCH_HAS_DMA_OPS, or iommu-dma serves the child)" },
};

const char *dmabench_ops_refusal_name(uint32_t refusal)
{
	return refusal < ARRAY_LEN(ops_refusals) ? ops_refusals[refusal].name :
	       "unknown";
}

const char *dmabench_ops_refusal_why(uint32_t refusal)
{
	return refusal < ARRAY_LEN(ops_refusals) ? ops_refusals[refusal].why :
	       "a reason this tool does not know";
}

const char *dmabench_path_name(uint32_t path)
{
	return path < ARRAY_LEN(path_names) ? path_names[path] : "unknown";
}

const char *dmabench_verify_kind_name(uint32_t kind)
{
	return kind < ARRAY_LEN(verify_kind_names) ? verify_kind_names[kind] : "?";
}

const char *dmabench_verify_outcome_name(uint32_t outcome)
{
	return outcome < ARRAY_LEN(verify_outcome_names) ?
	       verify_outcome_names[outcome] : "?";
}

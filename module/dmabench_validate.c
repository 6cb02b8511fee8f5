// SPDX-License-Identifier: GPL-2.0
/*
 * Validation of every ioctl argument. The rules mirror the limits in
 * include/uapi/dmabench.h; a broken rule is named with pr_debug (enable it
 * with dynamic debug) and returns -EINVAL, never a warning or an error log.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "dmabench_compat.h"
#include "dmabench_dmamem.h"
#include "dmabench_scenario.h"
#include "dmabench_validate.h"

static bool dmabench_bad(bool bad, const char *rule)
{
	if (unlikely(bad))
		pr_debug("invalid: %s\n", rule);
	return bad;
}

/* True when a rule is broken; names the rule in the debug log. */
#define DMABENCH_BAD(cond)	dmabench_bad(!(cond), #cond)

#define ALL_ZERO(field)		(!memchr_inv(field, 0, sizeof(field)))

static bool name_ok(const char *name)
{
	return strnlen(name, DMABENCH_NAME_LEN) < DMABENCH_NAME_LEN;
}

static bool via_ok(u32 via)
{
	return via == DMABENCH_VIA_DIRECT || via == DMABENCH_VIA_OPS;
}

static bool dir_ok(u32 dir)
{
	return dir == DMABENCH_DIR_BIDIRECTIONAL ||
	       dir == DMABENCH_DIR_TO_DEVICE ||
	       dir == DMABENCH_DIR_FROM_DEVICE;
}

static bool mask_bits_ok(u32 bits)
{
	return bits == 0 || (bits >= 24 && bits <= 64);
}

int dmabench_validate_header(u32 size, u32 abi_version, size_t want)
{
	if (DMABENCH_BAD(size == want) ||
	    DMABENCH_BAD(abi_version == DMABENCH_ABI_VERSION))
		return -EINVAL;
	return 0;
}

int dmabench_validate_info(const struct dmabench_info *info)
{
	if (dmabench_validate_header(info->size, info->abi_version,
				     sizeof(*info)) ||
	    DMABENCH_BAD(!info->clock && !info->clock_flags && !info->features) ||
	    DMABENCH_BAD(ALL_ZERO(info->reserved)) ||
	    DMABENCH_BAD(ALL_ZERO(info->reserved_name)))
		return -EINVAL;
	return 0;
}

int dmabench_validate_device_info(const struct dmabench_device_info *info)
{
	if (DMABENCH_BAD(info->size == sizeof(*info)) ||
	    DMABENCH_BAD(info->abi_version == DMABENCH_ABI_VERSION) ||
	    DMABENCH_BAD(info->index < DMABENCH_MAX_DEVICES) ||
	    DMABENCH_BAD(ALL_ZERO(info->reserved)))
		return -EINVAL;
	return 0;
}

int dmabench_validate_scenario_info(const struct dmabench_scenario_info *info)
{
	if (DMABENCH_BAD(info->size == sizeof(*info)) ||
	    DMABENCH_BAD(info->abi_version == DMABENCH_ABI_VERSION) ||
	    DMABENCH_BAD(info->index < dmabench_nscenarios) ||
	    DMABENCH_BAD(info->flags == 0) ||
	    DMABENCH_BAD(info->variant == 0) ||
	    DMABENCH_BAD(info->attrs == 0) ||
	    DMABENCH_BAD(ALL_ZERO(info->pair)) ||
	    DMABENCH_BAD(info->pair_size_bytes == 0) ||
	    DMABENCH_BAD(ALL_ZERO(info->reserved)))
		return -EINVAL;
	return 0;
}

static bool variant_ok(u32 variant)
{
	return variant < DMABENCH_ALLOC_NR_VARIANTS;
}

static int dmabench_validate_storm(const struct dmabench_params *p)
{
	bool ranged = p->distribution == DMABENCH_DIST_UNIFORM ||
		      p->distribution == DMABENCH_DIST_LOG_UNIFORM;
	bool list = p->distribution == DMABENCH_DIST_LIST;

	if (DMABENCH_BAD(p->outstanding >= 1) ||
	    DMABENCH_BAD(p->outstanding <= DMABENCH_MAX_OUTSTANDING) ||
	    DMABENCH_BAD(p->distribution <= DMABENCH_DIST_LIST) ||
	    DMABENCH_BAD(p->pattern <= DMABENCH_STORM_UNTIL_ENOMEM) ||
	    DMABENCH_BAD(p->hold_ns <= DMABENCH_MAX_HOLD_NS) ||
	    DMABENCH_BAD(variant_ok(p->variant)) ||
	    /* attrs only where the variant takes them */
	    DMABENCH_BAD(!p->attrs || p->variant == DMABENCH_ALLOC_ATTRS) ||
	    DMABENCH_BAD(ranged || !p->size_max_bytes) ||
	    DMABENCH_BAD(!ranged || p->size_max_bytes >= p->size_bytes) ||
	    DMABENCH_BAD(!ranged ||
			 p->size_max_bytes <= DMABENCH_MAX_SIZE_BYTES) ||
	    DMABENCH_BAD(list == (p->nsizes != 0)) ||
	    DMABENCH_BAD(list == (p->sizes_ptr != 0)) ||
	    DMABENCH_BAD(p->nsizes <= DMABENCH_MAX_SIZES))
		return -EINVAL;
	return 0;
}

int dmabench_validate_sizes(const struct dmabench_size_weight *sizes, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (DMABENCH_BAD(sizes[i].size_bytes >= 1) ||
		    DMABENCH_BAD(sizes[i].size_bytes <= DMABENCH_MAX_SIZE_BYTES) ||
		    DMABENCH_BAD(sizes[i].weight >= 1) ||
		    DMABENCH_BAD(sizes[i].weight <= 65535) ||
		    DMABENCH_BAD(sizes[i].reserved == 0))
			return -EINVAL;
	return 0;
}

int dmabench_validate_ubuf(const struct dmabench_ubuf *u)
{
	if (DMABENCH_BAD(u->size == sizeof(*u)) ||
	    DMABENCH_BAD(u->abi_version == DMABENCH_ABI_VERSION) ||
	    DMABENCH_BAD(u->reserved0 == 0) ||
	    DMABENCH_BAD(ALL_ZERO(u->reserved)) ||
	    DMABENCH_BAD(name_ok(u->device)) ||
	    DMABENCH_BAD(via_ok(u->via)) ||
	    DMABENCH_BAD(variant_ok(u->variant)) ||
	    DMABENCH_BAD(u->size_bytes >= PAGE_SIZE) ||
	    DMABENCH_BAD(u->size_bytes <= DMABENCH_MAX_SIZE_BYTES) ||
	    DMABENCH_BAD(PAGE_ALIGNED(u->size_bytes)) ||
	    DMABENCH_BAD(!(u->attrs & ~(u64)DMABENCH_ATTR_KNOWN)) ||
	    DMABENCH_BAD(!u->attrs || u->variant == DMABENCH_ALLOC_ATTRS))
		return -EINVAL;
	return 0;
}

/* Rules that depend on the scenario. */
static int dmabench_validate_for(const struct dmabench_scenario_ops *sc,
				 const struct dmabench_params *p)
{
	if ((sc->flags & DMABENCH_SCN_NENTS) &&
	    (DMABENCH_BAD(p->nents >= 1) ||
	     DMABENCH_BAD(p->size_bytes % p->nents == 0)))
		return -EINVAL;
	if ((sc->flags & DMABENCH_SCN_PAIRS) &&
	    DMABENCH_BAD(p->threads % 2 == 0))
		return -EINVAL;
	if ((sc->flags & DMABENCH_SCN_PER_OP) && DMABENCH_BAD(p->batch == 1))
		return -EINVAL;
	if (sc->flags & DMABENCH_SCN_STORM)
		return dmabench_validate_storm(p);
	/* storm fields belong to storms only */
	if (DMABENCH_BAD(!p->outstanding && !p->distribution &&
			 !p->size_max_bytes && !p->hold_ns && !p->pattern &&
			 !p->nsizes && !p->sizes_ptr && !p->variant))
		return -EINVAL;
	return 0;
}

static int dmabench_validate_params(const struct dmabench_params *p,
				    const struct dmabench_scenario_ops **sc)
{
	if (DMABENCH_BAD(ALL_ZERO(p->reserved)) ||
	    DMABENCH_BAD(p->clock <= DMABENCH_CLOCK_TSC) ||
	    DMABENCH_BAD(name_ok(p->scenario)) ||
	    DMABENCH_BAD(name_ok(p->device)) ||
	    DMABENCH_BAD(via_ok(p->via)) ||
	    DMABENCH_BAD(dir_ok(p->direction)) ||
	    DMABENCH_BAD(p->size_bytes >= 1) ||
	    DMABENCH_BAD(p->size_bytes <= DMABENCH_MAX_SIZE_BYTES) ||
	    DMABENCH_BAD(p->threads >= 1) ||
	    DMABENCH_BAD(p->threads <= DMABENCH_MAX_THREADS) ||
	    DMABENCH_BAD(p->batch >= 1) ||
	    DMABENCH_BAD(p->batch <= DMABENCH_MAX_BATCH) ||
	    DMABENCH_BAD(p->iterations <= DMABENCH_MAX_ITERATIONS) ||
	    DMABENCH_BAD(p->duration_ns <= DMABENCH_MAX_DURATION_NS) ||
	    /* a count, or else a duration; a count is whole batches */
	    DMABENCH_BAD(p->iterations || p->duration_ns) ||
	    DMABENCH_BAD(p->iterations % p->batch == 0) ||
	    DMABENCH_BAD(!(p->attrs & ~(u64)DMABENCH_ATTR_KNOWN)) ||
	    DMABENCH_BAD(p->nents <= DMABENCH_MAX_NENTS) ||
	    DMABENCH_BAD(mask_bits_ok(p->dma_mask_bits)) ||
	    DMABENCH_BAD(p->delay_ns <= DMABENCH_MAX_DELAY_NS) ||
	    /* the sync range lies in the buffer; 0 and 0 is all of it */
	    DMABENCH_BAD(p->sync_offset_bytes < p->size_bytes) ||
	    DMABENCH_BAD(p->sync_len_bytes <=
			 p->size_bytes - p->sync_offset_bytes))
		return -EINVAL;

	*sc = dmabench_scenario_find(p->scenario);
	if (DMABENCH_BAD(*sc))
		return -EINVAL;
	return dmabench_validate_for(*sc, p);
}

int dmabench_validate_run(const struct dmabench_run *run,
			  const struct dmabench_scenario_ops **sc)
{
	u32 buckets = run->hist_buckets;

	if (DMABENCH_BAD(run->size == sizeof(*run)) ||
	    DMABENCH_BAD(run->abi_version == DMABENCH_ABI_VERSION) ||
	    DMABENCH_BAD(run->reserved0 == 0) ||
	    DMABENCH_BAD(ALL_ZERO(run->reserved)) ||
	    /* without histograms, 0 or the right count */
	    DMABENCH_BAD(buckets == DMABENCH_HIST_BUCKETS ||
			 (!run->hist_ptr && !buckets)))
		return -EINVAL;
	return dmabench_validate_params(&run->params, sc);
}

int dmabench_validate_verify(const struct dmabench_verify *v)
{
	if (DMABENCH_BAD(v->size == sizeof(*v)) ||
	    DMABENCH_BAD(v->abi_version == DMABENCH_ABI_VERSION) ||
	    DMABENCH_BAD(ALL_ZERO(v->reserved)) ||
	    DMABENCH_BAD(name_ok(v->device)) ||
	    DMABENCH_BAD(v->kind < DMABENCH_VERIFY_NR_KINDS) ||
	    DMABENCH_BAD(via_ok(v->via)) ||
	    DMABENCH_BAD(v->len_bytes >= 1) ||
	    DMABENCH_BAD(v->len_bytes <= DMABENCH_VERIFY_MAX_BYTES) ||
	    DMABENCH_BAD(v->flags == 0) ||
	    DMABENCH_BAD(v->kind == DMABENCH_VERIFY_UBUF || !v->ubuf_id) ||
	    DMABENCH_BAD(v->ubuf_id < DMABENCH_MAX_UBUFS))
		return -EINVAL;
	return 0;
}

#define UBUF_STRIDE_PAGES	(DMABENCH_UBUF_STRIDE_BYTES >> PAGE_SHIFT)

int dmabench_validate_mmap(unsigned long pgoff, unsigned long vm_flags,
			   u32 *id)
{
	/* device-writable memory is never code */
	if (DMABENCH_BAD(!(vm_flags & VM_EXEC)))
		return -EPERM;
	/*
	 * Shared only: a private copy reaches no device, and a copy-on-write
	 * PFN mapping keeps its pfn in vm_pgoff, where revocation at unbind
	 * looks for the buffer's offset.
	 */
	if (DMABENCH_BAD(!dmabench_is_cow_mapping(vm_flags)) ||
	    DMABENCH_BAD(pgoff % UBUF_STRIDE_PAGES == 0) ||
	    DMABENCH_BAD(pgoff / UBUF_STRIDE_PAGES < DMABENCH_MAX_UBUFS))
		return -EINVAL;
	*id = pgoff / UBUF_STRIDE_PAGES;
	return 0;
}

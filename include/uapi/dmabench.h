/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * dmabench: the one ABI shared by dmabench.ko and its user-space harness.
 *
 * Every ioctl struct starts with a __u32 size (sizeof the struct the caller
 * was built with) and the ABI version; the module refuses other sizes and
 * versions. Every reserved field must be zero. All times are nanoseconds,
 * all sizes bytes; the unit is in every field name.
 */
#ifndef _UAPI_LINUX_DMABENCH_H
#define _UAPI_LINUX_DMABENCH_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define DMABENCH_ABI_VERSION		1
#define DMABENCH_DEVICE_NODE		"/dev/dmabench"

/* Limits, checked by the module and by the harness. */
#define DMABENCH_NAME_LEN		32
#define DMABENCH_MAX_DEVICES		16
#define DMABENCH_MAX_THREADS		64
#define DMABENCH_MAX_SIZE_BYTES		(4ULL << 20)
#define DMABENCH_MAX_ITERATIONS		(1ULL << 32)
#define DMABENCH_MAX_DURATION_NS	(600ULL * 1000000000ULL)
#define DMABENCH_MAX_BATCH		65536
#define DMABENCH_MAX_NENTS		1024
/*
 * The IOVA scenarios (iova_list, iova_reuse, iova_fallback, map_page_list):
 * at most this many segments, each a whole number of pages (the IOVA
 * granule) within these bounds; anything else is EINVAL.
 */
#define DMABENCH_MAX_IOVA_NENTS		512
#define DMABENCH_MIN_SEG_BYTES		4096ULL
#define DMABENCH_MAX_SEG_BYTES		(2ULL << 20)
#define DMABENCH_MAX_DELAY_NS		(1000ULL * 1000000ULL)
#define DMABENCH_MAX_OPS		4	/* timed ops per scenario */
#define DMABENCH_VERIFY_MAX_BYTES	4095	/* QEMU 7.2 edu aborts on 4096 */
#define DMABENCH_MAX_OUTSTANDING	65536	/* storm: buffers held per thread */
#define DMABENCH_MAX_HOLD_NS		(10ULL * 1000000000ULL)
#define DMABENCH_MAX_SIZES		64	/* storm: entries of a size list */
#define DMABENCH_MAX_UBUFS		16	/* mmap buffers per open file */
/* mmap offset of user buffer id N: N * DMABENCH_UBUF_STRIDE_BYTES. */
#define DMABENCH_UBUF_STRIDE_BYTES	DMABENCH_MAX_SIZE_BYTES

/*
 * Log-linear latency histogram, the same in kernel and user space.
 * Values 0..127 ns have their own 1 ns bucket. Above that every power of two
 * [2^e, 2^(e+1)) is split into 64 equal buckets of width 2^(e-6), so a value
 * is known to within 1/64 (1.57 %) of itself. The last bucket ends below
 * 2^37 ns (137 s); larger values are counted in the overflow field.
 *   v < 128:  index = v
 *   v >= 128: e = fls64(v) - 1; index = 128 + (e - 7) * 64 + (v >> (e - 6)) - 64
 */
#define DMABENCH_HIST_LINEAR		128
#define DMABENCH_HIST_SUB_BITS		6
#define DMABENCH_HIST_BUCKETS		2048

/* Bucket of a value; DMABENCH_HIST_BUCKETS means overflow. */
static inline __u32 dmabench_hist_index(__u64 v)
{
	__u32 e, idx;

	if (v < DMABENCH_HIST_LINEAR)
		return (__u32)v;
	e = 63 - __builtin_clzll(v);
	if (e >= 37)
		return DMABENCH_HIST_BUCKETS;
	idx = DMABENCH_HIST_LINEAR + (e - 7) * 64 + (__u32)(v >> (e - 6)) - 64;
	return idx;
}

/* Smallest value of a bucket; dmabench_hist_lower_ns(i + 1) bounds it above. */
static inline __u64 dmabench_hist_lower_ns(__u32 idx)
{
	__u32 e, sub;

	if (idx < DMABENCH_HIST_LINEAR)
		return idx;
	e = (idx - DMABENCH_HIST_LINEAR) / 64 + 7;
	sub = (idx - DMABENCH_HIST_LINEAR) % 64 + 64;
	return (__u64)sub << (e - 6);
}

/* Where a device's streaming DMA goes, as the module finds it. */
enum dmabench_path {
	DMABENCH_PATH_UNKNOWN		= 0,
	DMABENCH_PATH_DIRECT		= 1,	/* dma-direct, handle == phys */
	DMABENCH_PATH_SWIOTLB		= 2,	/* dma-direct, every map bounces */
	DMABENCH_PATH_IOMMU_STRICT	= 3,	/* iommu-dma, group type DMA */
	DMABENCH_PATH_IOMMU_LAZY	= 4,	/* iommu-dma, group type DMA-FQ */
	DMABENCH_PATH_IDENTITY		= 5,	/* IOMMU present, identity domain */
	DMABENCH_PATH_OPS		= 6,	/* other dma_map_ops */
};

/* struct dmabench_device_info.flags */
#define DMABENCH_DEV_F_EDU		(1U << 0)  /* can do real DMA (verify) */
#define DMABENCH_DEV_F_FAKE		(1U << 1)  /* module's own platform device */
#define DMABENCH_DEV_F_BOUNCE_BY_MASK	(1U << 2)  /* mask below top of RAM: swiotlb may bounce */
/*
 * --via ops refused (EOPNOTSUPP): a kernel with CONFIG_DMA_API_DEBUG and a
 * path without dma_map_ops, where the child's mappings would be reported as
 * overlapping the parent's.
 */
#define DMABENCH_DEV_F_NO_OPS_LAYER	(1U << 3)
/* dma_need_sync() is true for a streaming mapping of one page. */
#define DMABENCH_DEV_F_NEED_SYNC	(1U << 4)
/*
 * The kernel skips the device's sync calls after a flag test (6.12's
 * dma_skip_sync): a sync scenario then times that test, not a sync.
 */
#define DMABENCH_DEV_F_SKIP_SYNC	(1U << 5)

/* struct dmabench_device_info.ops_layer_refusal: why --via ops is refused. */
enum dmabench_ops_refusal {
	DMABENCH_OPS_ALLOWED			= 0,
	/* DMA-API debugging would track each mapping twice (see above). */
	DMABENCH_OPS_REFUSED_DMA_API_DEBUG	= 1,
	/*
	 * The core would not call the child's dma_map_ops: no
	 * CONFIG_ARCH_HAS_DMA_OPS, or iommu-dma serves the child directly.
	 */
	DMABENCH_OPS_REFUSED_NOT_DISPATCHED	= 2,
};

/* Which device a scenario drives. */
enum dmabench_via {
	DMABENCH_VIA_DIRECT		= 0,	/* the bound device itself */
	DMABENCH_VIA_OPS		= 1,	/* its child behind dmabench's dma_map_ops */
};

/* Same values as the kernel's enum dma_data_direction. */
enum dmabench_dir {
	DMABENCH_DIR_BIDIRECTIONAL	= 0,
	DMABENCH_DIR_TO_DEVICE		= 1,
	DMABENCH_DIR_FROM_DEVICE	= 2,
};

/* The DMA_ATTR_* bits the module accepts in dmabench_params.attrs (6.1 values). */
#define DMABENCH_ATTR_WEAK_ORDERING		(1UL << 1)
#define DMABENCH_ATTR_WRITE_COMBINE		(1UL << 2)
#define DMABENCH_ATTR_NO_KERNEL_MAPPING		(1UL << 4)
#define DMABENCH_ATTR_SKIP_CPU_SYNC		(1UL << 5)
#define DMABENCH_ATTR_FORCE_CONTIGUOUS		(1UL << 6)
#define DMABENCH_ATTR_ALLOC_SINGLE_PAGES	(1UL << 7)
#define DMABENCH_ATTR_NO_WARN			(1UL << 8)
#define DMABENCH_ATTR_PRIVILEGED		(1UL << 9)
#define DMABENCH_ATTR_KNOWN	(DMABENCH_ATTR_WEAK_ORDERING | \
				 DMABENCH_ATTR_WRITE_COMBINE | \
				 DMABENCH_ATTR_NO_KERNEL_MAPPING | \
				 DMABENCH_ATTR_SKIP_CPU_SYNC | \
				 DMABENCH_ATTR_FORCE_CONTIGUOUS | \
				 DMABENCH_ATTR_ALLOC_SINGLE_PAGES | \
				 DMABENCH_ATTR_NO_WARN | \
				 DMABENCH_ATTR_PRIVILEGED)

/*
 * How a buffer is allocated: the storms (alloc_storm), the mmap buffers
 * (DMABENCH_IOC_UBUF_ALLOC) and the alloc_* scenarios use the same table.
 */
enum dmabench_alloc_variant {
	DMABENCH_ALLOC_COHERENT		= 0,	/* dma_alloc_coherent */
	DMABENCH_ALLOC_ATTRS		= 1,	/* dma_alloc_attrs(params.attrs) */
	DMABENCH_ALLOC_WC		= 2,	/* dma_alloc_wc */
	DMABENCH_ALLOC_NONCOHERENT	= 3,	/* dma_alloc_noncoherent */
	DMABENCH_ALLOC_PAGES		= 4,	/* dma_alloc_pages */
	DMABENCH_ALLOC_NONCONTIGUOUS	= 5,	/* dma_alloc_noncontiguous */
	DMABENCH_ALLOC_NONCONTIGUOUS_VMAP = 6,	/* ... + dma_vmap_noncontiguous */
	DMABENCH_ALLOC_MAP_SINGLE	= 7,	/* kmalloc/pages + dma_map_single, held mapped */
	DMABENCH_ALLOC_NR_VARIANTS
};

/* struct dmabench_params.distribution: storm buffer sizes. */
enum dmabench_distribution {
	DMABENCH_DIST_FIXED		= 0,	/* size_bytes */
	DMABENCH_DIST_UNIFORM		= 1,	/* [size_bytes, size_max_bytes] */
	DMABENCH_DIST_LOG_UNIFORM	= 2,	/* each power of two equally likely */
	DMABENCH_DIST_LIST		= 3,	/* sizes_ptr[nsizes], weighted */
};

/* struct dmabench_params.pattern: how a storm interleaves alloc and free. */
enum dmabench_storm_pattern {
	DMABENCH_STORM_RANDOM		= 0,	/* alloc or free at random */
	DMABENCH_STORM_FIFO		= 1,	/* fill, then free the oldest */
	DMABENCH_STORM_UNTIL_ENOMEM	= 2,	/* alloc until ENOMEM or full, hold, free all */
};

/* One entry of a weighted size list (DMABENCH_DIST_LIST). */
struct dmabench_size_weight {
	__u64 size_bytes;		/* 1..DMABENCH_MAX_SIZE_BYTES */
	__u32 weight;			/* 1..65535 */
	__u32 reserved;
};

/*
 * The clock of per-op samples: dmabench_params.clock asks, dmabench_results
 * .clock says what was used, dmabench_info.clock what AUTO picks now.
 * Loop-timed (batched) samples always use ktime_get_ns().
 */
enum dmabench_clock {
	/* in: the TSC where usable, else ktime; out: a module older than the field (ktime) */
	DMABENCH_CLOCK_AUTO		= 0,
	DMABENCH_CLOCK_KTIME		= 1,	/* ktime_get_ns() */
	DMABENCH_CLOCK_TSC		= 2,	/* rdtsc_ordered(), calibrated against ktime each run */
};

/*
 * dmabench_info.clock_flags, dmabench_results.clock_flags: what the module
 * saw of the TSC. It is usable with TSC and either both CONSTANT and
 * NONSTOP, or TIMEKEEPING (the kernel trusts it for its own clock).
 */
#define DMABENCH_CLOCK_F_TSC		(1U << 0)  /* x86 TSC, not marked unstable */
#define DMABENCH_CLOCK_F_CONSTANT_TSC	(1U << 1)  /* X86_FEATURE_CONSTANT_TSC */
#define DMABENCH_CLOCK_F_NONSTOP_TSC	(1U << 2)  /* X86_FEATURE_NONSTOP_TSC */
#define DMABENCH_CLOCK_F_TIMEKEEPING_TSC	(1U << 3)  /* the timekeeping clocksource reads the TSC */

/* Back-to-back clock read pairs a per-op run times first: its floor. */
#define DMABENCH_FLOOR_PAIRS		4096

/*
 * DMABENCH_IOC_INFO: the module and its clock. Of another ABI (another
 * abi_version, or another struct size and so another ioctl number of the
 * same _IOC_NR) it fails with EINVAL after writing this module's struct
 * size and DMABENCH_ABI_VERSION into size and abi_version, the first two
 * fields in every version: the caller can say "module ABI N, ours M".
 */
struct dmabench_info {
	__u32 size;
	__u32 abi_version;
	__u32 ndevices;
	__u32 nscenarios;
	__u64 clock_read_ns;		/* mean cost of one ktime_get_ns(), measured at load */
	/*
	 * Zero both ways. It was to hold the clocksource's name, which no
	 * exported kernel API gives: user space reads sysfs.
	 */
	char reserved_name[DMABENCH_NAME_LEN];
	char kernel_release[64];	/* utsname()->release */
	__u32 clock;			/* enum dmabench_clock that AUTO picks now */
	__u32 clock_flags;		/* DMABENCH_CLOCK_F_* */
	__u64 features;			/* DMABENCH_FEAT_*: what this module adds to ABI 1 */
	__u64 reserved[6];
};

/* Additions to ABI 1 that a caller may use only when INFO lists them. */
#define DMABENCH_FEAT_ITERATION		(1ULL << 0)  /* dmabench_run.iteration_ptr */

/* DMABENCH_IOC_DEVICE: one bound device, by index (0..ndevices-1). */
struct dmabench_device_info {
	__u32 size;
	__u32 abi_version;
	__u32 index;			/* in */
	__u32 path;			/* enum dmabench_path */
	__u32 flags;			/* DMABENCH_DEV_F_* */
	__s32 iommu_group;		/* -1 when none */
	char name[DMABENCH_NAME_LEN];	/* dmabench's name: edu0, fake0, ... */
	char bus_id[DMABENCH_NAME_LEN];	/* dev_name() of the bound device */
	char group_type[16];		/* "DMA", "DMA-FQ", "identity", "" */
	__u64 dma_mask;
	__u64 coherent_dma_mask;
	__u64 max_mapping_size_bytes;	/* dma_max_mapping_size() */
	__u32 ops_layer_refusal;	/* enum dmabench_ops_refusal */
	__u32 reserved0;
	__u64 reserved[7];
};

/* DMABENCH_IOC_SCENARIO: one scenario of the module's table, by index. */
struct dmabench_scenario_info {
	__u32 size;
	__u32 abi_version;
	__u32 index;			/* in */
	__u32 nops;			/* timed ops per iteration */
	char name[DMABENCH_NAME_LEN];
	char summary[96];
	char op_names[DMABENCH_MAX_OPS][16];	/* "map", "unmap", ... */
	__u32 flags;			/* out: DMABENCH_SCN_F_* */
	/*
	 * out, with DMABENCH_SCN_F_VARIANT: the storm variant that allocates
	 * like this scenario, and the DMABENCH_ATTR_* it passes.
	 */
	__u32 variant;			/* enum dmabench_alloc_variant */
	__u64 attrs;
	/*
	 * out: the scenario this one is compared with, its old form ("" for
	 * none), and the size the two run at (0: the run's --size).
	 */
	char pair[DMABENCH_NAME_LEN];
	__u64 pair_size_bytes;
	__u64 reserved[1];
};

/* struct dmabench_scenario_info.flags */
#define DMABENCH_SCN_F_UNAVAILABLE	(1U << 0)  /* API absent from this kernel: RUN says EOPNOTSUPP */
#define DMABENCH_SCN_F_ALLOC		(1U << 1)  /* allocates buffers (alloc_*, storms) */
#define DMABENCH_SCN_F_STORM		(1U << 2)  /* takes the storm params */
#define DMABENCH_SCN_F_VARIANT		(1U << 3)  /* variant and attrs are set */

/* What to run. Zero means "default" only where a field says so. */
struct dmabench_params {
	char scenario[DMABENCH_NAME_LEN];
	char device[DMABENCH_NAME_LEN];	/* dmabench name; "" = first device */
	__u32 via;			/* enum dmabench_via */
	__u32 direction;		/* enum dmabench_dir */
	__u64 size_bytes;		/* buffer size; for sg: nents * seg_bytes */
	__u64 iterations;		/* per thread; 0 = run for duration_ns */
	__u64 duration_ns;		/* used when iterations == 0 */
	__u64 attrs;			/* DMABENCH_ATTR_* */
	__u64 delay_ns;			/* rx: between map and unmap */
	__u64 sync_offset_bytes;	/* sync_range: offset into the buffer */
	__u64 sync_len_bytes;		/* sync_range: length, 0 = to the end */
	__u32 threads;			/* 1..DMABENCH_MAX_THREADS */
	__u32 batch;			/* 1 = time each op; N = time N iterations as one */
	__u32 nents;			/* map_sg, map_sgtable */
	__u32 dma_mask_bits;		/* 0 = keep the device's mask; else 24..64 */
	/* Storms (alloc_storm); must be 0 for other scenarios but variant. */
	__u32 outstanding;		/* buffers held per thread, 1..MAX_OUTSTANDING */
	__u32 distribution;		/* enum dmabench_distribution */
	__u64 size_max_bytes;		/* UNIFORM, LOG_UNIFORM: upper bound */
	__u64 hold_ns;			/* a buffer is held at least this long */
	__u32 pattern;			/* enum dmabench_storm_pattern */
	__u32 nsizes;			/* LIST: entries at sizes_ptr */
	__u64 sizes_ptr;		/* LIST: user pointer to dmabench_size_weight[] */
	__u32 variant;			/* alloc_storm: enum dmabench_alloc_variant */
	__u32 clock;			/* enum dmabench_clock; TSC when unusable: EOPNOTSUPP */
	__u64 reserved[2];
};

/* Statistics of one timed op, summed over all threads. */
struct dmabench_op_stats {
	char name[16];
	__u64 count;			/* samples in the histogram */
	__u64 errors;			/* failed ops (mapping errors, ENOMEM) */
	__u64 overflow;			/* samples beyond the last bucket */
	__u64 min_ns;
	__u64 max_ns;
	__u64 sum_ns;
	__u64 sum_sq_ns2_lo;		/* 128-bit sum of squares (ns^2) */
	__u64 sum_sq_ns2_hi;
	__u64 ops_per_sample;		/* 1, or the batch: a sample is a mean over it */
	__u64 reserved[4];
};

struct dmabench_results {
	__u64 elapsed_ns;		/* wall time of the whole run */
	__u64 iterations;		/* completed, all threads */
	__u64 clock_read_ns;		/* ktime_get_ns() cost measured before this run */
	__u32 nops;
	__u32 threads;
	struct dmabench_op_stats ops[DMABENCH_MAX_OPS];
	__u64 peak_outstanding;		/* storms: most buffers held at once, all threads */
	__u64 peak_outstanding_bytes;	/* storms: their bytes */
	/* The per-op clock (batched runs: KTIME) and, for the TSC, its calibration. */
	__u32 clock;			/* enum dmabench_clock used; never AUTO */
	__u32 clock_flags;		/* DMABENCH_CLOCK_F_* at this run */
	__u64 clock_hz;			/* TSC: counts per second, calibrated this run; else 0 */
	__u64 calib_window_ns;		/* TSC: ktime_get_ns() span of the calibration */
	__u32 calib_err_ppb;		/* TSC: bound on the rate's relative error (1e-9) */
	__s32 calib_check_ppb;		/* TSC: converted run length vs ktime's, relative */
	/* Per-op runs: DMABENCH_FLOOR_PAIRS back-to-back reads per thread, in ns. */
	__u64 floor_count;
	__u64 floor_sum_ns;		/* floor mean = floor_sum_ns / floor_count */
};

/*
 * DMABENCH_IOC_RUN: run a scenario to completion (interruptible by a signal,
 * which stops the threads and frees everything: -EINTR).
 * hist_ptr points at DMABENCH_MAX_OPS * DMABENCH_HIST_BUCKETS __u64 counters,
 * op-major; the module fills nops of them.
 */
struct dmabench_run {
	__u32 size;
	__u32 abi_version;
	struct dmabench_params params;	/* in */
	struct dmabench_results results;	/* out */
	__u64 hist_ptr;			/* in: user pointer, 0 = no histograms */
	__u32 hist_buckets;		/* in: DMABENCH_HIST_BUCKETS */
	__u32 reserved0;
	/* in: user pointer to DMABENCH_HIST_BUCKETS counters of the floor, or 0 */
	__u64 floor_hist_ptr;
	/* in: user pointer to a struct dmabench_iteration, or 0 (FEAT_ITERATION) */
	__u64 iteration_ptr;
	__u64 reserved[2];
};

/*
 * Whole iterations of a per-op run (batch 1): one sample per iteration,
 * from a stamp before its first op to one after its last, so it holds the
 * ops, their own stamps and what the scenario does between them. The ops'
 * histograms cannot give an iteration's tail: their p99s do not add up.
 * A failed iteration is an error, not a sample, as a failed op is. Its
 * name is "whole_iteration" (a batched run's one op, "iteration", is a mean
 * over many); a batched run leaves it all zero.
 */
struct dmabench_iteration {
	struct dmabench_op_stats stats;
	__u64 buckets[DMABENCH_HIST_BUCKETS];
};

/* Real DMA check through the edu device: one mapping kind, one round trip. */
enum dmabench_verify_kind {
	DMABENCH_VERIFY_COHERENT	= 0,	/* dma_alloc_coherent */
	DMABENCH_VERIFY_MAP_SINGLE	= 1,
	DMABENCH_VERIFY_MAP_PAGE	= 2,
	DMABENCH_VERIFY_MAP_SG		= 3,
	DMABENCH_VERIFY_STALE_NO_SYNC	= 4,	/* FROM_DEVICE read without sync_for_cpu */
	DMABENCH_VERIFY_UBUF		= 5,	/* user buffer ubuf_id, as user space wrote it */
	/*
	 * 7.x (else EOPNOTSUPP). Two segments, the first ending at its page's
	 * end, so both links of an IOVA range land granule-aligned.
	 */
	DMABENCH_VERIFY_MAP_PHYS	= 6,	/* dma_map_phys of one segment */
	DMABENCH_VERIFY_IOVA_LINK	= 7,	/* try_alloc, 2 links, sync, one edu transfer, destroy */
	DMABENCH_VERIFY_IOVA_FALLBACK	= 8,	/* IOVA_LINK, or dma_map_phys per segment: F_FELL_BACK */
	DMABENCH_VERIFY_NR_KINDS
};

/* struct dmabench_verify.outcome */
enum dmabench_verify_outcome {
	DMABENCH_VERIFY_MATCH		= 0,	/* device data arrived */
	DMABENCH_VERIFY_MISMATCH	= 1,	/* it did not */
	DMABENCH_VERIFY_STALE		= 2,	/* stale without sync, fresh after */
	DMABENCH_VERIFY_NOT_STALE	= 3,	/* no bounce on this path: nothing stale */
};

/* struct dmabench_verify.flags */
#define DMABENCH_VERIFY_F_FELL_BACK	(1U << 0)  /* no IOVA on this path: mapped per segment */

/* DMABENCH_IOC_VERIFY: pattern -> device -> second buffer, compared. */
struct dmabench_verify {
	__u32 size;
	__u32 abi_version;
	char device[DMABENCH_NAME_LEN];	/* an edu device */
	__u32 kind;			/* enum dmabench_verify_kind */
	__u32 via;			/* enum dmabench_via */
	__u32 len_bytes;		/* 1..DMABENCH_VERIFY_MAX_BYTES */
	__u32 seed;			/* pattern seed */
	__u32 outcome;			/* out: enum dmabench_verify_outcome */
	__u32 first_bad_byte;		/* out: offset of first mismatch */
	__u64 dma_addr;			/* out: handle used (root-only device) */
	__u64 elapsed_ns;		/* out: round trip */
	__u32 ubuf_id;			/* VERIFY_UBUF: buffer of this open file */
	__u32 flags;			/* out: DMABENCH_VERIFY_F_*; in: 0 */
	__u64 reserved[3];
};

/*
 * The verify pattern: byte i of a buffer filled with seed. User space
 * writes it into a mapped buffer for DMABENCH_VERIFY_UBUF.
 */
static inline __u8 dmabench_pattern_byte(__u32 seed, __u32 i)
{
	__u32 x = seed ^ (i * 0x9e3779b9U);

	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	return (__u8)x;
}

/*
 * DMABENCH_IOC_UBUF_ALLOC: a DMA buffer owned by this open file, freed when
 * the file is released. mmap(2) of /dev/dmabench at mmap_offset_bytes maps
 * it (dma_mmap_attrs, dma_mmap_pages or dma_mmap_noncontiguous, by variant):
 * through the same open file only (a dup or a fork shares it; another open
 * of the node has its own buffers and ids), MAP_SHARED (a private copy
 * reaches no device: EINVAL), at most size_bytes long, never executable
 * (EPERM), never grown by mremap(2). A mapping holds the file, so the buffer
 * lives until the last mapping of a closed file is gone, or until its device
 * is unbound: then it is freed, its mappings are revoked (an access gets
 * SIGBUS) and its id is free again.
 */
struct dmabench_ubuf {
	__u32 size;
	__u32 abi_version;
	char device[DMABENCH_NAME_LEN];	/* in: "" = first device */
	__u32 via;			/* in: enum dmabench_via */
	__u32 variant;			/* in: enum dmabench_alloc_variant */
	__u64 size_bytes;		/* in: 1..DMABENCH_MAX_SIZE_BYTES, page multiple */
	__u64 attrs;			/* in: DMABENCH_ALLOC_ATTRS only */
	__u32 id;			/* out */
	__u32 reserved0;
	__u64 mmap_offset_bytes;	/* out: id * DMABENCH_UBUF_STRIDE_BYTES */
	__u64 alloc_ns;			/* out: the allocation call */
	__u64 reserved[4];
};

#define DMABENCH_IOC_MAGIC	0xDB
#define DMABENCH_IOC_INFO	_IOWR(DMABENCH_IOC_MAGIC, 1, struct dmabench_info)
#define DMABENCH_IOC_DEVICE	_IOWR(DMABENCH_IOC_MAGIC, 2, struct dmabench_device_info)
#define DMABENCH_IOC_SCENARIO	_IOWR(DMABENCH_IOC_MAGIC, 3, struct dmabench_scenario_info)
#define DMABENCH_IOC_RUN	_IOWR(DMABENCH_IOC_MAGIC, 4, struct dmabench_run)
#define DMABENCH_IOC_VERIFY	_IOWR(DMABENCH_IOC_MAGIC, 5, struct dmabench_verify)
#define DMABENCH_IOC_UBUF_ALLOC	_IOWR(DMABENCH_IOC_MAGIC, 6, struct dmabench_ubuf)

#endif /* _UAPI_LINUX_DMABENCH_H */

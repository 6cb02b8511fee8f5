/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake dmabench.ko behind the harness's backend table: it checks the
 * struct headers like the module does, and answers RUN from a list of
 * synthetic samples, filling stats and histograms the way the ABI says.
 */
#ifndef DMABENCH_FAKE_MODULE_H
#define DMABENCH_FAKE_MODULE_H

#include <stdint.h>
#include "lib/handle.h"

#define FAKE_MAX_SAMPLES 4096

struct fake_module {
	int open_error;			/* -errno for open, 0 = succeed */
	int info_error;			/* -errno for INFO */
	uint32_t abi_version;		/* what INFO reports */
	struct dmabench_info info;
	struct dmabench_device_info devices[4];
	struct dmabench_scenario_info scenarios[16];

	/* RUN: every op gets these samples (op k adds k * op_offset_ns). */
	uint64_t samples_ns[FAKE_MAX_SAMPLES];
	uint32_t nsamples;
	uint64_t op_offset_ns;
	uint64_t errors_per_op;
	int run_error;			/* -errno for RUN (e.g. -EINTR) */
	uint32_t batch_nops;		/* ops to report, 0 = what the module would */
	uint32_t runs;			/* RUN calls seen */
	struct dmabench_params last_params;

	/* VERIFY: outcome per kind, or the path-correct one when use_truth. */
	uint32_t verify_outcome[DMABENCH_VERIFY_NR_KINDS];
	uint32_t verifies;
	int bad_header_seen;		/* a struct came with a wrong size/version */

	/* UBUF_ALLOC + mmap: anonymous memory stands for the DMA buffer;
	 * VERIFY_UBUF compares it with the pattern, like the edu round trip. */
	struct { void *mem; uint64_t size_bytes; uint32_t variant; } ubufs[DMABENCH_MAX_UBUFS];
	uint32_t nubufs;
	int ubuf_error[DMABENCH_ALLOC_NR_VARIANTS];	/* -errno per variant */
	int corrupt_ubuf;		/* flip a byte before VERIFY_UBUF reads */

	/*
	 * alloc_storm: when vmallocinfo_path is set, RUN rewrites that file
	 * with outstanding extra dma_common_pages_remap areas of
	 * storm_area_bytes (0 = none) for hold_ns, then restores it, so the
	 * sampler has a storm to see. peak_outstanding = outstanding.
	 */
	const char *vmallocinfo_path;
	uint64_t storm_area_bytes[DMABENCH_ALLOC_NR_VARIANTS];
};

extern const struct dmabench_backend fake_backend;

/* Two devices (edu0 on path, fake0), two scenarios (map_single, null). */
void fake_module_init(struct fake_module *fm, uint32_t edu_path);

/* Adds the allocation scenarios as the module declares them: alloc_coherent
 * and alloc_attrs (a pair), alloc_storm, alloc_noncontig and
 * alloc_noncontig_vmap (a pair, both unavailable), and alloc_vs_map,
 * compared with a scenario that allocates nothing (so not a pair). */
void fake_module_add_alloc(struct fake_module *fm);

/* Exact statistics of fm's samples, as a reference for the tests. */
void fake_expected_stats(const struct fake_module *fm, uint32_t op,
			 struct dmabench_op_stats *out);

/* Back-to-back reads in the floor of a fake per-op run (mean 12 ns). */
#define FAKE_FLOOR_PAIRS	100
/* What the fake harness adds to a whole iteration beside its ops. */
#define FAKE_ITERATION_GAP_NS	50

#endif

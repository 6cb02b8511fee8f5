/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake dmabench.ko behind the harness's backend table: it checks the
 * struct headers like the module does, and answers RUN from a list of
 * synthetic samples, filling stats and histograms the way the ABI says.
 */
#ifndef DMABENCH_FAKE_MODULE_H
#define DMABENCH_FAKE_MODULE_H

#include <stdint.h>
#include "lib/device.h"

#define FAKE_MAX_SAMPLES 4096

struct fake_module {
	int open_error;			/* -errno for open, 0 = succeed */
	int info_error;			/* -errno for INFO */
	uint32_t abi_version;		/* what INFO reports */
	struct dmabench_info info;
	struct dmabench_device_info devices[4];
	struct dmabench_scenario_info scenarios[4];

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
};

extern const struct dmabench_backend fake_backend;

/* Two devices (edu0 on path, fake0), two scenarios (map_single, null). */
void fake_module_init(struct fake_module *fm, uint32_t edu_path);

/* Exact statistics of fm's samples, as a reference for the tests. */
void fake_expected_stats(const struct fake_module *fm, uint32_t op,
			 struct dmabench_op_stats *out);

#endif

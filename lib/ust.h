/* SPDX-License-Identifier: GPL-2.0 */
/* dmabench's LTTng-UST run markers (lib/ust/dmabench_ust_tp.h). */
#ifndef DMABENCH_UST_H
#define DMABENCH_UST_H

#include <stdint.h>
#include "dmabench.h"

/* The provider `dmabench trace --with lttng` preloads, next to the CLI. */
#define DMABENCH_UST_PROVIDER		"libdmabench-ust.so"
/* Overrides where it is (a path), for tests and installs. */
#define DMABENCH_UST_PROVIDER_ENV	"DMABENCH_UST_PROVIDER"

/* Both cost one predictable branch unless a session enabled the event. */
void dmabench_ust_run_start(const struct dmabench_params *p, const char *device,
			    uint32_t repetition);
void dmabench_ust_run_end(const struct dmabench_params *p, const char *device,
			  uint32_t repetition, int status,
			  const struct dmabench_results *res);

/* DMA-API ops a run timed: every op's samples times its ops_per_sample. */
uint64_t dmabench_results_ops(const struct dmabench_results *res);

#endif

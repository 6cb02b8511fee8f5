// SPDX-License-Identifier: GPL-2.0
/*
 * null: no DMA op at all. Its latency is the harness floor (two clock reads
 * and the loop), to be reported beside every other result.
 */
#include "dmabench_scenario.h"

static __always_inline int null_iter(struct dmabench_thread *t,
				     const bool timed)
{
	u64 t0, t1;

	t0 = dmabench_clock(t, timed, false);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 0, t0, t1, false);
	return 1;
}
DMABENCH_RUN_ONE(null)

const struct dmabench_scenario_ops dmabench_scn_null = {
	.name		= "null",
	.summary	= "empty op: the cost of the harness itself (its floor)",
	.op_names	= { "null" },
	.nops		= 1,
	.run_one	= null_run_one,
};

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every check of user input, in one place. Each returns 0 or -EINVAL and
 * logs nothing above pr_debug: a bad request is the caller's business.
 */
#ifndef _DMABENCH_VALIDATE_H
#define _DMABENCH_VALIDATE_H

#include <uapi/dmabench.h>

struct dmabench_scenario_ops;

int dmabench_validate_info(const struct dmabench_info *info);
int dmabench_validate_device_info(const struct dmabench_device_info *info);
int dmabench_validate_scenario_info(const struct dmabench_scenario_info *info);
/* On success *sc is the scenario the run names. */
int dmabench_validate_run(const struct dmabench_run *run,
			  const struct dmabench_scenario_ops **sc);
int dmabench_validate_verify(const struct dmabench_verify *v);
/* The weighted size list of a DIST_LIST storm, once copied in. */
int dmabench_validate_sizes(const struct dmabench_size_weight *sizes, u32 n);
int dmabench_validate_ubuf(const struct dmabench_ubuf *u);

#endif /* _DMABENCH_VALIDATE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every check of user input, in one place. Each returns 0 or -EINVAL (but
 * for an executable mmap: -EPERM) and logs nothing above pr_debug: a bad
 * request is the caller's business. The input is a kernel copy: user memory
 * is read and written in dmabench_main.c only (copy_from_user, memdup_user,
 * clear_user, copy_to_user, put_user), each struct once, before checking.
 */
#ifndef _DMABENCH_VALIDATE_H
#define _DMABENCH_VALIDATE_H

#include <uapi/dmabench.h>

struct dmabench_scenario_ops;

/* 0 when a struct's size and abi_version are this module's. */
int dmabench_validate_header(u32 size, u32 abi_version, size_t want);
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
/*
 * mmap(2): the offset is a buffer id's (*id out), the mapping shared and
 * not executable; the length is checked against the buffer, once found.
 */
int dmabench_validate_mmap(unsigned long pgoff, unsigned long vm_flags,
			   u32 *id);

#endif /* _DMABENCH_VALIDATE_H */

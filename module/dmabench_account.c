// SPDX-License-Identifier: GPL-2.0
/*
 * Resource accounting. Updated off the hot path only (prepare, cleanup, the
 * end of a run, verify), so plain atomics are cheap enough.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>

#include "dmabench_account.h"

static atomic_long_t dmabench_held[DMABENCH_RES_NR];
static struct dentry *dmabench_debugfs;

static const char *const dmabench_res_names[DMABENCH_RES_NR] = {
	[DMABENCH_RES_BUFFERS]		= "buffers",
	[DMABENCH_RES_MAPPINGS]		= "mappings",
	[DMABENCH_RES_KERNEL_MAPPINGS]	= "kernel_mappings",
	[DMABENCH_RES_DMA_BUFFERS]	= "dma_buffers",
	[DMABENCH_RES_VMAPS]		= "vmaps",
};

void dmabench_account(enum dmabench_resource res, long delta)
{
	atomic_long_add(delta, &dmabench_held[res]);
}

static int dmabench_held_get(void *data, u64 *val)
{
	*val = atomic_long_read(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(dmabench_held_fops, dmabench_held_get, NULL, "%lld\n");

/* debugfs is optional: failures there only lose the view, never the module. */
void dmabench_account_init(void)
{
	int i;

	dmabench_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	for (i = 0; i < DMABENCH_RES_NR; i++)
		debugfs_create_file_unsafe(dmabench_res_names[i], 0400,
					   dmabench_debugfs, &dmabench_held[i],
					   &dmabench_held_fops);
}

void dmabench_account_exit(void)
{
	long held;
	int i;

	debugfs_remove_recursive(dmabench_debugfs);
	for (i = 0; i < DMABENCH_RES_NR; i++) {
		held = atomic_long_read(&dmabench_held[i]);
		if (held)
			pr_err("leaked %ld %s\n", held, dmabench_res_names[i]);
	}
}

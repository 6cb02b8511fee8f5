/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counts of what the module holds, shown read-only in debugfs and checked
 * to be zero when the module goes away.
 */
#ifndef _DMABENCH_ACCOUNT_H
#define _DMABENCH_ACCOUNT_H

enum dmabench_resource {
	DMABENCH_RES_BUFFERS,		/* kmalloc/page buffers */
	DMABENCH_RES_MAPPINGS,		/* streaming DMA mappings */
	DMABENCH_RES_KERNEL_MAPPINGS,	/* DMA buffers with a kernel mapping */
	DMABENCH_RES_DMA_BUFFERS,	/* DMA buffers of every variant */
	DMABENCH_RES_VMAPS,		/* dma_vmap_noncontiguous() */
	DMABENCH_RES_NR
};

void dmabench_account(enum dmabench_resource res, long delta);
void dmabench_account_init(void);
/* Removes debugfs; reports anything still held. */
void dmabench_account_exit(void);

#endif /* _DMABENCH_ACCOUNT_H */

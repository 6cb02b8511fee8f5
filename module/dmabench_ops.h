/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The instrumented ops layer: a child device whose dma_map_ops forward to
 * the DMA API of its parent, with a trace event per op. "--via ops" minus
 * "--via direct" is the cost of one dma_map_ops dispatch.
 */
#ifndef _DMABENCH_OPS_H
#define _DMABENCH_OPS_H

#include <linux/types.h>

struct device;

/*
 * Creates and registers "dmabench-ops-<name>" below parent; the caller
 * owns the one reference. Unregistering it (at unbind: no DMA through it
 * after) and dropping that reference (which frees it) are separate, so
 * that whoever still holds the bound device may ask it questions.
 */
struct device *dmabench_ops_create(struct device *parent, const char *name);
void dmabench_ops_unregister(struct device *child);
void dmabench_ops_put(struct device *child);
/* Why the child cannot measure dispatch: enum dmabench_ops_refusal. */
u32 dmabench_ops_refusal(struct device *child);
/* Copies the parent's masks and segment limits to the child. */
void dmabench_ops_sync(struct device *child);

#endif /* _DMABENCH_OPS_H */

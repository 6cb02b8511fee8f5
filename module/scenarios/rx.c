// SPDX-License-Identifier: GPL-2.0
/*
 * rx: the receive pattern of a network or storage driver. Threads come in
 * pairs: the mapper (even index) maps buffers into a ring it owns; its peer,
 * the unmapper, unmaps each one once delay_ns has passed since it was mapped.
 * The ring is single-producer single-consumer: head is written only by the
 * mapper, tail only by the unmapper, published with release/acquire.
 */
#include <linux/dma-mapping.h>
#include <linux/minmax.h>
#include <linux/slab.h>

#include "dmabench_account.h"
#include "dmabench_scenario.h"
#include "timed_ops.h"

#define RX_MAX_SLOTS		64
#define RX_RING_BYTES		(16UL << 20)	/* bounds memory per pair */

struct rx_slot {
	struct dmabench_cpubuf buf;
	dma_addr_t addr;
	u64 due_ns;			/* when the unmapper may unmap it */
	bool failed;			/* mapping error: nothing to unmap */
};

struct rx_ring {
	unsigned int nslots;
	unsigned int head;		/* next slot the mapper fills */
	unsigned int tail;		/* next slot the unmapper empties */
	struct rx_slot slot[];
};

static bool rx_is_mapper(const struct dmabench_thread *t)
{
	return !(t->index & 1);
}

static void rx_ring_free(struct rx_ring *ring)
{
	unsigned int i;

	for (i = 0; i < ring->nslots; i++)
		dmabench_cpubuf_free(&ring->slot[i].buf);
	kfree(ring);
}

static int rx_prepare(struct dmabench_thread *t)
{
	unsigned int nslots, i;
	struct rx_ring *ring;
	int ret;

	if (!rx_is_mapper(t))
		return 0;	/* the unmapper uses its peer's ring */

	nslots = clamp_t(unsigned long, RX_RING_BYTES / t->size, 2,
			 RX_MAX_SLOTS);
	ring = kzalloc_node(struct_size(ring, slot, nslots), GFP_KERNEL,
			    t->node);
	if (!ring)
		return -ENOMEM;
	ring->nslots = nslots;
	for (i = 0; i < nslots; i++) {
		ret = dmabench_cpubuf_alloc(&ring->slot[i].buf, t->size, t->node);
		if (ret) {
			rx_ring_free(ring);
			return ret;
		}
	}
	t->priv = ring;
	return 0;
}

static int rx_map_one(struct dmabench_thread *t, struct rx_ring *ring)
{
	unsigned int head = ring->head;
	struct rx_slot *slot;

	/* acquire: the unmapper is done with the slot it released */
	if (head - smp_load_acquire(&ring->tail) == ring->nslots)
		return 0;	/* full: wait for the unmapper */
	slot = &ring->slot[head % ring->nslots];
	slot->addr = timed_map_page(t, true, 0, &slot->buf, t->attrs);
	slot->failed = dma_mapping_error(t->dev, slot->addr);
	slot->due_ns = ktime_get_ns() + t->p->delay_ns;
	/* release: the slot is filled before the unmapper can see it */
	smp_store_release(&ring->head, head + 1);
	return 1;
}

static int rx_unmap_one(struct dmabench_thread *t, struct rx_ring *ring)
{
	unsigned int tail = ring->tail;
	struct rx_slot *slot;

	/* acquire: pairs with the mapper's release of head */
	if (smp_load_acquire(&ring->head) == tail)
		return 0;	/* empty */
	slot = &ring->slot[tail % ring->nslots];
	if (ktime_get_ns() < slot->due_ns)
		return 0;
	if (!slot->failed)
		timed_unmap_page(t, true, 1, slot->addr, t->attrs);
	/* release: done with the slot before the mapper refills it */
	smp_store_release(&ring->tail, tail + 1);
	return 1;
}

/* rx is per-op only (DMABENCH_SCN_PER_OP): every op is timed. */
static int rx_run_one(struct dmabench_thread *t)
{
	if (rx_is_mapper(t))
		return rx_map_one(t, t->priv);
	return rx_unmap_one(t, t->peer->priv);
}

/*
 * Called after every thread stopped: what the unmapper did not reach is
 * still mapped. The mapper owns the ring, so its cleanup unmaps and frees.
 */
static void rx_cleanup(struct dmabench_thread *t)
{
	struct rx_ring *ring = t->priv;
	struct rx_slot *slot;
	unsigned int i;

	if (!ring)
		return;
	for (i = ring->tail; i != ring->head; i++) {
		slot = &ring->slot[i % ring->nslots];
		if (slot->failed)
			continue;
		dma_unmap_page_attrs(t->dev, slot->addr, t->size, t->dir,
				     t->attrs);
		dmabench_account(DMABENCH_RES_MAPPINGS, -1);
	}
	rx_ring_free(ring);
	t->priv = NULL;
}

const struct dmabench_scenario_ops dmabench_scn_rx = {
	.name		= "rx",
	.summary	= "mapper/unmapper thread pairs, unmap delay_ns after map",
	.op_names	= { "map", "unmap" },
	.nops		= 2,
	.flags		= DMABENCH_SCN_PAIRS | DMABENCH_SCN_PER_OP,
	.prepare	= rx_prepare,
	.run_one	= rx_run_one,
	.cleanup	= rx_cleanup,
};

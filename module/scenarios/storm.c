// SPDX-License-Identifier: GPL-2.0
/*
 * alloc_storm: each thread holds up to params.outstanding buffers of
 * params.variant, sizes fixed or drawn from a distribution, each held at
 * least hold_ns. A failed allocation (__GFP_NOWARN | __GFP_NORETRY: no OOM
 * killer, no warning) is counted on the alloc op and never ends the run,
 * except in UNTIL_ENOMEM where it ends the filling. Whatever is held when
 * the run ends, is interrupted or its device goes away is freed by cleanup.
 */
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/prandom.h>
#include <linux/slab.h>

#include "dmabench_dmamem.h"
#include "dmabench_scenario.h"

#define STORM_GFP	(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY)

struct storm_slot {
	struct dmabench_dmamem b;
	u64 alloc_ns;
};

struct storm_state {
	struct storm_slot *slots;	/* [outstanding] */
	u32 held;			/* RANDOM, UNTIL_ENOMEM: slots[0..held) */
	u32 head;			/* FIFO: oldest of the ring */
	bool full;			/* UNTIL_ENOMEM: filling is over */
	u64 held_bytes;
	u64 weight_sum;
	struct rnd_state rnd;
};

static u64 storm_rand(struct storm_state *s, u64 n)
{
	u64 r = ((u64)prandom_u32_state(&s->rnd) << 32) |
		prandom_u32_state(&s->rnd);

	return mul_u64_u64_shr(r, n, 64);	/* in [0, n) */
}

static size_t storm_size(struct dmabench_thread *t, struct storm_state *s)
{
	const struct dmabench_params *p = t->p;
	u64 lo = p->size_bytes, hi = p->size_max_bytes, w;
	unsigned int e, elo, ehi;
	u32 i;

	switch (p->distribution) {
	case DMABENCH_DIST_UNIFORM:
		return lo + storm_rand(s, hi - lo + 1);
	case DMABENCH_DIST_LOG_UNIFORM:
		/* an octave at random, then uniform inside it */
		elo = ilog2(lo);
		ehi = ilog2(hi);
		e = elo + storm_rand(s, ehi - elo + 1);
		lo = max_t(u64, lo, 1ULL << e);
		hi = min_t(u64, hi, (2ULL << e) - 1);
		return lo + storm_rand(s, hi - lo + 1);
	case DMABENCH_DIST_LIST:
		w = storm_rand(s, s->weight_sum);
		for (i = 0; i < p->nsizes - 1; i++) {
			if (w < t->sizes[i].weight)
				break;
			w -= t->sizes[i].weight;
		}
		return t->sizes[i].size_bytes;
	}
	return lo;
}

static int storm_prepare(struct dmabench_thread *t)
{
	struct storm_state *s;
	u32 i;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->slots = kvcalloc(t->p->outstanding, sizeof(*s->slots), GFP_KERNEL);
	if (!s->slots) {
		kfree(s);
		return -ENOMEM;
	}
	for (i = 0; i < t->p->nsizes; i++)
		s->weight_sum += t->sizes[i].weight;
	prandom_seed_state(&s->rnd, 0x5eed + t->index);
	t->priv = s;
	return 0;
}

/* Frees slot i; the caller keeps the slot array in order. */
static void storm_free(struct dmabench_thread *t, struct storm_state *s,
		       struct storm_slot *slot, const bool timed)
{
	const struct dmabench_variant *v = &dmabench_variants[slot->b.variant];
	size_t size = slot->b.size;
	u64 t0, t1;

	t0 = dmabench_clock(t, timed, false);
	v->free(t->dev, &slot->b);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 1, t0, t1, false);
	dmabench_dmamem_account(&slot->b, -1);
	s->held_bytes -= size;
}

static void storm_cleanup(struct dmabench_thread *t)
{
	struct storm_state *s = t->priv;
	u32 i, n = t->p->outstanding;

	if (!s)
		return;
	for (i = 0; i < n; i++)
		if (s->slots[i].b.size)
			dmabench_dmamem_free(t->dev, &s->slots[i].b);
	kvfree(s->slots);
	kfree(s);
	t->priv = NULL;
}

/* 0 on success; -ENOMEM is counted, not returned as fatal. */
static int storm_alloc(struct dmabench_thread *t, struct storm_state *s,
		       struct storm_slot *slot, const bool timed)
{
	const struct dmabench_variant *v = &dmabench_variants[t->p->variant];
	struct dmabench_dmamem *b = &slot->b;
	u64 t0, t1;
	int ret;

	memset(b, 0, sizeof(*b));
	b->variant = t->p->variant;
	b->size = storm_size(t, s);
	if (b->variant == DMABENCH_ALLOC_ATTRS)
		b->attrs = t->attrs | DMA_ATTR_NO_WARN;
	t0 = dmabench_clock(t, timed, false);
	ret = v->alloc(t->dev, b, STORM_GFP);
	t1 = dmabench_clock(t, timed, false);
	dmabench_record(t, timed, 0, t0, t1, ret);
	if (ret) {
		b->size = 0;	/* the slot stays empty */
		return ret;
	}
	slot->alloc_ns = ktime_get_ns();
	dmabench_dmamem_account(b, 1);
	s->held_bytes += b->size;
	return 0;
}

static bool storm_old_enough(struct dmabench_thread *t, struct storm_slot *sl)
{
	return ktime_get_ns() - sl->alloc_ns >= t->p->hold_ns;
}

static void storm_peak(struct dmabench_thread *t, struct storm_state *s,
		       u32 held)
{
	t->peak_held = max_t(u64, t->peak_held, held);
	t->peak_held_bytes = max(t->peak_held_bytes, s->held_bytes);
}

/* Nothing can progress until a buffer is old enough. */
static int storm_wait(void)
{
	usleep_range(50, 100);
	return 0;
}

static int storm_random(struct dmabench_thread *t, struct storm_state *s,
			const bool timed)
{
	u32 n = t->p->outstanding, i;
	bool do_alloc;

	if (!s->held)
		do_alloc = true;
	else if (s->held == n)
		do_alloc = false;
	else
		do_alloc = storm_rand(s, 2);
	if (!do_alloc) {
		i = storm_rand(s, s->held);
		if (!storm_old_enough(t, &s->slots[i])) {
			if (s->held == n)
				return storm_wait();
			do_alloc = true;
		}
	}
	if (do_alloc) {
		if (!storm_alloc(t, s, &s->slots[s->held], timed))
			s->held++;
	} else {
		storm_free(t, s, &s->slots[i], timed);
		s->slots[i] = s->slots[--s->held];
		memset(&s->slots[s->held], 0, sizeof(s->slots[0]));
	}
	storm_peak(t, s, s->held);
	return 1;
}

static int storm_fifo(struct dmabench_thread *t, struct storm_state *s,
		      const bool timed)
{
	u32 n = t->p->outstanding;
	struct storm_slot *oldest = &s->slots[s->head];
	struct storm_slot *slot;

	if (s->held < n) {
		slot = &s->slots[(s->head + s->held) % n];
		if (!storm_alloc(t, s, slot, timed))
			s->held++;
		storm_peak(t, s, s->held);
		return 1;
	}
	if (!storm_old_enough(t, oldest))
		return storm_wait();
	storm_free(t, s, oldest, timed);
	memset(oldest, 0, sizeof(*oldest));
	s->head = (s->head + 1) % n;
	s->held--;
	return 1;
}

/* Fill until ENOMEM or full, hold, free one per iteration, then stop. */
static int storm_until_enomem(struct dmabench_thread *t, struct storm_state *s,
			      const bool timed)
{
	u32 n = t->p->outstanding;

	/* Every filling iteration is one alloc: full is known after the last. */
	if (!s->full) {
		if (storm_alloc(t, s, &s->slots[s->held], timed))
			s->full = true;
		else if (++s->held == n)
			s->full = true;
		storm_peak(t, s, s->held);
		return 1;
	}
	if (!s->held)
		return -ENOSPC;	/* done: the runner ends this thread */
	if (!storm_old_enough(t, &s->slots[s->held - 1]))
		return storm_wait();
	s->held--;
	storm_free(t, s, &s->slots[s->held], timed);
	memset(&s->slots[s->held], 0, sizeof(s->slots[0]));
	return 1;
}

static __always_inline int storm_iter(struct dmabench_thread *t,
				      const bool timed)
{
	struct storm_state *s = t->priv;

	switch (t->p->pattern) {
	case DMABENCH_STORM_FIFO:
		return storm_fifo(t, s, timed);
	case DMABENCH_STORM_UNTIL_ENOMEM:
		return storm_until_enomem(t, s, timed);
	}
	return storm_random(t, s, timed);
}
DMABENCH_RUN_ONE(storm)

const struct dmabench_scenario_ops dmabench_scn_alloc_storm = {
	.name		= "alloc_storm",
	.summary	= "T threads holding up to N buffers of --variant, sizes drawn",
	.op_names	= { "alloc", "free" },
	.nops		= 2,
	.flags		= DMABENCH_SCN_ALLOC | DMABENCH_SCN_STORM |
			  DMABENCH_SCN_PER_OP,
	.prepare	= storm_prepare,
	.run_one	= storm_run_one,
	.cleanup	= storm_cleanup,
};

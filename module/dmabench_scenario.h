/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scenarios: a table of ops, no switch ladders. Each scenario has a
 * per-thread prepare (allocate, maybe map), run_one (one iteration, every op
 * timed on its own when t->timed) and cleanup (release what prepare made).
 */
#ifndef _DMABENCH_SCENARIO_H
#define _DMABENCH_SCENARIO_H

#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/ktime.h>
#include <uapi/dmabench.h>

#include "dmabench_clock.h"
#include "dmabench_runner.h"

/* struct dmabench_scenario_ops.flags: what validation must check. */
#define DMABENCH_SCN_NENTS	BIT(0)	/* uses nents: 1..MAX, divides size */
#define DMABENCH_SCN_PAIRS	BIT(1)	/* threads come in pairs */
#define DMABENCH_SCN_PER_OP	BIT(2)	/* batch must be 1 */
#define DMABENCH_SCN_STORM	BIT(3)	/* takes the storm params */
#define DMABENCH_SCN_UNAVAILABLE BIT(4)	/* API absent from this kernel */
#define DMABENCH_SCN_ALLOC	BIT(5)	/* allocation scenario */

/*
 * The storm variant an allocation scenario allocates like, so that user
 * space can measure what a held buffer of it costs with alloc_storm.
 */
struct dmabench_alloc_like {
	u32 variant;			/* enum dmabench_alloc_variant */
	unsigned long attrs;		/* fixed attrs; alloc_attrs takes --attrs */
	bool user_attrs;
};

struct dmabench_scenario_ops {
	const char *name;
	const char *summary;
	const char *op_names[DMABENCH_MAX_OPS];
	unsigned int nops;
	unsigned int flags;
	const void *data;		/* the scenario's own constants */
	/*
	 * What user space is told beside the name, so that it need not keep
	 * a copy of this table: the scenario this one is compared with (its
	 * old form) and the size both run at (0: the run's), and the storm
	 * variant it allocates like.
	 */
	const char *pair;
	u64 pair_size_bytes;
	const struct dmabench_alloc_like *alloc_like;
	/*
	 * Returns 0 or -errno; on error it has released what it took.
	 * prepare and cleanup may be NULL when there is nothing to take.
	 */
	int (*prepare)(struct dmabench_thread *t);
	/* One iteration: 1 when done, 0 when it could not progress yet. */
	int (*run_one)(struct dmabench_thread *t);
	void (*cleanup)(struct dmabench_thread *t);
};

extern const struct dmabench_scenario_ops *const dmabench_scenarios[];
extern const unsigned int dmabench_nscenarios;
const struct dmabench_scenario_ops *dmabench_scenario_find(const char *name);
void dmabench_scenario_fill_info(const struct dmabench_scenario_ops *sc,
				 struct dmabench_scenario_info *info);

extern const struct dmabench_scenario_ops dmabench_scn_null;
extern const struct dmabench_scenario_ops dmabench_scn_map_single;
extern const struct dmabench_scenario_ops dmabench_scn_map_page;
extern const struct dmabench_scenario_ops dmabench_scn_map_page_sync;
extern const struct dmabench_scenario_ops dmabench_scn_map_sg;
extern const struct dmabench_scenario_ops dmabench_scn_map_sgtable;
extern const struct dmabench_scenario_ops dmabench_scn_sync_single_for_cpu;
extern const struct dmabench_scenario_ops dmabench_scn_sync_single_for_device;
extern const struct dmabench_scenario_ops dmabench_scn_sync_range;
extern const struct dmabench_scenario_ops dmabench_scn_rx;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_coherent;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_attrs;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_wc;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_attrs_wc;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_nokmap;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_force_contig;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_single_pages;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_noncoherent;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_pages;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_noncontig;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_noncontig_vmap;
extern const struct dmabench_scenario_ops dmabench_scn_pool_alloc;
extern const struct dmabench_scenario_ops dmabench_scn_pci_alloc_consistent;
extern const struct dmabench_scenario_ops dmabench_scn_alloc_storm;
extern const struct dmabench_scenario_ops dmabench_scn_map_phys;
extern const struct dmabench_scenario_ops dmabench_scn_map_page_list;
extern const struct dmabench_scenario_ops dmabench_scn_iova_list;
extern const struct dmabench_scenario_ops dmabench_scn_iova_reuse;
extern const struct dmabench_scenario_ops dmabench_scn_iova_fallback;
extern const struct dmabench_scenario_ops dmabench_scn_map_resource;
extern const struct dmabench_scenario_ops dmabench_scn_map_mmio;
extern const struct dmabench_scenario_ops dmabench_scn_require_coherent;

/*
 * Timing helpers. A scenario writes its iteration once as
 *   static __always_inline int foo_iter(struct dmabench_thread *t, const bool timed)
 * and DMABENCH_RUN_ONE(foo) makes two copies of it: in the timed copy the
 * clock reads are unconditional, so nothing but the op sits between them;
 * in the batched copy they are compiled out unless a trace event wants one.
 * A stamp is in the thread's clock units (TSC counts or ns): differences
 * go through dmabench_delta_ns().
 */
#define DMABENCH_RUN_ONE(fn)						\
static int fn##_run_one(struct dmabench_thread *t)			\
{									\
	return t->timed ? fn##_iter(t, true) : fn##_iter(t, false);	\
}

static __always_inline u64 dmabench_clock(const struct dmabench_thread *t,
					  const bool timed, bool traced)
{
	return (timed || traced) ? dmabench_clock_read(&t->clk) : 0;
}

static __always_inline u64 dmabench_delta_ns(const struct dmabench_thread *t,
					     u64 t0, u64 t1)
{
	return dmabench_clock_ns(&t->clk, t1 - t0);
}

/* Records one op: an error, or (when timed) its latency. */
static __always_inline void dmabench_record(struct dmabench_thread *t,
					    const bool timed, unsigned int op,
					    u64 t0, u64 t1, bool failed)
{
	if (unlikely(failed))
		t->errors[op]++;
	else if (timed)
		dmabench_hist_add(&t->hist[op], dmabench_delta_ns(t, t0, t1));
}

/* Shared prepare/cleanup pieces (scenarios/common.c). */
int dmabench_scn_buf_prepare(struct dmabench_thread *t);
void dmabench_scn_buf_cleanup(struct dmabench_thread *t);
/* Buffer plus one mapping held for the whole run (sync scenarios). */
int dmabench_scn_mapped_prepare(struct dmabench_thread *t);
void dmabench_scn_mapped_cleanup(struct dmabench_thread *t);

#endif /* _DMABENCH_SCENARIO_H */

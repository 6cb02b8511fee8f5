// SPDX-License-Identifier: GPL-2.0
/*
 * The runner: prepares one state per thread, starts T kernel threads bound
 * round robin to the online CPUs, waits (interruptibly) for them, then
 * merges the per-thread histograms into struct dmabench_results.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/dma-mapping.h>
#include <linux/kthread.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/ktime.h>
#include <linux/topology.h>
#include <linux/wait.h>

#include "dmabench_account.h"
#include "dmabench_devices.h"
#include "dmabench_ops.h"
#include "dmabench_runner.h"
#include "dmabench_scenario.h"
#include "dmabench_trace.h"

#define DMABENCH_CLOCK_READS	1000
#define DMABENCH_CLOCK_ROUNDS	5

struct dmabench_run_ctx {
	const struct dmabench_scenario_ops *sc;
	const struct dmabench_params *p;
	const struct dmabench_size_weight *sizes;
	struct dmabench_dev *d;
	struct dmabench_thread *threads;
	unsigned int nthreads;
	unsigned int nhist;		/* the ops' histograms per thread */
	struct dmabench_clk clk;	/* per-op runs: the run's clock */
	struct dmabench_clk_cal cal;
	u64 deadline_ns;		/* duration runs */
	atomic_t running;		/* threads still in their loop */
	bool stop;			/* signal or unbind: leave the loop */
};

/*
 * The best of a few means of back-to-back reads: the mean absorbs the
 * read's own granularity, the minimum drops rounds hit by an interrupt.
 */
u64 dmabench_clock_read_ns(void)
{
	u64 best = U64_MAX, t0, t1;
	unsigned int r, i;

	for (r = 0; r < DMABENCH_CLOCK_ROUNDS; r++) {
		t0 = ktime_get_ns();
		for (i = 0; i < DMABENCH_CLOCK_READS; i++)
			ktime_get_ns();
		t1 = ktime_get_ns();
		best = min(best, div_u64(t1 - t0, DMABENCH_CLOCK_READS));
	}
	return best;
}

unsigned int dmabench_run_nops(const struct dmabench_scenario_ops *sc,
			       const struct dmabench_params *p)
{
	return p->batch > 1 ? 1 : sc->nops;
}

static bool dmabench_thread_done(struct dmabench_thread *t)
{
	struct dmabench_run_ctx *r = t->run;

	if (READ_ONCE(r->stop))
		return true;
	if (r->p->iterations)
		return t->iterations >= r->p->iterations;
	return ktime_get_ns() >= r->deadline_ns;
}

/* After the ops' histograms: the floor's, then the whole iterations'. */
#define DMABENCH_HIST_FLOOR(r)		((r)->nhist)
#define DMABENCH_HIST_ITERATION(r)	((r)->nhist + 1)
#define DMABENCH_NHIST_ALL(r)		((r)->nhist + 2)

/*
 * The floor of a per-op sample: two stamps with nothing between them, as
 * the null scenario takes them.
 */
static void dmabench_floor(struct dmabench_thread *t)
{
	struct dmabench_hist *h = &t->hist[DMABENCH_HIST_FLOOR(t->run)];
	unsigned int i;
	u64 t0, t1;

	for (i = 0; i < DMABENCH_FLOOR_PAIRS; i++) {
		t0 = dmabench_clock(t, true, false);
		t1 = dmabench_clock(t, true, false);
		dmabench_hist_add(h, dmabench_delta_ns(t, t0, t1));
	}
}

/* The thread's failed ops so far: an iteration that adds one failed. */
static u64 dmabench_op_errors(const struct dmabench_thread *t)
{
	unsigned int op;
	u64 n = 0;

	for (op = 0; op < t->run->sc->nops; op++)
		n += t->errors[op];
	return n;
}

/*
 * batch == 1: run_one times each op itself; the stamps around it time the
 * whole iteration, since the tail of a sum is not the sum of the ops' tails.
 */
static void dmabench_loop_per_op(struct dmabench_thread *t)
{
	const struct dmabench_scenario_ops *sc = t->run->sc;
	struct dmabench_hist *iter = &t->hist[DMABENCH_HIST_ITERATION(t->run)];
	u64 t0, t1, errors = 0, now;
	int ret;

	dmabench_floor(t);
	while (!dmabench_thread_done(t)) {
		t0 = dmabench_clock(t, true, false);
		ret = sc->run_one(t);
		t1 = dmabench_clock(t, true, false);
		if (ret < 0)
			break;
		/* 0: nothing to do yet (rx's ring full or empty), no iteration */
		if (ret) {
			t->iterations += ret;
			now = dmabench_op_errors(t);
			if (now != errors)
				t->iteration_errors++;
			else
				dmabench_hist_add(iter, dmabench_delta_ns(t, t0, t1));
			errors = now;
		}
		cond_resched();
	}
}

/* batch == N: N whole iterations timed as one sample of their mean. */
static void dmabench_loop_batched(struct dmabench_thread *t)
{
	const struct dmabench_scenario_ops *sc = t->run->sc;
	u32 i, batch = t->p->batch;
	u64 t0, t1;

	while (!dmabench_thread_done(t)) {
		t0 = ktime_get_ns();
		for (i = 0; i < batch; i++)
			sc->run_one(t);
		t1 = ktime_get_ns();
		dmabench_hist_add(&t->hist[0], div_u64(t1 - t0, batch));
		t->iterations += batch;
		cond_resched();
	}
}

static int dmabench_thread_fn(void *data)
{
	struct dmabench_thread *t = data;
	struct dmabench_run_ctx *r = t->run;

	if (t->timed)
		dmabench_loop_per_op(t);
	else
		dmabench_loop_batched(t);

	if (atomic_dec_and_test(&r->running))
		wake_up_all(&r->d->wq);

	/* Stay until kthread_stop(): the runner still holds our task. */
	set_current_state(TASK_INTERRUPTIBLE);
	while (!kthread_should_stop()) {
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static void dmabench_threads_free(struct dmabench_run_ctx *r)
{
	unsigned int i;

	for (i = 0; i < r->nthreads; i++)
		kvfree(r->threads[i].hist);
	kvfree(r->threads);
}

static int dmabench_threads_alloc(struct dmabench_run_ctx *r)
{
	const struct dmabench_params *p = r->p;
	struct device *dev = dmabench_dev_via(r->d, p->via);
	struct dmabench_thread *t;
	unsigned int i, h;
	int cpu = -1;

	r->threads = kvcalloc(r->nthreads, sizeof(*r->threads), GFP_KERNEL);
	if (!r->threads)
		return -ENOMEM;
	for (i = 0; i < r->nthreads; i++) {
		t = &r->threads[i];
		cpu = cpumask_next(cpu, cpu_online_mask);
		if (cpu >= nr_cpu_ids)
			cpu = cpumask_first(cpu_online_mask);
		t->run = r;
		t->p = p;
		t->dev = dev;
		t->timed = p->batch == 1;
		t->trace_direct = p->via == DMABENCH_VIA_DIRECT;
		if (t->timed)
			t->clk = r->clk;
		t->dir = p->direction;
		t->attrs = p->attrs;
		t->size = p->size_bytes;
		t->index = i;
		t->scn_data = r->sc->data;
		t->sizes = r->sizes;
		t->cpu = cpu;
		t->node = cpu_to_node(cpu);
		if (r->sc->flags & DMABENCH_SCN_PAIRS)
			t->peer = &r->threads[i ^ 1];	/* threads is even */
		t->hist = kvmalloc_array(DMABENCH_NHIST_ALL(r), sizeof(*t->hist),
					 GFP_KERNEL);
		if (!t->hist)
			return -ENOMEM;	/* caller frees what was made */
		for (h = 0; h < DMABENCH_NHIST_ALL(r); h++)
			dmabench_hist_init(&t->hist[h]);
	}
	return 0;
}

/* Unwinds prepare in reverse order: a thread may use an earlier peer's state. */
static void dmabench_cleanup(struct dmabench_run_ctx *r, unsigned int prepared)
{
	while (r->sc->cleanup && prepared--)
		r->sc->cleanup(&r->threads[prepared]);
}

static int dmabench_prepare(struct dmabench_run_ctx *r, unsigned int *prepared)
{
	int ret;

	for (*prepared = 0; *prepared < r->nthreads; (*prepared)++) {
		ret = r->sc->prepare ? r->sc->prepare(&r->threads[*prepared]) : 0;
		if (ret)
			return ret;
	}
	return 0;
}

/* The floor histograms, merged: its count and sum, and its buckets. */
static void dmabench_merge_floor(struct dmabench_run_ctx *r,
				 struct dmabench_results *res, u64 *floor_out,
				 struct dmabench_hist *sum)
{
	unsigned int i;

	dmabench_hist_init(sum);
	for (i = 0; i < r->nthreads; i++)
		dmabench_hist_merge(sum, &r->threads[i].hist[DMABENCH_HIST_FLOOR(r)]);
	res->floor_count = sum->count;
	res->floor_sum_ns = sum->sum_ns;
	if (floor_out)
		memcpy(floor_out, sum->buckets, sizeof(sum->buckets));
}

/* Whole iterations of a per-op run, merged; a batched run leaves out zero. */
static void dmabench_merge_iterations(struct dmabench_run_ctx *r,
				      struct dmabench_iteration *out,
				      struct dmabench_hist *sum)
{
	unsigned int i;

	if (!out || r->p->batch > 1)
		return;
	dmabench_hist_init(sum);
	for (i = 0; i < r->nthreads; i++)
		dmabench_hist_merge(sum, &r->threads[i].hist[DMABENCH_HIST_ITERATION(r)]);
	dmabench_hist_to_stats(sum, &out->stats);
	strscpy(out->stats.name, "whole_iteration", sizeof(out->stats.name));
	out->stats.ops_per_sample = 1;
	for (i = 0; i < r->nthreads; i++)
		out->stats.errors += r->threads[i].iteration_errors;
	memcpy(out->buckets, sum->buckets, sizeof(sum->buckets));
}

static void dmabench_merge(struct dmabench_run_ctx *r,
			   struct dmabench_results *res, u64 *hist_out,
			   struct dmabench_hist *sum)
{
	bool batched = r->p->batch > 1;
	struct dmabench_op_stats *st;
	unsigned int h, i, op;

	res->nops = r->nhist;
	res->threads = r->nthreads;
	for (h = 0; h < r->nhist; h++) {
		st = &res->ops[h];
		dmabench_hist_init(sum);
		for (i = 0; i < r->nthreads; i++)
			dmabench_hist_merge(sum, &r->threads[i].hist[h]);
		dmabench_hist_to_stats(sum, st);
		strscpy(st->name, batched ? "iteration" : r->sc->op_names[h],
			sizeof(st->name));
		st->ops_per_sample = r->p->batch;
		/* Batched: every op's errors belong to the one histogram. */
		for (i = 0; i < r->nthreads; i++)
			for (op = 0; op < r->sc->nops; op++)
				if (batched || op == h)
					st->errors += r->threads[i].errors[op];
		if (hist_out)
			memcpy(hist_out + (size_t)h * DMABENCH_HIST_BUCKETS,
			       sum->buckets, sizeof(sum->buckets));
	}
	for (i = 0; i < r->nthreads; i++) {
		res->iterations += r->threads[i].iterations;
		res->peak_outstanding += r->threads[i].peak_held;
		res->peak_outstanding_bytes += r->threads[i].peak_held_bytes;
		dmabench_account(DMABENCH_RES_MAPPINGS,
				 r->threads[i].mappings);
	}
}

/* Creates every thread (bound, not yet running). */
static int dmabench_threads_create(struct dmabench_run_ctx *r,
				   unsigned int *created)
{
	struct dmabench_thread *t;

	for (*created = 0; *created < r->nthreads; (*created)++) {
		t = &r->threads[*created];
		t->task = kthread_create_on_node(dmabench_thread_fn, t, t->node,
						 "dmabench/%u", t->index);
		if (IS_ERR(t->task)) {
			int ret = PTR_ERR(t->task);

			t->task = NULL;
			return ret;
		}
		kthread_bind(t->task, t->cpu);
	}
	return 0;
}

/*
 * kthread_stop() on a thread that never ran returns without running it;
 * on one that did, it waits for dmabench_thread_fn() to return.
 */
static void dmabench_threads_stop(struct dmabench_run_ctx *r,
				  unsigned int created)
{
	unsigned int i;

	for (i = 0; i < created; i++)
		kthread_stop(r->threads[i].task);
}

/* Sets the run's mask on the bound device and mirrors it to the ops child. */
static int dmabench_set_mask(struct dmabench_dev *d, u64 mask, u64 coherent)
{
	int ret;

	ret = dma_set_mask(d->dev, mask);
	if (!ret)
		ret = dma_set_coherent_mask(d->dev, coherent);
	dmabench_ops_sync(d->ops_dev);
	return ret;
}

static int dmabench_run_threads(struct dmabench_run_ctx *r,
				struct dmabench_results *res)
{
	struct dmabench_dev *d = r->d;
	unsigned int created, i;
	u64 start;
	int ret, wret;

	ret = dmabench_threads_create(r, &created);
	if (ret) {
		dmabench_threads_stop(r, created);
		return ret;
	}

	trace_dmabench_run_start(r->sc->name, d->name, r->p->via, r->nthreads,
			r->p->iterations, 0);
	atomic_set(&r->running, r->nthreads);
	start = ktime_get_ns();
	r->deadline_ns = start + r->p->duration_ns;
	for (i = 0; i < r->nthreads; i++)
		wake_up_process(r->threads[i].task);

	wret = wait_event_interruptible(d->wq, !atomic_read(&r->running) ||
					READ_ONCE(d->gone));
	WRITE_ONCE(r->stop, true);
	dmabench_threads_stop(r, created);
	res->elapsed_ns = ktime_get_ns() - start;

	if (wret)
		return -EINTR;
	if (READ_ONCE(d->gone))
		return -ENODEV;
	return 0;
}

int dmabench_run(struct dmabench_dev *d, const struct dmabench_scenario_ops *sc,
		 const struct dmabench_params *p,
		 const struct dmabench_size_weight *sizes,
		 struct dmabench_results *res, u64 *hist_out, u64 *floor_out,
		 struct dmabench_iteration *iter_out)
{
	struct dmabench_run_ctx r = {
		.sc = sc,
		.p = p,
		.sizes = sizes,
		.d = d,
		.nthreads = p->threads,
		.nhist = dmabench_run_nops(sc, p),
	};
	u64 old_mask = dma_get_mask(d->dev);
	u64 old_coherent = d->dev->coherent_dma_mask;
	struct dmabench_hist *sum;
	unsigned int prepared = 0;
	int ret;

	memset(res, 0, sizeof(*res));
	sum = kvmalloc(sizeof(*sum), GFP_KERNEL);
	if (!sum)
		return -ENOMEM;

	if (p->dma_mask_bits) {
		ret = dmabench_set_mask(d, DMA_BIT_MASK(p->dma_mask_bits),
					DMA_BIT_MASK(p->dma_mask_bits));
		if (ret)
			goto out_mask;
	}

	/* Batched samples are loop-timed with ktime_get_ns(). */
	ret = dmabench_clock_setup(p->batch > 1 ? DMABENCH_CLOCK_KTIME : p->clock,
				   &r.clk, &r.cal, res);
	if (ret)
		goto out_threads;
	ret = dmabench_threads_alloc(&r);
	if (ret)
		goto out_threads;
	ret = dmabench_prepare(&r, &prepared);
	if (ret)
		goto out_cleanup;

	res->clock_read_ns = dmabench_clock_read_ns();
	ret = dmabench_run_threads(&r, res);
	dmabench_clock_check(&r.clk, &r.cal, res);
	dmabench_merge(&r, res, hist_out, sum);
	dmabench_merge_floor(&r, res, floor_out, sum);
	dmabench_merge_iterations(&r, iter_out, sum);
	trace_dmabench_run_end(sc->name, d->name, p->via, r.nthreads, res->iterations,
		      res->elapsed_ns);

out_cleanup:
	dmabench_cleanup(&r, prepared);
out_threads:
	if (r.threads)
		dmabench_threads_free(&r);
out_mask:
	if (p->dma_mask_bits)
		dmabench_set_mask(d, old_mask, old_coherent);
	kvfree(sum);
	return ret;
}

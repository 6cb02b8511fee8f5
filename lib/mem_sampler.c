// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mem_sampler.h"

uint64_t vm_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void stat_add(struct vm_stat *st, uint64_t v, bool first)
{
	if (first) {
		st->baseline = st->peak = st->min = st->end = v;
		return;
	}
	st->peak = v > st->peak ? v : st->peak;
	st->min = v < st->min ? v : st->min;
	st->end = v;
}

void vm_summary_add(struct vm_summary *sum, const struct vm_sample *s,
		    uint32_t ncallers, bool first)
{
	uint32_t i;

	if (first) {
		sum->have_vmallocinfo = s->have_vmallocinfo;
		sum->have_meminfo = s->have_meminfo;
		sum->have_counters = true;
		for (i = 0; i < VM_NR_COUNTERS; i++)
			sum->have_counters &= s->counters[i] >= 0;
		sum->have_swiotlb = s->swiotlb_used >= 0;
		sum->ncallers = 0;
	}
	sum->nsamples++;
	stat_add(&sum->bytes, s->bytes, first);
	stat_add(&sum->areas, s->areas, first);
	stat_add(&sum->dma_bytes, s->dma_bytes, first);
	stat_add(&sum->dma_areas, s->dma_areas, first);
	stat_add(&sum->vmalloc_used_bytes, s->vmalloc_used_bytes, first);
	stat_add(&sum->memfree_bytes, s->memfree_bytes, first);
	stat_add(&sum->iommu_pages_bytes, s->iommu_pages_bytes, first);
	stat_add(&sum->swiotlb_used_slots, s->swiotlb_used < 0 ? 0 :
		 (uint64_t)s->swiotlb_used, first);
	for (i = 0; i < VM_NR_COUNTERS; i++)
		stat_add(&sum->counters[i], s->counters[i] < 0 ? 0 :
			 (uint64_t)s->counters[i], first);
	/* Callers that appear later start from a baseline of 0. */
	for (i = 0; i < ncallers; i++) {
		bool new_caller = i >= sum->ncallers;

		if (new_caller && !first) {
			memset(&sum->caller_bytes[i], 0, sizeof(sum->caller_bytes[i]));
			memset(&sum->caller_areas[i], 0, sizeof(sum->caller_areas[i]));
		}
		stat_add(&sum->caller_bytes[i], s->caller_bytes[i], first);
		stat_add(&sum->caller_areas[i], s->caller_areas[i], first);
	}
	if (ncallers > sum->ncallers)
		sum->ncallers = ncallers;
}

static uint64_t stat_at(const struct vm_stat *st, bool at_end)
{
	return at_end ? st->end : st->baseline;
}

/*
 * The rule's figures at the baseline or at the end. swiotlb slots are not
 * judged (-1 on both sides): the CLI runs beside whatever else the machine
 * does, and under swiotlb=force every other device's I/O takes slots too.
 */
static struct vm_totals summary_totals(const struct vm_summary *sum, bool at_end)
{
	struct vm_totals t = {
		.have_vmallocinfo = sum->have_vmallocinfo,
		.have_meminfo = sum->have_meminfo,
		.dma_bytes = stat_at(&sum->dma_bytes, at_end),
		.dma_areas = stat_at(&sum->dma_areas, at_end),
		.memfree_bytes = stat_at(&sum->memfree_bytes, at_end),
		.iommu_pages_bytes = stat_at(&sum->iommu_pages_bytes, at_end),
		.swiotlb_used = -1,
	};
	uint32_t i;

	for (i = 0; i < VM_NR_COUNTERS; i++)
		t.counters[i] = sum->have_counters ?
				(int64_t)stat_at(&sum->counters[i], at_end) : -1;
	return t;
}

void vm_summary_finish(struct vm_summary *sum)
{
	static const struct vm_rule rule = {
		.memfree_tolerance_bytes = VM_MEMFREE_TOLERANCE_BYTES,
	};
	struct vm_totals b = summary_totals(sum, false), e = summary_totals(sum, true);

	sum->back_to_baseline = vm_back_to_baseline(&b, &e, &rule, NULL, 0);
}

static void row(FILE *fp, uint64_t t, const char *metric, const char *caller,
		uint64_t v, const char *unit)
{
	fprintf(fp, "%" PRIu64 ",%s,", t, metric);
	/* Caller names hold no quote; a comma is quoted (RFC 4180). */
	if (strchr(caller, ','))
		fprintf(fp, "\"%s\"", caller);
	else
		fputs(caller, fp);
	fprintf(fp, ",%" PRIu64 ",%s\n", v, unit);
}

int vm_timeline_write(FILE *fp, const struct vm_sample *s,
		      const struct vm_callers *callers)
{
	uint32_t i;

	if (s->have_vmallocinfo) {
		row(fp, s->t_ns, "vmalloc_bytes", "all", s->bytes, "bytes");
		row(fp, s->t_ns, "vmalloc_areas", "all", s->areas, "areas");
		row(fp, s->t_ns, "vmalloc_bytes", "dma", s->dma_bytes, "bytes");
		row(fp, s->t_ns, "vmalloc_areas", "dma", s->dma_areas, "areas");
		for (i = 0; i < callers->n; i++) {
			if (!s->caller_areas[i])
				continue;
			row(fp, s->t_ns, "vmalloc_bytes", callers->name[i],
			    s->caller_bytes[i], "bytes");
			row(fp, s->t_ns, "vmalloc_areas", callers->name[i],
			    s->caller_areas[i], "areas");
		}
	}
	if (s->have_meminfo) {
		row(fp, s->t_ns, "vmalloc_used_bytes", "meminfo",
		    s->vmalloc_used_bytes, "bytes");
		row(fp, s->t_ns, "memfree_bytes", "meminfo", s->memfree_bytes, "bytes");
	}
	if (s->swiotlb_used >= 0)
		row(fp, s->t_ns, "swiotlb_used_slots", "swiotlb",
		    (uint64_t)s->swiotlb_used, "slots");
	for (i = 0; i < VM_NR_COUNTERS; i++)
		if (s->counters[i] >= 0)
			row(fp, s->t_ns, vm_counter_names[i], "dmabench",
			    (uint64_t)s->counters[i], "count");
	return ferror(fp) ? -1 : 0;
}

static void *sampler_thread(void *arg)
{
	struct vm_sampler *vs = arg;
	struct timespec deadline;

	pthread_mutex_lock(&vs->lock);
	while (!vs->stop) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += (time_t)(vs->interval_ns / 1000000000ULL);
		deadline.tv_nsec += (long)(vs->interval_ns % 1000000000ULL);
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000L;
		}
		while (!vs->stop && pthread_cond_timedwait(&vs->cond, &vs->lock,
							   &deadline) != ETIMEDOUT)
			;
		if (vs->stop)
			break;
		vm_sample_take(&vs->src, vs->callers, vs->scratch);
		vs->scratch->t_ns = vm_now_ns() - vs->t0_ns;
		vm_summary_add(vs->sum, vs->scratch, vs->callers->n, false);
		if (vs->timeline)
			vm_timeline_write(vs->timeline, vs->scratch, vs->callers);
	}
	pthread_mutex_unlock(&vs->lock);
	return NULL;
}

static int cond_init_monotonic(pthread_cond_t *cond)
{
	pthread_condattr_t attr;
	int ret;

	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	ret = pthread_cond_init(cond, &attr);
	pthread_condattr_destroy(&attr);
	return ret;
}

int vm_sampler_start(struct vm_sampler *vs, const struct vm_sources *src,
		     struct vm_callers *callers, uint64_t interval_ns,
		     uint64_t t0_ns, FILE *timeline, struct vm_summary *sum)
{
	sigset_t block, old;
	int ret;

	memset(vs, 0, sizeof(*vs));
	vs->src = *src;
	vs->interval_ns = interval_ns;
	vs->t0_ns = t0_ns;
	vs->timeline = timeline;
	vs->sum = sum;
	vs->callers = callers;
	vs->scratch = calloc(1, sizeof(*vs->scratch));
	if (!vs->scratch)
		return -ENOMEM;
	memset(sum, 0, sizeof(*sum));
	sum->interval_ns = interval_ns;
	/* Baseline, before the run. */
	vm_sample_take(&vs->src, vs->callers, vs->scratch);
	vs->scratch->t_ns = vm_now_ns() - t0_ns;
	vm_summary_add(sum, vs->scratch, vs->callers->n, true);
	if (timeline)
		vm_timeline_write(timeline, vs->scratch, vs->callers);
	pthread_mutex_init(&vs->lock, NULL);
	ret = cond_init_monotonic(&vs->cond);
	if (ret)
		goto err_mutex;
	sigfillset(&block);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	ret = pthread_create(&vs->thread, NULL, sampler_thread, vs);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (ret)
		goto err_cond;
	vs->running = true;
	return 0;
err_cond:
	pthread_cond_destroy(&vs->cond);
err_mutex:
	pthread_mutex_destroy(&vs->lock);
	free(vs->scratch);
	vs->scratch = NULL;
	return -ret;
}

void vm_sampler_stop(struct vm_sampler *vs)
{
	if (!vs->running)
		return;
	pthread_mutex_lock(&vs->lock);
	vs->stop = 1;
	pthread_cond_signal(&vs->cond);
	pthread_mutex_unlock(&vs->lock);
	pthread_join(vs->thread, NULL);
	vs->running = false;
	/* After the run. */
	vm_sample_take(&vs->src, vs->callers, vs->scratch);
	vs->scratch->t_ns = vm_now_ns() - vs->t0_ns;
	vm_summary_add(vs->sum, vs->scratch, vs->callers->n, false);
	if (vs->timeline)
		vm_timeline_write(vs->timeline, vs->scratch, vs->callers);
	vm_summary_finish(vs->sum);
	pthread_cond_destroy(&vs->cond);
	pthread_mutex_destroy(&vs->lock);
	free(vs->scratch);
	vs->scratch = NULL;
}

static json_t *u64j(uint64_t v)
{
	return json_integer(v > INT64_MAX ? INT64_MAX : (json_int_t)v);
}

static json_t *stat_json(const struct vm_stat *st, bool with_min)
{
	json_t *o = json_pack("{s:o,s:o,s:o}", "baseline", u64j(st->baseline),
			      "peak", u64j(st->peak), "end", u64j(st->end));

	if (o && with_min)
		json_object_set_new(o, "min", u64j(st->min));
	return o;
}

json_t *vm_summary_to_json(const struct vm_summary *sum,
			   const struct vm_callers *callers)
{
	json_t *o = json_object(), *by = json_object(), *cnt = json_object();
	bool ok = o && by && cnt;
	uint32_t i;

	if (!ok)
		goto fail;
	ok &= !json_object_set_new(o, "samples", u64j(sum->nsamples));
	ok &= !json_object_set_new(o, "interval_ns", u64j(sum->interval_ns));
	ok &= !json_object_set_new(o, "source", json_string(
		"/proc/vmallocinfo (unpurged and vm_map_ram areas left out), "
		"/proc/meminfo, /proc/vmstat, debugfs swiotlb/io_tlb_used and dmabench/"));
	if (sum->have_vmallocinfo) {
		ok &= !json_object_set_new(o, "vmalloc_bytes", stat_json(&sum->bytes, false));
		ok &= !json_object_set_new(o, "vmalloc_areas", stat_json(&sum->areas, false));
		ok &= !json_object_set_new(o, "dma_vmalloc_bytes", stat_json(&sum->dma_bytes, false));
		ok &= !json_object_set_new(o, "dma_vmalloc_areas", stat_json(&sum->dma_areas, false));
		for (i = 0; callers && i < sum->ncallers && i < callers->n; i++) {
			const struct vm_stat *b = &sum->caller_bytes[i];

			/* Callers that moved during the run, and every DMA caller. */
			if (b->baseline == b->peak && b->peak == b->end && b->min == b->end &&
			    !vm_is_dma_caller(callers->name[i]))
				continue;
			ok &= !json_object_set_new(by, callers->name[i], json_pack(
				"{s:o,s:o}", "bytes", stat_json(b, true),
				"areas", stat_json(&sum->caller_areas[i], true)));
		}
	} else {
		ok &= !json_object_set_new(o, "vmalloc_bytes", json_null());
	}
	ok &= !json_object_set_new(o, "by_caller", by);
	by = NULL;
	if (sum->have_meminfo) {
		ok &= !json_object_set_new(o, "meminfo_vmalloc_used_bytes",
					   stat_json(&sum->vmalloc_used_bytes, false));
		ok &= !json_object_set_new(o, "meminfo_memfree_bytes",
					   stat_json(&sum->memfree_bytes, true));
		ok &= !json_object_set_new(o, "vmstat_iommu_pages_bytes",
					   stat_json(&sum->iommu_pages_bytes, false));
	}
	/* Slots of IO_TLB_SIZE (2 KiB); null: no swiotlb. Not judged. */
	ok &= !json_object_set_new(o, "swiotlb_used_slots", sum->have_swiotlb ?
				   stat_json(&sum->swiotlb_used_slots, false) : json_null());
	for (i = 0; sum->have_counters && i < VM_NR_COUNTERS; i++)
		ok &= !json_object_set_new(cnt, vm_counter_names[i],
					   stat_json(&sum->counters[i], false));
	ok &= !json_object_set_new(o, "module_counters",
				   sum->have_counters ? cnt : json_null());
	if (!sum->have_counters)
		json_decref(cnt);
	cnt = NULL;
	ok &= !json_object_set_new(o, "back_to_baseline", json_boolean(sum->back_to_baseline));
	ok &= !json_object_set_new(o, "tolerance", json_pack(
		"{s:i,s:i,s:I,s:i,s:s}", "dma_vmalloc_bytes", 0, "dma_vmalloc_areas", 0,
		"memfree_bytes", (json_int_t)VM_MEMFREE_TOLERANCE_BYTES,
		"module_counters", 0,
		"rule", "end equals baseline exactly, MemFree at most the tolerance below, net of the IOMMU page tables' growth"));
	if (ok)
		return o;
fail:
	json_decref(o);
	json_decref(by);
	json_decref(cnt);
	return NULL;
}

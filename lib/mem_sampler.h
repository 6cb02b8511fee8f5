/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The memory sampler of a run: samples of mem_sample.h taken before,
 * during (a pthread, every interval) and after a run, folded into a
 * summary, written as a timeline and as JSON.
 */
#ifndef DMABENCH_MEM_SAMPLER_H
#define DMABENCH_MEM_SAMPLER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>
#include "mem_sample.h"

struct vm_stat {
	uint64_t baseline, peak, min, end;
};

/* What one run did to vmalloc: baseline (before), peak/min (all samples), end (after). */
struct vm_summary {
	uint64_t nsamples, interval_ns;
	bool have_vmallocinfo, have_meminfo, have_counters, have_swiotlb;
	struct vm_stat bytes, areas, dma_bytes, dma_areas;
	struct vm_stat vmalloc_used_bytes, memfree_bytes, iommu_pages_bytes;
	struct vm_stat swiotlb_used_slots;
	struct vm_stat counters[VM_NR_COUNTERS];
	uint32_t ncallers;
	struct vm_stat caller_bytes[VM_MAX_CALLERS], caller_areas[VM_MAX_CALLERS];
	bool back_to_baseline;
};

/*
 * A sampler over one run: vm_sampler_start takes the baseline and starts
 * the thread (signals blocked in it, so SIGINT reaches the run's ioctl);
 * vm_sampler_stop joins it and takes the end sample. Every sample goes to
 * timeline (long CSV, NULL = none) and into the summary.
 */
struct vm_sampler {
	struct vm_sources src;
	struct vm_callers *callers;
	struct vm_sample *scratch;
	struct vm_summary *sum;
	FILE *timeline;
	uint64_t t0_ns;			/* CLOCK_MONOTONIC at start; timeline origin */
	uint64_t interval_ns;
	pthread_t thread;
	bool running;
	volatile int stop;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

/* The timeline CSV header. */
#define VM_TIMELINE_HEADER "t_ns,metric,caller,value,unit\n"

/* t0_ns: the timeline's origin (CLOCK_MONOTONIC ns), shared by repetitions;
 * callers: the caller's name table, shared likewise (names in the summary). */
int vm_sampler_start(struct vm_sampler *vs, const struct vm_sources *src,
		     struct vm_callers *callers, uint64_t interval_ns,
		     uint64_t t0_ns, FILE *timeline, struct vm_summary *sum);
void vm_sampler_stop(struct vm_sampler *vs);

/* Folds a sample into sum (first sample = baseline). */
void vm_summary_add(struct vm_summary *sum, const struct vm_sample *s,
		    uint32_t ncallers, bool first);
/* Decides back_to_baseline from the end figures. swiotlb slots are
 * reported, not judged: outside the lab other devices bounce too. */
void vm_summary_finish(struct vm_summary *sum);
/* Rows of one sample. */
int vm_timeline_write(FILE *fp, const struct vm_sample *s,
		      const struct vm_callers *callers);

/* The summary as JSON: totals, DMA callers, meminfo, swiotlb slots in use,
 * counters, per caller (callers whose figures moved, and every DMA
 * caller), the tolerance. */
json_t *vm_summary_to_json(const struct vm_summary *sum,
			   const struct vm_callers *callers);

uint64_t vm_now_ns(void);

#endif

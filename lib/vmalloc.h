/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmalloc sampler: /proc/vmallocinfo (areas and bytes, by caller),
 * /proc/meminfo (VmallocUsed, MemFree) and dmabench.ko's debugfs counters,
 * sampled before, during (a pthread, every interval) and after a run.
 *
 * vmallocinfo lines marked "unpurged" (freed, lazily purged) or
 * "vm_map_ram" are left out: they are not held by anyone. A caller is the
 * function name without its +offset/size, with " [module]" kept. The "dma"
 * figures add up the DMA-API callers (dma_*, iommu_*) and the module's own.
 * In 6.1 VmallocUsed counts vmalloc() pages only, not vmap() remaps: the
 * DMA remaps show in vmallocinfo alone.
 */
#ifndef DMABENCH_VMALLOC_H
#define DMABENCH_VMALLOC_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>

#define VM_MAX_CALLERS		512	/* more go to VM_OTHER_CALLER */
#define VM_CALLER_LEN		80
#define VM_OTHER_CALLER		"(other)"

/* The module's debugfs counters, in /sys/kernel/debug/dmabench/. */
enum vm_counter {
	VM_CNT_BUFFERS, VM_CNT_MAPPINGS, VM_CNT_KERNEL_MAPPINGS,
	VM_CNT_DMA_BUFFERS, VM_CNT_VMAPS, VM_NR_COUNTERS
};
extern const char *const vm_counter_names[VM_NR_COUNTERS];

/*
 * Back to baseline: DMA vmalloc bytes and areas and every debugfs counter
 * exactly; MemFree within this much (pages left on per-CPU lists, IOMMU
 * page tables and IOVA caches stay after a storm: up to 20 MiB measured on
 * iommu-strict after a 14 x 1 MiB storm).
 */
#define VM_MEMFREE_TOLERANCE_BYTES	(24ULL << 20)

/* Where the samples come from; tests point them at fixtures. */
struct vm_sources {
	const char *vmallocinfo;	/* /proc/vmallocinfo */
	const char *meminfo;		/* /proc/meminfo */
	const char *debugfs_dir;	/* /sys/kernel/debug/dmabench */
};
extern const struct vm_sources vm_default_sources;

/* Interned caller names, shared by every sample of a run. */
struct vm_callers {
	uint32_t n;
	char name[VM_MAX_CALLERS][VM_CALLER_LEN];
};

struct vm_sample {
	uint64_t t_ns;				/* since the sampler started */
	uint64_t bytes, areas;			/* every held area */
	uint64_t dma_bytes, dma_areas;		/* DMA-API and dmabench callers */
	uint64_t caller_bytes[VM_MAX_CALLERS];	/* by vm_callers index */
	uint64_t caller_areas[VM_MAX_CALLERS];
	bool have_vmallocinfo, have_meminfo;
	uint64_t vmalloc_used_bytes, memfree_bytes;
	int64_t counters[VM_NR_COUNTERS];	/* -1: not readable */
};

/* Parsers: 0, or -1 when nothing could be read (errno-free, for fixtures). */
int vm_parse_vmallocinfo(FILE *fp, struct vm_callers *callers,
			 struct vm_sample *s);
int vm_parse_meminfo(FILE *fp, struct vm_sample *s);
/* "dma_common_pages_remap+0x5c/0x80 [dmabench]" -> "dma_common_pages_remap [dmabench]". */
void vm_caller_name(const char *field, const char *module, char *out, size_t len);
bool vm_is_dma_caller(const char *caller);

/* One sample from src (every part optional: missing parts are flagged). */
void vm_sample_take(const struct vm_sources *src, struct vm_callers *callers,
		    struct vm_sample *s);

struct vm_stat {
	uint64_t baseline, peak, min, end;
};

/* What one run did to vmalloc: baseline (before), peak/min (all samples), end (after). */
struct vm_summary {
	uint64_t nsamples, interval_ns;
	bool have_vmallocinfo, have_meminfo, have_counters;
	struct vm_stat bytes, areas, dma_bytes, dma_areas;
	struct vm_stat vmalloc_used_bytes, memfree_bytes;
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
/* Decides back_to_baseline from the end figures. */
void vm_summary_finish(struct vm_summary *sum);
/* Rows of one sample. */
int vm_timeline_write(FILE *fp, const struct vm_sample *s,
		      const struct vm_callers *callers);

/* The summary as JSON: totals, DMA callers, meminfo, counters, per caller
 * (callers whose figures moved, and every DMA caller), the tolerance. */
json_t *vm_summary_to_json(const struct vm_summary *sum,
			   const struct vm_callers *callers);

uint64_t vm_now_ns(void);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel holds for DMA, in one sample, and the one rule that says
 * whether a run or a test gave it all back. Every check uses this file: the
 * CLI's sampler (mem_sampler.c), the module tests (tests/module/leakcheck.h)
 * and the guest scripts (tests/module/leakcheck.sh, through the leakcheck
 * program). It needs nothing but libc, so the i386 test programs build it.
 *
 * Sources: /proc/vmallocinfo (bytes and areas, by caller), /proc/meminfo
 * (MemFree, VmallocUsed), /proc/vmstat (nr_iommu_pages, from 6.11), the
 * swiotlb's slots in use and dmabench.ko's debugfs counters.
 *
 * vmallocinfo lines marked "unpurged" (freed, lazily purged) or
 * "vm_map_ram" are left out: nobody holds them. A caller is the function
 * name without its +offset/size, with " [module]" kept. In 6.1 VmallocUsed
 * counts vmalloc() pages only, not vmap() remaps: the DMA remaps show in
 * vmallocinfo alone.
 */
#ifndef DMABENCH_MEM_SAMPLE_H
#define DMABENCH_MEM_SAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define VM_MAX_CALLERS		512	/* more go to VM_OTHER_CALLER */
#define VM_CALLER_LEN		80
#define VM_OTHER_CALLER		"(other)"

/*
 * MemFree cannot come back exactly. Pages stay on the per-CPU free lists,
 * in slab caches and in the IOMMU's IOVA caches after a storm, and before
 * 6.11 the IOMMU's page tables are not counted apart (from 6.11 they are,
 * and the rule nets them out). Measured: up to 26.6 MiB on iommu-strict
 * after an until-ENOMEM storm, everything exact. So the exact checks
 * (DMA vmalloc, swiotlb slots, module counters) catch real leaks, and
 * MemFree catches gross ones, with these margins:
 *   - one run or one test program: VM_MEMFREE_TOLERANCE_BYTES;
 *   - a program of about 50 storms on both vias (tests/module/alloc.c):
 *     23 MiB kept on iommu-strict;
 *   - a fuzz run: +-22 MiB from run to run on iommu-strict over four runs
 *     of 400,000 calls in one boot, even with caches dropped both times.
 */
#define VM_MEMFREE_TOLERANCE_BYTES		(40LL << 20)
#define VM_MEMFREE_TOLERANCE_STORMS_BYTES	(48LL << 20)
#define VM_MEMFREE_TOLERANCE_FUZZ_BYTES		(80LL << 20)

/* The module's debugfs counters, in /sys/kernel/debug/dmabench/. */
enum vm_counter {
	VM_CNT_BUFFERS, VM_CNT_MAPPINGS, VM_CNT_KERNEL_MAPPINGS,
	VM_CNT_DMA_BUFFERS, VM_CNT_VMAPS, VM_NR_COUNTERS
};
extern const char *const vm_counter_names[VM_NR_COUNTERS];

/* Where the samples come from; NULL skips a source. Tests use fixtures. */
struct vm_sources {
	const char *vmallocinfo;	/* /proc/vmallocinfo */
	const char *meminfo;		/* /proc/meminfo */
	const char *debugfs_dir;	/* /sys/kernel/debug/dmabench */
	const char *vmstat;		/* /proc/vmstat */
	const char *swiotlb_used;	/* .../debugfs/swiotlb/io_tlb_used */
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
	uint64_t iommu_pages_bytes;		/* 0 before 6.11 */
	int64_t swiotlb_used;			/* slots; -1: no swiotlb */
	int64_t counters[VM_NR_COUNTERS];	/* -1: not readable */
};

/* Parsers: 0, or -1 when nothing could be read (errno-free, for fixtures). */
int vm_parse_vmallocinfo(FILE *fp, struct vm_callers *callers,
			 struct vm_sample *s);
int vm_parse_meminfo(FILE *fp, struct vm_sample *s);
/* "dma_common_pages_remap+0x5c/0x80 [dmabench]" -> "dma_common_pages_remap [dmabench]". */
void vm_caller_name(const char *field, const char *module, char *out, size_t len);
/* The DMA-API callers (dma_*, iommu_*) and the module's own. */
bool vm_is_dma_caller(const char *caller);

/*
 * One sample from src; every part is optional and a missing part is
 * flagged, never read as zero. callers NULL: no per-caller figures.
 */
void vm_sample_take(const struct vm_sources *src, struct vm_callers *callers,
		    struct vm_sample *s);

/* This process's resident anonymous memory (/proc/self/status RssAnon). */
int64_t vm_self_anon_bytes(void);

/* The number in DIR/NAME (NAME NULL: in DIR, a file); -1 when unreadable. */
int64_t vm_read_counter(const char *dir, const char *name);

/* The figures of a sample that the leak rule reads; the summary of a run
 * (mem_sampler.h) keeps them too, as its baseline and end. */
struct vm_totals {
	bool have_vmallocinfo, have_meminfo;
	uint64_t dma_bytes, dma_areas;
	uint64_t memfree_bytes, iommu_pages_bytes;
	int64_t swiotlb_used;			/* slots; -1: no swiotlb */
	int64_t counters[VM_NR_COUNTERS];	/* -1: not readable */
};

struct vm_totals vm_sample_totals(const struct vm_sample *s);

/* How strict vm_back_to_baseline is. */
struct vm_rule {
	int64_t memfree_tolerance_bytes;
	/* Memory MemFree lost that is not the kernel's: a test's own heap. */
	int64_t not_kernel_bytes;
	bool counters_zero;		/* counters 0, not just as at baseline */
};

/*
 * The rule: DMA vmalloc bytes and areas, swiotlb slots and the module's
 * counters exactly as at the baseline (or 0), and MemFree not lower by
 * more than the tolerance, net of the growth of the IOMMU's page tables
 * and of rule->not_kernel_bytes. why (may be NULL) gets every figure.
 */
bool vm_back_to_baseline(const struct vm_totals *base,
			 const struct vm_totals *end,
			 const struct vm_rule *rule, char *why, size_t len);

#endif

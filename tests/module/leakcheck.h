/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Leak check after each test (the shell twin is leakcheck.sh): a baseline
 * of what the module and the kernel hold, and one KTAP line saying a test
 * left everything as it found it. On top of dmabench_sys.h's samples:
 *   - dmabench's debugfs counters: exact, every one 0;
 *   - /proc/vmallocinfo areas of DMA-API callers: exact (bytes);
 *   - swiotlb slots in use (/sys/kernel/debug/swiotlb/io_tlb_used): exact,
 *     nothing else in the guest maps through the DMA API meanwhile (9p is
 *     virtio without ACCESS_PLATFORM: no bounce);
 *   - OOM kills (/proc/vmstat oom_kill): none since the baseline, but for
 *     the balloons of oom_balloon.h;
 *   - MemFree: not below the baseline by more than MEMFREE_TOL_BYTES
 *     (dmabench_sys.h says why it cannot be exact).
 * Include after ktap.h.
 */
#ifndef DMABENCH_LEAKCHECK_H
#define DMABENCH_LEAKCHECK_H

#include "dmabench_sys.h"
#include "oom_balloon.h"

#define SWIOTLB_USED		"/sys/kernel/debug/swiotlb/io_tlb_used"

struct leak_base {
	struct vm_sample vm;
	long swiotlb_used;		/* -1: no swiotlb in debugfs */
	long oom_kills;
};

static inline long leak_read_long(const char *path, const char *key)
{
	char line[256];
	long v = -1, x;
	FILE *fp = fopen(path, "r");

	while (fp && fgets(line, sizeof(line), fp)) {
		if (!key && sscanf(line, "%ld", &x) == 1) {
			v = x;
			break;
		}
		if (key && !strncmp(line, key, strlen(key)) &&
		    sscanf(line + strlen(key), "%ld", &x) == 1)
			v = x;
	}
	if (fp)
		fclose(fp);
	return v;
}

static inline void leak_baseline(struct leak_base *b)
{
	vm_sample(&b->vm);
	b->swiotlb_used = leak_read_long(SWIOTLB_USED, NULL);
	b->oom_kills = leak_read_long("/proc/vmstat", "oom_kill ") -
		       oom_balloon_kills();
}

/* One KTAP line: everything back to the baseline. */
static inline int leak_check(const char *what, const struct leak_base *base)
{
	struct leak_base end;
	int64_t d_mem;

	leak_baseline(&end);
	d_mem = (int64_t)base->vm.memfree_bytes - (int64_t)end.vm.memfree_bytes;
	return ktap_ok(end.vm.dma_bytes == base->vm.dma_bytes &&
		       d_mem < MEMFREE_TOL_BYTES &&
		       end.swiotlb_used == base->swiotlb_used &&
		       end.oom_kills == base->oom_kills && counters_zero(),
		       "%s: no leak (dma vmalloc %llu -> %llu bytes, MemFree %+lld bytes (tolerance -%d), swiotlb used %ld -> %ld, oom kills %ld -> %ld, counters 0)",
		       what, (unsigned long long)base->vm.dma_bytes,
		       (unsigned long long)end.vm.dma_bytes, (long long)-d_mem,
		       MEMFREE_TOL_BYTES, base->swiotlb_used, end.swiotlb_used,
		       base->oom_kills, end.oom_kills);
}

#endif /* DMABENCH_LEAKCHECK_H */

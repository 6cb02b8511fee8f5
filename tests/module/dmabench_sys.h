/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the module tests read back from the guest kernel: /proc/vmallocinfo
 * (DMA-API callers), MemFree, the module's debugfs counters and the kernel
 * log, and the tolerances that go with them. Shared by alloc.c,
 * ioctl_bad_input.c and ioctl_fuzz.c; include after ktap.h.
 */
#ifndef DMABENCH_SYS_H
#define DMABENCH_SYS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * MemFree does not count pages parked on the per-CPU free lists nor the
 * IOMMU's page-table pages and IOVA caches, which stay after a storm: up to
 * 20 MiB on iommu-strict after a 1 MiB x 14 storm, 26.6 MiB once after an
 * until-ENOMEM storm (everything exact). Leaks are caught exactly by the
 * vmallocinfo and debugfs checks; MemFree catches gross ones.
 */
#define MEMFREE_TOL_BYTES	(40 << 20)
#define DBG			"/sys/kernel/debug/dmabench/"

/*
 * This process's resident anonymous memory (/proc/self/status RssAnon):
 * MemFree counts it as used, yet it is the test's, not the kernel's. Under
 * ASan it keeps growing, with freed blocks held in the quarantine (256 MiB
 * at most by default) and their shadow: 100 MB over failnth's 1,300 steps,
 * the kernel back where it was. Comparisons of MemFree net it out.
 */
static inline int64_t self_anon_bytes(void)
{
	char line[128];
	long long kb = 0;
	FILE *fp = fopen("/proc/self/status", "r");

	while (fp && fgets(line, sizeof(line), fp))
		if (sscanf(line, "RssAnon: %lld kB", &kb) == 1)
			break;
	if (fp)
		fclose(fp);
	return (int64_t)kb * 1024;
}

struct vm_sample {
	uint64_t total_bytes, dma_bytes;	/* all areas; DMA callers */
	uint64_t dma_areas;
	uint64_t memfree_bytes;
};

/* DMA-API callers, and the module's own (a tail-called vmap shows it). */
static inline int dma_caller(const char *caller, const char *line)
{
	return !strncmp(caller, "dma_", 4) || !strncmp(caller, "iommu_", 6) ||
	       strstr(line, "[dmabench]");
}

static inline void vm_sample(struct vm_sample *s)
{
	char line[512], caller[256];
	unsigned long long size;
	FILE *fp;

	memset(s, 0, sizeof(*s));
	fp = fopen("/proc/vmallocinfo", "r");
	while (fp && fgets(line, sizeof(line), fp)) {
		if (sscanf(line, "%*s %llu %255s", &size, caller) != 2)
			continue;
		if (strstr(line, " unpurged") || strstr(line, " vm_map_ram"))
			continue;
		s->total_bytes += size;
		if (dma_caller(caller, line)) {
			s->dma_bytes += size;
			s->dma_areas++;
		}
	}
	if (fp)
		fclose(fp);
	fp = fopen("/proc/meminfo", "r");
	while (fp && fgets(line, sizeof(line), fp))
		if (sscanf(line, "MemFree: %llu kB", &size) == 1)
			s->memfree_bytes = size * 1024;
	if (fp)
		fclose(fp);
}

static inline long debugfs_counter(const char *name)
{
	char p[128];
	long v = -1;
	FILE *fp;

	snprintf(p, sizeof(p), DBG "%s", name);
	fp = fopen(p, "r");
	if (fp) {
		if (fscanf(fp, "%ld", &v) != 1)
			v = -1;
		fclose(fp);
	}
	return v;
}

/* 1 when every debugfs counter is 0; names the others in a diagnostic. */
static inline int counters_zero(void)
{
	static const char *const names[] = {
		"buffers", "mappings", "kernel_mappings", "dma_buffers", "vmaps",
	};
	size_t i;
	int ok = 1;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (debugfs_counter(names[i]) != 0) {
			ktap_diag("debugfs %s = %ld", names[i],
				  debugfs_counter(names[i]));
			ok = 0;
		}
	return ok;
}

/*
 * Lines of the kernel log that report a problem; -1 when unreadable. A test
 * compares the count at its start and end: what the kernel reported while
 * booting (a debug kernel under TCG now and then) is not the test's.
 */
static inline int dmesg_bad_lines(void)
{
	FILE *p = popen("dmesg", "r");
	char line[1024];
	int bad = 0;

	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p))
		if (strstr(line, "WARNING:") || strstr(line, "BUG:") ||
		    strstr(line, "Oops") || strstr(line, "dmabench: leaked") ||
		    strstr(line, "Call Trace")) {
			/* CI shows only the diagnostics: say which line. */
			printf("# dmesg: %s", line);
			bad++;
		}
	return pclose(p) == 0 ? bad : -1;
}

#endif /* DMABENCH_SYS_H */

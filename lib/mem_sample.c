// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <string.h>
#include <unistd.h>
#include "mem_sample.h"

const char *const vm_counter_names[VM_NR_COUNTERS] = {
	[VM_CNT_BUFFERS] = "buffers",
	[VM_CNT_MAPPINGS] = "mappings",
	[VM_CNT_KERNEL_MAPPINGS] = "kernel_mappings",
	[VM_CNT_DMA_BUFFERS] = "dma_buffers",
	[VM_CNT_VMAPS] = "vmaps",
};

const struct vm_sources vm_default_sources = {
	.vmallocinfo = "/proc/vmallocinfo",
	.meminfo = "/proc/meminfo",
	.debugfs_dir = "/sys/kernel/debug/dmabench",
	.vmstat = "/proc/vmstat",
	.swiotlb_used = "/sys/kernel/debug/swiotlb/io_tlb_used",
};

void vm_caller_name(const char *field, const char *module, char *out, size_t len)
{
	size_t n = strcspn(field, "+");

	if (module && *module)
		snprintf(out, len, "%.*s %s", (int)n, field, module);
	else
		snprintf(out, len, "%.*s", (int)n, field);
}

bool vm_is_dma_caller(const char *caller)
{
	return !strncmp(caller, "dma_", 4) || !strncmp(caller, "iommu_", 6) ||
	       strstr(caller, "[dmabench]") != NULL;
}

static uint32_t intern(struct vm_callers *c, const char *name)
{
	uint32_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->name[i], name))
			return i;
	if (c->n < VM_MAX_CALLERS - 1) {
		snprintf(c->name[c->n], VM_CALLER_LEN, "%s", name);
		return c->n++;
	}
	/* The last slot collects the rest. */
	for (i = 0; i < c->n; i++)
		if (!strcmp(c->name[i], VM_OTHER_CALLER))
			return i;
	snprintf(c->name[c->n], VM_CALLER_LEN, "%s", VM_OTHER_CALLER);
	return c->n++;
}

/*
 * 0xffffc90000c5d000-0xffffc90000c9f000  270336 dma_common_pages_remap+0x5c/0x80 pages=65 vmap
 * 0xffffc90000ca0000-0xffffc90000ca2000    8192 dmabench_foo+0x1c/0x40 [dmabench] pages=1 vmalloc
 * 0xffffc90000cb0000-0xffffc90000cb2000    8192 unpurged vm_area
 */
int vm_parse_vmallocinfo(FILE *fp, struct vm_callers *callers,
			 struct vm_sample *s)
{
	char line[1024], field[VM_CALLER_LEN], module[64], name[VM_CALLER_LEN];
	unsigned long long size;
	bool any = false;

	s->bytes = s->areas = s->dma_bytes = s->dma_areas = 0;
	memset(s->caller_bytes, 0, sizeof(s->caller_bytes));
	memset(s->caller_areas, 0, sizeof(s->caller_areas));
	while (fgets(line, sizeof(line), fp)) {
		int n;

		module[0] = '\0';
		n = sscanf(line, "%*s %llu %79s %63s", &size, field, module);
		if (n < 2)
			continue;
		any = true;
		if (!strcmp(field, "unpurged") || strstr(line, " vm_map_ram"))
			continue;
		if (n < 3 || module[0] != '[')
			module[0] = '\0';
		vm_caller_name(field, module, name, sizeof(name));
		s->bytes += size;
		s->areas++;
		if (callers) {
			uint32_t id = intern(callers, name);

			s->caller_bytes[id] += size;
			s->caller_areas[id]++;
		}
		if (vm_is_dma_caller(name)) {
			s->dma_bytes += size;
			s->dma_areas++;
		}
	}
	s->have_vmallocinfo = any;
	return any ? 0 : -1;
}

int vm_parse_meminfo(FILE *fp, struct vm_sample *s)
{
	char line[256];
	unsigned long long kib;
	int found = 0;

	while (fgets(line, sizeof(line), fp)) {
		if (sscanf(line, "MemFree: %llu kB", &kib) == 1) {
			s->memfree_bytes = kib * 1024;
			found |= 1;
		} else if (sscanf(line, "VmallocUsed: %llu kB", &kib) == 1) {
			s->vmalloc_used_bytes = kib * 1024;
			found |= 2;
		}
	}
	s->have_meminfo = found == 3;
	return s->have_meminfo ? 0 : -1;
}

int64_t vm_read_counter(const char *dir, const char *name)
{
	char path[512];
	long long v;
	FILE *fp;
	int n;

	if (name)
		snprintf(path, sizeof(path), "%s/%s", dir, name);
	else
		snprintf(path, sizeof(path), "%s", dir);
	fp = fopen(path, "r");
	if (!fp)
		return -1;
	n = fscanf(fp, "%lld", &v);
	fclose(fp);
	return n == 1 && v >= 0 ? v : -1;
}

/* "nr_iommu_pages 123" in /proc/vmstat, in bytes; 0 when absent. */
static uint64_t read_iommu_pages_bytes(const char *path)
{
	char line[256];
	unsigned long long pages = 0;
	FILE *fp = fopen(path, "r");

	while (fp && fgets(line, sizeof(line), fp))
		if (sscanf(line, "nr_iommu_pages %llu", &pages) == 1)
			break;
	if (fp)
		fclose(fp);
	return (uint64_t)pages * (uint64_t)sysconf(_SC_PAGESIZE);
}

void vm_sample_take(const struct vm_sources *src, struct vm_callers *callers,
		    struct vm_sample *s)
{
	FILE *fp;
	int i;

	s->have_vmallocinfo = s->have_meminfo = false;
	fp = src->vmallocinfo ? fopen(src->vmallocinfo, "r") : NULL;
	if (fp) {
		vm_parse_vmallocinfo(fp, callers, s);
		fclose(fp);
	}
	fp = src->meminfo ? fopen(src->meminfo, "r") : NULL;
	if (fp) {
		vm_parse_meminfo(fp, s);
		fclose(fp);
	}
	s->iommu_pages_bytes = src->vmstat ? read_iommu_pages_bytes(src->vmstat) : 0;
	s->swiotlb_used = src->swiotlb_used ? vm_read_counter(src->swiotlb_used, NULL) : -1;
	for (i = 0; i < VM_NR_COUNTERS; i++)
		s->counters[i] = src->debugfs_dir ?
				 vm_read_counter(src->debugfs_dir, vm_counter_names[i]) : -1;
}

int64_t vm_self_anon_bytes(void)
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

struct vm_totals vm_sample_totals(const struct vm_sample *s)
{
	struct vm_totals t = {
		.have_vmallocinfo = s->have_vmallocinfo,
		.have_meminfo = s->have_meminfo,
		.dma_bytes = s->dma_bytes,
		.dma_areas = s->dma_areas,
		.memfree_bytes = s->memfree_bytes,
		.iommu_pages_bytes = s->iommu_pages_bytes,
		.swiotlb_used = s->swiotlb_used,
	};

	memcpy(t.counters, s->counters, sizeof(t.counters));
	return t;
}

bool vm_back_to_baseline(const struct vm_totals *base,
			 const struct vm_totals *end,
			 const struct vm_rule *rule, char *why, size_t len)
{
	int64_t lost = (int64_t)base->memfree_bytes - (int64_t)end->memfree_bytes;
	int64_t iommu = (int64_t)end->iommu_pages_bytes - (int64_t)base->iommu_pages_bytes;
	int64_t net = lost - iommu - rule->not_kernel_bytes;
	bool counters = true, ok;
	size_t n = 0;
	int i;

	for (i = 0; i < VM_NR_COUNTERS; i++)
		if (end->counters[i] != (rule->counters_zero ? 0 : base->counters[i]))
			counters = false;
	ok = base->have_vmallocinfo && end->have_vmallocinfo &&
	     end->dma_bytes == base->dma_bytes && end->dma_areas == base->dma_areas &&
	     end->swiotlb_used == base->swiotlb_used && counters &&
	     (!end->have_meminfo || net < rule->memfree_tolerance_bytes);
	if (!why || !len)
		return ok;
	n += (size_t)snprintf(why, len,
		"dma vmalloc %" PRIu64 " -> %" PRIu64 " bytes, %" PRIu64 " -> %" PRIu64
		" areas, swiotlb used %" PRId64 " -> %" PRId64 ", MemFree %+" PRId64
		" bytes net of IOMMU page tables %+" PRId64 " and not the kernel's %+" PRId64
		" (tolerance -%" PRId64 "), counters",
		base->dma_bytes, end->dma_bytes, base->dma_areas, end->dma_areas,
		base->swiotlb_used, end->swiotlb_used, -net, iommu,
		rule->not_kernel_bytes, (int64_t)rule->memfree_tolerance_bytes);
	for (i = 0; i < VM_NR_COUNTERS && n < len; i++)
		n += (size_t)snprintf(why + n, len - n, " %s %" PRId64,
				      vm_counter_names[i], end->counters[i]);
	if (!end->have_vmallocinfo && n < len)
		snprintf(why + n, len - n, ", /proc/vmallocinfo unreadable");
	return ok;
}

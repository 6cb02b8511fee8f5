// SPDX-License-Identifier: GPL-2.0
/*
 * The figures of dmabench-trace-stats: per (op event, device) latency
 * histograms (lib/hist.c, the uapi layout) with exact min, max and
 * mean, bytes, and the kernel events attributed to each op (see the rule in
 * trace_stats.h); their JSON (jansson) and human output.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "trace_stats.h"

const char *const ts_op_events[TS_NOPS] = {
	"dmabench_map_page", "dmabench_unmap_page", "dmabench_map_sg",
	"dmabench_unmap_sg", "dmabench_sync_single_for_cpu",
	"dmabench_sync_single_for_device", "dmabench_sync_sg_for_cpu",
	"dmabench_sync_sg_for_device", "dmabench_alloc", "dmabench_free",
	"dmabench_mmap", "dmabench_get_sgtable", "dmabench_map_list",
	"dmabench_unmap_list",
};

/* The dma system's events keep their names in LTTng (tracepoints/lttng/lttng_dma.h). */
#define TS_DMA(name) { "dma", #name, #name, #name }

const struct ts_kevent_name ts_kevent_names[TS_KEV_N] = {
	[TS_KEV_IOMMU_MAP] = { "iommu", "map", "iommu_map", "iommu_map" },
	[TS_KEV_IOMMU_UNMAP] = { "iommu", "unmap", "iommu_unmap", "iommu_unmap" },
	[TS_KEV_QI_SUBMIT] = { "intel_iommu", "qi_submit", "qi_submit", "qi_submit" },
	[TS_KEV_SWIOTLB_BOUNCED] = { "swiotlb", "swiotlb_bounced", "swiotlb_bounced",
				     "swiotlb_bounced" },
	[TS_KEV_DMA_MAP_PAGE] = TS_DMA(dma_map_page),
	[TS_KEV_DMA_UNMAP_PAGE] = TS_DMA(dma_unmap_page),
	[TS_KEV_DMA_MAP_PHYS] = TS_DMA(dma_map_phys),
	[TS_KEV_DMA_UNMAP_PHYS] = TS_DMA(dma_unmap_phys),
	[TS_KEV_DMA_MAP_RESOURCE] = TS_DMA(dma_map_resource),
	[TS_KEV_DMA_UNMAP_RESOURCE] = TS_DMA(dma_unmap_resource),
	[TS_KEV_DMA_MAP_SG] = TS_DMA(dma_map_sg),
	[TS_KEV_DMA_MAP_SG_ERR] = TS_DMA(dma_map_sg_err),
	[TS_KEV_DMA_UNMAP_SG] = TS_DMA(dma_unmap_sg),
	[TS_KEV_DMA_SYNC_SINGLE_FOR_CPU] = TS_DMA(dma_sync_single_for_cpu),
	[TS_KEV_DMA_SYNC_SINGLE_FOR_DEVICE] = TS_DMA(dma_sync_single_for_device),
	[TS_KEV_DMA_SYNC_SG_FOR_CPU] = TS_DMA(dma_sync_sg_for_cpu),
	[TS_KEV_DMA_SYNC_SG_FOR_DEVICE] = TS_DMA(dma_sync_sg_for_device),
	[TS_KEV_DMA_ALLOC] = TS_DMA(dma_alloc),
	[TS_KEV_DMA_ALLOC_PAGES] = TS_DMA(dma_alloc_pages),
	[TS_KEV_DMA_ALLOC_SGT] = TS_DMA(dma_alloc_sgt),
	[TS_KEV_DMA_ALLOC_SGT_ERR] = TS_DMA(dma_alloc_sgt_err),
	[TS_KEV_DMA_FREE] = TS_DMA(dma_free),
	[TS_KEV_DMA_FREE_PAGES] = TS_DMA(dma_free_pages),
	[TS_KEV_DMA_FREE_SGT] = TS_DMA(dma_free_sgt),
};

static const char ts_attribution_rule[] =
	"a kernel event is counted to the next dmabench op event on the same CPU; "
	"those before a dmabench_run_start are the harness's, before_run";

int ts_op_index(const char *name)
{
	int i;

	for (i = 0; i < TS_NOPS; i++)
		if (!strcmp(name, ts_op_events[i]))
			return i;
	return -1;
}

int ts_kevent_index(const char *system, const char *name)
{
	int i;

	for (i = 0; i < TS_KEV_N; i++)
		if (!strcmp(system, ts_kevent_names[i].system) &&
		    !strcmp(name, ts_kevent_names[i].name))
			return i;
	return -1;
}

int ts_kevent_index_lttng(const char *name)
{
	int i;

	for (i = 0; i < TS_KEV_N; i++)
		if (!strcmp(name, ts_kevent_names[i].lttng))
			return i;
	return -1;
}

void ts_kevent_recorded(struct ts_stats *s, enum ts_kevent k)
{
	s->recorded[k] = true;
}

void ts_init(struct ts_stats *s, const char *input, const char *format)
{
	memset(s, 0, sizeof(*s));
	s->input = input;
	s->format = format;
}

void ts_free(struct ts_stats *s)
{
	size_t i;

	for (i = 0; i < s->nops; i++) {
		free(s->ops[i]->device);
		free(s->ops[i]);
	}
	free(s->ops);
	free(s->pending);
	free(s->lost_cpu);
	s->lost_cpu = NULL;
	s->lost_ncpus = 0;
	s->ops = NULL;
	s->last_op = NULL;
	s->pending = NULL;
	s->nops = s->ops_cap = s->ncpus = 0;
}

static struct ts_kcounts *pending_of(struct ts_stats *s, int cpu)
{
	size_t want, i;
	struct ts_kcounts *p;

	if (cpu < 0 || cpu >= TS_MAX_CPUS) {
		s->cpu_unknown++;
		cpu = 0;
	}
	if ((size_t)cpu < s->ncpus)
		return &s->pending[cpu];
	want = (size_t)cpu + 1;
	if (want < 2 * s->ncpus)
		want = 2 * s->ncpus;
	p = realloc(s->pending, want * sizeof(*p));
	if (!p)
		return NULL;
	for (i = s->ncpus; i < want; i++)
		memset(&p[i], 0, sizeof(p[i]));
	s->pending = p;
	s->ncpus = want;
	return &s->pending[cpu];
}

static void kcounts_add(struct ts_kcounts *dst, const struct ts_kcounts *src)
{
	int i;

	for (i = 0; i < TS_KEV_N; i++)
		dst->events[i] += src->events[i];
	dst->swiotlb_bounced_bytes += src->swiotlb_bounced_bytes;
	dst->iommu_map_bytes += src->iommu_map_bytes;
	dst->iommu_unmap_bytes += src->iommu_unmap_bytes;
}

/* The (op, device) entry; the last one found is tried first. */
static struct ts_op_stats *op_stats(struct ts_stats *s, int op, const char *device,
				    size_t len)
{
	struct ts_op_stats *o, *last = s->last_op;
	size_t i;

	/* The name ends at its first NUL, as the copy kept below does (a
	 * trace's string field can hold one before its length). */
	len = strnlen(device, len);
	if (last && last->op == op && !strncmp(last->device, device, len) &&
	    !last->device[len])
		return last;
	for (i = 0; i < s->nops; i++) {
		o = s->ops[i];
		if (o->op == op && !strncmp(o->device, device, len) && !o->device[len])
			return s->last_op = o;
	}
	if (s->nops == s->ops_cap) {
		size_t cap = s->ops_cap ? 2 * s->ops_cap : 8;
		struct ts_op_stats **n = realloc(s->ops, cap * sizeof(*n));

		if (!n)
			return NULL;
		s->ops = n;
		s->ops_cap = cap;
	}
	o = calloc(1, sizeof(*o));
	if (!o)
		return NULL;
	o->device = strndup(device, len);
	if (!o->device) {
		free(o);
		return NULL;
	}
	o->op = op;
	o->min_ns = UINT64_MAX;
	hist_init(&o->hist);
	s->ops[s->nops++] = o;
	return s->last_op = o;
}

int ts_add_op(struct ts_stats *s, int op, const char *device, size_t device_len,
	      int cpu, uint64_t size_bytes, uint64_t latency_ns)
{
	struct ts_op_stats *o = op_stats(s, op, device, device_len);
	struct ts_kcounts *p = pending_of(s, cpu);

	if (!o || !p)
		return -ENOMEM;
	o->count++;
	o->bytes += size_bytes;
	if (latency_ns) {	/* 0: the op was not timed */
		o->timed++;
		o->sum_ns += latency_ns;
		if (latency_ns < o->min_ns)
			o->min_ns = latency_ns;
		if (latency_ns > o->max_ns)
			o->max_ns = latency_ns;
		hist_add(&o->hist, latency_ns);
	}
	kcounts_add(&o->k, p);
	memset(p, 0, sizeof(*p));
	return 0;
}

int ts_add_kevent(struct ts_stats *s, enum ts_kevent k, int cpu, uint64_t size_bytes)
{
	struct ts_kcounts *p = pending_of(s, cpu);

	if (!p)
		return -ENOMEM;
	/* an event is in the trace that has it, whatever the reader saw first */
	s->recorded[k] = true;
	p->events[k]++;
	s->kernel_total.events[k]++;
	switch (k) {
	case TS_KEV_SWIOTLB_BOUNCED:
		p->swiotlb_bounced_bytes += size_bytes;
		s->kernel_total.swiotlb_bounced_bytes += size_bytes;
		break;
	case TS_KEV_IOMMU_MAP:
		p->iommu_map_bytes += size_bytes;
		s->kernel_total.iommu_map_bytes += size_bytes;
		break;
	case TS_KEV_IOMMU_UNMAP:
		p->iommu_unmap_bytes += size_bytes;
		s->kernel_total.iommu_unmap_bytes += size_bytes;
		break;
	default:
		break;
	}
	return 0;
}

void ts_add_run_start(struct ts_stats *s)
{
	size_t i;

	s->run_start++;
	for (i = 0; i < s->ncpus; i++) {
		kcounts_add(&s->before_run, &s->pending[i]);
		memset(&s->pending[i], 0, sizeof(s->pending[i]));
	}
}

void ts_add_lost(struct ts_stats *s, int cpu, long long count)
{
	struct ts_lost *l = &s->lost_stream;

	if (cpu >= TS_MAX_CPUS)
		cpu = -1;	/* corrupt: with the streams */
	if (cpu >= 0 && (size_t)cpu >= s->lost_ncpus) {
		size_t n = (size_t)cpu + 1;
		struct ts_lost *p = realloc(s->lost_cpu, n * sizeof(*p));

		if (p) {
			memset(p + s->lost_ncpus, 0, (n - s->lost_ncpus) * sizeof(*p));
			s->lost_cpu = p;
			s->lost_ncpus = n;
		}
	}
	if (cpu >= 0 && (size_t)cpu < s->lost_ncpus)
		l = &s->lost_cpu[cpu];
	/* else: out of memory or no CPU: counted with the streams, still counted */
	l->drops++;
	if (count < 0) {
		l->unknown_drops++;
		l->events++;		/* at least one */
		s->lost_unknown_drops++;
		s->lost_events++;
	} else {
		l->events += (uint64_t)count;
		s->lost_events += (uint64_t)count;
	}
}

/* "cpuN:EVENTS in DROPS drops" per CPU that lost any, then the CTF streams. */
static void lost_detail(struct ts_stats *s)
{
	size_t i, used = 0;

	s->lost_detail[0] = '\0';
	for (i = 0; i <= s->lost_ncpus; i++) {
		const struct ts_lost *l = i < s->lost_ncpus ? &s->lost_cpu[i] : &s->lost_stream;
		char where[24] = "streams";
		int n;

		if (!l->drops)
			continue;
		if (i < s->lost_ncpus)
			snprintf(where, sizeof(where), "cpu%zu", i);
		n = snprintf(s->lost_detail + used, sizeof(s->lost_detail) - used,
			     "%s%s:%" PRIu64 " in %" PRIu64 " drops%s", used ? " " : "", where,
			     l->events, l->drops, l->unknown_drops ? " (some of unknown size)" : "");
		if (n < 0 || (size_t)n >= sizeof(s->lost_detail) - used) {
			snprintf(s->lost_detail + sizeof(s->lost_detail) - 4, 4, "...");
			return;
		}
		used += n;
	}
}

void ts_add_discarded_packets(struct ts_stats *s, uint64_t count)
{
	s->discarded_packets += count;
}

static int op_cmp(const void *a, const void *b)
{
	const struct ts_op_stats *x = *(const struct ts_op_stats *const *)a;
	const struct ts_op_stats *y = *(const struct ts_op_stats *const *)b;

	if (x->op != y->op)
		return x->op < y->op ? -1 : 1;
	return strcmp(x->device, y->device);
}

void ts_finish(struct ts_stats *s)
{
	lost_detail(s);
	if (s->nops)
		qsort(s->ops, s->nops, sizeof(*s->ops), op_cmp);
}

static struct ts_kcounts unattributed(const struct ts_stats *s)
{
	struct ts_kcounts u;
	size_t i;

	memset(&u, 0, sizeof(u));
	for (i = 0; i < s->ncpus; i++)
		kcounts_add(&u, &s->pending[i]);
	return u;
}

static const struct {
	const char *key;
	double pct;
} ts_pcts[] = {
	{ "p50_ns", 50.0 }, { "p90_ns", 90.0 }, { "p99_ns", 99.0 }, { "p999_ns", 99.9 },
};
#define TS_NPCTS (sizeof(ts_pcts) / sizeof(ts_pcts[0]))

static double mean_ns(const struct ts_op_stats *o)
{
	return o->timed ? (double)((long double)o->sum_ns / (long double)o->timed) : 0.0;
}

/* A count of kernel event k, or null when the trace does not hold k. */
static json_t *kcount_json(const struct ts_stats *s, enum ts_kevent k, uint64_t n)
{
	return s->recorded[k] ? json_integer(n) : json_null();
}

static json_t *kcounts_json(const struct ts_stats *s, const struct ts_kcounts *k)
{
	json_t *j = json_object();
	int i;

	if (!j)
		return NULL;
	for (i = 0; i < TS_KEV_N; i++)
		json_object_set_new(j, ts_kevent_names[i].key, kcount_json(s, i, k->events[i]));
	json_object_set_new(j, "swiotlb_bounced_bytes",
			    kcount_json(s, TS_KEV_SWIOTLB_BOUNCED, k->swiotlb_bounced_bytes));
	json_object_set_new(j, "iommu_map_bytes",
			    kcount_json(s, TS_KEV_IOMMU_MAP, k->iommu_map_bytes));
	json_object_set_new(j, "iommu_unmap_bytes",
			    kcount_json(s, TS_KEV_IOMMU_UNMAP, k->iommu_unmap_bytes));
	return j;
}

/* The keys of the kernel events the trace holds (in_trace) or not. */
static json_t *kevents_json(const struct ts_stats *s, bool in_trace)
{
	json_t *j = json_array();
	int i;

	for (i = 0; j && i < TS_KEV_N; i++)
		if (s->recorded[i] == in_trace)
			json_array_append_new(j, json_string(ts_kevent_names[i].key));
	return j;
}

static json_t *op_json(const struct ts_stats *s, const struct ts_op_stats *o)
{
	json_t *j = json_object();
	size_t i;

	if (!j)
		return NULL;
	json_object_set_new(j, "event", json_string(ts_op_events[o->op]));
	json_object_set_new(j, "op", json_string(ts_op_events[o->op] + strlen("dmabench_")));
	json_object_set_new(j, "device", json_string(o->device));
	json_object_set_new(j, "count", json_integer(o->count));
	json_object_set_new(j, "timed_count", json_integer(o->timed));
	json_object_set_new(j, "bytes", json_integer(o->bytes));
	json_object_set_new(j, "min_ns", json_integer(o->timed ? o->min_ns : 0));
	json_object_set_new(j, "mean_ns", json_real(mean_ns(o)));
	for (i = 0; i < TS_NPCTS; i++) {
		uint64_t v;
		enum hist_pct_status st = hist_percentile(&o->hist, ts_pcts[i].pct, &v);

		/* Beyond the histogram: null, the overflow count says why. */
		json_object_set_new(j, ts_pcts[i].key,
				    st == HIST_PCT_OK ? json_integer(v) : json_null());
	}
	json_object_set_new(j, "max_ns", json_integer(o->max_ns));
	json_object_set_new(j, "overflow", json_integer(o->hist.overflow));
	json_object_set_new(j, "kernel_events", kcounts_json(s, &o->k));
	return j;
}

int ts_print_json(const struct ts_stats *s, FILE *f)
{
	struct ts_kcounts u = unattributed(s);
	json_t *root = json_object(), *ops = json_array();
	size_t i;
	int ret = 0;

	if (!root || !ops) {
		json_decref(root);
		json_decref(ops);
		return -ENOMEM;
	}
	json_object_set_new(root, "tool", json_string("dmabench-trace-stats"));
	json_object_set_new(root, "input", json_string(s->input));
	json_object_set_new(root, "format", json_string(s->format));
	json_object_set_new(root, "events_total", json_integer(s->events_total));
	json_object_set_new(root, "events_other", json_integer(s->events_other));
	json_object_set_new(root, "run_start_events", json_integer(s->run_start));
	json_object_set_new(root, "run_end_events", json_integer(s->run_end));
	json_object_set_new(root, "lost_events", json_integer(s->lost_events));
	json_object_set_new(root, "lost_unknown_drops", json_integer(s->lost_unknown_drops));
	json_object_set_new(root, "discarded_packets", json_integer(s->discarded_packets));
	json_object_set_new(root, "lost_detail", json_string(s->lost_detail));
	json_object_set_new(root, "events_without_cpu", json_integer(s->cpu_unknown));
	json_object_set_new(root, "attribution", json_string(ts_attribution_rule));
	for (i = 0; i < s->nops; i++)
		json_array_append_new(ops, op_json(s, s->ops[i]));
	json_object_set_new(root, "ops", ops);
	json_object_set_new(root, "kernel_events_in_trace", kevents_json(s, true));
	json_object_set_new(root, "kernel_events_not_in_trace", kevents_json(s, false));
	json_object_set_new(root, "kernel_events_total", kcounts_json(s, &s->kernel_total));
	json_object_set_new(root, "kernel_events_before_run", kcounts_json(s, &s->before_run));
	json_object_set_new(root, "kernel_events_unattributed", kcounts_json(s, &u));
	if (json_dumpf(root, f, JSON_INDENT(2)) || fputc('\n', f) == EOF)
		ret = -EIO;
	json_decref(root);
	return ret;
}

static void per_op(FILE *f, const char *what, uint64_t n, uint64_t ops)
{
	if (ops)
		fprintf(f, " %s=%.3f", what, (double)n / (double)ops);
}

int ts_print_human(const struct ts_stats *s, FILE *f)
{
	struct ts_kcounts u = unattributed(s);
	size_t i, k;

	fprintf(f, "# dmabench-trace-stats %s (%s): %" PRIu64 " events, lost_events=%" PRIu64
		"%s%s%s\n", s->input, s->format, s->events_total, s->lost_events,
		s->lost_events ? " (DATA LOSS: " : "", s->lost_detail,
		s->lost_events ? ")" : "");
	if (s->discarded_packets)
		fprintf(f, "# DATA LOSS: discarded_packets=%" PRIu64 "\n", s->discarded_packets);
	fprintf(f, "# latency_ns per op event (histogram percentiles: <= 1/128 error)\n");
	fprintf(f, "# %-32s %-14s %8s %9s %9s %9s %9s %9s %9s %9s %12s\n", "event", "device",
		"count", "min_ns", "mean_ns", "p50_ns", "p90_ns", "p99_ns", "p999_ns",
		"max_ns", "bytes");
	for (i = 0; i < s->nops; i++) {
		const struct ts_op_stats *o = s->ops[i];
		uint64_t v[TS_NPCTS];

		for (k = 0; k < TS_NPCTS; k++)
			hist_percentile(&o->hist, ts_pcts[k].pct, &v[k]);
		fprintf(f, "  %-32s %-14s %8" PRIu64 " %9" PRIu64 " %9.1f %9" PRIu64 " %9" PRIu64
			" %9" PRIu64 " %9" PRIu64 " %9" PRIu64 " %12" PRIu64 "\n",
			ts_op_events[o->op], o->device, o->count, o->timed ? o->min_ns : 0,
			mean_ns(o), v[0], v[1], v[2], v[3], o->max_ns, o->bytes);
		if (o->count != o->timed || o->hist.overflow)
			fprintf(f, "  %-32s untimed=%" PRIu64 " overflow=%" PRIu64 "\n", "",
				o->count - o->timed, o->hist.overflow);
	}
	fprintf(f, "# kernel events per op event (%s)\n", ts_attribution_rule);
	for (i = 0; i < s->nops; i++) {
		const struct ts_op_stats *o = s->ops[i];

		fprintf(f, "  %-32s %-14s", ts_op_events[o->op], o->device);
		for (k = 0; k < TS_KEV_N; k++)
			if (s->recorded[k])
				per_op(f, ts_kevent_names[k].key, o->k.events[k], o->count);
		if (s->recorded[TS_KEV_SWIOTLB_BOUNCED])
			per_op(f, "swiotlb_bounced_bytes", o->k.swiotlb_bounced_bytes, o->count);
		fputc('\n', f);
	}
	fprintf(f, "# kernel events: total / before_run (before a run_start) / unattributed "
		"(after the last op of a CPU)\n");
	for (k = 0; k < TS_KEV_N; k++)
		if (s->recorded[k])
			fprintf(f, "  %-32s %8" PRIu64 " %8" PRIu64 " %8" PRIu64 "\n",
				ts_kevent_names[k].key, s->kernel_total.events[k],
				s->before_run.events[k], u.events[k]);
	if (s->recorded[TS_KEV_SWIOTLB_BOUNCED])
		fprintf(f, "  %-32s %8" PRIu64 " %8" PRIu64 " %8" PRIu64 "\n",
			"swiotlb_bounced_bytes", s->kernel_total.swiotlb_bounced_bytes,
			s->before_run.swiotlb_bounced_bytes, u.swiotlb_bounced_bytes);
	fprintf(f, "# kernel events not in this trace (the kernel lacks them, or the "
		"recording did not enable them):");
	for (k = 0; k < TS_KEV_N; k++)
		if (!s->recorded[k])
			fprintf(f, " %s", ts_kevent_names[k].key);
	fputc('\n', f);
	return ferror(f) ? -EIO : 0;
}

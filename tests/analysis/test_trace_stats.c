// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench-trace-stats' figures (analysis/trace_stats.c): the attribution
 * rule, latency statistics, lost events, the JSON, and the readers' refusal
 * of input that is not a trace. Traces from the lab are checked by
 * tests/trace/stats.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>
#include "trace_stats.h"

#define DEV "0000:00:01.0"
#define MAP 0	/* dmabench_map_page */
#define UNMAP 1	/* dmabench_unmap_page */

static void add_op(struct ts_stats *s, int op, const char *dev, int cpu, uint64_t size_bytes,
		   uint64_t latency_ns)
{
	assert_int_equal(ts_add_op(s, op, dev, strlen(dev), cpu, size_bytes, latency_ns), 0);
}

static const struct ts_op_stats *find(const struct ts_stats *s, int op, const char *dev)
{
	size_t i;

	for (i = 0; i < s->nops; i++)
		if (s->ops[i]->op == op && !strcmp(s->ops[i]->device, dev))
			return s->ops[i];
	fail_msg("no row for op %d device %s", op, dev);
	return NULL;
}

static void test_op_names(void **state)
{
	(void)state;
	assert_int_equal(ts_op_index("dmabench_map_page"), MAP);
	assert_int_equal(ts_op_index("dmabench_unmap_page"), UNMAP);
	/* The list scenarios' events: their own rows, never map_sg's. */
	assert_int_equal(ts_op_index("dmabench_map_list"), TS_NOPS - 2);
	assert_int_equal(ts_op_index("dmabench_unmap_list"), TS_NOPS - 1);
	assert_int_equal(ts_op_index("dmabench_map_sg"), 2);
	assert_int_equal(ts_op_index("dmabench_unmap_sg"), 3);
	assert_int_equal(ts_op_index("dmabench_run_start"), -1);
	assert_int_equal(ts_op_index("map"), -1);
}

/* Kernel events go to the next op event on their own CPU, never another's. */
static void test_attribution_per_cpu(void **state)
{
	struct ts_stats s;
	const struct ts_op_stats *m, *u;

	(void)state;
	ts_init(&s, "test", "test");
	assert_int_equal(ts_add_kevent(&s, TS_KEV_SWIOTLB_BOUNCED, 0, 4096), 0);
	assert_int_equal(ts_add_kevent(&s, TS_KEV_IOMMU_MAP, 1, 8192), 0);
	add_op(&s, MAP, DEV, 0, 4096, 1000);
	assert_int_equal(ts_add_kevent(&s, TS_KEV_QI_SUBMIT, 0, 0), 0);
	add_op(&s, UNMAP, DEV, 0, 4096, 500);
	/* After the last op of CPU 0: unattributed. */
	assert_int_equal(ts_add_kevent(&s, TS_KEV_QI_SUBMIT, 0, 0), 0);
	ts_finish(&s);
	m = find(&s, MAP, DEV);
	u = find(&s, UNMAP, DEV);
	assert_int_equal(m->k.events[TS_KEV_SWIOTLB_BOUNCED], 1);
	assert_int_equal(m->k.swiotlb_bounced_bytes, 4096);
	assert_int_equal(m->k.events[TS_KEV_IOMMU_MAP], 0);	/* CPU 1's */
	assert_int_equal(m->k.events[TS_KEV_QI_SUBMIT], 0);
	assert_int_equal(u->k.events[TS_KEV_QI_SUBMIT], 1);
	assert_int_equal(u->k.events[TS_KEV_SWIOTLB_BOUNCED], 0);
	assert_int_equal(s.kernel_total.events[TS_KEV_QI_SUBMIT], 2);
	assert_int_equal(s.kernel_total.iommu_map_bytes, 8192);
	assert_int_equal(s.pending[1].events[TS_KEV_IOMMU_MAP], 1);
	assert_int_equal(s.pending[0].events[TS_KEV_QI_SUBMIT], 1);
	ts_free(&s);
}

/* Exact min, max and mean; latency_ns == 0 is an untimed op, not a sample. */
static void test_latency(void **state)
{
	struct ts_stats s;
	const struct ts_op_stats *o;
	uint64_t v, i;

	(void)state;
	ts_init(&s, "test", "test");
	for (i = 1; i <= 100; i++)
		add_op(&s, MAP, DEV, 0, 4096, i);
	add_op(&s, MAP, DEV, 0, 4096, 0);
	ts_finish(&s);
	o = find(&s, MAP, DEV);
	assert_int_equal(o->count, 101);
	assert_int_equal(o->timed, 100);
	assert_int_equal(o->min_ns, 1);
	assert_int_equal(o->max_ns, 100);
	assert_int_equal(o->sum_ns, 5050);
	assert_int_equal(o->bytes, 101 * 4096);
	assert_int_equal(hist_count(&o->hist), 100);
	assert_int_equal(hist_percentile(&o->hist, 50.0, &v), HIST_PCT_OK);
	assert_int_equal(v, 50);	/* exact below 128 ns */
	assert_int_equal(hist_percentile(&o->hist, 99.0, &v), HIST_PCT_OK);
	assert_int_equal(v, 99);
	ts_free(&s);
}

/* One row per (op, device), sorted by op then device. */
static void test_devices_apart(void **state)
{
	struct ts_stats s;

	(void)state;
	ts_init(&s, "test", "test");
	add_op(&s, UNMAP, "b", 0, 1, 10);
	add_op(&s, MAP, "b", 0, 1, 10);
	add_op(&s, MAP, "a", 1, 1, 20);
	assert_int_equal(ts_add_op(&s, MAP, "abc", 1, 0, 1, 30), 0);	/* "a" */
	ts_finish(&s);
	assert_int_equal(s.nops, 3);
	assert_int_equal(s.ops[0]->op, MAP);
	assert_string_equal(s.ops[0]->device, "a");
	assert_int_equal(s.ops[0]->count, 2);
	assert_string_equal(s.ops[1]->device, "b");
	assert_int_equal(s.ops[2]->op, UNMAP);
	ts_free(&s);
}

/*
 * A device name holding a NUL before its length ends there: the same entry
 * as the name cut at the NUL, and no read past the kept copy (a heap
 * overflow found by tests/fuzz/fuzz_tracecmd).
 */
static void test_device_inner_nul(void **state)
{
	struct ts_stats s;

	(void)state;
	ts_init(&s, "test", "test");
	assert_int_equal(ts_add_op(&s, MAP, "ab\0cd", 5, 0, 1, 10), 0);
	assert_int_equal(ts_add_op(&s, UNMAP, "x", 1, 0, 1, 10), 0);	/* not last */
	assert_int_equal(ts_add_op(&s, MAP, "ab\0cdefgh", 9, 0, 1, 20), 0);
	assert_int_equal(ts_add_op(&s, MAP, "ab", 2, 0, 1, 30), 0);
	ts_finish(&s);
	assert_int_equal(s.nops, 2);
	assert_string_equal(s.ops[0]->device, "ab");
	assert_int_equal(s.ops[0]->count, 3);
	ts_free(&s);
}

/* A CPU number no machine has (a corrupt CTF packet context): the event is
 * without a CPU, and no per-CPU table grows to it (found by fuzz_ctf). */
static void test_cpu_out_of_range(void **state)
{
	struct ts_stats s;

	(void)state;
	ts_init(&s, "test", "test");
	assert_int_equal(ts_add_kevent(&s, TS_KEV_IOMMU_MAP, 2000000000, 4096), 0);
	assert_int_equal(ts_add_op(&s, MAP, "a", 1, TS_MAX_CPUS, 1, 10), 0);
	ts_add_lost(&s, 2000000000, 3);
	assert_int_equal(s.cpu_unknown, 2);
	assert_true(s.ncpus <= 2);
	assert_int_equal(s.lost_ncpus, 0);
	assert_int_equal(s.lost_events, 3);
	ts_finish(&s);
	assert_int_equal(s.ops[0]->k.events[TS_KEV_IOMMU_MAP], 1);
	ts_free(&s);
}

static void test_lost_events(void **state)
{
	struct ts_stats s;

	(void)state;
	ts_init(&s, "test", "test");
	ts_add_lost(&s, 1, 5);
	ts_add_lost(&s, 0, -1);		/* unknown: at least one */
	ts_add_lost(&s, -1, 3);		/* a CTF stream */
	ts_add_lost(&s, 1, 2);
	ts_finish(&s);
	assert_int_equal(s.lost_events, 11);
	assert_int_equal(s.lost_unknown_drops, 1);
	assert_string_equal(s.lost_detail, "cpu0:1 in 1 drops (some of unknown size) "
			    "cpu1:7 in 2 drops streams:3 in 1 drops");
	ts_free(&s);
}

/* The detail text stays bounded however many drops there are. */
static void test_lost_detail_bounded(void **state)
{
	struct ts_stats s;
	int i;

	(void)state;
	ts_init(&s, "test", "test");
	for (i = 0; i < 1000; i++)
		ts_add_lost(&s, i, 1);
	ts_finish(&s);
	assert_int_equal(s.lost_events, 1000);
	assert_true(strlen(s.lost_detail) < sizeof(s.lost_detail));
	assert_string_equal(s.lost_detail + strlen(s.lost_detail) - 3, "...");
	ts_free(&s);
}

static json_t *json_of(const struct ts_stats *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	json_error_t jerr;
	json_t *j;

	assert_non_null(f);
	assert_int_equal(ts_print_json(s, f), 0);
	fclose(f);
	j = json_loadb(buf, len, 0, &jerr);
	free(buf);
	assert_non_null(j);
	return j;
}

/*
 * The harness maps for itself before a run (dma_need_sync's probe page):
 * what any CPU has pending at a dmabench_run_start is before_run, not the
 * first op's.
 */
static void test_before_run(void **state)
{
	struct ts_stats s;
	const struct ts_op_stats *m;
	json_t *j, *k;

	(void)state;
	ts_init(&s, "test", "test");
	assert_int_equal(ts_add_kevent(&s, TS_KEV_SWIOTLB_BOUNCED, 0, 4096), 0);
	assert_int_equal(ts_add_kevent(&s, TS_KEV_DMA_MAP_PAGE, 1, 4096), 0);
	ts_add_run_start(&s);
	assert_int_equal(ts_add_kevent(&s, TS_KEV_SWIOTLB_BOUNCED, 0, 4096), 0);
	add_op(&s, MAP, DEV, 0, 4096, 1000);
	add_op(&s, MAP, DEV, 1, 4096, 1000);
	ts_finish(&s);
	m = find(&s, MAP, DEV);
	assert_int_equal(s.run_start, 1);
	assert_int_equal(m->k.events[TS_KEV_SWIOTLB_BOUNCED], 1);
	assert_int_equal(m->k.events[TS_KEV_DMA_MAP_PAGE], 0);
	assert_int_equal(s.before_run.events[TS_KEV_SWIOTLB_BOUNCED], 1);
	assert_int_equal(s.before_run.swiotlb_bounced_bytes, 4096);
	assert_int_equal(s.before_run.events[TS_KEV_DMA_MAP_PAGE], 1);
	assert_int_equal(s.kernel_total.events[TS_KEV_SWIOTLB_BOUNCED], 2);
	j = json_of(&s);
	k = json_object_get(j, "kernel_events_before_run");
	assert_int_equal(json_integer_value(json_object_get(k, "swiotlb_bounced")), 1);
	assert_int_equal(json_integer_value(json_object_get(k, "dma_map_page")), 1);
	json_decref(j);
	ts_free(&s);
}

static void test_json(void **state)
{
	struct ts_stats s;
	json_t *j, *op, *k;

	(void)state;
	ts_init(&s, "in", "trace-cmd");
	s.events_total = 4;
	assert_int_equal(ts_add_kevent(&s, TS_KEV_SWIOTLB_BOUNCED, 0, 4096), 0);
	add_op(&s, MAP, DEV, 0, 4096, 10000);
	add_op(&s, MAP, DEV, 0, 4096, 20000);
	ts_add_lost(&s, 0, 2);
	ts_finish(&s);
	j = json_of(&s);
	assert_int_equal(json_integer_value(json_object_get(j, "lost_events")), 2);
	assert_int_equal(json_integer_value(json_object_get(j, "events_total")), 4);
	assert_string_equal(json_string_value(json_object_get(j, "format")), "trace-cmd");
	op = json_array_get(json_object_get(j, "ops"), 0);
	assert_non_null(op);
	assert_string_equal(json_string_value(json_object_get(op, "event")), "dmabench_map_page");
	assert_string_equal(json_string_value(json_object_get(op, "op")), "map_page");
	assert_string_equal(json_string_value(json_object_get(op, "device")), DEV);
	assert_int_equal(json_integer_value(json_object_get(op, "count")), 2);
	assert_int_equal(json_integer_value(json_object_get(op, "min_ns")), 10000);
	assert_int_equal(json_integer_value(json_object_get(op, "max_ns")), 20000);
	assert_true(json_real_value(json_object_get(op, "mean_ns")) == 15000.0);
	k = json_object_get(op, "kernel_events");
	assert_int_equal(json_integer_value(json_object_get(k, "swiotlb_bounced")), 1);
	assert_int_equal(json_integer_value(json_object_get(k, "swiotlb_bounced_bytes")), 4096);
	json_decref(j);
	ts_free(&s);
}

/* An empty op table still prints; the human table flags data loss. */
static void test_human_flags_loss(void **state)
{
	struct ts_stats s;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	ts_init(&s, "in", "ctf");
	ts_add_lost(&s, 3, 7);
	ts_finish(&s);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(ts_print_human(&s, f), 0);
	fclose(f);
	assert_non_null(strstr(buf, "lost_events=7 (DATA LOSS: cpu3:7 in 1 drops)"));
	free(buf);
	ts_free(&s);
}

/* Kernel events by ftrace system and name, and by LTTng name. */
static void test_kevent_names(void **state)
{
	(void)state;
	assert_int_equal(ts_kevent_index("iommu", "map"), TS_KEV_IOMMU_MAP);
	assert_int_equal(ts_kevent_index("dma", "dma_map_page"), TS_KEV_DMA_MAP_PAGE);
	assert_int_equal(ts_kevent_index("dma", "dma_map_phys"), TS_KEV_DMA_MAP_PHYS);
	assert_int_equal(ts_kevent_index("dma", "dma_free_sgt"), TS_KEV_DMA_FREE_SGT);
	assert_int_equal(ts_kevent_index("dma", "map"), -1);
	assert_int_equal(ts_kevent_index("iommu", "dma_map_page"), -1);
	assert_int_equal(ts_kevent_index_lttng("iommu_map"), TS_KEV_IOMMU_MAP);
	assert_int_equal(ts_kevent_index_lttng("dma_unmap_phys"), TS_KEV_DMA_UNMAP_PHYS);
	assert_int_equal(ts_kevent_index_lttng("map"), -1);
}

/* The DMA API's events follow the same rule as the others: to the next op
 * event on their CPU. */
static void test_dma_events_attributed(void **state)
{
	struct ts_stats s;
	const struct ts_op_stats *m, *u;

	(void)state;
	ts_init(&s, "test", "test");
	ts_kevent_recorded(&s, TS_KEV_DMA_MAP_PHYS);
	ts_kevent_recorded(&s, TS_KEV_DMA_UNMAP_PHYS);
	assert_int_equal(ts_add_kevent(&s, TS_KEV_DMA_MAP_PHYS, 0, 4096), 0);
	assert_int_equal(ts_add_kevent(&s, TS_KEV_DMA_UNMAP_PHYS, 1, 4096), 0);
	add_op(&s, MAP, DEV, 0, 4096, 1000);
	assert_int_equal(ts_add_kevent(&s, TS_KEV_DMA_UNMAP_PHYS, 0, 4096), 0);
	add_op(&s, UNMAP, DEV, 0, 4096, 500);
	ts_finish(&s);
	m = find(&s, MAP, DEV);
	u = find(&s, UNMAP, DEV);
	assert_int_equal(m->k.events[TS_KEV_DMA_MAP_PHYS], 1);
	assert_int_equal(m->k.events[TS_KEV_DMA_UNMAP_PHYS], 0);	/* CPU 1's */
	assert_int_equal(u->k.events[TS_KEV_DMA_UNMAP_PHYS], 1);
	assert_int_equal(s.kernel_total.events[TS_KEV_DMA_UNMAP_PHYS], 2);
	assert_int_equal(s.pending[1].events[TS_KEV_DMA_UNMAP_PHYS], 1);
	ts_free(&s);
}

/*
 * A kernel event the trace does not hold (6.1 has no dma:*, 7.3 no
 * dma_map_page) is null in the JSON and listed as not in the trace; one it
 * holds that never fired is 0. An event read marks itself held.
 */
static void test_absent_is_not_zero(void **state)
{
	struct ts_stats s;
	json_t *j, *k, *in, *out;
	size_t i;
	bool listed = false;

	(void)state;
	ts_init(&s, "in", "trace-cmd");
	ts_kevent_recorded(&s, TS_KEV_DMA_MAP_PHYS);		/* held, never fired */
	assert_int_equal(ts_add_kevent(&s, TS_KEV_IOMMU_MAP, 0, 4096), 0);
	add_op(&s, MAP, DEV, 0, 4096, 100);
	ts_finish(&s);
	j = json_of(&s);
	k = json_object_get(json_array_get(json_object_get(j, "ops"), 0), "kernel_events");
	assert_true(json_is_integer(json_object_get(k, "dma_map_phys")));
	assert_int_equal(json_integer_value(json_object_get(k, "dma_map_phys")), 0);
	assert_int_equal(json_integer_value(json_object_get(k, "iommu_map")), 1);
	assert_int_equal(json_integer_value(json_object_get(k, "iommu_map_bytes")), 4096);
	assert_true(json_is_null(json_object_get(k, "dma_map_page")));
	assert_true(json_is_null(json_object_get(k, "swiotlb_bounced")));
	assert_true(json_is_null(json_object_get(k, "swiotlb_bounced_bytes")));
	k = json_object_get(j, "kernel_events_total");
	assert_true(json_is_null(json_object_get(k, "dma_unmap_phys")));
	in = json_object_get(j, "kernel_events_in_trace");
	out = json_object_get(j, "kernel_events_not_in_trace");
	assert_int_equal(json_array_size(in), 2);
	assert_int_equal(json_array_size(in) + json_array_size(out), TS_KEV_N);
	assert_string_equal(json_string_value(json_array_get(in, 0)), "iommu_map");
	assert_string_equal(json_string_value(json_array_get(in, 1)), "dma_map_phys");
	for (i = 0; i < json_array_size(out); i++)
		listed |= !strcmp(json_string_value(json_array_get(out, i)), "dma_map_page");
	assert_true(listed);
	json_decref(j);
	ts_free(&s);
}

/* The human table: counts of the held events only, the others named. */
static void test_human_absent(void **state)
{
	struct ts_stats s;
	char *buf = NULL, *line;
	size_t len = 0;
	FILE *f;

	(void)state;
	ts_init(&s, "in", "ctf");
	ts_kevent_recorded(&s, TS_KEV_DMA_MAP_PAGE);
	assert_int_equal(ts_add_kevent(&s, TS_KEV_DMA_MAP_PAGE, 0, 4096), 0);
	add_op(&s, MAP, DEV, 0, 4096, 100);
	ts_finish(&s);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(ts_print_human(&s, f), 0);
	fclose(f);
	assert_non_null(strstr(buf, " dma_map_page=1.000\n"));
	assert_null(strstr(buf, "iommu_map="));
	line = strstr(buf, "# kernel events not in this trace");
	assert_non_null(line);
	assert_non_null(strstr(line, " iommu_map "));
	assert_non_null(strstr(line, " dma_map_phys "));
	assert_null(strstr(line, " dma_map_page "));
	free(buf);
	ts_free(&s);
}

/* A new directory dir (a mkdtemp template) and dir/name in path, open for
 * writing. */
static FILE *tmp_file(char *dir, char *path, size_t len, const char *name)
{
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, len, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	return f;
}

/* ts_read_ctf on dir: -1, and why in its message. */
static void assert_ctf_refused(const char *dir, const char *why)
{
	char err[512] = "";
	struct ts_stats s;

	ts_init(&s, dir, "ctf");
	assert_int_equal(ts_read_ctf(&s, dir, err, sizeof(err)), -1);
	assert_non_null(strstr(err, why));
	ts_free(&s);
}

/* Input that is not a trace: -1 and a reason, from both readers. */
static void test_readers_refuse_garbage(void **state)
{
	char dir[] = "/tmp/test_trace_stats.XXXXXX", path[64], err[256] = "";
	struct ts_stats s;
	FILE *f;
	int i;

	(void)state;
	f = tmp_file(dir, path, sizeof(path), "trace.dat");
	for (i = 0; i < 4096; i++)
		fputc(i * 7 & 0xff, f);
	fclose(f);
	ts_init(&s, path, "trace-cmd");
	assert_int_equal(ts_read_tracecmd(&s, path, err, sizeof(err)), -1);
	assert_true(err[0] != '\0');
	ts_free(&s);
	assert_ctf_refused(dir, "no CTF trace");
	unlink(path);
	rmdir(dir);
}

/*
 * A CTF trace babeltrace2 refuses: -1 with its reason, and again on a second
 * read (a failed read once left the thread's babeltrace2 error set, and the
 * next libbabeltrace2 call aborted). Found by tests/fuzz/fuzz_ctf.
 */
static void test_ctf_refused_twice(void **state)
{
	char dir[] = "/tmp/test_trace_stats.XXXXXX", path[64];
	FILE *f;

	(void)state;
	f = tmp_file(dir, path, sizeof(path), "metadata");
	fputs("/* CTF 2.1 */\n", f);
	fclose(f);
	assert_ctf_refused(dir, "cannot read it");
	assert_ctf_refused(dir, "cannot read it");
	unlink(path);
	rmdir(dir);
}

#ifndef TEST_FIXTURES
#error "TEST_FIXTURES: the directory of the trace fixtures"
#endif

/*
 * The trace.dat reader on a fixture (tests/analysis/make-trace-fixture:
 * real dmabench records between dma_map_phys / dma_unmap_phys records, two
 * CPUs, CPU 1's page after 3 lost events): the dma events looked up by name
 * and counted to the next op on their CPU; the lost events are data loss;
 * events without a format in the file are absent.
 */
static void test_tracecmd_dma_events(void **state)
{
	const char *path = TEST_FIXTURES "/dma-phys.dat";
	const struct ts_op_stats *m, *u;
	char err[512] = "";
	struct ts_stats s;

	(void)state;
	ts_init(&s, path, "trace-cmd");
	if (ts_read_tracecmd(&s, path, err, sizeof(err)))
		fail_msg("ts_read_tracecmd: %s", err);
	ts_finish(&s);
	m = find(&s, MAP, DEV);
	u = find(&s, UNMAP, DEV);
	assert_int_equal(s.events_total, 8);
	assert_int_equal(m->count, 3);
	assert_int_equal(u->count, 1);
	assert_int_equal(m->k.events[TS_KEV_DMA_MAP_PHYS], 2);
	assert_int_equal(m->k.events[TS_KEV_DMA_UNMAP_PHYS], 0);
	assert_int_equal(u->k.events[TS_KEV_DMA_UNMAP_PHYS], 1);
	assert_int_equal(s.kernel_total.events[TS_KEV_DMA_MAP_PHYS], 3);
	assert_int_equal(s.pending[1].events[TS_KEV_DMA_MAP_PHYS], 1);	/* after CPU 1's op */
	assert_true(s.recorded[TS_KEV_DMA_MAP_PHYS]);
	assert_true(s.recorded[TS_KEV_DMA_UNMAP_PHYS]);
	assert_true(s.recorded[TS_KEV_IOMMU_MAP]);	/* format there, no event */
	assert_int_equal(s.kernel_total.events[TS_KEV_IOMMU_MAP], 0);
	assert_false(s.recorded[TS_KEV_DMA_MAP_PAGE]);
	assert_false(s.recorded[TS_KEV_DMA_MAP_SG]);
	assert_int_equal(s.lost_events, 3);
	assert_string_equal(s.lost_detail, "cpu1:3 in 1 drops");
	ts_free(&s);
}

/*
 * A CTF trace as LTTng lays one out, made here: metadata declaring
 * dmabench's map_page and unmap_page, 7.3's dma_map_phys and
 * dma_unmap_phys, and nothing of 6.12's dma_map_page; one stream per CPU.
 */
static const char ctf_metadata[] =
	"/* CTF 1.8 */\n"
	"typealias integer { size = 32; align = 8; signed = false; } := uint32_t;\n"
	"typealias integer { size = 64; align = 8; signed = false; } := uint64_t;\n"
	"trace { major = 1; minor = 8; byte_order = le;\n"
	"  packet.header := struct { uint32_t magic; uint32_t stream_id; }; };\n"
	"clock { name = monotonic; freq = 1000000000; offset = 0; };\n"
	"typealias integer { size = 64; align = 8; signed = false;\n"
	"  map = clock.monotonic.value; } := uint64_clock_t;\n"
	"stream { id = 0;\n"
	"  packet.context := struct { uint64_clock_t timestamp_begin;\n"
	"    uint64_clock_t timestamp_end; uint64_t content_size;\n"
	"    uint64_t packet_size; uint32_t cpu_id; };\n"
	"  event.header := struct { uint32_t id; uint64_clock_t timestamp; }; };\n"
	"event { name = \"dmabench_map_page\"; id = 0; stream_id = 0;\n"
	"  fields := struct { string device; uint64_t size; uint64_t latency_ns; }; };\n"
	"event { name = \"dmabench_unmap_page\"; id = 1; stream_id = 0;\n"
	"  fields := struct { string device; uint64_t size; uint64_t latency_ns; }; };\n"
	"event { name = \"dma_map_phys\"; id = 2; stream_id = 0;\n"
	"  fields := struct { string device; uint64_t size; }; };\n"
	"event { name = \"dma_unmap_phys\"; id = 3; stream_id = 0;\n"
	"  fields := struct { string device; uint64_t size; }; };\n";

enum { CTF_MAP, CTF_UNMAP, CTF_DMA_MAP_PHYS, CTF_DMA_UNMAP_PHYS };

struct ctf_packet {
	unsigned char buf[1024];
	size_t len;
	uint64_t ts;
};

static void put(struct ctf_packet *p, uint64_t v, size_t bytes)
{
	size_t i;

	assert_true(p->len + bytes <= sizeof(p->buf));
	for (i = 0; i < bytes; i++)
		p->buf[p->len++] = v >> (8 * i);
}

static void put_event(struct ctf_packet *p, uint32_t id, uint64_t latency_ns)
{
	put(p, id, 4);
	put(p, ++p->ts, 8);
	memcpy(p->buf + p->len, DEV, sizeof(DEV));
	p->len += sizeof(DEV);
	put(p, 4096, 8);
	if (id == CTF_MAP || id == CTF_UNMAP)
		put(p, latency_ns, 8);
}

/* dir/name: one packet of cpu's events, ids and latencies in pairs. */
static void write_stream(const char *dir, const char *name, uint32_t cpu,
			 const uint32_t *ids, size_t n)
{
	struct ctf_packet p = { .len = 0, .ts = 1000 * (cpu + 1) };
	char path[128];
	size_t i;
	FILE *f;

	put(&p, 0xc1fc1fc1, 4);		/* magic */
	put(&p, 0, 4);			/* stream_id */
	put(&p, 1000, 8);		/* timestamp_begin */
	put(&p, 1000 * (cpu + 1) + n, 8);	/* timestamp_end */
	put(&p, 0, 8);			/* content_size: below */
	put(&p, 0, 8);			/* packet_size */
	put(&p, cpu, 4);
	for (i = 0; i < n; i++)
		put_event(&p, ids[i], 100 * (i + 1));
	for (i = 0; i < 8; i++) {	/* sizes in bits */
		p.buf[24 + i] = (uint64_t)p.len * 8 >> (8 * i);
		p.buf[32 + i] = (uint64_t)p.len * 8 >> (8 * i);
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(p.buf, 1, p.len, f), p.len);
	assert_int_equal(fclose(f), 0);
}

/*
 * The CTF reader: dma_map_phys counted to the map on its CPU, one on
 * another CPU after its last op unattributed; dma_unmap_phys declared but
 * never fired is 0, dma_map_page (not declared) absent.
 */
static void test_ctf_dma_events(void **state)
{
	static const uint32_t cpu0[] = {
		CTF_DMA_MAP_PHYS, CTF_MAP, CTF_UNMAP, CTF_DMA_MAP_PHYS, CTF_MAP,
	};
	static const uint32_t cpu1[] = { CTF_MAP, CTF_DMA_MAP_PHYS };
	char dir[] = "/tmp/test_trace_stats.XXXXXX", path[64], err[512] = "";
	const struct ts_op_stats *m, *u;
	struct ts_stats s;
	FILE *f;

	(void)state;
	f = tmp_file(dir, path, sizeof(path), "metadata");
	fputs(ctf_metadata, f);
	assert_int_equal(fclose(f), 0);
	write_stream(dir, "kchan_0", 0, cpu0, sizeof(cpu0) / sizeof(cpu0[0]));
	write_stream(dir, "kchan_1", 1, cpu1, sizeof(cpu1) / sizeof(cpu1[0]));
	ts_init(&s, dir, "ctf");
	if (ts_read_ctf(&s, dir, err, sizeof(err)))
		fail_msg("ts_read_ctf: %s", err);
	ts_finish(&s);
	m = find(&s, MAP, DEV);
	u = find(&s, UNMAP, DEV);
	assert_int_equal(s.events_total, 7);
	assert_int_equal(m->count, 3);
	assert_int_equal(m->k.events[TS_KEV_DMA_MAP_PHYS], 2);
	assert_int_equal(u->k.events[TS_KEV_DMA_MAP_PHYS], 0);
	assert_int_equal(s.kernel_total.events[TS_KEV_DMA_MAP_PHYS], 3);
	assert_int_equal(s.pending[1].events[TS_KEV_DMA_MAP_PHYS], 1);
	assert_true(s.recorded[TS_KEV_DMA_MAP_PHYS]);
	assert_true(s.recorded[TS_KEV_DMA_UNMAP_PHYS]);	/* declared: 0 */
	assert_int_equal(s.kernel_total.events[TS_KEV_DMA_UNMAP_PHYS], 0);
	assert_false(s.recorded[TS_KEV_DMA_MAP_PAGE]);
	assert_false(s.recorded[TS_KEV_IOMMU_MAP]);
	assert_int_equal(m->sum_ns, 200 + 500 + 100);	/* 100 ns x index in its stream */
	ts_free(&s);
	snprintf(path, sizeof(path), "rm -r -- %s", dir);
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_op_names),
		cmocka_unit_test(test_attribution_per_cpu),
		cmocka_unit_test(test_before_run),
		cmocka_unit_test(test_latency),
		cmocka_unit_test(test_devices_apart),
		cmocka_unit_test(test_device_inner_nul),
		cmocka_unit_test(test_cpu_out_of_range),
		cmocka_unit_test(test_lost_events),
		cmocka_unit_test(test_lost_detail_bounded),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_human_flags_loss),
		cmocka_unit_test(test_kevent_names),
		cmocka_unit_test(test_dma_events_attributed),
		cmocka_unit_test(test_absent_is_not_zero),
		cmocka_unit_test(test_human_absent),
		cmocka_unit_test(test_readers_refuse_garbage),
		cmocka_unit_test(test_ctf_refused_twice),
		cmocka_unit_test(test_tracecmd_dma_events),
		cmocka_unit_test(test_ctf_dma_events),
	};

	return cmocka_run_group_tests_name("trace_stats", tests, NULL, NULL);
}

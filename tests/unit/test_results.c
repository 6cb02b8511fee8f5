// SPDX-License-Identifier: GPL-2.0
/* Results: JSON keys and units, histograms (written as version 2's runs,
 * read back in both versions), CSV rows, human table, atomic writes. */
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "lib/atomic_file.h"
#include "lib/mem_sampler.h"
#include "lib/result_set.h"
#include "lib/results.h"
#include "lib/sysinfo.h"

#define NREPS 2

struct fixture {
	struct run_config cfg;
	struct repetition reps[NREPS];
	struct run_result r;
};

/* Op k of a repetition: samples 1..1000 ns shifted by k * 1000 ns. */
static void fill_op(struct dmabench_op_stats *s, struct hist *h, const char *name,
		    uint64_t shift_ns)
{
	unsigned __int128 sq = 0;
	uint64_t v;

	memset(s, 0, sizeof(*s));
	hist_init(h);
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->min_ns = 1 + shift_ns;
	s->max_ns = 1000 + shift_ns;
	s->ops_per_sample = 1;
	for (v = 1 + shift_ns; v <= 1000 + shift_ns; v++) {
		hist_add(h, v);
		s->count++;
		s->sum_ns += v;
		sq += (unsigned __int128)v * v;
	}
	s->sum_sq_ns2_lo = (uint64_t)sq;
	s->sum_sq_ns2_hi = (uint64_t)(sq >> 64);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char *argv[] = { "map_single", "--size", "4k", "--repeat", "2",
			 "--attrs", "skip_cpu_sync" };
	char err[OPT_ERR_LEN];
	uint32_t i;

	if (!f || run_config_parse(&f->cfg, 7, argv, err, sizeof(err)) != OPTS_OK)
		return -1;
	f->r.tool_version = "test";
	f->r.cmdline = "dmabench run map_single --size 4k --repeat 2 --attrs skip_cpu_sync";
	f->r.start_time.tv_sec = 1700000000;
	f->r.end_time.tv_sec = 1700000001;
	f->r.end_time.tv_nsec = 250000000;
	uname(&f->r.uts);
	strcpy(f->r.kernel_release, "6.1.0-test");
	strcpy(f->r.profile, "swiotlb");
	strcpy(f->r.clocksource, "tsc");
	f->r.clock_read_ns = 42;
	f->r.config = &f->cfg;
	strcpy(f->r.device.name, "edu0");
	strcpy(f->r.device.bus_id, "0000:00:03.0");
	strcpy(f->r.device.group_type, "");
	f->r.device.path = DMABENCH_PATH_SWIOTLB;
	f->r.device.flags = DMABENCH_DEV_F_EDU;
	f->r.device.iommu_group = -1;
	f->r.device.dma_mask = UINT64_MAX;
	f->r.device.coherent_dma_mask = (1ULL << 32) - 1;
	f->r.device.max_mapping_size_bytes = 262144;
	strcpy(f->r.scenario.name, "map_single");
	strcpy(f->r.scenario.summary, "map, unmap");
	f->r.scenario.nops = 2;
	for (i = 0; i < NREPS; i++) {
		struct dmabench_results *res = &f->reps[i].results;

		res->nops = 2;
		res->threads = 1;
		res->iterations = 1000;
		res->elapsed_ns = 5000000 + i;
		res->clock_read_ns = 40 + i;
		fill_op(&res->ops[0], &f->reps[i].hist[0], "map", 0);
		fill_op(&res->ops[1], &f->reps[i].hist[1], "unmap", 1000);
	}
	f->r.reps = f->reps;
	f->r.nreps = NREPS;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

static json_t *get(json_t *o, const char *path)
{
	char buf[128], *key, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (key = strtok_r(buf, ".", &save); key && o; key = strtok_r(NULL, ".", &save))
		o = json_is_array(o) ? json_array_get(o, strtoul(key, NULL, 10)) :
				       json_object_get(o, key);
	if (!o)
		fail_msg("no %s in the JSON", path);
	return o;
}

static void test_json_header_and_params(void **state)
{
	struct fixture *f = *state;
	json_t *j = run_result_to_json(&f->r);

	assert_non_null(j);
	assert_int_equal(json_integer_value(get(j, "file_version")), RESULTS_FILE_VERSION);
	assert_string_equal(json_string_value(get(j, "cmdline")), f->r.cmdline);
	assert_string_equal(json_string_value(get(j, "start_time")), "2023-11-14T22:13:20.000Z");
	assert_string_equal(json_string_value(get(j, "end_time")), "2023-11-14T22:13:21.250Z");
	assert_int_equal(json_integer_value(get(j, "return_code")), 0);
	assert_string_equal(json_string_value(get(j, "sysinfo.sysname")), f->r.uts.sysname);
	assert_string_equal(json_string_value(get(j, "kernel_release")), "6.1.0-test");
	assert_string_equal(json_string_value(get(j, "profile")), "swiotlb");
	assert_string_equal(json_string_value(get(j, "clocksource")), "tsc");
	assert_int_equal(json_integer_value(get(j, "clock_read_ns")), 42);
	assert_true(json_is_false(get(j, "traced")));	/* untraced: false */
	assert_string_equal(json_string_value(get(j, "params.scenario")), "map_single");
	assert_int_equal(json_integer_value(get(j, "params.size_bytes")), 4096);
	assert_int_equal(json_integer_value(get(j, "params.repeat")), 2);
	assert_string_equal(json_string_value(get(j, "params.attrs.0")), "skip_cpu_sync");
	assert_string_equal(json_string_value(get(j, "device.path")), "swiotlb");
	assert_string_equal(json_string_value(get(j, "device.dma_mask")), "0xffffffffffffffff");
	assert_string_equal(json_string_value(get(j, "device.coherent_dma_mask")), "0xffffffff");
	assert_int_equal(json_integer_value(get(j, "device.max_mapping_size_bytes")), 262144);
	assert_string_equal(json_string_value(get(j, "device.flags.0")), "edu");
	json_decref(j);
}

static void test_json_ops(void **state)
{
	struct fixture *f = *state;
	json_t *j = run_result_to_json(&f->r), *op, *h, *t;
	uint64_t total = 0, p50;
	size_t i, k;

	assert_non_null(j);
	assert_int_equal(json_array_size(get(j, "repetitions")), NREPS);
	assert_int_equal(json_integer_value(get(j, "repetitions.1.elapsed_ns")), 5000001);
	assert_int_equal(json_integer_value(get(j, "repetitions.1.clock_read_ns")), 41);
	op = get(j, "repetitions.0.ops.map");
	/* Every metric of the table, under its unit-carrying key. */
	for (i = 0; i < op_metrics_count; i++)
		assert_non_null(json_object_get(op, op_metrics[i].key));
	assert_int_equal(json_integer_value(get(op, "count")), 1000);
	assert_int_equal(json_integer_value(get(op, "errors")), 0);
	assert_int_equal(json_integer_value(get(op, "overflow")), 0);
	assert_int_equal(json_integer_value(get(op, "min_ns")), 1);
	assert_int_equal(json_integer_value(get(op, "max_ns")), 1000);
	assert_true(json_real_value(get(op, "mean_ns")) == 500.5);
	p50 = (uint64_t)json_integer_value(get(op, "p50_ns"));
	assert_true(p50 >= 500 - 500 / 128 && p50 <= 500 + 500 / 128);
	assert_int_equal(json_integer_value(get(op, "ops_per_sample")), 1);
	/* unmap is 1000 ns later: its p50 near 1500. */
	p50 = (uint64_t)json_integer_value(get(j, "repetitions.0.ops.unmap.p50_ns"));
	assert_true(p50 >= 1500 - 1500 / 128 && p50 <= 1500 + 1500 / 128);

	/* Histogram (file_version 2): runs [lower_ns, count, ...] of
	 * consecutive buckets. Samples 1..1000 ns fill every bucket from 1 ns
	 * to 1000 ns's: one run from 1 ns, whose k-th count is bucket k's. */
	h = get(op, "histogram");
	assert_int_equal(json_array_size(h), 1);
	t = json_array_get(h, 0);
	assert_int_equal(json_integer_value(json_array_get(t, 0)), 1);
	assert_int_equal(json_array_size(t), 1 + dmabench_hist_index(1000));
	for (k = 1; k < json_array_size(t); k++) {
		uint64_t n = (uint64_t)json_integer_value(json_array_get(t, k));

		assert_true(n > 0);
		assert_int_equal(f->reps[0].hist[0].buckets[k], n);
		total += n;
	}
	assert_int_equal(total, 1000);
	json_decref(j);
}

static void test_json_unknown_values_are_null(void **state)
{
	struct fixture *f = *state;
	json_t *j;

	memset(&f->reps[0].results.ops[0], 0, sizeof(f->reps[0].results.ops[0]));
	strcpy(f->reps[0].results.ops[0].name, "map");
	hist_init(&f->reps[0].hist[0]);
	j = run_result_to_json(&f->r);
	assert_non_null(j);
	assert_int_equal(json_integer_value(get(j, "repetitions.0.ops.map.count")), 0);
	assert_true(json_is_null(get(j, "repetitions.0.ops.map.p50_ns")));
	assert_true(json_is_null(get(j, "repetitions.0.ops.map.min_ns")));
	assert_true(json_is_null(get(j, "repetitions.0.ops.map.mean_ns")));
	assert_int_equal(json_array_size(get(j, "repetitions.0.ops.map.histogram")), 0);
	json_decref(j);
}

static char *write_to_string(int (*writer)(FILE *, const struct run_result *),
			     const struct run_result *r)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(writer(f, r), 0);
	fclose(f);
	return text;
}

static void test_csv(void **state)
{
	struct fixture *f = *state;
	char *text = write_to_string(run_result_write_csv, &f->r), *line, *save = NULL;
	size_t rows = 0;
	char want[160];
	uint64_t p50;

	assert_true(!strncmp(text, "run,profile,scenario,via,device,size_bytes,threads,"
			     "op,metric,value,unit\n", 67));
	hist_percentile(&f->reps[1].hist[0], 50.0, &p50);
	snprintf(want, sizeof(want),
		 "\n1,swiotlb,map_single,direct,edu0,4096,1,map,p50_ns,%llu,ns\n",
		 (unsigned long long)p50);
	assert_non_null(strstr(text, want));
	assert_non_null(strstr(text, "\n0,swiotlb,map_single,direct,edu0,4096,1,all,"
				     "elapsed_ns,5000000,ns\n"));
	assert_non_null(strstr(text, "\n0,swiotlb,map_single,direct,edu0,4096,1,unmap,"
				     "mean_ns,1500.500,ns\n"));
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const char *c;
		int commas = 0;

		for (c = line; *c; c++)
			commas += *c == ',';
		assert_int_equal(commas, 10);
		rows++;
	}
	/* Header + per repetition: its own metrics + every metric of every op. */
	assert_int_equal(rows, 1 + NREPS * (rep_metrics_count + 2 * op_metrics_count));
	free(text);
}

static void test_csv_quotes_fields(void **state)
{
	struct fixture *f = *state;
	char *text;

	strcpy(f->r.profile, "a,\"b\"");
	text = write_to_string(run_result_write_csv, &f->r);
	assert_non_null(strstr(text, "\n0,\"a,\"\"b\"\"\",map_single,"));
	free(text);
}

static void test_human(void **state)
{
	struct fixture *f = *state;
	char *text = write_to_string(run_result_write_human, &f->r), *line, *save = NULL;
	size_t data_rows = 0, i;

	for (i = 0; i < op_metrics_count; i++)
		assert_non_null(strstr(text, op_metrics[i].key));
	assert_non_null(strstr(text, "profile swiotlb"));
	assert_non_null(strstr(text, "size_bytes=4096"));
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		/* Data rows: rep, op, then one column per metric. */
		char rep[8], op[16];

		assert_int_equal(sscanf(line, "%7s %15s", rep, op), 2);
		assert_true(!strcmp(op, "map") || !strcmp(op, "unmap"));
		data_rows++;
	}
	assert_int_equal(data_rows, NREPS * 2);
	free(text);
}

/* The sampler's figures in CSV and human form: swiotlb slots only where
 * the guest has a swiotlb, and said to be outside the leak verdict. */
static void test_memory_rows(void **state)
{
	struct fixture *f = *state;
	struct vm_summary v = {
		.have_vmallocinfo = true, .have_swiotlb = true, .back_to_baseline = true,
		.dma_bytes = { .baseline = 0, .peak = 65536, .end = 0 },
		.swiotlb_used_slots = { .baseline = 3, .peak = 1027, .end = 3 },
	};
	char *csv, *human;

	f->reps[1].vmalloc = &v;
	csv = write_to_string(run_result_write_csv, &f->r);
	human = write_to_string(run_result_write_human, &f->r);
	assert_non_null(strstr(csv, "\n1,swiotlb,map_single,direct,edu0,4096,1,vmalloc,"
				    "dma_vmalloc_bytes_peak,65536,bytes\n"));
	assert_non_null(strstr(csv, "\n1,swiotlb,map_single,direct,edu0,4096,1,swiotlb,"
				    "swiotlb_used_slots_peak,1027,slots\n"));
	assert_non_null(strstr(csv, ",swiotlb_used_slots_baseline,3,slots\n"));
	assert_non_null(strstr(csv, ",swiotlb_used_slots_end,3,slots\n"));
	assert_non_null(strstr(human, "# rep 1: swiotlb_used_slots baseline 3 peak 1027 end 3"
				      " (2 KiB slots, not part of back_to_baseline)\n"));
	assert_null(strstr(human, "# rep 0: swiotlb"));
	free(csv);
	free(human);

	/* No swiotlb in the guest: no rows, rather than zeros. */
	v.have_swiotlb = false;
	csv = write_to_string(run_result_write_csv, &f->r);
	human = write_to_string(run_result_write_human, &f->r);
	assert_null(strstr(csv, "swiotlb_used_slots"));
	assert_null(strstr(human, "swiotlb_used_slots"));
	assert_non_null(strstr(human, "# rep 1: dma_vmalloc_bytes baseline 0 peak 65536 end 0"));
	free(csv);
	free(human);
	f->reps[1].vmalloc = NULL;
}

static void test_human_warns_on_errors(void **state)
{
	struct fixture *f = *state;
	char *text;

	f->reps[1].results.ops[1].errors = 3;
	f->reps[1].results.ops[1].overflow = 2;
	text = write_to_string(run_result_write_human, &f->r);
	assert_non_null(strstr(text, "# WARNING: rep 1 op unmap: 3 failed ops, 2 samples beyond"));
	free(text);
}

/* ---- atomic writes ---- */

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

/* Writes a lot, then fails: like a run that dies half way. */
static int failing_writer(FILE *fp, void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 10000; i++)
		fprintf(fp, "partial line %d\n", i);
	errno = ENOSPC;
	return -1;
}

static int good_writer(FILE *fp, void *arg)
{
	return fputs(arg, fp) < 0 ? -1 : 0;
}

static void read_file(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void test_atomic_write(void **state)
{
	char dir[] = "/tmp/dmabench-test-XXXXXX", path[64], buf[64];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/result.json", dir);

	assert_int_equal(atomic_file_write(path, failing_writer, NULL), -ENOSPC);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(count_entries(dir), 0);	/* no temporary left */

	assert_int_equal(atomic_file_write(path, good_writer, "first\n"), 0);
	read_file(path, buf, sizeof(buf));
	assert_string_equal(buf, "first\n");

	/* A failed rewrite leaves the previous result whole. */
	assert_int_equal(atomic_file_write(path, failing_writer, NULL), -ENOSPC);
	read_file(path, buf, sizeof(buf));
	assert_string_equal(buf, "first\n");
	assert_int_equal(count_entries(dir), 1);

	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void test_atomic_write_missing_dir(void **state)
{
	(void)state;
	assert_int_equal(atomic_file_write("/nonexistent-dir/r.json", good_writer, "x"),
			 -ENOENT);
}

/* A bucket of a test histogram; a count of 0 ends a list. */
struct bucket {
	uint32_t idx;
	uint64_t count;
};

static void set_hist(struct hist *h, const struct bucket *b)
{
	hist_init(h);
	for (; b->count; b++)
		h->buckets[b->idx] = b->count;
}

static void assert_hist_equal(const struct hist *a, const struct hist *b)
{
	assert_memory_equal(a->buckets, b->buckets, sizeof(a->buckets));
}

/* r as run_result_write_json writes it, parsed again. */
static json_t *written(const struct run_result *r)
{
	char *text = write_to_string(run_result_write_json, r);
	json_t *j = json_loads(text, 0, NULL);

	free(text);
	assert_non_null(j);
	return j;
}

/* A version 1 file: one repetition whose op "map" has h as triples. */
static json_t *v1_file(const struct hist *h)
{
	json_t *a = json_array(), *j;
	uint64_t lo, hi;
	uint32_t i;

	for (i = 0; i < DMABENCH_HIST_BUCKETS; i++) {
		if (!h->buckets[i])
			continue;
		hist_bucket_bounds(i, &lo, &hi);
		json_array_append_new(a, json_pack("[III]", (json_int_t)lo, (json_int_t)hi,
						   (json_int_t)h->buckets[i]));
	}
	j = json_pack("{s:i,s:[{s:{s:{s:o}}}]}", "file_version", 1, "repetitions",
		      "ops", "map", "histogram", a);
	assert_non_null(j);
	return j;
}

/*
 * Histograms written (version 2) and read back bucket for bucket, as the
 * ops' and as the whole iteration's, and the same histograms as version 1
 * triples read to the same buckets. want: the runs the writer must give.
 */
static void test_hist_round_trip(void **state)
{
	static const struct {
		const char *name;
		struct bucket b[8];
		const char *want;
	} cases[] = {
		{ "empty", { { 0, 0 } }, "[]" },
		{ "single bucket", { { 462, 7 } }, "[[4992,7]]" },
		/* 1 ns buckets below 128 ns; one run across 127 and 128. */
		{ "linear region", { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 100, 4 }, { 127, 5 },
				     { 128, 6 } }, "[[0,1,2,3],[100,4],[127,5,6]]" },
		/* Gaps of 1 and 2 empty buckets stay in a run, one of 3 does not. */
		{ "gaps", { { 10, 1 }, { 11, 2 }, { 13, 3 }, { 16, 4 }, { 20, 5 } },
		  "[[10,1,2,0,3,0,0,4],[20,5]]" },
		{ "log region gaps", { { 500, 3 }, { 503, 9 }, { 700, 1 } },
		  "[[7424,3,0,0,9],[63488,1]]" },
		/* The last bucket: [136365211648, 137438953472) ns. */
		{ "last bucket", { { 2045, 1 }, { 2047, 1ULL << 40 } },
		  "[[134217728000,1,0,1099511627776]]" },
		/* Filled below: bucket i holds i + 1. */
		{ "every bucket", { { 0, 0 } }, NULL },
	};
	struct fixture *f = *state;
	struct repetition *rep = &f->reps[0];
	struct hist back;
	size_t c;
	uint32_t i;

	f->r.nreps = 1;
	rep->results.nops = 1;
	rep->whole_iteration = rep->results.ops[0];
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		json_t *j, *v1;
		char *text;

		set_hist(&rep->hist[0], cases[c].b);
		if (!cases[c].want)
			for (i = 0; i < DMABENCH_HIST_BUCKETS; i++)
				rep->hist[0].buckets[i] = i + 1;
		rep->whole_iteration_hist = rep->hist[0];
		j = written(&f->r);
		assert_int_equal(json_integer_value(get(j, "file_version")), 2);
		if (cases[c].want) {
			text = json_dumps(get(j, "repetitions.0.ops.map.histogram"),
					  JSON_COMPACT);
			if (strcmp(text, cases[c].want))
				fail_msg("%s: %s, not %s", cases[c].name, text, cases[c].want);
			free(text);
		} else {
			/* One run of every bucket, from 0 ns. */
			assert_int_equal(json_array_size(get(j,
				"repetitions.0.ops.map.histogram.0")), 1 + DMABENCH_HIST_BUCKETS);
		}
		result_op_hist(j, "map", &back);
		assert_hist_equal(&back, &rep->hist[0]);
		result_op_hist(j, RESULT_WHOLE_ITERATION, &back);
		assert_hist_equal(&back, &rep->hist[0]);
		json_decref(j);

		v1 = v1_file(&rep->hist[0]);
		result_op_hist(v1, "map", &back);
		assert_hist_equal(&back, &rep->hist[0]);
		json_decref(v1);
	}
}

static json_t *fixture_file(const char *name)
{
	char self[512], path[600];
	json_t *j;

	/* The fixtures sit beside this source file. */
	snprintf(self, sizeof(self), "%s", __FILE__);
	snprintf(path, sizeof(path), "%s/fixtures/%s", dirname(self), name);
	j = json_load_file(path, 0, NULL);
	if (!j)
		fail_msg("cannot load %s", path);
	return j;
}

/* A real version 1 file (reference6's null) reads to the same histograms as
 * its version 2 rewrite: every sample in a bucket, none lost. */
static void test_hist_v1_file_reads_as_v2(void **state)
{
	json_t *v1 = fixture_file("result-v1.json"), *v2 = fixture_file("result-v2.json");
	json_t *unused;
	struct hist h1, h2;
	const char *op;
	size_t ops = 0, k;

	(void)state;
	assert_int_equal(result_file_version(v1), 1);
	assert_int_equal(result_file_version(v2), 2);
	json_object_foreach(result_ops(v1), op, unused) {
		json_int_t in_buckets = 0;

		result_op_hist(v1, op, &h1);
		result_op_hist(v2, op, &h2);
		assert_hist_equal(&h1, &h2);
		/* count = samples in the buckets + overflow, in each repetition. */
		for (k = 0; k < result_nreps(v1); k++)
			in_buckets += json_integer_value(json_object_get(result_rep_op(v1, k, op),
									 "count")) -
				      json_integer_value(json_object_get(result_rep_op(v1, k, op),
									 "overflow"));
		assert_true(in_buckets > 0);
		assert_int_equal(hist_count_in_buckets(&h1), in_buckets);
		ops++;
	}
	assert_int_equal(ops, 1);
	json_decref(v1);
	json_decref(v2);
}

/*
 * Malformed runs: what a writer never makes is skipped (runs that are not
 * arrays or start off a bucket boundary, counts that are not positive
 * integers, counts past the last bucket) and the rest read; no crash, no
 * read beyond the buckets, counts saturate.
 */
static void test_hist_v2_malformed(void **state)
{
	static const char text[] =
		"{\"file_version\": 2, \"repetitions\": ["
		"{\"ops\": {\"map\": {\"histogram\": ["
		"{\"a\": 1}, [], [\"5\", 1], [-1, 5], [5.0, 1], [129, 7], [null, 1], 3,"
		"[10, 1.5, 2, -3, null, \"4\", true, 6],"
		"[137438953472, 1], [9223372036854775807, 1],"
		"[134217728000, 1, 2, 3, 4, 5],"
		"[40, 9223372036854775807], [40, 9223372036854775807]]}}},"
		"{\"ops\": {\"map\": {\"histogram\": {\"not\": \"an array\"}}}},"
		"{\"ops\": {\"map\": {\"histogram\": \"runs\"}}},"
		"{\"ops\": {\"map\": 5}}, 7]}";
	json_t *j = json_loads(text, 0, NULL);
	struct hist h, want;

	(void)state;
	assert_non_null(j);
	hist_init(&want);
	want.buckets[11] = 2;		/* 1.5 skipped; 2; -3, null, "4", true skipped */
	want.buckets[16] = 6;
	want.buckets[2045] = 1;		/* 4 and 5 fall past the last bucket */
	want.buckets[2046] = 2;
	want.buckets[2047] = 3;
	want.buckets[40] = INT64_MAX;	/* saturated, not wrapped */
	result_op_hist(j, "map", &h);
	assert_hist_equal(&h, &want);
	json_decref(j);
}

/* The file's version decides: [10, 11, 5] is a triple (bucket 10: 5) in
 * version 1 and in a file without one, a run (bucket 10: 11, 11: 5) in
 * version 2; a later version reads to nothing. */
static void test_hist_by_file_version(void **state)
{
	static const char *const versions[] = { "", "\"file_version\": 1,",
						"\"file_version\": 2,", "\"file_version\": 3," };
	char text[256];
	struct hist h;
	size_t v;

	(void)state;
	for (v = 0; v < sizeof(versions) / sizeof(versions[0]); v++) {
		json_t *j;

		snprintf(text, sizeof(text), "{%s \"repetitions\": [{\"ops\": {\"map\": "
			 "{\"histogram\": [[10, 11, 5]]}}}]}", versions[v]);
		j = json_loads(text, 0, NULL);
		assert_non_null(j);
		result_op_hist(j, "map", &h);
		assert_int_equal(h.buckets[10], v < 2 ? 5 : v == 2 ? 11 : 0);
		assert_int_equal(h.buckets[11], v == 2 ? 5 : 0);
		assert_int_equal(hist_count_in_buckets(&h), v < 2 ? 5 : v == 2 ? 16 : 0);
		json_decref(j);
	}
}

/* summary, compare and report load no file of a version they cannot read. */
static void test_unknown_file_version_refused(void **state)
{
	static const struct {
		const char *version, *error;	/* error NULL: loads */
	} cases[] = {
		{ "", NULL },
		{ "\"file_version\": 1,", NULL },
		{ "\"file_version\": 2,", NULL },
		{ "\"file_version\": 3,", "file_version 3: this dmabench reads versions 1 to 2" },
		{ "\"file_version\": 0,", "file_version 0: " },
		{ "\"file_version\": \"2\",", "file_version is not an integer" },
		{ "\"file_version\": null,", "file_version is not an integer" },
	};
	char path[] = "/tmp/dmabench-version-XXXXXX", err[512];
	struct result_set rs;
	size_t c;
	FILE *fp;
	int fd;

	(void)state;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		strcpy(path + strlen(path) - 6, "XXXXXX");
		fd = mkstemp(path);
		assert_true(fd >= 0);
		fp = fdopen(fd, "w");
		assert_non_null(fp);
		fprintf(fp, "{%s \"repetitions\": []}\n", cases[c].version);
		fclose(fp);
		err[0] = '\0';
		if (!cases[c].error) {
			assert_int_equal(result_set_load(&rs, path, err, sizeof(err)), 0);
			result_set_free(&rs);
		} else {
			assert_int_equal(result_set_load(&rs, path, err, sizeof(err)), -1);
			if (!strstr(err, cases[c].error) || strncmp(err, path, strlen(path)))
				fail_msg("%s: \"%s\"", cases[c].version, err);
		}
		unlink(path);
	}
}

/* The exact kernel build: Debian's package version, else uname -v whole. */
static void test_kernel_version_from_uts(void **state)
{
	char buf[64];

	(void)state;
	kernel_version_from_uts("#1 SMP PREEMPT_DYNAMIC Debian 6.12.95-1~bpo12+1 "
				"(2025-11-20)", buf, sizeof(buf));
	assert_string_equal(buf, "6.12.95-1~bpo12+1");
	kernel_version_from_uts("#1 SMP PREEMPT_DYNAMIC Debian 7.3.4-1~bpo13+1",
				buf, sizeof(buf));
	assert_string_equal(buf, "7.3.4-1~bpo13+1");
	kernel_version_from_uts("#5 SMP Tue Nov 3 10:00:00 UTC 2026", buf, sizeof(buf));
	assert_string_equal(buf, "#5 SMP Tue Nov 3 10:00:00 UTC 2026");
}

/* CPUID's hypervisor signature, as the registers hold it (little endian). */
static void test_hypervisor_from_cpuid(void **state)
{
	char buf[16];

	(void)state;
	/* QEMU's TCG: "TCGT" "CGTC" "GTCG". */
	hypervisor_from_cpuid(1u << 31, 0x54474354, 0x43544743, 0x47435447,
			      buf, sizeof(buf));
	assert_string_equal(buf, "TCGTCGTCGTCG");
	/* KVM: "KVMK" "VMKV" "M\0\0\0": the padding goes. */
	hypervisor_from_cpuid(1u << 31, 0x4b4d564b, 0x564b4d56, 0x0000004d,
			      buf, sizeof(buf));
	assert_string_equal(buf, "KVMKVMKVM");
	/* No hypervisor bit: bare metal, whatever the leaf would say. */
	hypervisor_from_cpuid(0, 0x54474354, 0x43544743, 0x47435447, buf, sizeof(buf));
	assert_string_equal(buf, "none");
	/* The bit but no signature; an inner NUL and a control byte show. */
	hypervisor_from_cpuid(1u << 31, 0, 0, 0, buf, sizeof(buf));
	assert_string_equal(buf, "unknown");
	hypervisor_from_cpuid(1u << 31, 0x41004101, 0, 0, buf, sizeof(buf));
	assert_string_equal(buf, "?A?A");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_header_and_params, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_ops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_unknown_values_are_null, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_quotes_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_human, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memory_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_human_warns_on_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hist_round_trip, setup, teardown),
		cmocka_unit_test(test_hist_v1_file_reads_as_v2),
		cmocka_unit_test(test_hist_v2_malformed),
		cmocka_unit_test(test_hist_by_file_version),
		cmocka_unit_test(test_unknown_file_version_refused),
		cmocka_unit_test(test_kernel_version_from_uts),
		cmocka_unit_test(test_hypervisor_from_cpuid),
		cmocka_unit_test(test_atomic_write),
		cmocka_unit_test(test_atomic_write_missing_dir),
	};

	return cmocka_run_group_tests_name("results", tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0
/* Results: JSON keys and units, histogram triples, CSV rows, human table,
 * atomic writes. */
#include <dirent.h>
#include <errno.h>
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

	/* Histogram: [lower_ns, upper_ns, count], non-empty buckets only, in
	 * order, each exactly a uapi bucket, adding up to the count. */
	h = get(op, "histogram");
	assert_true(json_array_size(h) > 0);
	for (i = 0; i < json_array_size(h); i++) {
		uint64_t lo, hi, n;

		t = json_array_get(h, i);
		assert_int_equal(json_array_size(t), 3);
		lo = (uint64_t)json_integer_value(json_array_get(t, 0));
		hi = (uint64_t)json_integer_value(json_array_get(t, 1));
		n = (uint64_t)json_integer_value(json_array_get(t, 2));
		assert_true(n > 0);
		k = dmabench_hist_index(lo);
		assert_int_equal(dmabench_hist_lower_ns((uint32_t)k), lo);
		assert_int_equal(dmabench_hist_lower_ns((uint32_t)k + 1), hi);
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
		cmocka_unit_test(test_kernel_version_from_uts),
		cmocka_unit_test(test_atomic_write),
		cmocka_unit_test(test_atomic_write_missing_dir),
	};

	return cmocka_run_group_tests_name("results", tests, NULL, NULL);
}

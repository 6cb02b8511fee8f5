// SPDX-License-Identifier: GPL-2.0
/* The commands end to end against a fake module: run to JSON/CSV, repeat,
 * interrupt, errors, verify's KTAP, list and info. */
#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <jansson.h>
#include "cmd.h"
#include "cli_capture.h"
#include "fake_module.h"
#include "lib/options.h"
#include "lib/run_options.h"
#include "lib/sysinfo.h"

struct harness {
	struct fake_module fm;
	struct cmd_ctx ctx;
	struct cli_capture cap;
	char dir[32];
	char path[64];
};

static int setup(void **state)
{
	struct harness *h = calloc(1, sizeof(*h));

	if (!h)
		return -1;
	fake_module_init(&h->fm, DMABENCH_PATH_SWIOTLB);
	h->ctx.backend = &fake_backend;
	h->ctx.backend_data = &h->fm;
	h->ctx.node_path = DMABENCH_DEVICE_NODE;
	strcpy(h->dir, "/tmp/dmabench-cmd-XXXXXX");
	if (!mkdtemp(h->dir))
		return -1;
	snprintf(h->path, sizeof(h->path), "%s/result.json", h->dir);
	dmabench_interrupted = 0;
	*state = h;
	return 0;
}

static int teardown(void **state)
{
	struct harness *h = *state;

	unlink(h->path);
	rmdir(h->dir);
	cli_capture_free(&h->cap);
	free(h);
	return 0;
}

/* "dmabench ARGS..., NULL" with out/err captured into h->cap. */
#define dmabench(h, ...) cli_capture_run(&(h)->ctx, &(h)->cap, __VA_ARGS__)

static void test_run_to_json_file(void **state)
{
	struct harness *h = *state;
	char clocksource[64], hv[16];
	json_t *j;

	setenv("DMABENCH_PROFILE", "swiotlb", 1);
	assert_int_equal(dmabench(h, "run", "map_single", "--size", "8k", "--dir",
				  "from", "--device", "edu0", "--format", "json",
				  "--output", h->path, NULL), EXIT_OK);
	unsetenv("DMABENCH_PROFILE");
	assert_string_equal(h->cap.err_text, "");
	assert_string_equal(h->cap.out_text, "");	/* all of it went to the file */
	/* What reached the module. */
	assert_int_equal(h->fm.runs, 1);
	assert_false(h->fm.bad_header_seen);
	assert_string_equal(h->fm.last_params.scenario, "map_single");
	assert_string_equal(h->fm.last_params.device, "edu0");
	assert_int_equal(h->fm.last_params.size_bytes, 8192);
	assert_int_equal(h->fm.last_params.direction, DMABENCH_DIR_FROM_DEVICE);

	j = cli_load_json(h->path);
	assert_string_equal(json_string_value(json_object_get(j, "profile")), "swiotlb");
	assert_string_equal(json_string_value(json_object_get(j, "kernel_release")),
			    h->fm.info.kernel_release);
	/* From sysfs, whatever this machine's is. */
	read_first_line(DMABENCH_CLOCKSOURCE_SYSFS, clocksource, sizeof(clocksource));
	assert_string_equal(json_string_value(json_object_get(j, "clocksource")), clocksource);
	/* What this machine's CPU says it runs under (this host: a KVM guest). */
	hypervisor_name(hv, sizeof(hv));
	assert_true(strlen(hv) > 0);
	assert_string_equal(json_string_value(json_object_get(j, "hypervisor")), hv);
	json_decref(j);
}

static void test_run_json_contents(void **state)
{
	struct harness *h = *state;
	struct dmabench_op_stats want;
	json_t *j, *map, *reps;
	char cmdline[256];
	double mean, sd;

	assert_int_equal(dmabench(h, "run", "map_single", "--format", "json",
				  "--output", h->path, NULL), EXIT_OK);
	j = cli_load_json(h->path);
	snprintf(cmdline, sizeof(cmdline),
		 "dmabench run map_single --format json --output %s", h->path);
	assert_string_equal(json_string_value(json_object_get(j, "cmdline")), cmdline);
	assert_string_equal(json_string_value(json_object_get(j, "profile")), "host");
	assert_string_equal(json_string_value(json_object_get(j, "clocksource_from")), "sysfs");
	assert_int_equal(json_integer_value(json_object_get(j, "clock_read_ns")),
			 h->fm.info.clock_read_ns);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "device"),
							      "name")), "edu0");
	reps = json_object_get(j, "repetitions");
	assert_int_equal(json_array_size(reps), 1);
	map = json_object_get(json_object_get(json_array_get(reps, 0), "ops"), "map");
	assert_non_null(map);
	fake_expected_stats(&h->fm, 0, &want);
	/* The fake's samples are 1..N ns: mean (N+1)/2, stddev sqrt((N^2-1)/12). */
	mean = (h->fm.nsamples + 1) / 2.0;
	sd = sqrt(((double)h->fm.nsamples * h->fm.nsamples - 1) / 12.0);
	assert_int_equal(json_integer_value(json_object_get(map, "count")), want.count);
	assert_int_equal(json_integer_value(json_object_get(map, "min_ns")), want.min_ns);
	assert_int_equal(json_integer_value(json_object_get(map, "max_ns")), want.max_ns);
	assert_true(fabs(json_real_value(json_object_get(map, "mean_ns")) - mean) < 1e-9);
	assert_true(fabs(json_real_value(json_object_get(map, "stddev_ns")) - sd) < 1e-6);
	assert_non_null(json_object_get(json_object_get(json_object_get(
		json_array_get(reps, 0), "ops"), "unmap"), "p999_ns"));
	json_decref(j);
}

/* The clock, its calibration and the floor; figures net of the floor. */
static void test_run_clock_and_floor(void **state)
{
	struct harness *h = *state;
	json_t *j, *rep, *map;
	double mean;

	assert_int_equal(dmabench(h, "run", "map_single", "--format", "json",
				  "--output", h->path, NULL), EXIT_OK);
	j = cli_load_json(h->path);
	assert_string_equal(json_string_value(json_object_get(j, "clock")), "tsc");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j,
			    "params"), "clock")), "auto");
	rep = json_array_get(json_object_get(j, "repetitions"), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(rep,
			    "clock"), "kind")), "tsc");
	assert_true(fabs(json_real_value(json_object_get(json_object_get(rep, "clock"),
			 "cycles_per_ns")) - 2.5) < 1e-9);
	assert_true(fabs(json_real_value(json_object_get(json_object_get(rep, "floor"),
			 "mean_ns")) - 12) < 1e-9);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(rep, "floor"),
			 "p50_ns")), 10);
	map = json_object_get(json_object_get(rep, "ops"), "map");
	mean = json_real_value(json_object_get(map, "mean_ns"));
	assert_true(fabs(json_real_value(json_object_get(map, "net_mean_ns")) -
			 (mean - 12)) < 1e-9);
	json_decref(j);

	/* The ktime cross-check: asked for, said; batched: no floor, no net. */
	assert_int_equal(dmabench(h, "run", "map_single", "--clock", "ktime",
				  "--batch", "10", "--iterations", "100", "--format",
				  "json", "--output", h->path, NULL), EXIT_OK);
	assert_int_equal(h->fm.last_params.clock, DMABENCH_CLOCK_KTIME);
	j = cli_load_json(h->path);
	assert_string_equal(json_string_value(json_object_get(j, "clock")), "ktime");
	rep = json_array_get(json_object_get(j, "repetitions"), 0);
	assert_true(json_is_null(json_object_get(rep, "floor")));
	assert_true(json_is_null(json_object_get(json_object_get(json_object_get(rep,
			"ops"), "iteration"), "net_mean_ns")));
	json_decref(j);

	/* Human: the clock and the floor of each repetition in one line. */
	assert_int_equal(dmabench(h, "run", "map_single", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "# rep 0: clock tsc 2.500000 cycles/ns "
			       "(calibrated over 10.0 ms, error <= 7000 ppb, run check "
			       "-150 ppb)  floor mean 12.0 ns (12.0 up to p99) p10 10 p50 10 p90 14 ns"));
}

/*
 * Whole iterations: beside the ops in JSON, a row in CSV and human output,
 * absent from batched runs, and never asked of a module that lacks them.
 */
static void test_run_whole_iteration(void **state)
{
	struct harness *h = *state;
	json_t *j, *rep, *w;
	uint64_t n = h->fm.nsamples;

	assert_int_equal(dmabench(h, "run", "map_single", "--format", "json",
				  "--output", h->path, NULL), EXIT_OK);
	j = cli_load_json(h->path);
	rep = json_array_get(json_object_get(j, "repetitions"), 0);
	w = json_object_get(rep, "whole_iteration");
	assert_true(json_is_object(w));
	assert_null(json_object_get(json_object_get(rep, "ops"), "whole_iteration"));
	assert_int_equal(json_integer_value(json_object_get(w, "count")), n);
	/* Sample i is map's i + unmap's i + the gap: 2i + 1000 + 50 ns. */
	assert_int_equal(json_integer_value(json_object_get(w, "min_ns")),
			 2 + h->fm.op_offset_ns + FAKE_ITERATION_GAP_NS);
	assert_int_equal(json_integer_value(json_object_get(w, "max_ns")),
			 2 * n + h->fm.op_offset_ns + FAKE_ITERATION_GAP_NS);
	assert_true(fabs(json_real_value(json_object_get(w, "mean_ns")) -
			 ((double)n + 1 + h->fm.op_offset_ns + FAKE_ITERATION_GAP_NS)) < 1e-9);
	assert_non_null(json_object_get(w, "p99_ns"));
	assert_non_null(json_object_get(w, "histogram"));
	assert_true(json_is_null(json_object_get(w, "net_mean_ns")));
	json_decref(j);

	assert_int_equal(dmabench(h, "run", "map_single", "--format", "csv", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, ",whole_iteration,count,"));
	assert_int_equal(dmabench(h, "run", "map_single", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "\n0    whole_iteration "));

	/* Batched: the loop-timed mean is the one op; no whole iterations. */
	assert_int_equal(dmabench(h, "run", "map_single", "--batch", "10", "--iterations",
				  "100", "--format", "json", "--output", h->path, NULL), EXIT_OK);
	j = cli_load_json(h->path);
	rep = json_array_get(json_object_get(j, "repetitions"), 0);
	assert_true(json_is_null(json_object_get(rep, "whole_iteration")));
	json_decref(j);

	/* An older module: not asked (it would refuse the field), null. */
	h->fm.info.features = 0;
	assert_int_equal(dmabench(h, "run", "map_single", "--format", "json",
				  "--output", h->path, NULL), EXIT_OK);
	j = cli_load_json(h->path);
	rep = json_array_get(json_object_get(j, "repetitions"), 0);
	assert_true(json_is_null(json_object_get(rep, "whole_iteration")));
	json_decref(j);
}

/* --repeat auto: the fake's repetitions agree, so the first check stops it. */
static void test_run_repeat_auto(void **state)
{
	struct harness *h = *state;
	json_t *j, *a;

	assert_int_equal(dmabench(h, "run", "map_single", "--repeat", "auto",
				  "--repeat-max", "8", "--format", "json", "--output",
				  h->path, NULL), EXIT_OK);
	assert_int_equal(h->fm.runs, RUN_REPEAT_AUTO_MIN);
	j = cli_load_json(h->path);
	assert_int_equal(json_array_size(json_object_get(j, "repetitions")),
			 RUN_REPEAT_AUTO_MIN);
	a = json_object_get(j, "repeat_auto");
	assert_string_equal(json_string_value(json_object_get(a, "stopped")),
			    "within_target");
	assert_int_equal(json_integer_value(json_object_get(a, "repetitions")),
			 RUN_REPEAT_AUTO_MIN);
	assert_int_equal(json_integer_value(json_object_get(a, "target_pct")), 2);
	assert_true(json_real_value(json_object_get(a, "half_width_pct")) == 0);
	assert_true(json_real_value(json_object_get(a, "ci_level")) > 0.95);
	json_decref(j);
	/* A fixed count says nothing of it. */
	assert_int_equal(dmabench(h, "run", "map_single", "--repeat", "2", "--format",
				  "json", "--output", h->path, NULL), EXIT_OK);
	j = cli_load_json(h->path);
	assert_true(json_is_null(json_object_get(j, "repeat_auto")));
	json_decref(j);
	assert_int_equal(dmabench(h, "run", "map_single", "--repeat=auto", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "# repeat auto: within target after 6 "
			       "repetitions (min 6, max 30)"));
}

static void test_run_repeat_keeps_repetitions(void **state)
{
	struct harness *h = *state;
	json_t *j;

	assert_int_equal(dmabench(h, "run", "null", "--repeat", "3", "--format", "json",
				  "--output", h->path, NULL), EXIT_OK);
	assert_int_equal(h->fm.runs, 3);
	j = cli_load_json(h->path);
	assert_int_equal(json_array_size(json_object_get(j, "repetitions")), 3);
	json_decref(j);
}

/* A batched run reports one op, "iteration", a sample being a mean over the batch. */
static void test_run_batched_reports_iterations(void **state)
{
	struct harness *h = *state;
	json_t *j, *ops, *it;

	assert_int_equal(dmabench(h, "run", "map_single", "--batch", "10",
				  "--iterations", "1000", "--format", "json",
				  "--output", h->path, NULL), EXIT_OK);
	assert_int_equal(h->fm.last_params.batch, 10);
	j = cli_load_json(h->path);
	ops = json_object_get(json_array_get(json_object_get(j, "repetitions"), 0), "ops");
	assert_int_equal(json_object_size(ops), 1);
	it = json_object_get(ops, "iteration");
	assert_non_null(it);
	assert_int_equal(json_integer_value(json_object_get(it, "ops_per_sample")), 10);
	json_decref(j);

	/* A module that reports per-op results for a batched run is refused. */
	h->fm.batch_nops = 2;
	unlink(h->path);
	assert_int_equal(dmabench(h, "run", "map_single", "--batch", "10",
				  "--iterations", "1000", "--format", "json",
				  "--output", h->path, NULL), EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "module returned 2 ops for scenario map_single, expected 1"));
	assert_int_equal(access(h->path, F_OK), -1);
}

static void test_run_csv_to_stdout(void **state)
{
	struct harness *h = *state;
	char want[128];

	assert_int_equal(dmabench(h, "run", "null", "--format", "csv", NULL), EXIT_OK);
	assert_true(!strncmp(h->cap.out_text, "run,profile,scenario,via,device,size_bytes,"
			     "threads,op,metric,value,unit\n", 67));
	snprintf(want, sizeof(want), "\n0,host,null,direct,edu0,4096,1,null,count,%u,samples\n",
		 h->fm.nsamples);
	assert_non_null(strstr(h->cap.out_text, want));
}

static void test_run_interrupted_writes_nothing(void **state)
{
	struct harness *h = *state;

	h->fm.run_error = -EINTR;
	dmabench_interrupted = SIGINT;
	assert_int_equal(dmabench(h, "run", "map_single", "--output", h->path, NULL), 130);
	assert_int_equal(access(h->path, F_OK), -1);
	assert_string_equal(h->cap.err_text, "dmabench: interrupted, no results written\n");
	assert_string_equal(h->cap.out_text, "");
}

static void test_run_failure_writes_nothing(void **state)
{
	struct harness *h = *state;

	h->fm.run_error = -ENOMEM;
	assert_int_equal(dmabench(h, "run", "map_single", "--repeat", "2", "--output",
				  h->path, NULL), EXIT_RUN_FAILED);
	assert_int_equal(access(h->path, F_OK), -1);
	assert_string_equal(h->cap.err_text, "dmabench run: map_single on edu0, repetition 0: "
			    "Cannot allocate memory\n");
}

/* EOPNOTSUPP is a refusal, not a failure: its own exit status, nothing written. */
static void test_run_unsupported(void **state)
{
	struct harness *h = *state;

	h->fm.run_error = -EOPNOTSUPP;
	assert_int_equal(dmabench(h, "run", "map_single", "--output", h->path, NULL),
			 EXIT_UNSUPPORTED);
	assert_int_equal(EXIT_UNSUPPORTED, 3);
	assert_int_equal(access(h->path, F_OK), -1);
	assert_string_equal(h->cap.err_text, "dmabench run: map_single on edu0: not "
			    "supported by this device's DMA path or this kernel "
			    "(EOPNOTSUPP; dmabench list and info say why)\n");
}

static void test_run_warns_on_errors_and_overflow(void **state)
{
	struct harness *h = *state;

	h->fm.errors_per_op = 7;
	h->fm.samples_ns[0] = 1ULL << 40;	/* beyond the last bucket */
	assert_int_equal(dmabench(h, "run", "null", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.err_text, "dmabench run: warning: rep 0 op null: 7 failed "
			       "ops, 1 samples beyond the histogram\n"));
	assert_non_null(strstr(h->cap.out_text, "# WARNING: rep 0 op null: 7 failed ops, 1 samples"));
}

/* help COMMAND shows every option of the command's own table. */
static void help_lists_every_option(struct harness *h)
{
	char want[64];
	size_t c, o;

	for (c = 0; c < commands_count; c++) {
		const struct opt_table *t = commands[c].options;

		assert_int_equal(dmabench(h, "help", commands[c].name, NULL), EXIT_OK);
		assert_true(!(t && t->n) == !strstr(h->cap.out_text, "\noptions:\n"));
		for (o = 0; t && o < t->n; o++) {
			snprintf(want, sizeof(want), "  --%s ", t->opts[o].name);
			assert_non_null(strstr(h->cap.out_text, want));
		}
	}
}

static void test_usage_errors(void **state)
{
	struct harness *h = *state;

	assert_int_equal(dmabench(h, "run", "map_single", "--threads", "0", NULL), EXIT_USAGE);
	assert_string_equal(h->cap.err_text, "dmabench run: --threads: '0' is out of range "
			    "(allowed 1..64)\n");
	assert_int_equal(h->fm.runs, 0);
	assert_int_equal(dmabench(h, "run", "no_such", NULL), EXIT_USAGE);
	assert_string_equal(h->cap.err_text, "dmabench run: unknown scenario 'no_such' "
			    "(dmabench list shows them)\n");
	assert_int_equal(dmabench(h, "run", "null", "--device", "edu9", NULL), EXIT_USAGE);
	assert_string_equal(h->cap.err_text, "dmabench run: no device 'edu9' (dmabench info "
			    "shows them)\n");
	assert_int_equal(dmabench(h, "frobnicate", NULL), EXIT_USAGE);
	assert_string_equal(h->cap.err_text, "dmabench: unknown command 'frobnicate' "
			    "(try 'dmabench help')\n");
	assert_int_equal(dmabench(h, NULL), EXIT_USAGE);
	assert_int_equal(dmabench(h, "run", "--help", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "--size SIZE"));
	assert_int_equal(dmabench(h, "help", "verify", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "--device NAME"));
	help_lists_every_option(h);
}

static void test_module_missing(void **state)
{
	struct harness *h = *state;

	h->fm.open_error = -ENOENT;
	assert_int_equal(dmabench(h, "info", NULL), EXIT_RUN_FAILED);
	assert_string_equal(h->cap.err_text, "dmabench: /dev/dmabench: No such file or "
			    "directory (is dmabench.ko loaded?)\n");
	/* The real backend, on a node that does not exist. */
	h->ctx.backend = &dmabench_kernel_backend;
	h->ctx.node_path = "/nonexistent/dmabench";
	assert_int_equal(dmabench(h, "list", NULL), EXIT_RUN_FAILED);
	assert_string_equal(h->cap.err_text, "dmabench: /nonexistent/dmabench: No such file "
			    "or directory (is dmabench.ko loaded?)\n");
}

static void test_abi_mismatch(void **state)
{
	struct harness *h = *state;

	h->fm.abi_version = DMABENCH_ABI_VERSION + 1;
	assert_int_equal(dmabench(h, "run", "null", NULL), EXIT_RUN_FAILED);
	/* The module refuses INFO and writes its ABI into the header. */
	assert_non_null(strstr(h->cap.err_text, "module ABI 2, dmabench ABI 1: rebuild"));
	assert_int_equal(h->fm.runs, 0);
	/* A module that refuses without saying which ABI (dmabench.ko < this). */
	h->fm.abi_version = DMABENCH_ABI_VERSION;
	h->fm.info_error = -EINVAL;
	assert_int_equal(dmabench(h, "info", NULL), EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "module and dmabench disagree on the ABI"));
}

static void test_verify_swiotlb(void **state)
{
	struct harness *h = *state;

	assert_int_equal(dmabench(h, "verify", NULL), EXIT_OK);
	/* edu0 only (fake0 cannot do DMA): 8 kinds x 2 vias. */
	assert_true(!strncmp(h->cap.out_text, "KTAP version 1\n1..16\n", 21));
	assert_int_equal(h->fm.verifies, 16);
	assert_non_null(strstr(h->cap.out_text, "\nok 1 - edu0 coherent via direct: match "
			       "(4032 bytes, 201 ms)\n"));
	assert_non_null(strstr(h->cap.out_text, "\nok 4 - edu0 map_single via ops: match "
			       "(4032 bytes, 201 ms)\n"));
	assert_non_null(strstr(h->cap.out_text, "\nok 9 - edu0 stale_no_sync via direct: stale "
			       "(4032 bytes, 201 ms)\n"));
	assert_non_null(strstr(h->cap.out_text, "\nok 16 - edu0 iova_fallback via ops: match "
			       "(4032 bytes, 201 ms)\n"));
	assert_non_null(strstr(h->cap.out_text, "# verify: 16 ok, 0 not ok\n"));
}

static void test_verify_unexpected_outcome_fails(void **state)
{
	struct harness *h = *state;

	/* A swiotlb device whose skipped sync showed nothing stale. */
	h->fm.verify_outcome[DMABENCH_VERIFY_STALE_NO_SYNC] = DMABENCH_VERIFY_NOT_STALE;
	h->fm.verify_outcome[DMABENCH_VERIFY_MAP_SG] = DMABENCH_VERIFY_MISMATCH;
	assert_int_equal(dmabench(h, "verify", "--device", "edu0", "--len", "100", NULL),
			 EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.out_text, "\nnot ok 9 - edu0 stale_no_sync via direct: "
			       "not_stale, expected stale (100 bytes, 201 ms)\n"));
	assert_non_null(strstr(h->cap.out_text, "\nnot ok 7 - edu0 map_sg via direct: mismatch, "
			       "expected match at byte 0 (100 bytes, 201 ms)\n"));
	assert_non_null(strstr(h->cap.out_text, "# verify: 12 ok, 4 not ok\n"));
}

static void test_verify_direct_path_expects_not_stale(void **state)
{
	struct harness *h = *state;

	fake_module_init(&h->fm, DMABENCH_PATH_IOMMU_STRICT);
	assert_int_equal(dmabench(h, "verify", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "\nok 10 - edu0 stale_no_sync via ops: not_stale "
			       "(4032 bytes, 201 ms)\n"));
}

/* A debug kernel's module refuses --via ops there: verify skips it, loudly. */
static void test_verify_skips_refused_ops_layer(void **state)
{
	struct harness *h = *state;

	h->fm.devices[0].flags |= DMABENCH_DEV_F_NO_OPS_LAYER;
	h->fm.devices[0].ops_layer_refusal = DMABENCH_OPS_REFUSED_DMA_API_DEBUG;
	assert_int_equal(dmabench(h, "verify", NULL), EXIT_OK);
	assert_int_equal(h->fm.verifies, 8);
	assert_non_null(strstr(h->cap.out_text, "\nok 2 - edu0 coherent via ops # SKIP refused "
			       "by the module: this kernel has DMA-API debugging and this "
			       "path no dma_map_ops"));
	assert_non_null(strstr(h->cap.out_text, "\nok 3 - edu0 map_single via direct: match "));
	assert_non_null(strstr(h->cap.out_text, "# verify: 16 ok, 0 not ok\n"));
}

static void test_verify_device_errors(void **state)
{
	struct harness *h = *state;

	assert_int_equal(dmabench(h, "verify", "--device", "fake0", NULL), EXIT_USAGE);
	assert_string_equal(h->cap.err_text, "dmabench verify: fake0 is not an edu device: "
			    "it cannot do real DMA\n");
	assert_int_equal(h->fm.verifies, 0);
	h->fm.devices[0].flags = 0;
	assert_int_equal(dmabench(h, "verify", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "1..0 # SKIP no edu device"));
	assert_non_null(strstr(h->cap.err_text, "nothing verified"));
}

static void test_list_and_info(void **state)
{
	struct harness *h = *state;
	char clocksource[64], want[128];
	json_t *j;
	json_error_t e;

	assert_int_equal(dmabench(h, "list", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "\nmap_single"));
	assert_non_null(strstr(h->cap.out_text, "map,unmap"));
	assert_int_equal(dmabench(h, "list", "--format", "json", NULL), EXIT_OK);
	j = json_loads(h->cap.out_text, 0, &e);
	assert_non_null(j);
	assert_int_equal(json_array_size(j), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(j, 1), "name")),
			    "null");
	assert_true(json_is_null(json_object_get(json_array_get(j, 1), "pair")));
	json_decref(j);

	assert_int_equal(dmabench(h, "info", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "dmabench ABI 1, 2 devices, 2 scenarios"));
	/* The module cannot name the clocksource: it comes from sysfs. */
	read_first_line(DMABENCH_CLOCKSOURCE_SYSFS, clocksource, sizeof(clocksource));
	snprintf(want, sizeof(want), "clocksource %s (from sysfs)  clock_read_ns 42",
		 clocksource);
	assert_non_null(strstr(h->cap.out_text, want));
	assert_non_null(strstr(h->cap.out_text, "\nedu0     0000:00:03.0   swiotlb"));
	assert_int_equal(dmabench(h, "info", "--format", "json", NULL), EXIT_OK);
	j = json_loads(h->cap.out_text, 0, &e);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "devices")), 2);
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(json_object_get(j, "devices"), 1), "path")), "direct");
	json_decref(j);
	assert_int_equal(dmabench(h, "info", "--format", "csv", NULL), EXIT_USAGE);
	assert_string_equal(h->cap.err_text, "dmabench info: --format: 'csv' is not one of: "
			    "human, json\n");
	/* What the module declares: the pair and the variant. */
	fake_module_add_alloc(&h->fm);
	assert_int_equal(dmabench(h, "list", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "fake alloc_attrs [vs alloc_coherent]\n"));
	assert_int_equal(dmabench(h, "list", "--format", "json", NULL), EXIT_OK);
	j = json_loads(h->cap.out_text, 0, &e);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(json_array_get(j, 3), "pair")),
			    "alloc_coherent");
	assert_string_equal(json_string_value(json_object_get(json_array_get(j, 3),
							      "variant")), "attrs");
	json_decref(j);
}

/* A file of a fake sysfs tree (a directory when text is NULL), with its parents. */
static void sys_put(const char *root, const char *rel, const char *text)
{
	char path[512], *slash;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (slash = strchr(path + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	if (!text) {
		mkdir(path, 0755);
		return;
	}
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void sys_link(const char *root, const char *rel, const char *target)
{
	char path[512], to[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	snprintf(to, sizeof(to), "%s/%s", root, target);
	assert_int_equal(symlink(to, path), 0);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* A PCI device of the fake sysfs tree: vendor, device, class. */
static void sys_pci(const char *root, const char *bdf, const char *vendor,
		    const char *device, const char *class_code)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "bus/pci/devices/%s/vendor", bdf);
	sys_put(root, rel, vendor);
	snprintf(rel, sizeof(rel), "bus/pci/devices/%s/device", bdf);
	sys_put(root, rel, device);
	snprintf(rel, sizeof(rel), "bus/pci/devices/%s/class", bdf);
	sys_put(root, rel, class_code);
}

/* info --pci: every PCI device of sysfs, and why it is usable or not. */
static void test_info_pci(void **state)
{
	struct harness *h = *state;
	char root[] = "/tmp/dmabench-sys-XXXXXX";
	json_t *j, *pci;
	json_error_t e;

	assert_non_null(mkdtemp(root));
	sys_pci(root, "0000:00:00.0", "0x8086\n", "0x1237\n", "0x060000\n");
	sys_pci(root, "0000:00:02.0", "0x1234\n", "0x1111\n", "0x030000\n");
	sys_pci(root, "0000:00:03.0", "0x1234\n", "0x11e8\n", "0x00ff00\n");
	sys_pci(root, "0000:00:04.0", "0x8086\n", "0x100e\n", "0x020000\n");
	sys_put(root, "bus/pci/devices/0000:00:04.0/driver_override", "(null)\n");
	sys_put(root, "bus/pci/drivers/bochs-drm", NULL);
	sys_put(root, "bus/pci/drivers/dmabench", NULL);
	sys_put(root, "kernel/iommu_groups/1/type", "DMA\n");
	sys_put(root, "kernel/iommu_groups/1/devices/0000:00:02.0", "");
	sys_put(root, "kernel/iommu_groups/2/type", "DMA-FQ\n");
	sys_put(root, "kernel/iommu_groups/2/devices/0000:00:03.0", "");
	sys_put(root, "kernel/iommu_groups/2/devices/0000:00:03.1", "");
	sys_link(root, "bus/pci/devices/0000:00:02.0/driver", "bus/pci/drivers/bochs-drm");
	sys_link(root, "bus/pci/devices/0000:00:02.0/iommu_group", "kernel/iommu_groups/1");
	sys_link(root, "bus/pci/devices/0000:00:03.0/driver", "bus/pci/drivers/dmabench");
	sys_link(root, "bus/pci/devices/0000:00:03.0/iommu_group", "kernel/iommu_groups/2");
	h->ctx.sysfs_root = root;

	assert_int_equal(dmabench(h, "info", "--pci", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "# PCI devices (sysfs): 4\n"));
	assert_non_null(strstr(h->cap.out_text, "\n0000:00:00.0   8086:1237 060000 -"
			       "            no     a bridge (class 0600): not a device that does DMA\n"));
	assert_non_null(strstr(h->cap.out_text, "\n0000:00:02.0   1234:1111 030000 bochs-drm"
			       "    no     in use by bochs-drm: only if it is spare, through "
			       "driver_override (docs/real-hardware.md); IOMMU group 1 (DMA) of "
			       "its own\n"));
	assert_non_null(strstr(h->cap.out_text, "\n0000:00:03.0   1234:11e8 00ff00 dmabench"
			       "     yes    bound to dmabench; IOMMU group 2 (DMA-FQ) shared with "
			       "1 other device(s)\n"));
	assert_non_null(strstr(h->cap.out_text, "\n0000:00:04.0   8086:100e 020000 -"
			       "            yes    no driver: can be handed to dmabench through "
			       "driver_override (docs/real-hardware.md); no IOMMU group: its path "
			       "would be direct or swiotlb\n"));
	assert_int_equal(dmabench(h, "info", "--pci", "--format", "json", NULL), EXIT_OK);
	j = json_loads(h->cap.out_text, 0, &e);
	assert_non_null(j);
	pci = json_object_get(j, "pci");
	assert_int_equal(json_array_size(pci), 4);
	assert_true(json_is_true(json_object_get(json_array_get(pci, 2), "bound")));
	assert_true(json_is_false(json_object_get(json_array_get(pci, 1), "usable")));
	assert_true(json_is_null(json_object_get(json_array_get(pci, 3), "driver_override")));
	assert_int_equal(json_integer_value(json_object_get(json_array_get(pci, 2),
							    "group_devices")), 2);
	json_decref(j);
	/* Without --pci no scan; an unreadable tree is an error, said. */
	assert_int_equal(dmabench(h, "info", NULL), EXIT_OK);
	assert_null(strstr(h->cap.out_text, "PCI devices"));
	assert_int_equal(nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
	assert_int_equal(dmabench(h, "info", "--pci", NULL), EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "/bus/pci/devices: No such file or directory"));
	h->ctx.sysfs_root = NULL;
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_run_to_json_file),
		T(test_run_json_contents),
		T(test_run_clock_and_floor),
		T(test_run_whole_iteration),
		T(test_run_repeat_auto),
		T(test_run_repeat_keeps_repetitions),
		T(test_run_batched_reports_iterations),
		T(test_run_csv_to_stdout),
		T(test_run_interrupted_writes_nothing),
		T(test_run_failure_writes_nothing),
		T(test_run_warns_on_errors_and_overflow),
		T(test_run_unsupported),
		T(test_usage_errors),
		T(test_module_missing),
		T(test_abi_mismatch),
		T(test_verify_swiotlb),
		T(test_verify_unexpected_outcome_fails),
		T(test_verify_direct_path_expects_not_stale),
		T(test_verify_skips_refused_ops_layer),
		T(test_verify_device_errors),
		T(test_list_and_info),
		T(test_info_pci),
	};

	return cmocka_run_group_tests_name("commands", tests, NULL, NULL);
}

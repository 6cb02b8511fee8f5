// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench trace without a tracer: arguments refused before anything is
 * spawned, the output directory, and the exact commands handed to perf,
 * trace-cmd and lttng (trace_spawn replaced by a recorder, tracefs by a
 * directory tree made here).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>
#include "cli_capture.h"
#include "cmd_trace.h"
#include "lib/ust.h"

#define MAX_CALLS	16
#define CALL_LEN	4096

/* What the fake spawn saw: argv and env joined by spaces, per call. */
static struct {
	int ncalls;
	char argv[MAX_CALLS][CALL_LEN];
	char env[MAX_CALLS][CALL_LEN];
	bool quiet[MAX_CALLS];
	int status_of_run;	/* returned for the call that runs `dmabench run` */
	bool run_writes_nothing;	/* a refused run under a tracer that says 0 */
	const char *listing;	/* what `lttng list --kernel` prints */
	int ncaptures;
} spawned;

static void join(char *buf, char *const v[])
{
	size_t used = 0;

	buf[0] = '\0';
	for (; v && *v; v++)
		used += snprintf(buf + used, CALL_LEN - used, "%s%s", used ? " " : "", *v);
}

static int fake_spawn(char *const argv[], char *const env[], bool quiet)
{
	int i = spawned.ncalls++;
	char *const *a;

	assert_true(i < MAX_CALLS);
	join(spawned.argv[i], argv);
	join(spawned.env[i], env);
	spawned.quiet[i] = quiet;
	for (a = argv; *a; a++)
		if (!strcmp(*a, "run"))
			break;
	if (!*a)
		return 0;
	/* The run writes its result unless it fails. */
	for (; *a && !spawned.status_of_run && !spawned.run_writes_nothing; a++)
		if (!strcmp(*a, "--output") && a[1]) {
			FILE *f = fopen(a[1], "w");

			assert_non_null(f);
			fputs("{}\n", f);
			fclose(f);
		}
	return spawned.status_of_run;
}

static int fake_capture(char *const argv[], char **out)
{
	char buf[CALL_LEN];

	join(buf, argv);
	assert_string_equal(buf, "lttng list --kernel");
	spawned.ncaptures++;
	*out = strdup(spawned.listing ? spawned.listing : "");
	return *out ? 0 : -ENOMEM;
}

struct harness {
	struct cmd_ctx ctx;
	struct cli_capture cap;
	char dir[64];		/* mkdtemp: tracefs/ and out/ below */
	char tracefs[128];
	char base[128];
	char provider[128];
};

static void touch_dir(const char *root, const char *sub)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", root, sub);
	assert_int_equal(mkdir(path, 0755), 0);
}

static void touch_file(const char *root, const char *sub)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, sub);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
}

/* A dma system as 7.3 has it, in part: events, and its own enable and
 * filter files (not events). */
static void make_dma_system(struct harness *h)
{
	touch_dir(h->tracefs, "events/dma");
	touch_file(h->tracefs, "events/dma/enable");
	touch_file(h->tracefs, "events/dma/filter");
	touch_dir(h->tracefs, "events/dma/dma_unmap_phys");
	touch_dir(h->tracefs, "events/dma/dma_map_phys");
	touch_dir(h->tracefs, "events/dma/dma_map_sg");
}

/* DIR/trace.json, parsed. */
static json_t *metadata(const char *dir)
{
	char path[600];
	json_error_t jerr;
	json_t *j;

	snprintf(path, sizeof(path), "%s/trace.json", dir);
	j = json_load_file(path, 0, &jerr);
	if (!j)
		fail_msg("%s: %s", path, jerr.text);
	return j;
}

/* A JSON array of strings joined by spaces. */
static void join_json(char *buf, size_t len, json_t *array)
{
	size_t i, used = 0;

	buf[0] = '\0';
	assert_true(json_is_array(array));
	for (i = 0; i < json_array_size(array); i++)
		used += snprintf(buf + used, len - used, "%s%s", used ? " " : "",
				 json_string_value(json_array_get(array, i)));
}

static int setup(void **state)
{
	struct harness *h = calloc(1, sizeof(*h));

	if (!h)
		return -1;
	strcpy(h->dir, "/tmp/dmabench-trace-XXXXXX");
	if (!mkdtemp(h->dir))
		return -1;
	/* A tracefs with dmabench's events and the iommu ones, no swiotlb. */
	snprintf(h->tracefs, sizeof(h->tracefs), "%s/tracefs", h->dir);
	mkdir(h->tracefs, 0755);
	touch_dir(h->tracefs, "events");
	touch_dir(h->tracefs, "events/dmabench");
	touch_dir(h->tracefs, "events/iommu");
	touch_dir(h->tracefs, "events/iommu/map");
	touch_dir(h->tracefs, "events/iommu/unmap");
	snprintf(h->base, sizeof(h->base), "%s/out/traces", h->dir);
	snprintf(h->provider, sizeof(h->provider), "%s/%s", h->dir,
		 DMABENCH_UST_PROVIDER);
	setenv(TRACE_TRACEFS_ENV, h->tracefs, 1);
	unsetenv(DMABENCH_UST_PROVIDER_ENV);
	memset(&spawned, 0, sizeof(spawned));
	trace_spawn = fake_spawn;
	trace_capture = fake_capture;
	dmabench_interrupted = 0;
	*state = h;
	return 0;
}

static int teardown(void **state)
{
	struct harness *h = *state;
	char cmd[256];

	/* Only what setup made, under its mkdtemp directory. */
	snprintf(cmd, sizeof(cmd), "rm -rf -- '%s'", h->dir);
	if (system(cmd))
		return -1;
	unsetenv(TRACE_TRACEFS_ENV);
	unsetenv(DMABENCH_UST_PROVIDER_ENV);
	cli_capture_free(&h->cap);
	free(h);
	return 0;
}

/* Runs "dmabench trace ARGS..." with out/err captured into h->cap. */
static int trace(struct harness *h, ...)
{
	va_list ap;
	int ret;

	va_start(ap, h);
	ret = cli_capture_vrun(&h->ctx, &h->cap, "trace", ap);
	va_end(ap);
	return ret;
}

static bool exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

/* A usage error: exit 2, the message on stderr, nothing spawned or made. */
static void expect_refused(struct harness *h, int ret, const char *message)
{
	assert_int_equal(ret, EXIT_USAGE);
	assert_non_null(strstr(h->cap.err_text, message));
	assert_int_equal(spawned.ncalls, 0);
	assert_false(exists(h->base));
	assert_int_equal(h->cap.out_len, 0);
}

static void test_unknown_tool(void **state)
{
	struct harness *h = *state;

	expect_refused(h, trace(h, "--with", "strace", "--output-dir", h->base,
				"map_single", NULL), "--with strace: not perf");
	expect_refused(h, trace(h, "--with=ftrace", "--output-dir", h->base,
				"map_single", NULL), "--with ftrace: not perf");
}

static void test_tool_required(void **state)
{
	struct harness *h = *state;

	expect_refused(h, trace(h, "--output-dir", h->base, "map_single", NULL),
		       "--with perf|trace-cmd|lttng is required");
	expect_refused(h, trace(h, "map_single", "--with", NULL), "--with needs a value");
	expect_refused(h, trace(h, "--with", "perf", "map_single", "--output-dir", NULL),
		       "--output-dir needs a value");
	expect_refused(h, trace(h, "--with", "perf", "--output-dir=", "map_single", NULL),
		       "--output-dir: empty");
}

static void test_missing_scenario(void **state)
{
	struct harness *h = *state;

	expect_refused(h, trace(h, "--with", "perf", "--output-dir", h->base, NULL),
		       "which scenario?");
	expect_refused(h, trace(h, "--with", "lttng", "--output-dir", h->base,
				"--size", "4096", NULL), "which scenario?");
}

static void test_bad_run_options(void **state)
{
	struct harness *h = *state;
	const char *bad[][2] = {
		{ "--size", "0" },
		{ "--size", "4k4" },
		{ "--iterations", "-1" },
		{ "--threads", "100000" },
		{ "--dir", "sideways" },
		{ "--bogus", "1" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int ret = trace(h, "--with", "trace-cmd", "--output-dir", h->base,
				"map_single", bad[i][0], bad[i][1], NULL);

		assert_int_equal(ret, EXIT_USAGE);
		assert_non_null(strstr(h->cap.err_text, "dmabench trace: "));
		assert_int_equal(spawned.ncalls, 0);
		assert_false(exists(h->base));
	}
}

static void test_output_and_format_are_traces(void **state)
{
	struct harness *h = *state;

	expect_refused(h, trace(h, "--with", "perf", "--output-dir", h->base, "map_single",
				"--output", "x.json", NULL), "--output: trace writes");
	expect_refused(h, trace(h, "--with", "perf", "--output-dir", h->base, "map_single",
				"--format=csv", NULL), "--format=csv: trace writes");
}

static void test_missing_dmabench_events(void **state)
{
	struct harness *h = *state;
	char path[256];
	int ret;

	snprintf(path, sizeof(path), "%s/events/dmabench", h->tracefs);
	assert_int_equal(rmdir(path), 0);
	ret = trace(h, "--with", "perf", "--output-dir", h->base, "map_single", NULL);
	assert_int_equal(ret, EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "is dmabench.ko loaded?"));
	assert_int_equal(spawned.ncalls, 0);
	assert_false(exists(h->base));
}

/* The directory printed on stdout: under the base, named stamp-tool-pid. */
static void expect_dir(struct harness *h, const char *tool, char *dir, size_t len)
{
	char suffix[64];

	assert_non_null(h->cap.out_text);
	assert_true(h->cap.out_len > strlen(h->base) + 1);
	snprintf(dir, len, "%.*s", (int)h->cap.out_len - 1, h->cap.out_text);
	assert_int_equal(strncmp(dir, h->base, strlen(h->base)), 0);
	snprintf(suffix, sizeof(suffix), "-%s-%ld", tool, (long)getpid());
	assert_non_null(strstr(dir, suffix));
	assert_true(exists(dir));
}

/*
 * perf writes into a file of TMPDIR (a 9p mount refuses its writes on 7.3),
 * copied into the trace directory afterwards and removed.
 */
static void test_perf_command(void **state)
{
	struct harness *h = *state;
	char dir[512], want[2048], tmp[600];
	const char *o;

	setenv("TMPDIR", h->dir, 1);
	assert_int_equal(trace(h, "--with", "perf", "--output-dir", h->base, "map_single",
			       "--size", "4096", "--iterations", "100", NULL), EXIT_OK);
	unsetenv("TMPDIR");
	expect_dir(h, "perf", dir, sizeof(dir));
	assert_int_equal(spawned.ncalls, 1);
	snprintf(want, sizeof(want), "perf record --no-buildid --no-buildid-cache -q -a "
		 "-m 8M -o %s/dmabench-perf-", h->dir);
	assert_int_equal(strncmp(spawned.argv[0], want, strlen(want)), 0);
	o = spawned.argv[0] + strlen(want) - strlen(h->dir) - strlen("/dmabench-perf-");
	snprintf(tmp, sizeof(tmp), "%.*s", (int)strcspn(o, " "), o);
	assert_false(exists(tmp));		/* removed once copied */
	snprintf(want, sizeof(want), "%s/perf.data", dir);
	assert_true(exists(want));
	assert_non_null(strstr(spawned.argv[0], " -e dmabench:* -e iommu:map -e iommu:unmap -- "));
	snprintf(want, sizeof(want), " run map_single --size 4096 --iterations 100 "
		 "--format json --output %s/result.json", dir);
	assert_non_null(strstr(spawned.argv[0], want));
	assert_string_equal(spawned.env[0], DMABENCH_TRACED_ENV "=perf");
	assert_false(spawned.quiet[0]);
}

/* trace-cmd says 0 for a run the module refused: the trace fails anyway. */
static void test_refused_run_fails_the_trace(void **state)
{
	struct harness *h = *state;

	spawned.run_writes_nothing = true;
	assert_int_equal(trace(h, "iova_list", "--with=trace-cmd",
			       "--output-dir", h->base, NULL), EXIT_RUN_FAILED);
	assert_int_equal(spawned.ncalls, 1);
	assert_non_null(strstr(h->cap.err_text, "the traced run wrote no result"));
	assert_null(strstr(h->cap.out_text, h->base));
}

static void test_trace_cmd_command(void **state)
{
	struct harness *h = *state;
	char dir[512], want[2048];

	assert_int_equal(trace(h, "--with=trace-cmd", "--output-dir=", NULL), EXIT_USAGE);
	assert_int_equal(trace(h, "map_single", "--with=trace-cmd",
			       "--output-dir", h->base, "--dir", "from_device", NULL), EXIT_OK);
	expect_dir(h, "trace-cmd", dir, sizeof(dir));
	assert_int_equal(spawned.ncalls, 1);
	snprintf(want, sizeof(want), "trace-cmd record -q -b 8192 -o %s/trace.dat "
		 "-e dmabench -e iommu:map -e iommu:unmap ", dir);
	assert_int_equal(strncmp(spawned.argv[0], want, strlen(want)), 0);
	assert_non_null(strstr(spawned.argv[0], " run map_single --dir from_device "
			       "--format json --output "));
	assert_string_equal(spawned.env[0], DMABENCH_TRACED_ENV "=trace-cmd");
	assert_true(spawned.quiet[0]);
}

/* lttng: create, channel, kernel events, [UST events], start, run, stop, destroy. */
static void test_lttng_commands_with_ust(void **state)
{
	struct harness *h = *state;
	char dir[512], want[1024];
	FILE *f = fopen(h->provider, "w");

	assert_non_null(f);
	fclose(f);
	setenv(DMABENCH_UST_PROVIDER_ENV, h->provider, 1);
	unsetenv("LD_PRELOAD");
	assert_int_equal(trace(h, "--with", "lttng", "--output-dir", h->base,
			       "map_single", NULL), EXIT_OK);
	expect_dir(h, "lttng", dir, sizeof(dir));
	assert_int_equal(spawned.ncalls, 8);
	snprintf(want, sizeof(want), "lttng create dmabench-%ld --output %s/lttng",
		 (long)getpid(), dir);
	assert_string_equal(spawned.argv[0], want);
	assert_non_null(strstr(spawned.argv[1], "lttng enable-channel --kernel"));
	assert_string_equal(spawned.argv[2], "lttng enable-event --kernel --channel kchan "
			    "dmabench_*,iommu_map,iommu_unmap");
	assert_string_equal(spawned.argv[3], "lttng enable-event --userspace dmabench_ust:*");
	assert_non_null(strstr(spawned.argv[4], "lttng start dmabench-"));
	assert_non_null(strstr(spawned.argv[5], " run map_single --format json"));
	snprintf(want, sizeof(want), DMABENCH_TRACED_ENV "=lttng "
		 "LTTNG_UST_REGISTER_TIMEOUT=-1 LD_PRELOAD=%s", h->provider);
	assert_string_equal(spawned.env[5], want);
	assert_non_null(strstr(spawned.argv[6], "lttng stop dmabench-"));
	assert_non_null(strstr(spawned.argv[7], "lttng destroy dmabench-"));
}

static void test_lttng_without_provider_warns(void **state)
{
	struct harness *h = *state;
	int i;

	setenv(DMABENCH_UST_PROVIDER_ENV, h->provider, 1);	/* not created */
	assert_int_equal(trace(h, "--with", "lttng", "--output-dir", h->base,
			       "map_single", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.err_text, "warning: no LTTng-UST run markers"));
	assert_int_equal(spawned.ncalls, 7);
	for (i = 0; i < spawned.ncalls; i++) {
		assert_null(strstr(spawned.argv[i], "--userspace"));
		assert_null(strstr(spawned.env[i], "LD_PRELOAD"));
	}
}

/* The run's status comes back, and the session is still stopped and destroyed. */
static void test_lttng_failed_run_still_cleans_up(void **state)
{
	struct harness *h = *state;

	spawned.status_of_run = 3;
	assert_int_equal(trace(h, "--with", "lttng", "--output-dir", h->base,
			       "map_single", NULL), 3);
	assert_non_null(strstr(h->cap.err_text, "dmabench run exited with status 3"));
	assert_non_null(strstr(spawned.argv[spawned.ncalls - 2], "lttng stop"));
	assert_non_null(strstr(spawned.argv[spawned.ncalls - 1], "lttng destroy"));
}

/* 6.1: no dma system. trace.json says so: absent, not zero events. */
static void test_metadata_without_dma(void **state)
{
	struct harness *h = *state;
	char dir[512], buf[1024];
	json_t *j, *dma;

	assert_int_equal(trace(h, "--with", "trace-cmd", "--output-dir", h->base,
			       "map_single", NULL), EXIT_OK);
	expect_dir(h, "trace-cmd", dir, sizeof(dir));
	assert_null(strstr(spawned.argv[0], " -e dma:"));
	j = metadata(dir);
	assert_string_equal(json_string_value(json_object_get(j, "tool")), "trace-cmd");
	assert_string_equal(json_string_value(json_object_get(j, "tracefs")), h->tracefs);
	join_json(buf, sizeof(buf), json_object_get(j, "enabled"));
	assert_string_equal(buf, "dmabench:* iommu:map iommu:unmap");
	dma = json_object_get(j, "dma_events");
	assert_true(json_is_false(json_object_get(dma, "in_kernel")));
	assert_int_equal(json_array_size(json_object_get(dma, "enabled")), 0);
	assert_int_equal(json_array_size(json_object_get(dma, "not_recorded")), 0);
	json_decref(j);
}

/* Every event of events/dma/, by name, sorted; the system's files are not. */
static void test_dma_events_found(void **state)
{
	struct harness *h = *state;
	char dir[512], want[2048], buf[1024];
	json_t *j, *dma;

	make_dma_system(h);
	assert_int_equal(trace(h, "--with", "perf", "--output-dir", h->base,
			       "map_single", NULL), EXIT_OK);
	expect_dir(h, "perf", dir, sizeof(dir));
	snprintf(want, sizeof(want), "-e iommu:unmap -e dma:dma_map_phys -e dma:dma_map_sg "
		 "-e dma:dma_unmap_phys -- ");
	assert_non_null(strstr(spawned.argv[0], want));
	assert_null(strstr(spawned.argv[0], "dma:enable"));
	j = metadata(dir);
	dma = json_object_get(j, "dma_events");
	assert_true(json_is_true(json_object_get(dma, "in_kernel")));
	join_json(buf, sizeof(buf), json_object_get(dma, "enabled"));
	assert_string_equal(buf, "dma_map_phys dma_map_sg dma_unmap_phys");
	join_json(buf, sizeof(buf), json_object_get(j, "enabled"));
	assert_string_equal(buf, "dmabench:* iommu:map iommu:unmap dma:dma_map_phys "
			    "dma:dma_map_sg dma:dma_unmap_phys");
	json_decref(j);

	memset(&spawned, 0, sizeof(spawned));
	assert_int_equal(trace(h, "--with", "trace-cmd", "--output-dir", h->base,
			       "map_single", NULL), EXIT_OK);
	assert_non_null(strstr(spawned.argv[0], "-e iommu:unmap -e dma:dma_map_phys "
			       "-e dma:dma_map_sg -e dma:dma_unmap_phys "));
}

/* A name tracefs would not make, and more events than dmabench keeps: left
 * out, counted and said. */
static void test_dma_events_skipped(void **state)
{
	struct harness *h = *state;
	char dir[512], name[64];
	json_t *j, *dma;
	int i;

	touch_dir(h->tracefs, "events/dma");
	touch_dir(h->tracefs, "events/dma/Bad-Name");
	for (i = 0; i < TRACE_MAX_DMA_EVENTS + 2; i++) {
		snprintf(name, sizeof(name), "events/dma/dma_ev%02d", i);
		touch_dir(h->tracefs, name);
	}
	assert_int_equal(trace(h, "--with", "trace-cmd", "--output-dir", h->base,
			       "map_single", NULL), EXIT_OK);
	expect_dir(h, "trace-cmd", dir, sizeof(dir));
	assert_non_null(strstr(h->cap.err_text, "warning: 3 events of "));
	assert_null(strstr(spawned.argv[0], "Bad-Name"));
	j = metadata(dir);
	dma = json_object_get(j, "dma_events");
	assert_int_equal(json_integer_value(json_object_get(dma, "skipped")), 3);
	assert_int_equal(json_array_size(json_object_get(dma, "enabled")),
			 TRACE_MAX_DMA_EVENTS);
	json_decref(j);
}

/* `lttng list --kernel` as lttng-tools 2.13 prints it. */
static const char lttng_listing[] =
	"Kernel events:\n"
	"-------------\n"
	"      dmabench_map_page (loglevel: TRACE_EMERG (0)) (type: tracepoint)\n"
	"      dma_map_phys (loglevel: TRACE_EMERG (0)) (type: tracepoint)\n"
	"      dma_unmap_phys_x (loglevel: TRACE_EMERG (0)) (type: tracepoint)\n"
	"      dma_fence_init (loglevel: TRACE_EMERG (0)) (type: tracepoint)\n"
	"      dma_map_sg\n";

/* LTTng records the dma events it has a probe for; the others are said,
 * and trace.json lists them as not recorded. */
static void test_lttng_dma_events(void **state)
{
	struct harness *h = *state;
	char dir[512], buf[1024];
	json_t *j, *dma;

	make_dma_system(h);
	spawned.listing = lttng_listing;
	assert_int_equal(trace(h, "--with", "lttng", "--output-dir", h->base,
			       "map_single", NULL), EXIT_OK);
	expect_dir(h, "lttng", dir, sizeof(dir));
	assert_int_equal(spawned.ncaptures, 1);
	assert_string_equal(spawned.argv[2], "lttng enable-event --kernel --channel kchan "
			    "dmabench_*,iommu_map,iommu_unmap,dma_map_phys,dma_map_sg");
	assert_non_null(strstr(h->cap.err_text, "the kernel has dma:dma_unmap_phys but "
			       "LTTng lists no such event"));
	j = metadata(dir);
	join_json(buf, sizeof(buf), json_object_get(j, "enabled"));
	assert_string_equal(buf, "dmabench_* iommu_map iommu_unmap dma_map_phys dma_map_sg");
	dma = json_object_get(j, "dma_events");
	join_json(buf, sizeof(buf), json_object_get(dma, "enabled"));
	assert_string_equal(buf, "dma_map_phys dma_map_sg");
	join_json(buf, sizeof(buf), json_object_get(dma, "not_recorded"));
	assert_string_equal(buf, "dma_unmap_phys");
	json_decref(j);
}

/* No dma system: LTTng is not even asked. */
static void test_lttng_without_dma_asks_nothing(void **state)
{
	struct harness *h = *state;

	assert_int_equal(trace(h, "--with", "lttng", "--output-dir", h->base,
			       "map_single", NULL), EXIT_OK);
	assert_int_equal(spawned.ncaptures, 0);
}

static void test_output_dir_is_a_file(void **state)
{
	struct harness *h = *state;
	char file[256];
	FILE *f;

	snprintf(file, sizeof(file), "%s/plain-file", h->dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(trace(h, "--with", "perf", "--output-dir", file, "map_single",
			       NULL), EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "cannot create"));
	assert_int_equal(spawned.ncalls, 0);
}

static void test_make_dir(void **state)
{
	struct harness *h = *state;
	struct trace_ctx t = { 0 };
	char *args[] = { "trace", "--with", "perf", "--output-dir", h->base, "null", NULL };
	char *run_args[8];
	char longbase[PATH_MAX];

	t.run_args = run_args;
	assert_int_equal(trace_parse_args(&t, 6, args), EXIT_OK);
	assert_string_equal(trace_tool_name(&t), "perf");
	assert_string_equal(t.cfg.params.scenario, "null");
	assert_int_equal(trace_make_dir(&t, "20260101T000000Z", 42), 0);
	assert_true(exists(t.dir));
	assert_non_null(strstr(t.dir, "/out/traces/20260101T000000Z-perf-42"));
	{	/* a trace holds DMA addresses: the owner's only */
		struct stat st;

		assert_int_equal(stat(t.dir, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0700);
	}
	/* Again: the directory may exist. */
	assert_int_equal(trace_make_dir(&t, "20260101T000000Z", 42), 0);
	memset(longbase, 'a', sizeof(longbase) - 1);
	longbase[sizeof(longbase) - 1] = '\0';
	t.base_dir = longbase;
	assert_int_equal(trace_make_dir(&t, "20260101T000000Z", 42), -ENAMETOOLONG);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_unknown_tool),
		T(test_tool_required),
		T(test_missing_scenario),
		T(test_bad_run_options),
		T(test_output_and_format_are_traces),
		T(test_missing_dmabench_events),
		T(test_perf_command),
		T(test_trace_cmd_command),
		T(test_refused_run_fails_the_trace),
		T(test_lttng_commands_with_ust),
		T(test_lttng_without_provider_warns),
		T(test_lttng_failed_run_still_cleans_up),
		T(test_metadata_without_dma),
		T(test_dma_events_found),
		T(test_dma_events_skipped),
		T(test_lttng_dma_events),
		T(test_lttng_without_dma_asks_nothing),
		T(test_output_dir_is_a_file),
		T(test_make_dir),
	};

	return cmocka_run_group_tests_name("trace", tests, NULL, NULL);
}

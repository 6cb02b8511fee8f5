// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench import: job logs in LAVA's three forms (lava-run's JSON lines,
 * the server's YAML, a plain console) back into a run directory, byte for
 * byte; and every way a log can be wrong leaves no directory behind.
 */
#include <errno.h>
#include <limits.h>
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
#include <nettle/sha2.h>
#include "cmd.h"
#include "cli_capture.h"
#include "result_fixture.h"

#define dmabench(h, ...) cli_capture_run(&(h)->ctx, &(h)->cap, __VA_ARGS__)

enum log_form { FORM_JSON_LINES, FORM_YAML, FORM_CONSOLE };

/* One console line in the log's form. */
static void log_line(FILE *fp, enum log_form form, const char *text)
{
	json_t *e;
	char *s;

	if (form == FORM_CONSOLE) {
		fprintf(fp, "%s\r\n", text);
		return;
	}
	e = json_pack("{s:s,s:s,s:s}", "dt", "2026-12-06T10:00:00.000000", "lvl",
		      "target", "msg", text);
	s = json_dumps(e, JSON_COMPACT);
	fprintf(fp, "%s%s\n", form == FORM_YAML ? "- " : "", s);
	free(s);
	json_decref(e);
}

/* A file between markers as dmabench-lava-cases prints it; sha256 of
 * bad_sha (when not NULL) stands in for the file's. */
static void log_file(FILE *fp, enum log_form form, const char *name, const char *text,
		     const char *bad_sha)
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	char line[4096], hex[65];
	struct sha256_ctx c;
	const char *p = text, *nl;
	size_t i;

	snprintf(line, sizeof(line), "DMABENCH-JSON-BEGIN %s", name);
	log_line(fp, form, line);
	while (*p) {
		nl = strchr(p, '\n');
		snprintf(line, sizeof(line), "%.*s", nl ? (int)(nl - p) : (int)strlen(p), p);
		log_line(fp, form, line);
		p = nl ? nl + 1 : p + strlen(p);
	}
	sha256_init(&c);
	sha256_update(&c, strlen(bad_sha ? bad_sha : text),
		      (const uint8_t *)(bad_sha ? bad_sha : text));
	sha256_digest(&c, sizeof(digest), digest);
	for (i = 0; i < sizeof(digest); i++)
		sprintf(hex + 2 * i, "%02x", digest[i]);
	snprintf(line, sizeof(line), "DMABENCH-JSON-END %s bytes=%zu sha256=%s", name,
		 strlen(text), hex);
	log_line(fp, form, line);
}

/* A result of profile's, as the device wrote it: the fixture's file. */
static char *result_text(struct harness *h, const char *profile)
{
	const double v[] = { 100, 110, 90 };
	const struct fx_op op = { "map", v };
	const struct fx_header hd = { .kernel_release = "6.12.0-test", .profile = profile,
				      .clocksource = "tsc", .clock_read_ns = 50 };
	const char *path = fx_path_in(h, "fixture.json");
	char *text;

	fx_write_result(path, &hd, 3, &op, 1);
	text = fx_read_file(path);
	unlink(path);
	return text;
}

static const char matrix_text[] = "map_single_4k map_single --size 4k | plot=cdf\n";
static const char info_text[] = "{\"abi_version\": 1}";	/* no newline at its end */

/* A job's whole log: noise around the files, as a real one has. */
static void write_log(struct harness *h, const char *name, enum log_form form,
		      const char *result)
{
	FILE *fp = fopen(fx_path_in(h, name), "w");

	assert_non_null(fp);
	if (form != FORM_CONSOLE)
		fprintf(fp, "{\"dt\": \"x\", \"lvl\": \"info\", \"msg\": {\"case\": \"boot\"}}\n");
	log_line(fp, form, "dmabench-lava: run map_single_4k: map_single --size 4k");
	log_file(fp, form, "info.json", info_text, NULL);
	log_file(fp, form, "map_single_4k.json", result, NULL);
	log_file(fp, form, "matrix", matrix_text, NULL);
	log_line(fp, form, "<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=map RESULT=pass>");
	fclose(fp);
}

static void assert_same_file(const char *path, const char *text)
{
	char *got = fx_read_file(path);

	assert_string_equal(got, text);
	free(got);
}

static void test_import_three_forms(void **state)
{
	struct harness *h = *state;
	char *strict = result_text(h, "iommu-strict"), *direct = result_text(h, "direct");
	char *swiotlb = result_text(h, "swiotlb");

	write_log(h, "strict.log", FORM_JSON_LINES, strict);
	write_log(h, "direct.yaml", FORM_YAML, direct);
	write_log(h, "swiotlb.txt", FORM_CONSOLE, swiotlb);
	assert_int_equal(dmabench(h, "import", fx_path_in(h, "run"), fx_path_in(h, "strict.log"),
				  fx_path_in(h, "direct.yaml"), fx_path_in(h, "swiotlb.txt"), NULL),
			 EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "imported 9 files from 3 logs"));
	/* Byte for byte, the last newline of info.json not added. */
	assert_same_file(fx_path_in(h, "run/iommu-strict/map_single_4k.json"), strict);
	assert_same_file(fx_path_in(h, "run/direct/map_single_4k.json"), direct);
	assert_same_file(fx_path_in(h, "run/swiotlb/map_single_4k.json"), swiotlb);
	assert_same_file(fx_path_in(h, "run/direct/info.json"), info_text);
	assert_same_file(fx_path_in(h, "run/matrix"), matrix_text);
	/* A run directory like the lab's: summary and report read it. */
	assert_int_equal(dmabench(h, "summary", fx_path_in(h, "run"), NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text, "iommu-strict"));
	assert_int_equal(dmabench(h, "report", fx_path_in(h, "run"), NULL), EXIT_OK);
	free(strict);
	free(direct);
	free(swiotlb);
}

/* Importing log fails for why, and leaves no run directory. */
static void assert_refused(struct harness *h, const char *log, const char *why)
{
	assert_int_equal(dmabench(h, "import", fx_path_in(h, "run"), fx_path_in(h, log), NULL),
			 EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, why));
	assert_int_equal(access(fx_path_in(h, "run"), F_OK), -1);
}

/* Every bad log fails with its reason and leaves no run directory. */
static void test_import_refusals(void **state)
{
	struct harness *h = *state;
	char *res = result_text(h, "direct");
	FILE *fp;

	/* A kernel message in the middle of a file. */
	fp = fopen(fx_path_in(h, "mixed.log"), "w");
	assert_non_null(fp);
	log_file(fp, FORM_CONSOLE, "map_single_4k.json", res, "something else");
	fclose(fp);
	assert_refused(h, "mixed.log", "console output mixed in");

	/* Cut short. */
	fp = fopen(fx_path_in(h, "cut.log"), "w");
	assert_non_null(fp);
	log_line(fp, FORM_CONSOLE, "DMABENCH-JSON-BEGIN map_single_4k.json");
	log_line(fp, FORM_CONSOLE, "{");
	fclose(fp);
	assert_refused(h, "cut.log", "no END line");

	/* A name that would leave the run directory. */
	fp = fopen(fx_path_in(h, "evil.log"), "w");
	assert_non_null(fp);
	log_file(fp, FORM_CONSOLE, "../evil", res, NULL);
	fclose(fp);
	assert_refused(h, "evil.log", "not a plain file name");
	assert_int_equal(access(fx_path_in(h, "evil"), F_OK), -1);

	/* No markers at all. */
	fp = fopen(fx_path_in(h, "empty.log"), "w");
	assert_non_null(fp);
	fclose(fp);
	assert_refused(h, "empty.log", "not a dmabench job's log");

	/* The same profile twice: the second job would overwrite the first. */
	write_log(h, "a.log", FORM_JSON_LINES, res);
	assert_int_equal(dmabench(h, "import", fx_path_in(h, "run"), fx_path_in(h, "a.log"),
				  fx_path_in(h, "a.log"), NULL), EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "came in an earlier log too"));
	assert_int_equal(access(fx_path_in(h, "run"), F_OK), -1);

	/* The run directory is new, never merged into. */
	assert_int_equal(mkdir(fx_path_in(h, "run"), 0755), 0);
	assert_int_equal(dmabench(h, "import", fx_path_in(h, "run"), fx_path_in(h, "a.log"), NULL),
			 EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "exists"));
	assert_int_equal(rmdir(fx_path_in(h, "run")), 0);

	assert_int_equal(dmabench(h, "import", fx_path_in(h, "run"), NULL), EXIT_USAGE);
	assert_int_equal(dmabench(h, "import", fx_path_in(h, "run"), fx_path_in(h, "a.log"),
				  "--profile", "../x", NULL), EXIT_USAGE);
	free(res);
}

/* A log with no result names no profile: --profile gives it. */
static void test_import_profile_option(void **state)
{
	struct harness *h = *state;
	FILE *fp = fopen(fx_path_in(h, "info.log"), "w");

	assert_non_null(fp);
	log_file(fp, FORM_JSON_LINES, "info.json", info_text, NULL);
	fclose(fp);
	assert_int_equal(dmabench(h, "import", fx_path_in(h, "run"), fx_path_in(h, "info.log"), NULL),
			 EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "give --profile"));
	assert_int_equal(dmabench(h, "import", fx_path_in(h, "run"), fx_path_in(h, "info.log"),
				  "--profile", "board-a", NULL), EXIT_OK);
	assert_same_file(fx_path_in(h, "run/board-a/info.json"), info_text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		fx_harness_test(test_import_three_forms),
		fx_harness_test(test_import_refusals),
		fx_harness_test(test_import_profile_option),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
